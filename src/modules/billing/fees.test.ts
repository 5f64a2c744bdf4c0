import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kroner } from '../../shared/index.js';
import { fripladsPercent } from './friplads.js';
import { monthlyFees, type ChildPlace } from './fees.js';
import { FRIPLADS_SCALES } from './scales.js';
import { feesFromJson } from './cli.js';

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
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 90_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        (a, d) =>
          fripladsPercent(s2024, { ...one, income: a }).payPercent <=
          fripladsPercent(s2024, { ...one, income: a + d }).payPercent,
      ),
    );
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
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 80_000_000 }),
        fc.array(
          fc.record({
            kind: fc.constantFrom('vuggestue', 'boernehave', 'sfo', 'klub' as const),
            rate: fc.integer({ min: 0, max: 600_000 }),
            lunch: fc.integer({ min: 0, max: 100_000 }),
            socialFripladsPercent: fc.integer({ min: 0, max: 100 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (income, raw) => {
          const places = raw.map((p, i) => ({ ...p, childId: String(i) })) as ChildPlace[];
          const f = monthlyFees(s2024, { income, childrenUnder18: places.length, singleProvider: false }, places);
          return f.children.every((c) => c.lines.reduce((s, l) => s + l.amount, 0) === c.total && c.total >= 0);
        },
      ),
    );
  });

  // Hand-computed: every reduction line is the exact percentage of what is still due, rounded half away from zero to
  // whole øre; the child pays the sum of its lines.
  it('rounds each line half away from zero, in øre (docs/formats/fees.md example)', () => {
    const h = { income: kroner(300_000), childrenUnder18: 2, singleProvider: false }; // 25 %
    const f = monthlyFees(s2024, h, [nursery, { ...kindergarten, childId: 'oscar' }]);
    const oscar = f.children[1]!;
    // 2,317 + 800 = 3,117.00; friplads 75 % = 2,337.75; due 779.25; sibling 50 % = 389.625 → 389.63; pays 389.62.
    expect(oscar.lines.map((l) => [l.code, l.amount])).toEqual([
      ['rate', 231_700],
      ['lunch', 80_000],
      ['friplads', -233_775],
      ['sibling', -38_963],
    ]);
    expect(oscar.total).toBe(38_962);
    expect(f.children[0]!.total).toBe(119_900); // 4,796 − 3,597
    expect(f.total).toBe(158_862);
  });

  it('gives exactly the output docs/formats/fees.md documents for its example', () => {
    const doc = readFileSync(new URL('../../../docs/formats/fees.md', import.meta.url), 'utf8');
    const documented = JSON.parse(/## Output[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)![1]!);
    const example = JSON.parse(
      readFileSync(new URL('../../../docs/formats/fees-example.json', import.meta.url), 'utf8'),
    );
    expect(feesFromJson(example)).toEqual(documented);
  });

  it('rounds a half øre in the friplads and the social friplads away from zero', () => {
    // 402,400 kr, one child: step ⌊(402,400 − 200,301) · 95 / 421,899⌋ = 45 → pays 50 %.
    const h = { income: kroner(402_400), childrenUnder18: 1, singleProvider: false };
    const odd: ChildPlace = { childId: 'x', kind: 'dagpleje', rate: 123_457, lunch: 0 };
    const f = monthlyFees(s2024, h, [odd]);
    expect(f.payPercent).toBe(50);
    // 1,234.57 · 50 % = 617.285 → reduction 617.29, pays 617.28.
    expect(f.children[0]!.lines.find((l) => l.code === 'friplads')!.amount).toBe(-61_729);
    expect(f.children[0]!.total).toBe(61_728);
    // Social friplads 50 % of 123.45 = 61.725 → 61.73 waived, pays 61.72.
    const s = monthlyFees(s2024, rich, [{ ...odd, rate: 12_345, socialFripladsPercent: 50 }]);
    expect(s.children[0]!.lines.at(-1)!.amount).toBe(-6_173);
    expect(s.children[0]!.total).toBe(6_172);
    // A sibling subsidy of 50 % of 1,001.01 = 500.505 → 500.51; the sibling pays 500.50.
    const two = monthlyFees(s2024, rich, [nursery, { childId: 'y', kind: 'boernehave', rate: 100_101, lunch: 0 }]);
    expect(two.children[1]!.lines.at(-1)).toEqual({ code: 'sibling', text: 'Søskendetilskud (50 %)', amount: -50_051 });
    expect(two.children[1]!.total).toBe(50_050);
  });

  it('refuses a friplads over 100 % and negative rates', () => {
    expect(() => monthlyFees(s2024, rich, [{ ...nursery, socialFripladsPercent: 120 }])).toThrow(/100/);
    expect(() => monthlyFees(s2024, rich, [{ ...nursery, rate: -1 }])).toThrow(/negative/);
  });
});
