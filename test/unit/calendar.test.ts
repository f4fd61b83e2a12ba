import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addWorkingDays, compare, dateOfDay, dayNumber, daysBetween, isoWeekday, parseTimeOfDay, shipDateFor } from '../../shared/domain/calendar';
import type { LocalNow } from '../../shared/domain/calendar';

const WEEKDAYS = [1, 2, 3, 4, 5];

function at(date: string, time: string): LocalNow {
  const minutes = parseTimeOfDay(time);
  if (minutes === null) throw new Error(`bad time ${time}`);
  return { date, minutes };
}

describe('calendar dates', () => {
  it.each<[string, number]>([
    ['2026-11-30', 1],
    ['2026-12-04', 5],
    ['2026-12-05', 6],
    ['2026-12-06', 7],
    ['1970-01-01', 4],
    ['2028-02-29', 2],
    ['1969-12-31', 3],
  ])('%s is ISO weekday %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it.each<[string, string, number, string]>([
    ['a day after New Year’s Eve is the next year', '2026-12-31', 1, '2027-01-01'],
    ['a day before New Year’s Day is the previous year', '2027-01-01', -1, '2026-12-31'],
    ['28 February of a leap year is followed by the leap day', '2028-02-28', 1, '2028-02-29'],
    ['28 February of a common year is followed by 1 March', '2026-02-28', 1, '2026-03-01'],
    ['2000 is a leap year (divisible by 400)', '2000-02-28', 1, '2000-02-29'],
    ['2100 is not a leap year (divisible by 100)', '2100-02-28', 1, '2100-03-01'],
    ['zero days is the same date', '2026-12-01', 0, '2026-12-01'],
    ['a year of days from a leap year lands a day early', '2028-01-01', 365, '2028-12-31'],
  ])('%s', (_name, date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each<[string, string, -1 | 0 | 1]>([
    ['2026-12-01', '2026-12-02', -1],
    ['2026-12-02', '2026-12-02', 0],
    ['2027-01-01', '2026-12-31', 1],
  ])('compare(%s, %s) is %i', (a, b, expected) => {
    expect(compare(a, b)).toBe(expected);
  });

  it('counts calendar days across a year boundary', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-00-10', '26-12-01', '2026-12-1', '', '2026-12-01T00:00', ' 2026-12-01'])('"%s" is not a calendar date and throws', (text) => {
    expect(() => dayNumber(text)).toThrow(RangeError);
    expect(() => addDays(text, 1)).toThrow(RangeError);
  });

  it('turns every day number back into the date it came from', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (day) => {
        expect(dayNumber(dateOfDay(day))).toBe(day);
      }),
    );
  });

  it('adds days the same way as the UTC calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -2000, max: 2000 }), (start, days) => {
        const date = new Date(start * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(date, days)).toBe(new Date((start + days) * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });
});

describe('ship date from the pickup cut-off', () => {
  it.each<[string, LocalNow, string, number[], string[], string | null]>([
    ['a parcel ready on Tuesday morning ships on Tuesday', at('2026-12-01', '10:00'), '17:00', WEEKDAYS, [], '2026-12-01'],
    ['a parcel ready a minute before the cut-off ships today', at('2026-12-01', '16:59'), '17:00', WEEKDAYS, [], '2026-12-01'],
    ['a parcel ready at exactly the cut-off minute misses it', at('2026-12-01', '17:00'), '17:00', WEEKDAYS, [], '2026-12-02'],
    ['a parcel ready after the cut-off ships the next pickup day', at('2026-12-01', '17:01'), '17:00', WEEKDAYS, [], '2026-12-02'],
    ['a parcel ready just after midnight ships that day', at('2026-12-01', '00:00'), '17:00', WEEKDAYS, [], '2026-12-01'],
    ['a cut-off at midnight is always missed', at('2026-12-01', '00:00'), '00:00', WEEKDAYS, [], '2026-12-02'],
    ['Friday after the cut-off ships on Monday', at('2026-12-04', '18:00'), '17:00', WEEKDAYS, [], '2026-12-07'],
    ['a parcel packed on Saturday ships on Monday', at('2026-12-05', '09:00'), '17:00', WEEKDAYS, [], '2026-12-07'],
    ['a parcel packed on Sunday ships on Monday', at('2026-12-06', '09:00'), '17:00', WEEKDAYS, [], '2026-12-07'],
    ['with pickups on Tuesday and Thursday, Monday ships on Tuesday', at('2026-11-30', '09:00'), '17:00', [2, 4], [], '2026-12-01'],
    ['with pickups on Tuesday and Thursday, Wednesday ships on Thursday', at('2026-12-02', '09:00'), '17:00', [2, 4], [], '2026-12-03'],
    ['with pickups on Tuesday and Thursday, Tuesday after the cut-off ships on Thursday', at('2026-12-01', '18:00'), '17:00', [2, 4], [], '2026-12-03'],
    ['with pickups on Tuesday and Thursday, Thursday after the cut-off ships next Tuesday', at('2026-12-03', '18:00'), '17:00', [2, 4], [], '2026-12-08'],
    ['Friday after the cut-off with a holiday on Monday ships on Tuesday', at('2026-12-04', '18:00'), '17:00', WEEKDAYS, ['2026-12-07'], '2026-12-08'],
    ['a holiday Monday before the cut-off ships on Tuesday', at('2026-12-07', '09:00'), '17:00', WEEKDAYS, ['2026-12-07'], '2026-12-08'],
    ['New Year’s Eve after the cut-off, New Year’s Day off, ships the Monday after', at('2026-12-31', '18:00'), '17:00', WEEKDAYS, ['2027-01-01'], '2027-01-04'],
    ['a leap-year Monday after the cut-off ships on the leap day', at('2028-02-28', '18:00'), '17:00', WEEKDAYS, [], '2028-02-29'],
    ['a carrier that never collects gives no ship date', at('2026-12-01', '09:00'), '17:00', [], [], null],
  ])('%s', (_name, now, cutoff, pickupDays, holidays, expected) => {
    expect(shipDateFor(now, cutoff, pickupDays, holidays)).toBe(expected);
  });

  it.each(['17h00', '24:00', '7:00', '12:60', ''])('a cut-off of "%s" is refused', (cutoff) => {
    expect(() => shipDateFor(at('2026-12-01', '09:00'), cutoff, WEEKDAYS, [])).toThrow(RangeError);
  });

  it.each([-1, 1440, 10.5])('a clock reading of %d minutes is refused', (minutes) => {
    expect(() => shipDateFor({ date: '2026-12-01', minutes }, '17:00', WEEKDAYS, [])).toThrow(RangeError);
  });

  it('the ship date is always a pickup day that is not a holiday, on or after today', () => {
    const weekdays = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), weekdays, fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 6 }), (offset, minutes, cutoff, pickupDays, holidayOffsets) => {
        const today = addDays('2026-01-01', offset);
        const holidays = holidayOffsets.map((days) => addDays(today, days));
        const cutoffText = `${String(Math.floor(cutoff / 60)).padStart(2, '0')}:${String(cutoff % 60).padStart(2, '0')}`;
        const ship = shipDateFor({ date: today, minutes }, cutoffText, pickupDays, holidays);
        expect(ship).not.toBeNull();
        const date = ship as string;
        expect(pickupDays).toContain(isoWeekday(date));
        expect(holidays).not.toContain(date);
        expect(compare(date, today)).toBeGreaterThanOrEqual(minutes < cutoff ? 0 : 1);
      }),
    );
  });
});

describe('transit in working days', () => {
  it.each<[string, string, number, number[], string[], string | null]>([
    ['three working days from Monday is Thursday', '2026-11-30', 3, WEEKDAYS, [], '2026-12-03'],
    ['one working day from Friday is Monday', '2026-12-04', 1, WEEKDAYS, [], '2026-12-07'],
    ['three working days from Thursday skip the weekend', '2026-12-03', 3, WEEKDAYS, [], '2026-12-08'],
    ['zero days is the ship date itself', '2026-12-05', 0, WEEKDAYS, [], '2026-12-05'],
    ['a holiday Monday does not count', '2026-12-04', 1, WEEKDAYS, ['2026-12-07'], '2026-12-08'],
    ['New Year’s Day off pushes two days from 30 December into January', '2026-12-30', 2, WEEKDAYS, ['2027-01-01'], '2027-01-04'],
    ['one working day from a leap-year Monday is the leap day', '2028-02-28', 1, WEEKDAYS, [], '2028-02-29'],
    ['a carrier that works Saturdays delivers on Saturday', '2026-12-04', 1, [1, 2, 3, 4, 5, 6], [], '2026-12-05'],
    ['a carrier without working days never delivers', '2026-12-04', 1, [], [], null],
  ])('%s', (_name, date, days, workingDays, holidays, expected) => {
    expect(addWorkingDays(date, days, workingDays, holidays)).toBe(expected);
  });

  it.each([-1, 1.5])('a transit of %d days is refused', (days) => {
    expect(() => addWorkingDays('2026-12-01', days, WEEKDAYS, [])).toThrow(RangeError);
  });

  it('a holiday list with something that is not a date is refused', () => {
    expect(() => addWorkingDays('2026-12-01', 2, WEEKDAYS, ['Christmas'])).toThrow(RangeError);
  });
});
