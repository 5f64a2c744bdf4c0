import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kroner } from '../../shared/index.js';
import { fripladsPercent } from './friplads.js';
import { monthlyFees, type ChildPlace } from './fees.js';
import { FRIPLADS_SCALES } from './scales.js';

const s2024 = FRIPLADS_SCALES[2024]!;
const one = { childrenUnder18: 1, singleProvider: false };

describe('økonomisk friplads 2024', () => {
  it('is free below 200,301 kr and full price from 622,200 kr', () => {
    expect(fripladsPercent(s2024, { ...one, income: kroner(200_300) }).payPercent).toBe(0);
    expect(fripladsPercent(s2024, { ...one, income: kroner(200_301) }).payPercent).toBe(5);
    expect(fripladsPercent(s2024, { ...one, income: kroner(622_199) }).payPercent).toBe(99);
    expect(fripladsPercent(s2024, { ...one, income: kroner(622_200) }).payPercent).toBe(100);
  });

  it('rises one percentage point per step of (622,200 − 200,301) / 95 kr', () => {
    const stepKr = (622_200 - 200_301) / 95; // 4,441.04 kr
    expect(fripladsPercent(s2024, { ...one, income: kroner(200_301 + 4_441) }).payPercent).toBe(5);
    expect(fripladsPercent(s2024, { ...one, income: kroner(200_301 + 4_442) }).payPercent).toBe(6);
    expect(fripladsPercent(s2024, { ...one, income: kroner(Math.ceil(200_301 + 50 * stepKr)) }).payPercent).toBe(55);
  });

  it('raises both limits by 7,000 kr per extra child and 70,089 kr for a single provider', () => {
    const r = fripladsPercent(s2024, { income: kroner(280_000), childrenUnder18: 3, singleProvider: true });
    expect(r.lowerLimit).toBe(kroner(200_301 + 14_000 + 70_089));
    expect(r.upperLimit).toBe(kroner(622_200 + 14_000 + 70_089));
    expect(r.payPercent).toBe(0);
  });

  it('never decreases with income', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 90_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (a, d) =>
      fripladsPercent(s2024, { ...one, income: a }).payPercent <= fripladsPercent(s2024, { ...one, income: a + d }).payPercent));
  });

  it('refuses a negative income', () => {
    expect(() => fripladsPercent(s2024, { ...one, income: -1 })).toThrow(/negativ/);
  });
});

describe('monthly fees of a household', () => {
  const nursery: ChildPlace = { childId: 'a', kind: 'vuggestue', rate: kroner(3_996), lunch: kroner(800) };
  const kindergarten: ChildPlace = { childId: 'b', kind: 'boernehave', rate: kroner(2_317), lunch: kroner(800) };
  const club: ChildPlace = { childId: 'c', kind: 'klub', rate: kroner(500), lunch: 0 };
  const rich = { income: kroner(900_000), childrenUnder18: 3, singleProvider: false };

  it('charges full price for the most expensive place and 50 % on siblings, lunch included, not for clubs', () => {
    const f = monthlyFees(s2024, rich, [kindergarten, nursery, club]);
    expect(f.children.find((c) => c.childId === 'a')!.total).toBe(kroner(4_796));
    expect(f.children.find((c) => c.childId === 'b')!.total).toBe(kroner(1_558.5));
    expect(f.children.find((c) => c.childId === 'c')!.total).toBe(kroner(500));
    expect(f.total).toBe(kroner(4_796 + 1_558.5 + 500));
  });

  it('applies friplads before the sibling subsidy and the social friplads last', () => {
    // 2 children: limits +7,000 kr. Income 300,000 kr → step floor((300000−207301)·95/421899) = 20 → 25 %.
    const h = { income: kroner(300_000), childrenUnder18: 2, singleProvider: false };
    const f = monthlyFees(s2024, h, [nursery, { ...kindergarten, socialFripladsPercent: 100 }]);
    expect(f.payPercent).toBe(25);
    expect(f.children[0]!.total).toBe(kroner(1_199)); // 4,796 × 25 %
    const b = f.children[1]!;
    expect(b.lines.map((l) => l.code)).toEqual(['rate', 'lunch', 'friplads', 'sibling', 'social_friplads']);
    expect(b.total).toBe(0);
  });

  it('the lines of each child add up to its total', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 80_000_000 }), fc.array(fc.record({
      kind: fc.constantFrom('vuggestue', 'boernehave', 'sfo', 'klub' as const), rate: fc.integer({ min: 0, max: 600_000 }),
      lunch: fc.integer({ min: 0, max: 100_000 }), socialFripladsPercent: fc.integer({ min: 0, max: 100 }),
    }), { minLength: 1, maxLength: 4 }), (income, raw) => {
      const places = raw.map((p, i) => ({ ...p, childId: String(i) })) as ChildPlace[];
      const f = monthlyFees(s2024, { income, childrenUnder18: places.length, singleProvider: false }, places);
      return f.children.every((c) => c.lines.reduce((s, l) => s + l.amount, 0) === c.total && c.total >= 0);
    }));
  });

  it('refuses a friplads over 100 % and negative rates', () => {
    expect(() => monthlyFees(s2024, rich, [{ ...nursery, socialFripladsPercent: 120 }])).toThrow(/100/);
    expect(() => monthlyFees(s2024, rich, [{ ...nursery, rate: -1 }])).toThrow(/negative/);
  });
});
