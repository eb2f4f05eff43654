// What a timeline event shows beside its step: the detail's plain values (a reason, an outcome, the
// vote's figures; a SHA-256 shortened, a side or a text's source in words), booleans as 是/否, objects
// left out. Pure and unit-tested.
import type { TimelineEvent } from '@/api/types';
import { i18n } from '@/locales';

/** Codes in a detail that read as words: a side, a text's source. */
const CODED: Record<string, string> = { side: 'labour.contract.sides', offered_by: 'labour.contract.sides', source: 'labour.text.sources' };

function text(key: string, value: string): string {
  const { t, te } = i18n.global;
  if (key === 'sha256') return `${value.slice(0, 12)}…`;
  const coded = CODED[key];
  return coded && te(`${coded}.${value}`) ? t(`${coded}.${value}`) : value;
}

export function eventDetails(e: Pick<TimelineEvent, 'detail'>): { key: string; value: string }[] {
  const { t } = i18n.global;
  const out: { key: string; value: string }[] = [];
  for (const [key, value] of Object.entries(e.detail ?? {})) {
    if (typeof value === 'string' && value) out.push({ key, value: text(key, value) });
    else if (typeof value === 'number') out.push({ key, value: String(value) });
    else if (typeof value === 'boolean') out.push({ key, value: value ? t('labour.yes') : t('labour.no') });
  }
  return out;
}
