import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, applyPercent, formatDkk, isOere, kroner, oere, parseDkk, percentOf, sumOere } from './money.js';

describe('oere / kroner', () => {
  it('oere accepts safe integers only', () => {
    expect(oere(123450)).toBe(123450);
    expect(Object.is(oere(-0), 0)).toBe(true);
    for (const bad of [1.5, NaN, Infinity, 2 ** 53]) expect(() => oere(bad)).toThrow(RangeError);
    expect(isOere(5)).toBe(true);
    expect(isOere('5')).toBe(false);
  });

  it('kroner converts exactly for up to 2 decimals', () => {
    expect(kroner(1234.5)).toBe(123450);
    expect(kroner(0.1 + 0.2)).toBe(30);
    expect(kroner(19.99)).toBe(1999);
    expect(kroner(1.15)).toBe(115); // 1.15 * 100 = 114.99999999999999 in floats
    expect(kroner(-4.35)).toBe(-435);
    expect(kroner(1.005)).toBe(101);
    expect(kroner(-1.005)).toBe(-101);
    expect(() => kroner(NaN)).toThrow(RangeError);
  });

  it('property: kroner(n/100) === n for any integer øre', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => kroner(n / 100) === n + 0));
  });
});

describe('formatDkk / parseDkk', () => {
  it('formats the Danish way', () => {
    expect(formatDkk(123450)).toBe('1.234,50 kr.');
    expect(formatDkk(-123450)).toBe('-1.234,50 kr.');
    expect(formatDkk(5)).toBe('0,05 kr.');
    expect(formatDkk(-5)).toBe('-0,05 kr.');
    expect(formatDkk(0)).toBe('0,00 kr.');
    expect(formatDkk(100000000)).toBe('1.000.000,00 kr.');
    expect(formatDkk(99999)).toBe('999,99 kr.');
    expect(formatDkk(123450, { withCurrency: false })).toBe('1.234,50');
    expect(() => formatDkk(1.5)).toThrow(RangeError);
  });

  it('parses Danish input', () => {
    expect(parseDkk('1.234,50')).toBe(123450);
    expect(parseDkk('1234,5')).toBe(123450);
    expect(parseDkk('1.234')).toBe(123400);
    expect(parseDkk('1234 kr.')).toBe(123400);
    expect(parseDkk('  -1.234,50 kr. ')).toBe(-123450);
    expect(parseDkk('0,05')).toBe(5);
    expect(parseDkk('1.000.000,00 kr')).toBe(100000000);
    expect(parseDkk('12 DKK')).toBe(1200);
  });

  it.each(['', 'kr.', '12.5', '1,234', '1.23,00', '12,345', 'abc', '1..234', '--1', '1.2345'])('rejects %j', (s) => {
    expect(() => parseDkk(s)).toThrow(RangeError);
  });

  it('property: parse(format(x)) === x', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.boolean(),
        (n, cur) => parseDkk(formatDkk(n, { withCurrency: cur })) === n + 0,
      ),
    );
  });
});

describe('percentages', () => {
  it('percentOf rounds half away from zero', () => {
    expect(percentOf(10000, 25)).toBe(2500);
    expect(percentOf(10, 25)).toBe(3); // 2.5 → 3
    expect(percentOf(-10, 25)).toBe(-3);
    expect(percentOf(30, 5)).toBe(2); // 1.5 → 2
    expect(percentOf(1, 50)).toBe(1);
    expect(percentOf(1, 49.99)).toBe(0);
    expect(percentOf(12345, 2.5)).toBe(309); // 308.625
    expect(percentOf(100, 0.5)).toBe(1); // exact decimal: 0.5, not 0.49999
    expect(percentOf(123400, 33.33)).toBe(41129); // 41129.22
  });

  it('applyPercent changes an amount by a percentage', () => {
    expect(applyPercent(10000, -25)).toBe(7500);
    expect(applyPercent(10000, 3.2)).toBe(10320);
    expect(applyPercent(333, -50)).toBe(166); // change -166.5 → -167
    expect(applyPercent(333, 0)).toBe(333);
  });

  it('sumOere', () => {
    expect(sumOere([100, 250, -50])).toBe(300);
    expect(sumOere([])).toBe(0);
    expect(() => sumOere([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(() => sumOere([1.5])).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('splits with largest remainder', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(1000, [1, 2, 3, 4])).toEqual([100, 200, 300, 400]);
    expect(allocate(10, [0.3, 0.3, 0.4])).toEqual([3, 3, 4]);
    expect(allocate(5, [0, 1, 0])).toEqual([0, 5, 0]);
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(7, [1, 3])).toEqual([2, 5]); // 1.75 / 5.25
  });

  it('rejects bad weights', () => {
    expect(() => allocate(100, [])).toThrow(RangeError);
    expect(() => allocate(100, [0, 0])).toThrow(RangeError);
    expect(() => allocate(100, [1, -1])).toThrow(RangeError);
    expect(() => allocate(100, [NaN])).toThrow(RangeError);
  });

  it('property: parts sum exactly and stay within 1 øre of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocate(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          return (
            parts.reduce((a, b) => a + b, 0) === total &&
            parts.every((p, i) => Number.isSafeInteger(p) && Math.abs(p - (total * weights[i]!) / sum) < 1)
          );
        },
      ),
    );
  });
});
