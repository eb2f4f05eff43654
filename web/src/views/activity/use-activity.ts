// Logic of the 工作动态 list: filters ⇄ URL query ⇄ API query, paging, sorting, delete.
// The pure helpers (filtersFromQuery, toApiQuery, toRouteQuery, sortFromTable) are unit-tested.
import { computed, reactive, ref } from 'vue';
import type { LocationQuery } from 'vue-router';
import { useRouter } from 'vue-router';
import { ElMessage, ElMessageBox } from 'element-plus';
import { deleteActivity, listActivities } from '@/api/activities';
import { ApiError } from '@/api/http';
import type { Activity, ActivityQuery, ActivitySort, ActivityType, Axis } from '@/api/types';
import { ACTIVITY_TYPES } from '@/api/types';
import { rememberOrgs } from '@/composables/use-org-names';
import { usePagedList } from '@/composables/use-paged-list';
import { i18n } from '@/locales';
import { notifyError } from '@/utils/errors';
import { formatDateRange, formatTimestamp } from '@/utils/format';

export interface ActivityFilters {
  org_id: number | undefined;
  axis: Axis;
  type: ActivityType | '';
  from: string;
  to: string;
  q: string;
  /** The records reporting against one 关爱行动 (a campaign's progress links here). */
  campaign_id: number | null;
  /** Only the records of `org_id` itself, not of its subtree (a progress page's 本级 row links so). */
  own: boolean;
}

export interface ListState {
  page: number;
  pageSize: number;
  sort: ActivitySort;
}

export const DEFAULT_SORT: ActivitySort = '-start_date';
const SORTS: readonly ActivitySort[] = ['-start_date', 'start_date', '-created_at'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function emptyFilters(): ActivityFilters {
  return { org_id: undefined, axis: 'territorial', type: '', from: '', to: '', q: '', campaign_id: null, own: false };
}

function one(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}

function positiveInt(value: string): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Reads filters and paging from the URL, ignoring what is malformed. */
export function filtersFromQuery(query: LocationQuery): { filters: ActivityFilters; state: ListState } {
  const type = one(query.type);
  const sort = one(query.sort);
  const from = one(query.from);
  const to = one(query.to);
  const pageSize = positiveInt(one(query.page_size));
  return {
    filters: {
      org_id: positiveInt(one(query.org_id)),
      axis: one(query.axis) === 'industry' ? 'industry' : 'territorial',
      type: (ACTIVITY_TYPES as readonly string[]).includes(type) ? (type as ActivityType) : '',
      from: DATE.test(from) ? from : '',
      to: DATE.test(to) ? to : '',
      q: one(query.q),
      campaign_id: positiveInt(one(query.campaign_id)) ?? null,
      own: one(query.own) === 'true',
    },
    state: {
      page: positiveInt(one(query.page)) ?? 1,
      pageSize: pageSize !== undefined && pageSize <= 200 ? pageSize : 20,
      sort: (SORTS as readonly string[]).includes(sort) ? (sort as ActivitySort) : DEFAULT_SORT,
    },
  };
}

/**
 * The GET /activities query; empty filters are left out (the server defaults apply). The axis is
 * sent only when it is `industry`: left out, the server rolls up an industry union on its own axis.
 */
export function toApiQuery(filters: ActivityFilters, state: ListState): ActivityQuery {
  const query: ActivityQuery = { page: state.page, page_size: state.pageSize, sort: state.sort };
  if (filters.axis === 'industry') query.axis = 'industry';
  if (filters.org_id !== undefined) query.org_id = filters.org_id;
  if (filters.type) query.type = filters.type;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.campaign_id !== null) query.campaign_id = filters.campaign_id;
  if (filters.own) query.own = true;
  return query;
}

/** The URL query that reproduces the list (defaults left out, so a plain /activity stays plain). */
export function toRouteQuery(filters: ActivityFilters, state: ListState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(toApiQuery(filters, state))) out[key] = String(value);
  if (state.page === 1) delete out.page;
  if (state.pageSize === 20) delete out.page_size;
  if (state.sort === DEFAULT_SORT) delete out.sort;
  return out;
}

/** el-table sort-change → API sort. Only the sorts the contract offers; anything else is the default. */
export function sortFromTable(prop: string | null, order: 'ascending' | 'descending' | null): ActivitySort {
  if (prop === 'start_date' && order === 'ascending') return 'start_date';
  if (prop === 'created_at' && order === 'descending') return '-created_at';
  return DEFAULT_SORT;
}

/** API sort → el-table default-sort. */
export function tableSort(sort: ActivitySort): { prop: string; order: 'ascending' | 'descending' } {
  if (sort === 'start_date') return { prop: 'start_date', order: 'ascending' };
  if (sort === '-created_at') return { prop: 'created_at', order: 'descending' };
  return { prop: 'start_date', order: 'descending' };
}

/** What a table row shows, formatted in typed code (el-table slots type rows loosely). */
export interface ActivityRow {
  id: number;
  title: string;
  type: ActivityType;
  date: string;
  organisers: string;
  participants: string;
  money: string;
  created: string;
}

export function activityRow(a: Activity): ActivityRow {
  return {
    id: a.id,
    title: a.title,
    type: a.type,
    date: formatDateRange(a.start_date, a.end_date, a.day_part),
    organisers: a.organisers.map((o) => o.name).join('、'),
    participants: a.participants?.text ?? '',
    money: a.money.map((m) => m.text).join('、'),
    created: formatTimestamp(a.created_at),
  };
}

/** Asks whether to delete the record; resolves true when the person confirmed. */
export async function confirmDelete(title: string): Promise<boolean> {
  const { t } = i18n.global;
  try {
    await ElMessageBox.confirm(t('activity.deleteConfirm', { title }), t('common.confirm'), {
      type: 'warning',
      confirmButtonText: t('common.delete'),
      cancelButtonText: t('common.cancel'),
    });
    return true;
  } catch {
    return false;
  }
}

/** Confirms, deletes (soft) and says so. Resolves true when deleted. */
export async function removeActivity(activity: Pick<Activity, 'id' | 'title'>): Promise<boolean> {
  if (!(await confirmDelete(activity.title))) return false;
  try {
    await deleteActivity(activity.id);
    ElMessage.success(i18n.global.t('common.deleted'));
    return true;
  } catch (error) {
    notifyError(error);
    return false;
  }
}

export function useActivityList() {
  const router = useRouter();
  const filters = reactive<ActivityFilters>(emptyFilters());
  const sort = ref<ActivitySort>(DEFAULT_SORT);
  const list = usePagedList(
    (page, pageSize) => listActivities(toApiQuery(filters, { page, pageSize, sort: sort.value })),
    { onLoaded: (items) => items.forEach((a) => rememberOrgs([...a.organisers, ...a.partners])) },
  );
  const rows = computed(() => list.items.value.map(activityRow));

  /** The server refused the filter (an org outside the caller's subtree is 404): shown in the table. */
  const refused = computed(() => {
    const error = list.error.value;
    if (!(error instanceof ApiError) || (error.code !== 'not_found' && error.code !== 'permission_denied')) return '';
    return error.message || i18n.global.t(`errors.${error.code}`);
  });

  function state(): ListState {
    return { page: list.page.value, pageSize: list.pageSize.value, sort: sort.value };
  }

  function applyRoute(query: LocationQuery): void {
    const parsed = filtersFromQuery(query);
    Object.assign(filters, parsed.filters);
    list.page.value = parsed.state.page;
    list.pageSize.value = parsed.state.pageSize;
    sort.value = parsed.state.sort;
  }

  /** Writes the filters to the URL (so the list can be bookmarked and survives reload), then loads. */
  async function load(): Promise<void> {
    await router.replace({ query: toRouteQuery(filters, state()) });
    await list.load();
  }

  async function search(): Promise<void> {
    list.page.value = 1;
    await load();
  }

  /** Drops the 仅本级 filter (its tag's close button): the whole subtree again. */
  async function clearOwn(): Promise<void> {
    filters.own = false;
    await search();
  }

  async function reset(): Promise<void> {
    Object.assign(filters, emptyFilters());
    sort.value = DEFAULT_SORT;
    await search();
  }

  async function changeSort(prop: string | null, order: 'ascending' | 'descending' | null): Promise<void> {
    sort.value = sortFromTable(prop, order);
    await search();
  }

  async function remove(id: number): Promise<boolean> {
    const activity = list.items.value.find((a) => a.id === id);
    if (!activity || !(await removeActivity(activity))) return false;
    if (list.items.value.length === 1 && list.page.value > 1) list.page.value -= 1;
    await load();
    return true;
  }

  return {
    filters,
    sort,
    page: list.page,
    pageSize: list.pageSize,
    rows,
    total: list.total,
    loading: list.loading,
    state: list.state,
    refused,
    applyRoute,
    load,
    search,
    reset,
    clearOwn,
    changeSort,
    remove,
  };
}
