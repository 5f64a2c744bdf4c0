import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { epochDay, fromEpochDay, LocalDate } from './local-date.js';

const d = LocalDate.parse;
const arbDate = fc
  .record({
    y: fc.integer({ min: 1900, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, day }) => LocalDate.of(y, m, day));

describe('LocalDate construction and parsing', () => {
  it('parses and prints ISO dates', () => {
    const x = d('2024-02-29');
    expect([x.year, x.month, x.day]).toEqual([2024, 2, 29]);
    expect(x.toString()).toBe('2024-02-29');
    expect(JSON.stringify({ x })).toBe('{"x":"2024-02-29"}');
    expect(LocalDate.of(2024, 1, 5).toString()).toBe('2024-01-05');
    expect(LocalDate.fromPlainDate(Temporal.PlainDate.from('2025-06-05')).toString()).toBe('2025-06-05');
  });

  it.each([
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2024-1-01',
    '20240101',
    '2024-01-01T00:00',
    ' 2024-01-01',
    '+002024-01-01',
    '',
    'not a date',
  ])('rejects %j with RangeError', (s) => {
    expect(() => d(s)).toThrow(RangeError);
    expect(() => d(s)).toThrow(/Invalid date/);
    expect(LocalDate.tryParse(s)).toBeNull();
  });

  it('of() rejects impossible and non-integer dates', () => {
    expect(() => LocalDate.of(2023, 2, 29)).toThrow(RangeError);
    expect(() => LocalDate.of(2024, 1.5, 1)).toThrow(RangeError);
  });

  it('tryParse returns the date for valid input', () => {
    expect(LocalDate.tryParse('2000-02-29')?.toString()).toBe('2000-02-29');
  });

  it('dayOfWeek is 1=Mon..7=Sun and isWeekend', () => {
    expect(d('2024-01-01').dayOfWeek).toBe(1); // Monday
    expect(d('2024-01-07').dayOfWeek).toBe(7);
    expect(d('2024-01-06').isWeekend()).toBe(true);
    expect(d('2024-01-07').isWeekend()).toBe(true);
    expect(d('2024-01-05').isWeekend()).toBe(false);
  });
});

describe('LocalDate arithmetic', () => {
  it('adds days, weeks, months, years', () => {
    expect(d('2024-12-31').plusDays(1).toString()).toBe('2025-01-01');
    expect(d('2024-03-01').minusDays(1).toString()).toBe('2024-02-29');
    expect(d('2024-01-01').plusWeeks(2).toString()).toBe('2024-01-15');
    expect(d('2024-02-29').plusYears(1).toString()).toBe('2025-02-28');
  });

  it('plusMonths constrains to month end', () => {
    expect(d('2024-01-31').plusMonths(1).toString()).toBe('2024-02-29');
    expect(d('2023-01-31').plusMonths(1).toString()).toBe('2023-02-28');
    expect(d('2024-03-31').plusMonths(-1).toString()).toBe('2024-02-29');
    expect(d('2024-10-31').plusMonths(1).toString()).toBe('2024-11-30');
  });

  it('first/last of month', () => {
    expect(d('2024-02-14').firstOfMonth().toString()).toBe('2024-02-01');
    expect(d('2024-02-14').lastOfMonth().toString()).toBe('2024-02-29');
    expect(d('2023-02-14').lastOfMonth().toString()).toBe('2023-02-28');
    expect(d('2024-12-01').lastOfMonth().toString()).toBe('2024-12-31');
  });

  it('daysUntil is other minus this', () => {
    expect(d('2024-01-01').daysUntil(d('2025-01-01'))).toBe(366);
    expect(d('2025-01-01').daysUntil(d('2024-01-01'))).toBe(-366);
    expect(d('2024-05-05').daysUntil(d('2024-05-05'))).toBe(0);
  });

  it('property: plusDays(n).daysUntil inverts', () => {
    fc.assert(fc.property(arbDate, fc.integer({ min: -5000, max: 5000 }), (x, n) => x.daysUntil(x.plusDays(n)) === n));
  });
});

describe('LocalDate comparison', () => {
  const a = d('2024-01-01');
  const b = d('2024-06-30');
  it('compares', () => {
    expect(a.compare(b)).toBe(-1);
    expect(b.compare(a)).toBe(1);
    expect(a.compare(d('2024-01-01'))).toBe(0);
    expect(a.isBefore(b) && b.isAfter(a) && !a.isAfter(b)).toBe(true);
    expect(a.isEqual(d('2024-01-01'))).toBe(true);
    expect(a.isOnOrBefore(a) && a.isOnOrAfter(a) && a.isOnOrBefore(b) && !a.isOnOrAfter(b)).toBe(true);
  });

  it('min/max', () => {
    expect(LocalDate.min(b, a, d('2024-03-01')).toString()).toBe('2024-01-01');
    expect(LocalDate.max(b, a, d('2024-03-01')).toString()).toBe('2024-06-30');
    expect(() => LocalDate.min()).toThrow(RangeError);
  });

  it('property: compare is antisymmetric and consistent with daysUntil', () => {
    fc.assert(
      fc.property(
        arbDate,
        arbDate,
        (x, y) => x.compare(y) === -y.compare(x) && x.compare(y) === -Math.sign(x.daysUntil(y)),
      ),
    );
  });
});

describe('ages', () => {
  it('counts whole completed months', () => {
    const birth = d('2022-05-15');
    expect(birth.ageInMonths(d('2022-05-15'))).toBe(0);
    expect(birth.ageInMonths(d('2022-06-14'))).toBe(0);
    expect(birth.ageInMonths(d('2022-06-15'))).toBe(1);
    expect(birth.ageInMonths(d('2024-05-14'))).toBe(23);
    expect(birth.ageInMonths(d('2024-05-15'))).toBe(24);
    expect(birth.ageInMonths(d('2025-03-15'))).toBe(34); // 2y10m: typical move to børnehave
  });

  it('month-end rule: born 31 Jan is 1 month old on the last day of February', () => {
    expect(d('2024-01-31').ageInMonths(d('2024-02-28'))).toBe(0);
    expect(d('2024-01-31').ageInMonths(d('2024-02-29'))).toBe(1);
    expect(d('2023-01-31').ageInMonths(d('2023-02-27'))).toBe(0);
    expect(d('2023-01-31').ageInMonths(d('2023-02-28'))).toBe(1);
    expect(d('2023-01-31').ageInMonths(d('2023-03-30'))).toBe(1);
    expect(d('2023-01-31').ageInMonths(d('2023-03-31'))).toBe(2);
    expect(d('2023-01-31').ageInMonths(d('2023-04-30'))).toBe(3);
  });

  it('is negative (floored) before birth', () => {
    expect(d('2024-03-15').ageInMonths(d('2024-03-14'))).toBe(-1);
    expect(d('2024-03-15').ageInYears(d('2024-03-14'))).toBe(-1);
  });

  it('counts whole years, 29 Feb birthdays on 28 Feb', () => {
    expect(d('2019-08-20').ageInYears(d('2025-08-19'))).toBe(5);
    expect(d('2019-08-20').ageInYears(d('2025-08-20'))).toBe(6);
    expect(d('2020-02-29').ageInYears(d('2021-02-27'))).toBe(0);
    expect(d('2020-02-29').ageInYears(d('2021-02-28'))).toBe(1);
    expect(d('2020-02-29').ageInYears(d('2024-02-29'))).toBe(4);
  });

  it('property: ageInMonths is the largest m with birth+m months <= on', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 31 }), (b, n, bd) => {
        const birth = LocalDate.of(b.year, b.month, Math.min(bd, b.lastOfMonth().day));
        const on = birth.plusDays(n);
        const m = birth.ageInMonths(on);
        return (
          birth.plusMonths(m).isOnOrBefore(on) &&
          birth.plusMonths(m + 1).isAfter(on) &&
          birth.ageInYears(on) === Math.floor(m / 12)
        );
      }),
    );
  });
});

describe('epoch days', () => {
  it('count days from 1970-01-01 and back, agreeing with LocalDate arithmetic', () => {
    expect(epochDay({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(epochDay({ year: 2024, month: 2, day: 29 })).toBe(19782);
    const base = LocalDate.of(1970, 1, 1);
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 80_000 }), (n) => {
        const d = base.plusDays(n);
        return epochDay(d) === n && fromEpochDay(n).toString() === d.toString();
      }),
    );
  });
});

describe('LocalDate in Danish text', () => {
  it('reads "1. marts 2026", day without a leading zero and the month in lower case', () => {
    expect(LocalDate.of(2026, 3, 1).toDanish()).toBe('1. marts 2026');
    expect(LocalDate.of(2027, 12, 24).toDanish()).toBe('24. december 2027');
    expect(LocalDate.of(2025, 5, 9).toDanish()).toBe('9. maj 2025');
  });
});
