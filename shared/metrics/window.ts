// Window arithmetic for the seller metrics. Every time in the database is UTC ISO-8601 as
// Date.toISOString writes it (24 characters, milliseconds, 'Z'), so a window bound in the same
// form compares as text, and the SQL can use an index range. A time in another form
// ('…T10:00:00Z' without milliseconds) would compare wrongly at the boundary: normalise first.

const DAY_MS = 86_400_000;

/**
 * A metric's window: half-open, [from, to). A fact exactly at `from` is in the window, one
 * exactly at `to` is not, so two windows that meet never count the same order twice, and a
 * figure taken at `at` never counts what happened at `at` itself.
 */
export type MetricWindow = { from: string; to: string; days: number };

/** The same instant as `Date.toISOString` writes it; throws RangeError on text that is not a time. */
export function normalizeIsoTime(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`'${value}' is not an ISO-8601 date and time`);
  return new Date(ms).toISOString();
}

/**
 * The window of `days` days that ends `lagDays` days before `at`: [at − lag − days, at − lag).
 * Days are 24-hour spans of UTC time, not calendar days: Amazon's windows roll with the
 * report time, and a local calendar would need a time zone that shared/ does not have.
 */
export function windowEndingAt(at: string, days: number, lagDays = 0): MetricWindow {
  const end = Date.parse(normalizeIsoTime(at)) - lagDays * DAY_MS;
  return { from: new Date(end - days * DAY_MS).toISOString(), to: new Date(end).toISOString(), days };
}

export function inWindow(time: string | null, window: MetricWindow): boolean {
  return time !== null && time >= window.from && time < window.to;
}

export function addHours(time: string, hours: number): string {
  return new Date(Date.parse(time) + hours * 3_600_000).toISOString();
}

export function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 3_600_000;
}
