// Logic of 信息采用积分排行: the period (a month or a year, by adoption date), the axis and the org whose
// child unions are ranked; the table is the server's (ties already share a rank).
import { computed, reactive, ref, shallowRef } from 'vue';
import { getRanking, rankingXlsxUrl } from '@/api/news';
import type { Axis, Ranking, RankingQuery, RankingRow } from '@/api/types';
import { notifyError } from '@/utils/errors';

export type PeriodKind = 'month' | 'year';

export interface RankingFilters {
  kind: PeriodKind;
  /** `YYYY-MM` for a month, `YYYY` for a year (the pickers' value formats). */
  period: string;
  axis: Axis;
  /** undefined: the caller's own org. */
  org_id: number | undefined;
}

/** The current month or year. */
export function currentPeriod(kind: PeriodKind, today = new Date()): string {
  const year = String(today.getFullYear());
  return kind === 'year' ? year : `${year}-${String(today.getMonth() + 1).padStart(2, '0')}`;
}

/** The same time, said as the other kind: 2024-05 ⇄ 2024 (a year becomes its January). */
export function switchPeriod(period: string, kind: PeriodKind): string {
  const year = period.slice(0, 4);
  if (kind === 'year') return year;
  return period.length === 7 ? period : `${year}-01`;
}

/** GET /news/ranking query; the axis only when it is `industry`, the org only when chosen. */
export function rankingQuery(f: RankingFilters): RankingQuery {
  const query: RankingQuery = { period: f.period };
  if (f.axis === 'industry') query.axis = 'industry';
  if (f.org_id !== undefined) query.org_id = f.org_id;
  return query;
}

/** Adopted items of a row in a section (a section without any may be left out by the server). */
export function sectionCount(row: Pick<RankingRow, 'by_section'>, section: string): number {
  return row.by_section?.[section] ?? 0;
}

export function useRanking(today = new Date()) {
  const filters = reactive<RankingFilters>({ kind: 'month', period: currentPeriod('month', today), axis: 'territorial', org_id: undefined });
  const ranking = shallowRef<Ranking | null>(null);
  const loading = ref(false);
  const xlsxUrl = computed(() => rankingXlsxUrl(rankingQuery(filters)));

  async function load(): Promise<void> {
    if (!filters.period) return;
    loading.value = true;
    try {
      ranking.value = await getRanking(rankingQuery(filters));
    } catch (error) {
      ranking.value = null;
      notifyError(error);
    } finally {
      loading.value = false;
    }
  }

  function setKind(kind: PeriodKind): void {
    filters.kind = kind;
    filters.period = switchPeriod(filters.period || currentPeriod(kind, today), kind);
  }

  return { filters, ranking, loading, xlsxUrl, load, setKind };
}
