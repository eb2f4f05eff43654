// Display helpers shared by pages. Dates stay `YYYY-MM-DD` as the contract writes them.
import type { DayPart } from '@/api/types';
import { i18n } from '@/locales';

/** `2024-05-20 下午` or `2024-05-20 ~ 2024-05-22`. */
export function formatDateRange(start: string, end: string, dayPart: DayPart = ''): string {
  const { t } = i18n.global;
  const range = end && end !== start ? `${start} ~ ${end}` : start;
  return dayPart ? `${range} ${t(`activity.dayParts.${dayPart}`)}` : range;
}

/** ISO-8601 UTC → local `YYYY-MM-DD HH:mm`; unparsable input is shown as is. */
export function formatTimestamp(ts: string | null | undefined): string {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Fen → yuan with two decimals and thousands separators: 10000000 → `100,000.00`. */
export function formatYuan(fen: number): string {
  return (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
