import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateRange } from './date-range.js';
import { LocalDate } from './local-date.js';

const d = LocalDate.parse;
const r = (start: string, end?: string | null) => DateRange.of(d(start), end ? d(end) : null);

const base = LocalDate.of(2024, 1, 1);
const arbRange = fc
  .record({ s: fc.integer({ min: 0, max: 400 }), len: fc.integer({ min: 0, max: 400 }), open: fc.boolean() })
  .map(({ s, len, open }) => DateRange.of(base.plusDays(s), open ? null : base.plusDays(s + len)));
const arbDay = fc.integer({ min: -10, max: 900 }).map((n) => base.plusDays(n));

describe('DateRange', () => {
  it('validates end >= start, allows single-day and open ranges', () => {
    expect(() => r('2024-02-01', '2024-01-31')).toThrow(RangeError);
    expect(r('2024-02-01', '2024-02-01').days()).toBe(1);
    expect(r('2024-02-01').end).toBeNull();
    expect(new DateRange(d('2024-02-01')).isOpenEnded).toBe(true);
  });

  it('includes is inclusive at both ends', () => {
    const x = r('2024-01-01', '2024-01-31');
    expect(x.includes(d('2024-01-01'))).toBe(true);
    expect(x.includes(d('2024-01-31'))).toBe(true);
    expect(x.includes(d('2024-02-01'))).toBe(false);
    expect(x.includes(d('2023-12-31'))).toBe(false);
    expect(r('2024-01-01').includes(d('2999-01-01'))).toBe(true);
  });

  it('overlaps, including touching on a single shared day', () => {
    expect(r('2024-01-01', '2024-01-31').overlaps(r('2024-01-31', '2024-02-10'))).toBe(true);
    expect(r('2024-01-01', '2024-01-31').overlaps(r('2024-02-01', '2024-02-10'))).toBe(false);
    expect(r('2024-01-01').overlaps(r('2020-01-01', '2024-01-01'))).toBe(true);
    expect(r('2024-01-01').overlaps(r('2020-01-01', '2023-12-31'))).toBe(false);
    expect(r('2024-01-01').overlaps(r('2030-01-01'))).toBe(true);
  });

  it('contains', () => {
    const year = r('2024-01-01', '2024-12-31');
    expect(year.contains(r('2024-03-01', '2024-03-31'))).toBe(true);
    expect(year.contains(year)).toBe(true);
    expect(year.contains(r('2024-03-01'))).toBe(false);
    expect(year.contains(r('2023-12-31', '2024-01-05'))).toBe(false);
    expect(r('2024-01-01').contains(r('2025-01-01'))).toBe(true);
    expect(r('2024-01-01').contains(r('2023-01-01'))).toBe(false);
  });

  it('intersection', () => {
    expect(r('2024-01-01', '2024-06-30').intersection(r('2024-03-01'))?.toString()).toBe('[2024-03-01,2024-06-30]');
    expect(r('2024-01-01').intersection(r('2024-03-01'))?.toString()).toBe('[2024-03-01,)');
    expect(r('2024-01-01', '2024-01-31').intersection(r('2024-02-01'))).toBeNull();
  });

  it('days and daysIterator', () => {
    expect(r('2024-01-01', '2024-12-31').days()).toBe(366);
    expect(r('2024-02-27', '2024-03-01').days()).toBe(4);
    expect([...r('2024-02-27', '2024-03-01').daysIterator()].map(String)).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(() => r('2024-01-01').days()).toThrow(RangeError);
    expect(() => [...r('2024-01-01').daysIterator()]).toThrow(RangeError);
  });

  it('toString and toJSON', () => {
    expect(r('2024-01-01', '2024-12-31').toString()).toBe('[2024-01-01,2024-12-31]');
    expect(r('2024-01-01').toString()).toBe('[2024-01-01,)');
    expect(JSON.parse(JSON.stringify(r('2024-01-01', '2024-12-31')))).toEqual({
      start: '2024-01-01',
      end: '2024-12-31',
    });
    expect(r('2024-01-01').toJSON()).toEqual({ start: '2024-01-01', end: null });
  });

  it('PostgreSQL daterange conversion', () => {
    expect(r('2024-01-01', '2024-12-31').toPgDaterange()).toBe('[2024-01-01,2025-01-01)');
    expect(r('2024-02-29', '2024-02-29').toPgDaterange()).toBe('[2024-02-29,2024-03-01)');
    expect(r('2024-01-01').toPgDaterange()).toBe('[2024-01-01,)');
    expect(DateRange.fromPg('[2024-01-01,2025-01-01)').toString()).toBe('[2024-01-01,2024-12-31]');
    expect(DateRange.fromPg('[2024-01-01,)').toString()).toBe('[2024-01-01,)');
    expect(DateRange.fromPg('[2024-01-01,infinity)').end).toBeNull();
    expect(DateRange.fromPg('(2023-12-31,2024-12-31]').toString()).toBe('[2024-01-01,2024-12-31]');
    for (const bad of ['empty', '(,2024-01-01)', '2024-01-01', '[2024-01-01,2024-01-01)', '[2024-13-01,)']) {
      expect(() => DateRange.fromPg(bad)).toThrow(RangeError);
    }
  });

  it('property: pg round trip', () => {
    fc.assert(fc.property(arbRange, (x) => DateRange.fromPg(x.toPgDaterange()).toString() === x.toString()));
  });

  it('property: overlaps is symmetric and matches intersection', () => {
    fc.assert(
      fc.property(arbRange, arbRange, (a, b) => {
        const i = a.intersection(b);
        return (
          a.overlaps(b) === b.overlaps(a) && a.overlaps(b) === (i !== null) && String(i) === String(b.intersection(a))
        );
      }),
    );
  });

  it('property: a day is in the intersection iff it is in both', () => {
    fc.assert(
      fc.property(arbRange, arbRange, arbDay, (a, b, day) => {
        const i = a.intersection(b);
        return (i?.includes(day) ?? false) === (a.includes(day) && b.includes(day));
      }),
    );
  });

  it('property: contains implies the intersection is the contained range', () => {
    fc.assert(fc.property(arbRange, arbRange, (a, b) => !a.contains(b) || String(a.intersection(b)) === String(b)));
  });
});
