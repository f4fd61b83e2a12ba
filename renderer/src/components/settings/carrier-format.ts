import type { Language } from '../../../../shared/contract';
import type { CatalogService } from '../../../../shared/domain/carrier-catalog';
import type { Translate } from '../../i18n/translate';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export function serviceName(service: Pick<CatalogService, 'nameEn' | 'nameZh'>, language: Language): string {
  return language === 'zh-CN' ? service.nameZh : service.nameEn;
}

function weekdayName(day: number, t: Translate): string {
  return WEEKDAYS.includes(day as Weekday) ? t(`settings.carriers.weekday.${day as Weekday}`) : String(day);
}

/** ISO weekdays as a supervisor reads them: runs of three or more days as "Mon–Fri". */
export function weekdaysText(days: readonly number[], t: Translate): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === (sorted[end] ?? 0) + 1) end += 1;
    const first = sorted[start] ?? 0;
    const last = sorted[end] ?? 0;
    if (end - start >= 2) parts.push(`${weekdayName(first, t)}–${weekdayName(last, t)}`);
    else for (let i = start; i <= end; i += 1) parts.push(weekdayName(sorted[i] ?? 0, t));
    start = end + 1;
  }
  return parts.join(', ');
}

/** Typed numbers with a comma or a point as the decimal mark (both are common at the bench). */
export function decimalOf(text: string): number | null {
  const normalised = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : null;
}

export function wholeOf(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/** Items of a list typed with commas, semicolons, spaces or one per line. */
export function listOf(text: string, separators: RegExp = /[\s,;，；]+/): string[] {
  return text
    .split(separators)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
