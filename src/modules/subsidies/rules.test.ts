import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DateRange, LocalDate } from '../../shared/index.js';
import {
  ageInMonthsIso,
  ageWindow,
  capHousehold,
  carerLimit,
  checkAge,
  checkCarer,
  checkEgnePeriod,
  checkExpense,
  checkHousehold,
  egneMonthly,
  endOf,
  privatMonthly,
  prorate,
  prorateDays,
  rateFor,
  schoolStart,
  siblingSubsidy,
  siblingSubsidyByHousehold,
  type SchemeTerms,
} from './rules.js';

const d = LocalDate.parse;
const privat: SchemeTerms = {
  scheme: 'privat_pasning',
  minAgeWeeks: 24,
  maxAgeMonths: null,
  sharePercent: 75,
  maxChildrenPerCarer: 5,
  maxChildrenTwoCarers: 10,
  minWeeks: 0,
  maxMonths: 0,
  maxChildrenPerHousehold: 0,
  householdCapOere: null,
};
const egne: SchemeTerms = {
  ...privat,
  scheme: 'egne_boern',
  sharePercent: 85,
  minWeeks: 8,
  maxMonths: 12,
  maxChildrenPerHousehold: 3,
  householdCapOere: 2_000_000,
};

describe('privat pasning: age (§ 80)', () => {
  it('runs from 24 weeks to the day before school start (1 August of the year the child turns 6)', () => {
    // Born 2025-03-10: 24 weeks = 168 days later is 2025-08-25; school start 2031-08-01.
    const w = ageWindow(d('2025-03-10'), privat);
    expect([w.start.toString(), w.end!.toString()]).toEqual(['2025-08-25', '2031-07-31']);
    expect(schoolStart(d('2025-12-31')).toString()).toBe('2031-08-01');
  });
  it('refuses a start before 24 weeks and an end past school start, naming the rule', () => {
    const birth = d('2025-03-10');
    expect(checkAge(birth, DateRange.of(d('2025-08-24')), privat)).toEqual([
      { code: 'subsidies.too-young', rule: 'dagtilbudsloven § 80, stk. 1' },
    ]);
    expect(checkAge(birth, DateRange.of(d('2025-08-25')), privat)).toEqual([]);
    expect(checkAge(birth, DateRange.of(d('2026-01-01'), d('2031-08-01')), privat).map((b) => b.code)).toEqual([
      'subsidies.too-old',
    ]);
  });
  it("uses the municipality's narrower age group (data): until 36 months", () => {
    const narrow = { ...privat, maxAgeMonths: 36 };
    expect(ageWindow(d('2025-03-10'), narrow).end!.toString()).toBe('2028-03-09');
    // And its wider one: from 12 weeks (§ 80, stk. 3) = 84 days after 2025-03-10.
    expect(ageWindow(d('2025-03-10'), { ...privat, minAgeWeeks: 12 }).start.toString()).toBe('2025-06-02');
  });
});

describe('privat pasning: the carer and the amount (§§ 78, 83)', () => {
  it('allows 5 children per carer, 10 only with two carers and consent', () => {
    expect(carerLimit(privat, { carers: 1, extraConsent: true })).toBe(5);
    expect(carerLimit(privat, { carers: 2, extraConsent: false })).toBe(5);
    expect(carerLimit(privat, { carers: 2, extraConsent: true })).toBe(10);
    expect(checkCarer(privat, { carers: 1, extraConsent: false }, 5)).toEqual([]);
    expect(checkCarer(privat, { carers: 1, extraConsent: false }, 6)).toEqual([
      { code: 'subsidies.carer-limit', rule: 'dagtilbudsloven § 78' },
    ]);
  });
  it('pays 75 % of the expense, at most the ceiling', () => {
    // 4.000,00 kr. expense: 75 % = 3.000,00 kr., under a 5.500,00 kr. ceiling.
    expect(privatMonthly(privat, 400_000, 550_000)).toBe(300_000);
    // 9.000,00 kr.: 75 % = 6.750,00 kr. > ceiling 5.500,00 kr.
    expect(privatMonthly(privat, 900_000, 550_000)).toBe(550_000);
    // 1.234,57 kr.: 75 % = 925,9275 kr. → 925,93 kr.
    expect(privatMonthly(privat, 123_457, 550_000)).toBe(92_593);
    expect(checkExpense(0)).toEqual([{ code: 'subsidies.expense-too-low', rule: 'dagtilbudsloven § 83' }]);
  });
  it('picks the age group by whole months on the day', () => {
    const rates = [
      { id: 'a', fromMonths: 0, toMonths: 36, monthlyOere: 700_000 },
      { id: 'b', fromMonths: 36, toMonths: 84, monthlyOere: 450_000 },
    ];
    expect(rateFor(rates, d('2023-03-10'), d('2026-03-01'))!.id).toBe('a'); // 35 months
    expect(rateFor(rates, d('2023-03-01'), d('2026-03-01'))!.id).toBe('b'); // 36 months
    expect(rateFor(rates, d('2019-01-01'), d('2026-03-01'))).toBeNull(); // 86 months: no group
  });
});

describe('søskendetilskud across schemes (§ 85)', () => {
  it('pays the dearest place in full and gives 50 % of the own payment of the other privat pasning children', () => {
    // Dagtilbud sibling pays 3.200 kr.; privat pasning child pays 4.000 − 3.000 = 1.000 kr. → 500 kr. back.
    const m = siblingSubsidy([
      { childId: 'a', scheme: 'dagtilbud', ownPaymentOere: 320_000 },
      { childId: 'b', scheme: 'privat_pasning', ownPaymentOere: 100_000 },
    ]);
    expect([...m]).toEqual([['b', 50_000]]);
    // The privat pasning child is the dearest: no sibling subsidy for it; the dagtilbud child's is billing's.
    expect([
      ...siblingSubsidy([
        { childId: 'a', scheme: 'dagtilbud', ownPaymentOere: 80_000 },
        { childId: 'b', scheme: 'privat_pasning', ownPaymentOere: 100_000 },
      ]),
    ]).toEqual([]);
    expect(siblingSubsidy([{ childId: 'b', scheme: 'privat_pasning', ownPaymentOere: 100_000 }]).size).toBe(0);
    // Two privat pasning children with equal own payments: the first id pays in full; 333,33 → 166,67 kr. (rounded half up).
    expect([
      ...siblingSubsidy([
        { childId: 'y', scheme: 'privat_pasning', ownPaymentOere: 33_333 },
        { childId: 'x', scheme: 'privat_pasning', ownPaymentOere: 33_333 },
      ]),
    ]).toEqual([['y', 16_667]]);
  });
});

describe('søskendetilskud per household', () => {
  it("counts each household's members with the adults' dagtilbud children once, and pays the member", () => {
    const places = new Map([
      ['mor', [{ childId: 'a', monthlyOere: 320_000 }]],
      ['far', [{ childId: 'a', monthlyOere: 320_000 }]],
    ]);
    const member = (id: string, householdId: string, childId: string, adultIds: string[]) => ({
      id,
      householdId,
      childId,
      ownPaymentOere: 100_000,
      adultIds,
    });
    const m = siblingSubsidyByHousehold(
      [member('case-b', 'h1', 'b', ['mor', 'far']), member('case-c', 'h2', 'c', ['other'])],
      'provider',
      places,
      50,
    );
    // h1: the dagtilbud sibling (counted once) pays most, so b gets 50 % back; h2 has no sibling.
    expect([...m]).toEqual([['case-b', 50_000]]);
  });
});

describe('the end of a subsidy', () => {
  const base = { birth: d('2022-05-05'), terms: privat, wantedEnd: null, placementStart: null, carerStop: null };
  it('ends the day before school start unless something comes first', () => {
    expect(endOf(base)).toEqual({ end: d('2028-07-31'), reason: 'school_start' });
    expect(endOf({ ...base, placementStart: d('2027-02-01') })).toEqual({ end: d('2027-01-31'), reason: 'dagtilbud' });
    expect(endOf({ ...base, carerStop: d('2026-06-15'), placementStart: d('2027-02-01') })).toEqual({
      end: d('2026-06-14'),
      reason: 'carer_stop',
    });
    expect(endOf({ ...base, terms: { ...privat, maxAgeMonths: 36 } })).toEqual({
      end: d('2025-05-04'),
      reason: 'max_age',
    });
  });
  it('pays part months by calendar days', () => {
    // February 2026 has 28 days; 14 days of 3.000 kr. = 1.500 kr.
    expect(prorate(300_000, d('2026-02-01'), DateRange.of(d('2026-02-15')))).toBe(150_000);
    // March 2026, 1–10 March: 10/31 of 3.000 kr. = 967,741… → 967,74 kr.
    expect(prorate(300_000, d('2026-03-01'), DateRange.of(d('2025-01-01'), d('2026-03-10')))).toBe(96_774);
    expect(prorate(300_000, d('2026-04-01'), DateRange.of(d('2026-01-01'), d('2026-03-31')))).toBe(0);
    expect(prorate(300_000, d('2026-04-01'), DateRange.of(d('2026-01-01')))).toBe(300_000);
  });
});

describe('pasning af egne børn (§§ 86–88)', () => {
  it('needs at least 8 weeks and at most one year', () => {
    const p = (a: string, b: string | null) => checkEgnePeriod(egne, DateRange.of(d(a), b ? d(b) : null));
    // 1 March–24 April is 55 days, one short of 8 weeks; to 25 April is 56 days.
    expect(p('2026-03-01', '2026-04-24')).toEqual([
      { code: 'subsidies.period-too-short', rule: 'dagtilbudsloven § 87' },
    ]);
    expect(p('2026-03-01', '2026-04-25')).toEqual([]);
    expect(p('2026-03-01', '2027-02-28')).toEqual([]);
    expect(p('2026-03-01', '2027-03-01').map((b) => b.code)).toEqual(['subsidies.period-too-long']);
    expect(p('2026-03-01', null).map((b) => b.code)).toEqual(['subsidies.period-too-long']);
  });
  it('allows at most 3 children per household', () => {
    expect(checkHousehold(egne, 3)).toEqual([]);
    expect(checkHousehold(egne, 4).map((b) => b.code)).toEqual(['subsidies.household-limit']);
  });
  it('pays 85 % of the cheapest net operating cost, the household at most the cap', () => {
    // 8.000 kr. → 6.800 kr.; 5.000 kr. → 4.250 kr.; total 11.050 kr. under a 20.000 kr. cap.
    expect(egneMonthly(egne, [800_000, 500_000])).toEqual([680_000, 425_000]);
    // Three at 10.000 kr. → 8.500 kr. each = 25.500 kr. > 20.000 kr.: 6.666,67 + 6.666,67 + 6.666,66 kr.
    expect(egneMonthly(egne, [1_000_000, 1_000_000, 1_000_000])).toEqual([666_667, 666_667, 666_666]);
    expect(egneMonthly({ ...egne, householdCapOere: null }, [1_000_000])).toEqual([850_000]);
  });
});

describe("the payout run's arithmetic on ISO strings", () => {
  it('counts whole months as LocalDate does, month-end birthdays included', () => {
    expect(ageInMonthsIso('2024-01-31', '2024-02-29')).toBe(1);
    expect(ageInMonthsIso('2024-01-31', '2024-02-28')).toBe(0);
    expect(ageInMonthsIso('2023-12-15', '2026-12-01')).toBe(35);
    expect(ageInMonthsIso('2023-12-01', '2026-12-01')).toBe(36);
    const day = fc.integer({ min: 0, max: 20_000 }).map((n) => LocalDate.of(1990, 1, 1).plusDays(n));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [birth, on] = a.isBefore(b) ? [a, b] : [b, a];
        return ageInMonthsIso(birth.toString(), on.toString()) === birth.ageInMonths(on);
      }),
    );
  });
  it('prorates by days and caps a household in proportion', () => {
    expect(prorateDays(300_000, 14, 28)).toBe(150_000);
    expect(prorateDays(300_000, 31, 31)).toBe(300_000);
    expect(prorateDays(300_000, 0, 31)).toBe(0);
    expect(capHousehold([790_500, 790_500, 790_500], 2_035_900)).toEqual([678_634, 678_633, 678_633]);
    expect(capHousehold([100, 200], 1_000)).toEqual([100, 200]);
  });
});
