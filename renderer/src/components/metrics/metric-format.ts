import type { MetricResultView } from '../../../../shared/contract';
import { METRIC_DEFINITIONS } from '../../../../shared/metrics/definitions';
import { isMessageKey } from '../../i18n/translate';
import type { Translate } from '../../i18n/translate';
import type { MetricId } from '../../store/types';

// How a seller metric reads on the dashboard and the queue: a percentage, its target, its
// status in a word and a mark (never colour alone) and what to do about it.

type Target = MetricResultView['target'];
type Status = MetricResultView['status'];

const DAY_MS = 86_400_000;

/** A mark per status, shown beside the word: the colour is the third signal, never the only one. */
export const STATUS_MARK: Record<Status, string> = { green: '✔', amber: '▲', red: '✖', 'no-data': '–' };

/**
 * Hundredths of a percent, rounded away from a pass: down for a "less than" target, up
 * for a "greater than" one, down for "equals". A rate of 3.999 % against "< 4 %" is amber
 * and reads 3.99 %, never 4.00 %; 95.001 % against "> 95 %" is green and reads 95.01 %;
 * 99.999 % against "= 100 %" is red and reads 99.99 %. The target values themselves are
 * whole hundredths of a percent (the defaults are), so the figure shown is on the same side of the limit as the
 * figure judged. Counted from the integers, not the rate, so floating point cannot tip it.
 */
export function hundredthsOfPercent(numerator: number, denominator: number, condition: Target['condition']): number {
  const exact = (numerator * 10_000) / denominator;
  return condition === 'GREATER_THAN' ? Math.ceil(exact) : Math.floor(exact);
}

function percentText(t: Translate, language: string, percent: number): string {
  const value = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(percent);
  return t('metrics.percent', { value });
}

/** The metric's figure as a percentage ("5.0 %"), or a dash with nothing in the window. */
export function rateText(t: Translate, language: string, metric: Pick<MetricResultView, 'numerator' | 'denominator' | 'target'>): string {
  if (metric.denominator === 0) return '—';
  return percentText(t, language, hundredthsOfPercent(metric.numerator, metric.denominator, metric.target.condition) / 100);
}

/** A rate from a trend point (no integers there), in whole hundredths. */
export function trendRateText(t: Translate, language: string, rate: number | null): string {
  if (rate === null) return '—';
  return percentText(t, language, Math.round(rate * 10_000) / 100);
}

/** "< 4 %", "> 95 %", "= 100 %". */
export function limitText(t: Translate, language: string, target: Target): string {
  const value = new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(target.value * 100);
  return t(`metrics.condition.${target.condition}`, { value: t('metrics.percent', { value }) });
}

export function statusText(t: Translate, status: Status): string {
  return `${STATUS_MARK[status]} ${t(`metrics.status.${status}`)}`;
}

/** What selects the orders or packages into the window, as the definitions name it. */
function selectedByText(t: Translate, id: MetricId): string {
  const selectedBy = METRIC_DEFINITIONS[id].selectedBy;
  const key = `metrics.by.${selectedBy.replace(/\s+/g, '-')}`;
  return isMessageKey(key) ? t(key) : selectedBy;
}

/** "Last 30 days, by confirmation time", or for a lagged window "14 days ending 7 days ago, by …". */
export function windowText(t: Translate, id: MetricId, window: MetricResultView['window'], reportAt: string): string {
  const lag = Math.round((Date.parse(reportAt) - Date.parse(window.to)) / DAY_MS);
  const by = selectedByText(t, id);
  return lag > 0 ? t('metrics.windowLagged', { days: window.days, lag, by }) : t('metrics.window', { days: window.days, by });
}

/** A date in the bench's local time, without the hour: "Nov 26". */
export function localDay(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(language, { month: 'short', day: 'numeric' });
}

/** Why an order hurt a figure: the translated reason, or the station's code as it is. */
export function reasonText(t: Translate, code: string): string {
  const key = `metrics.reason.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/** The name of one of the decisive times of a drill-down row, or its key as it is. */
export function timeName(t: Translate, name: string): string {
  const key = `metrics.time.${name}`;
  return isMessageKey(key) ? t(key) : name;
}

export function hoursText(language: string, hours: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(hours);
}
