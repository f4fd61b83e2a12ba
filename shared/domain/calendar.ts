// Calendar arithmetic on the station's local dates, written 'YYYY-MM-DD'. A date here is a
// day on the wall calendar, not an instant: every computation runs on whole UTC days, so no
// time zone or daylight-saving change can shift a date by one. The clock comes in as an
// argument (`localNow`); nothing here reads it.
//
// Weekdays are ISO: 1 = Monday … 7 = Sunday. A bad date or cut-off is a caller's bug and
// throws a RangeError; a calendar with no pickup or working day left answers null.

const DAY_MS = 86_400_000;

/**
 * How far ahead a pickup or working day is looked for. Longer than a year of holidays, so a
 * service whose weekdays are all on holiday (or that has none) ends in null, not a hang.
 */
const SEARCH_LIMIT_DAYS = 400;

/** A set of holidays as day numbers (see `dayNumber`); a `Set<number>` is one. */
export type HolidaySet = { has(day: number): boolean };

export type LocalNow = {
  /** The station's local date. */
  date: string;
  /** Minutes since the station's local midnight, 0 … 1439. */
  minutes: number;
};

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of `YYYY-MM-DD`, or null when it is not a real calendar date. */
export function parseDate(date: string): number | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  // setUTCFullYear, unlike Date.UTC, leaves years 0–99 alone instead of mapping them to 19xx.
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  // A day past the month's end rolls over (2026-02-30 becomes 2 March): not a real date.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return check.getTime() / DAY_MS;
}

/** Days since 1970-01-01 of `YYYY-MM-DD`. */
export function dayNumber(date: string): number {
  const day = parseDate(date);
  if (day === null) throw new RangeError(`expected a calendar date YYYY-MM-DD, got "${date}"`);
  return day;
}

/** The `YYYY-MM-DD` of a day number. */
export function dateOfDay(day: number): string {
  if (!Number.isSafeInteger(day)) throw new RangeError(`day must be a whole number, got ${day}`);
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`day ${day} is outside years 0000–9999`);
  return `${String(year).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number. */
export function weekdayOfDay(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of `YYYY-MM-DD`. */
export function isoWeekday(date: string): number {
  return weekdayOfDay(dayNumber(date));
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  return dateOfDay(dayNumber(date) + days);
}

/** -1, 0 or 1 as `a` is before, on or after `b`. */
export function compare(a: string, b: string): -1 | 0 | 1 {
  const left = dayNumber(a);
  const right = dayNumber(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** Minutes since midnight of an 'HH:MM' time (00:00 … 23:59), or null for anything else. */
export function parseTimeOfDay(time: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours > 23 || minutes > 59 ? null : hours * 60 + minutes;
}

/** The day numbers of one or more holiday lists; throws on an entry that is not a date. */
export function holidaySet(...lists: ReadonlyArray<readonly string[]>): Set<number> {
  const days = new Set<number>();
  for (const list of lists) for (const date of list) days.add(dayNumber(date));
  return days;
}

/**
 * The day a parcel handed over at `minutes` on `today` leaves: today when the cut-off has not
 * passed and today is a pickup day that is not a holiday, else the next pickup day that is
 * not a holiday; null when there is none within the search limit.
 *
 * Handing over AT the cut-off minute misses it: a 17:00 cut-off means the parcel must be on
 * the pile by 16:59, because the driver who comes at 17:00 does not wait for the label.
 */
export function shipDay(today: number, minutes: number, cutoffMinutes: number, pickupDays: readonly number[], holidays: HolidaySet): number | null {
  const first = minutes < cutoffMinutes ? today : today + 1;
  for (let day = first; day <= today + SEARCH_LIMIT_DAYS; day += 1) {
    if (pickupDays.includes(weekdayOfDay(day)) && !holidays.has(day)) return day;
  }
  return null;
}

/**
 * The day `count` working days after `from`: days are counted from the day after `from`,
 * and only working weekdays that are not holidays count. Zero days is `from` itself. Null
 * when the calendar runs out of working days within the search limit.
 */
export function addWorkingDayNumbers(from: number, count: number, workingDays: readonly number[], holidays: HolidaySet): number | null {
  let left = count;
  let day = from;
  const limit = from + SEARCH_LIMIT_DAYS + count;
  while (left > 0) {
    day += 1;
    if (day > limit) return null;
    if (workingDays.includes(weekdayOfDay(day)) && !holidays.has(day)) left -= 1;
  }
  return day;
}

function checkNow(localNow: LocalNow): number {
  if (!Number.isInteger(localNow.minutes) || localNow.minutes < 0 || localNow.minutes >= 24 * 60) {
    throw new RangeError(`localNow.minutes must be a whole number 0–1439, got ${localNow.minutes}`);
  }
  return dayNumber(localNow.date);
}

/**
 * The ship date for a parcel handed over now (see `shipDay`): `cutoff` is 'HH:MM', the
 * weekdays are ISO, holidays are 'YYYY-MM-DD'. Null when no pickup day comes.
 */
export function shipDateFor(localNow: LocalNow, cutoff: string, pickupDays: readonly number[], holidays: readonly string[]): string | null {
  const today = checkNow(localNow);
  const cutoffMinutes = parseTimeOfDay(cutoff);
  if (cutoffMinutes === null) throw new RangeError(`cutoff must be HH:MM (00:00–23:59), got "${cutoff}"`);
  const day = shipDay(today, localNow.minutes, cutoffMinutes, pickupDays, holidaySet(holidays));
  return day === null ? null : dateOfDay(day);
}

/** `date` plus `count` working days (see `addWorkingDayNumbers`); null when none come. */
export function addWorkingDays(date: string, count: number, workingDays: readonly number[], holidays: readonly string[]): string | null {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a whole number of zero or more, got ${count}`);
  const day = addWorkingDayNumbers(dayNumber(date), count, workingDays, holidaySet(holidays));
  return day === null ? null : dateOfDay(day);
}
