import { describe, expect, it } from 'vitest';
import { kroner } from '../../shared/index.js';
import { addMonths } from '../../shared/iso-day.js';
import { billedShare, computeMonth, feeKindOf, type BillingData } from './engine.js';
import { changedStates, differences, digests } from './diff.js';
import { FRIPLADS_SCALES } from './scales.js';

const open = (lo: string, hi: string | null = null) => ({ lo, hi });
function data(over: Partial<BillingData> = {}): BillingData {
  return {
    municipality: '0860',
    scales: [FRIPLADS_SCALES[2024]!],
    places: [
      {
        id: 'p1',
        childId: 'c1',
        birthDate: '2024-05-01',
        unitId: 'u1',
        unitType: 'integreret',
        kind: 'dagtilbud',
        hours: 40,
        ...open('2025-01-01'),
      },
      {
        id: 'p2',
        childId: 'c2',
        birthDate: '2021-05-01',
        unitId: 'u1',
        unitType: 'integreret',
        kind: 'dagtilbud',
        hours: 40,
        ...open('2025-01-01'),
      },
    ],
    residences: new Map([
      ['c1', [{ ...open('2024-05-01'), householdId: 'h' }]],
      ['c2', [{ ...open('2021-05-01'), householdId: 'h' }]],
      ['g1', [{ ...open('2010-01-01'), householdId: 'h' }]],
    ]),
    custody: new Map([
      ['c1', [{ ...open('2024-05-01'), guardianId: 'g1' }]],
      ['c2', [{ ...open('2021-05-01'), guardianId: 'g1' }]],
    ]),
    members: new Map([
      [
        'h',
        [
          { ...open('2024-05-01'), birthDate: '2024-05-01' },
          { ...open('2021-05-01'), birthDate: '2021-05-01' },
        ],
      ],
    ]),
    incomes: new Map(),
    rates: new Map([
      ['vuggestue|0-2|full', [{ ...open('2025-01-01'), amount: kroner(3_869) }]],
      ['boernehave|3-5|full', [{ ...open('2025-01-01'), amount: kroner(2_361) }]],
    ]),
    lunch: new Map([['u1', [{ ...open('2025-01-01'), amount: kroner(750), optedOut: false }]]]),
    calendar: new Map([
      ['vuggestue', [{ ...open('2025-01-01'), payingMonths: 11, changeDay: 15 }]],
      ['boernehave', [{ ...open('2025-01-01'), payingMonths: 11, changeDay: 15 }]],
    ]),
    social: new Map(),
    ...over,
  };
}
const total = (lines: { amount: number }[]) => lines.reduce((s, l) => s + l.amount, 0);

describe('the billing engine', () => {
  it('bills siblings at one address: full price for the dearest place, 50 % on the other, lunch included', () => {
    const r = computeMonth(data(), '2026-03-01');
    expect(r.children).toBe(2);
    expect(total(r.lines.filter((l) => l.childId === 'c1'))).toBe(kroner(3_869 + 750));
    expect(total(r.lines.filter((l) => l.childId === 'c2'))).toBe(kroner((2_361 + 750) / 2));
    expect(new Set(r.lines.map((l) => l.payerId))).toEqual(new Set(['g1']));
  });

  it('bills a month once when a child moves from nursery to kindergarten within it (change day 1 and 15)', () => {
    const moved = (changeDay: number) =>
      data({
        places: [
          {
            id: 'old',
            childId: 'c2',
            birthDate: '2022-03-01',
            unitId: 'u1',
            unitType: 'vuggestue',
            kind: 'dagtilbud',
            hours: 40,
            ...open('2025-01-01', '2026-03-10'),
          },
          {
            id: 'new',
            childId: 'c2',
            birthDate: '2022-03-01',
            unitId: 'u2',
            unitType: 'boernehave',
            kind: 'dagtilbud',
            hours: 40,
            ...open('2026-03-10'),
          },
        ],
        lunch: new Map(),
        rates: new Map([
          ['vuggestue|3-5|full', [{ ...open('2025-01-01'), amount: kroner(3_869) }]],
          ['boernehave|3-5|full', [{ ...open('2025-01-01'), amount: kroner(2_361) }]],
        ]),
        calendar: new Map([
          ['vuggestue', [{ ...open('2025-01-01'), payingMonths: 12, changeDay }]],
          ['boernehave', [{ ...open('2025-01-01'), payingMonths: 12, changeDay }]],
        ]),
      });
    // Change day 1: March stays with the nursery place (running on the 1st); the kindergarten pays from April.
    expect(total(computeMonth(moved(1), '2026-03-01').lines)).toBe(kroner(3_869));
    expect(total(computeMonth(moved(1), '2026-04-01').lines)).toBe(kroner(2_361));
    // Change day 15: the move on the 10th falls in the first half, which the nursery place holds; the second half is the kindergarten's.
    expect(total(computeMonth(moved(15), '2026-03-01').lines)).toBe(kroner(3_869 / 2 + 2_361 / 2));
  });

  it('bills nothing in July with 11 paying months', () => {
    expect(computeMonth(data(), '2026-07-01').lines).toEqual([]);
  });

  it('bills half a month for a place starting on the 15th when changes take effect on the 1st or 15th', () => {
    expect(billedShare(open('2026-03-15'), '2026-03-01', 15)).toBe(50);
    expect(billedShare(open('2026-03-02'), '2026-03-01', 15)).toBe(100);
    expect(billedShare(open('2026-01-01', '2026-03-15'), '2026-03-01', 15)).toBe(50);
    expect(billedShare(open('2026-03-20'), '2026-03-01', 1)).toBe(100);
    expect(billedShare(open('2026-04-01'), '2026-03-01', 1)).toBe(0);
  });

  it('chooses the rate by the unit and the age on the 1st of the month', () => {
    expect(feeKindOf('dagtilbud', 'dagpleje', 1)).toBe('dagpleje');
    expect(feeKindOf('dagtilbud', 'integreret', 2)).toBe('vuggestue');
    expect(feeKindOf('dagtilbud', 'integreret', 3)).toBe('boernehave');
    expect(feeKindOf('fritidstilbud', 'fritidshjem', 7)).toBe('fritidshjem');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-01', -3)).toBe('2025-10-01');
  });

  it('a back-dated change gives correction lines that bring the billed sum to the new amount', () => {
    const before = computeMonth(data(), '2026-03-01').lines;
    const after = computeMonth(
      data({ incomes: new Map([['h', [{ ...open('2026-01-01'), yearly: kroner(150_000), singleProvider: false }]]]) }),
      '2026-03-01',
    ).lines;
    const billed = before.map((l) => ({ ...l }));
    const changed = changedStates(digests(after), digests(before));
    const diff = differences('2026-04-01', after, billed, changed);
    expect(diff.every((l) => l.text.startsWith('Regulering marts 2026'))).toBe(true);
    expect(total(billed) + total(diff)).toBe(total(after));
    expect(total(after)).toBe(0); // below the lower limit: a full friplads
    expect(differences('2026-04-01', before, billed, changedStates(digests(before), digests(before)))).toEqual([]);
  });

  it('charges a 30-hour leave place the leave30 rate, and never the full rate when that rate is missing', () => {
    const leave = (d: BillingData) => ({
      ...d,
      places: d.places.map((p) => (p.id === 'p1' ? { ...p, hours: 30, leave30: true } : p)),
    });
    const rates = new Map([
      ...data().rates,
      ['vuggestue|0-2|leave30', [{ ...open('2025-01-01'), amount: kroner(2_500) }]],
    ]);
    const r = computeMonth(leave(data({ rates })), '2026-03-01');
    expect(r.lines.find((l) => l.childId === 'c1' && l.code === 'rate')!.amount).toBe(kroner(2_500));
    const missing = computeMonth(leave(data()), '2026-03-01');
    expect(missing.lines.filter((l) => l.childId === 'c1')).toEqual([]);
    expect(missing.unbilled).toEqual([
      {
        childId: 'c1',
        placementId: 'p1',
        month: '2026-03-01',
        reason: 'Ingen takst for vuggestue 0-2 år, 30-timers orlovsplads, pr. 1. marts 2026.',
      },
    ]);
  });

  describe('every placed child is billed by the rate of its place, or named', () => {
    // Born 2020-01-10: 6 years old in March 2026. Born 2023-01-10: 3 years old.
    const place = (
      id: string,
      birthDate: string,
      unitType: 'boernehave' | 'dagpleje' | 'integreret' | 'vuggestue' | 'fritidshjem',
      kind: 'dagtilbud' | 'fritidstilbud' = 'dagtilbud',
    ) => ({ id, childId: 'k' + id, birthDate, unitId: 'u2', unitType, kind, hours: 40, ...open('2025-01-01') });
    const solo = (p: ReturnType<typeof place>, over: Partial<BillingData> = {}) =>
      data({
        places: [p],
        residences: new Map([
          [p.childId, [{ ...open('2015-01-01'), householdId: 'h' + p.id }]],
          ['g', [{ ...open('2010-01-01'), householdId: 'h' + p.id }]],
        ]),
        custody: new Map([[p.childId, [{ ...open('2015-01-01'), guardianId: 'g' }]]]),
        members: new Map(),
        rates: new Map([...data().rates, ['dagpleje|0-2|full', [{ ...open('2025-01-01'), amount: kroner(3_100) }]]]),
        ...over,
      });
    const rateLine = (d: BillingData) => computeMonth(d, '2026-03-01').lines.find((l) => l.code === 'rate')?.amount;

    it('a 6-year-old still in børnehave pays the børnehave rate (3-5), or the 6-9 rate when the municipality set one', () => {
      const six = place('b6', '2020-01-10', 'boernehave');
      expect(feeKindOf('dagtilbud', 'boernehave', 6)).toBe('boernehave');
      const r = computeMonth(solo(six), '2026-03-01');
      expect(r.unbilled).toEqual([]);
      expect(rateLine(solo(six))).toBe(kroner(2_361));
      const own = new Map([
        ...solo(six).rates,
        ['boernehave|6-9|full', [{ ...open('2026-01-01'), amount: kroner(2_000) }]],
      ]);
      expect(rateLine(solo(six, { rates: own }))).toBe(kroner(2_000));
      // In an integrated institution too: from 3 the kindergarten rate, whatever the age band.
      expect(rateLine(solo(place('i6', '2020-01-10', 'integreret')))).toBe(kroner(2_361));
    });

    it('a 3-year-old in dagpleje pays the dagpleje rate, and a 3-year-old in a vuggestue the vuggestue rate', () => {
      expect(rateLine(solo(place('d3', '2023-01-10', 'dagpleje')))).toBe(kroner(3_100));
      expect(rateLine(solo(place('v3', '2023-01-10', 'vuggestue')))).toBe(kroner(3_869));
    });

    it('a place with no rate at all, or no guardian to pay, is named in unbilled and bills nothing', () => {
      const f = place('f7', '2019-01-10', 'fritidshjem', 'fritidstilbud');
      const r = computeMonth(solo(f), '2026-03-01');
      expect(r.lines).toEqual([]);
      expect(r.unbilled).toEqual([
        {
          childId: 'kf7',
          placementId: 'f7',
          month: '2026-03-01',
          reason: 'Ingen takst for fritidshjem 6-9 år, fuld tid, pr. 1. marts 2026.',
        },
      ]);
      const orphan = computeMonth(solo(place('b4', '2022-01-10', 'boernehave'), { custody: new Map() }), '2026-03-01');
      expect(orphan.unbilled.map((u) => u.reason)).toEqual(['Ingen forælder med forældremyndighed pr. 1. marts 2026.']);
      expect(computeMonth(data({ scales: [] }), '2026-03-01').unbilled.map((u) => u.childId)).toEqual(['c1', 'c2']);
    });
  });
});
