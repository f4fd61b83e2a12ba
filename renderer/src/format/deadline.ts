import type { Translate } from '../i18n/translate';

// The ship-by clock. Amazon counts a shipment late by LatestShipDate, so the queue shows how
// long is left (or how late it already is) and marks the orders due before the day ends.

export type Urgency = 'overdue' | 'today' | 'later' | 'none';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function urgencyOf(deadlineIso: string | null, now: number): Urgency {
  if (deadlineIso === null) return 'none';
  const deadline = Date.parse(deadlineIso);
  if (Number.isNaN(deadline)) return 'none';
  if (deadline <= now) return 'overdue';
  return sameLocalDay(new Date(deadline), new Date(now)) ? 'today' : 'later';
}

export function formatDuration(t: Translate, ms: number): string {
  const total = Math.max(0, ms);
  if (total >= DAY) return t('duration.dh', { d: Math.floor(total / DAY), h: Math.floor((total % DAY) / HOUR) });
  if (total >= HOUR) return t('duration.hm', { h: Math.floor(total / HOUR), m: Math.floor((total % HOUR) / MINUTE) });
  const seconds = Math.floor((total % MINUTE) / 1000);
  return t('duration.ms', { m: Math.floor(total / MINUTE), s: String(seconds).padStart(2, '0') });
}

/** "5 h 20 min left" / "overdue by 3 h 12 min", in the station's language. */
export function countdownText(t: Translate, deadlineIso: string | null, now: number): string {
  if (deadlineIso === null) return t('queue.noDeadline');
  const deadline = Date.parse(deadlineIso);
  if (Number.isNaN(deadline)) return t('queue.noDeadline');
  const remaining = deadline - now;
  return remaining > 0
    ? t('countdown.left', { duration: formatDuration(t, remaining) })
    : t('countdown.overdue', { duration: formatDuration(t, -remaining) });
}

/** The deadline itself, in the bench's local time. */
export function formatDeadline(deadlineIso: string, language: string): string {
  const deadline = new Date(deadlineIso);
  if (Number.isNaN(deadline.getTime())) return deadlineIso;
  return deadline.toLocaleString(language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
