// The rules of the subsidy schemes where the municipality pays the parents (dagtilbudsloven kapitel 13–15), pure:
// no I/O, no constants for amounts or limits. Every number a municipality decides (ages, ceilings, shares, caps, the
// carer's limit) comes in as `SchemeTerms` and `AgeRate` rows read for the date in question (table subsidy_terms and
// subsidy_rate, migration 024), so an amount from the wrong year cannot be used: the caller never holds one.
import { DateRange, LocalDate, percentOf, type Oere } from '../../shared/index.js';
import { addMonths, epochOf } from '../../shared/iso-day.js';

export type Scheme = 'privat_pasning' | 'egne_boern';

/** One municipality's terms of one scheme, valid on the day they are used. */
export interface SchemeTerms {
  scheme: Scheme;
  /** § 80, stk. 1 and § 86, stk. 1: from 24 weeks; § 80, stk. 3 lets the municipality go below (privat pasning). */
  minAgeWeeks: number;
  /** § 80, stk. 2 and § 86, stk. 2: the municipality may narrow the age group; null = until school start. */
  maxAgeMonths: number | null;
  /** Share of the basis the subsidy may be at most: 75 % of the documented expense (§ 83), 85 % of the cheapest net
   *  operating cost (§ 88). */
  sharePercent: number;
  /** Privat pasning: children one private carer may care for (5 by the law, § 78), and with two carers and the
   *  municipality's consent. */
  maxChildrenPerCarer: number;
  maxChildrenTwoCarers: number;
  /** Egne børn (§ 87): at least 8 weeks, at most 1 year (12 months) per child, at most 3 children per household. */
  minWeeks: number;
  maxMonths: number;
  maxChildrenPerHousehold: number;
  /** Egne børn: the household's monthly total is at most the maximum daily-benefit (dagpenge) amount. */
  householdCapOere: Oere | null;
}

/** The municipality's monthly amount for an age group: the ceiling of privat pasning (from its cheapest net operating
 *  cost per place), or the cheapest net operating cost the share of egne børn is taken of. */
export interface AgeRate {
  id: string;
  /** Age in whole months on the first day of the month: [fromMonths, toMonths). */
  fromMonths: number;
  toMonths: number;
  monthlyOere: Oere;
}

/** A refusal with the rule it rests on: the API sends `code` and `rule`, the web names the rule. */
export interface Breach {
  code:
    | 'subsidies.too-young'
    | 'subsidies.too-old'
    | 'subsidies.carer-limit'
    | 'subsidies.expense-too-low'
    | 'subsidies.period-too-short'
    | 'subsidies.period-too-long'
    | 'subsidies.household-limit'
    | 'subsidies.no-rate';
  rule: string;
}

/** School start: 1 August of the year the child turns 6 (the folkeskole's start, as booking and placement use it). */
export const schoolStart = (birth: LocalDate) => LocalDate.of(birth.year + 6, 8, 1);

/** The days a child may have the scheme: from `minAgeWeeks` to the day before school start (or the municipality's
 *  narrower upper age). */
export function ageWindow(birth: LocalDate, t: SchemeTerms): DateRange {
  const school = schoolStart(birth);
  const until = t.maxAgeMonths === null ? school : LocalDate.min(school, birth.plusMonths(t.maxAgeMonths));
  return DateRange.of(birth.plusWeeks(t.minAgeWeeks), until.minusDays(1));
}

const para = (s: Scheme, privat: string, egne: string) => (s === 'privat_pasning' ? privat : egne);

/** Age limits of a wanted period (§ 80, stk. 1–3; § 86, stk. 1–2). An open end is fine: it ends at school start. */
export function checkAge(birth: LocalDate, period: DateRange, t: SchemeTerms): Breach[] {
  const w = ageWindow(birth, t);
  const out: Breach[] = [];
  if (period.start.isBefore(w.start))
    out.push({
      code: 'subsidies.too-young',
      rule: para(t.scheme, 'dagtilbudsloven § 80, stk. 1', 'dagtilbudsloven § 86, stk. 1'),
    });
  if (period.start.isAfter(w.end!) || (period.end && period.end.isAfter(w.end!)))
    out.push({
      code: 'subsidies.too-old',
      rule: para(t.scheme, 'dagtilbudsloven § 80, stk. 1–2', 'dagtilbudsloven § 86, stk. 1–2'),
    });
  return out;
}

/** The carer's limit (§ 78): at most `maxChildrenPerCarer`, more only with two carers and the municipality's consent. */
export function carerLimit(t: SchemeTerms, carer: { carers: number; extraConsent: boolean }): number {
  return carer.carers >= 2 && carer.extraConsent ? t.maxChildrenTwoCarers : t.maxChildrenPerCarer;
}
export function checkCarer(
  t: SchemeTerms,
  carer: { carers: number; extraConsent: boolean },
  childrenInCare: number,
): Breach[] {
  return childrenInCare > carerLimit(t, carer) ? [{ code: 'subsidies.carer-limit', rule: 'dagtilbudsloven § 78' }] : [];
}

/** The rate row for the child's age in whole months on `on`, or null when the municipality has none (a gap in its
 *  table, or an age outside every group). */
export function rateFor(rates: readonly AgeRate[], birth: LocalDate, on: LocalDate): AgeRate | null {
  return rateForMonths(rates, birth.ageInMonths(on));
}
/** Days in the month of an ISO date. */
export const daysInMonthIso = (d: string) => epochOf(addMonths(d, 1)) - epochOf(addMonths(d, 0));
export function rateForMonths(rates: readonly AgeRate[], months: number): AgeRate | null {
  return rates.find((r) => months >= r.fromMonths && months < r.toMonths) ?? null;
}

/** LocalDate's ageInMonths on ISO strings, for the payout run's loop over thousands of cases (src/shared/iso-day.ts):
 *  whole months from `birth` to `on`, a month-end birthday constrained to a shorter month's last day. */
export function ageInMonthsIso(birth: string, on: string): number {
  const by = +birth.slice(0, 4),
    bm = +birth.slice(5, 7),
    bd = +birth.slice(8, 10);
  const oy = +on.slice(0, 4),
    om = +on.slice(5, 7),
    od = +on.slice(8, 10);
  const m = (oy - by) * 12 + (om - bm);
  const inMonth = daysInMonthIso(on);
  return Math.min(bd, inMonth) > od ? m - 1 : m;
}

/** Privat pasning, one full month (§ 83): at most `sharePercent` % of the parents' documented expense and at most the
 *  ceiling of the age group. */
export function privatMonthly(t: SchemeTerms, expenseOere: Oere, ceilingOere: Oere): Oere {
  return Math.min(percentOf(expenseOere, t.sharePercent), ceilingOere);
}

/** The expense must be documented and positive: a subsidy is a share of what the parents pay (§ 83). */
export function checkExpense(expenseOere: Oere): Breach[] {
  return expenseOere > 0 ? [] : [{ code: 'subsidies.expense-too-low', rule: 'dagtilbudsloven § 83' }];
}

/** Egne børn: the period per child (§ 87: at least 8 weeks, at most 1 year; as terms), counted in days. */
export function checkEgnePeriod(t: SchemeTerms, period: DateRange): Breach[] {
  if (!period.end) return [{ code: 'subsidies.period-too-long', rule: 'dagtilbudsloven § 87' }];
  const days = period.start.daysUntil(period.end) + 1;
  if (days < t.minWeeks * 7) return [{ code: 'subsidies.period-too-short', rule: 'dagtilbudsloven § 87' }];
  // "at most one year": through the day before the same date a year later.
  const lastDay = period.start.plusMonths(t.maxMonths).minusDays(1);
  if (period.end.isAfter(lastDay)) return [{ code: 'subsidies.period-too-long', rule: 'dagtilbudsloven § 87' }];
  return [];
}

/** Egne børn: at most `maxChildrenPerHousehold` children of one household at the same time (§ 87). */
export function checkHousehold(t: SchemeTerms, childrenWithSubsidy: number): Breach[] {
  return childrenWithSubsidy > t.maxChildrenPerHousehold
    ? [{ code: 'subsidies.household-limit', rule: 'dagtilbudsloven § 87' }]
    : [];
}

/** Egne børn, one household's month (§ 88): each child `sharePercent` % of the cheapest net operating cost of its age
 *  group; when the total passes the household cap, every child's amount is cut in proportion (largest remainder, so
 *  the sum is exactly the cap). */
export function egneMonthly(t: SchemeTerms, basisPerChild: readonly Oere[]): Oere[] {
  return capHousehold(
    basisPerChild.map((b) => percentOf(b, t.sharePercent)),
    t.householdCapOere,
  );
}

/** The household cap of egne børn (§ 88) on one month's amounts: unchanged at or under the cap; over it, cut in
 *  proportion (largest remainder, so the sum is exactly the cap). */
export function capHousehold(raw: readonly Oere[], cap: Oere | null): Oere[] {
  const total = raw.reduce((s, a) => s + a, 0);
  if (cap === null || total <= cap) return [...raw];
  const exact = raw.map((a) => (a * cap) / total);
  const out = exact.map(Math.floor);
  let left = cap - out.reduce((s, a) => s + a, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left--;
  }
  return out;
}

/** One child's monthly payment in the household, for søskendetilskud (§ 85 for privat pasning, § 43 for dagtilbud):
 *  what the parents pay themselves for the place (for privat pasning: the expense less the subsidy). */
export interface SiblingItem {
  childId: string;
  /** A provider's child (§ 85 through the provider) gets its amount here like privat pasning. */
  scheme: 'privat_pasning' | 'dagtilbud' | 'provider';
  ownPaymentOere: Oere;
}

/** Søskendetilskud across schemes (§ 85): the most expensive own payment is paid in full; every other child's own
 *  payment in privat pasning gets 50 % back. Ties go to the first child id. Dagtilbud siblings count for who pays in
 *  full, but their discount is billing's (fees.ts), so only privat pasning children get an amount here. */
export function siblingSubsidy(items: readonly SiblingItem[], percent = 50): Map<string, Oere> {
  const out = new Map<string, Oere>();
  if (items.length < 2) return out;
  const full = [...items].sort((a, b) => b.ownPaymentOere - a.ownPaymentOere || a.childId.localeCompare(b.childId))[0]!;
  for (const it of items)
    if (it.scheme !== 'dagtilbud' && it.childId !== full.childId && it.ownPaymentOere > 0)
      out.set(it.childId, percentOf(it.ownPaymentOere, percent));
  return out;
}

/** One privat pasning case or provider enrolment in the month, for søskendetilskud: its household, its own payment
 *  and the adults whose children's dagtilbud places count with it (the payee, or the child's guardians). */
export interface SiblingMember {
  id: string;
  householdId: string;
  childId: string;
  ownPaymentOere: Oere;
  adultIds: readonly string[];
}

/** Søskendetilskud (§ 85) per household: the household's members and the adults' children in a dagtilbud (their own
 *  payment: the place's monthly rate) go through `siblingSubsidy`; the amount goes back to the member (case or
 *  enrolment id) of that child. */
export function siblingSubsidyByHousehold(
  members: readonly SiblingMember[],
  scheme: 'privat_pasning' | 'provider',
  placesOf: ReadonlyMap<string, readonly { childId: string; monthlyOere: Oere }[]>,
  percent: number,
): Map<string, Oere> {
  const byHousehold = new Map<string, SiblingMember[]>();
  for (const m of members) byHousehold.set(m.householdId, [...(byHousehold.get(m.householdId) ?? []), m]);
  const out = new Map<string, Oere>();
  for (const group of byHousehold.values()) {
    const items: SiblingItem[] = group.map((m) => ({ childId: m.childId, scheme, ownPaymentOere: m.ownPaymentOere }));
    const seen = new Set(group.map((m) => m.childId));
    for (const m of group)
      for (const adult of m.adultIds)
        for (const p of placesOf.get(adult) ?? [])
          if (!seen.has(p.childId)) {
            seen.add(p.childId);
            items.push({ childId: p.childId, scheme: 'dagtilbud', ownPaymentOere: p.monthlyOere });
          }
    for (const [childId, amount] of siblingSubsidy(items, percent)) {
      const m = group.find((x) => x.childId === childId);
      if (m) out.set(m.id, amount);
    }
  }
  return out;
}

/** A month's amount due against what was paid for it: the amount a run writes and whether that is a first payment, a
 *  correction or nothing. */
export function againstPaid(
  dueOere: Oere,
  paid: Oere | undefined,
): { paidOere: Oere; amountOere: Oere; kind: 'payment' | 'correction' | 'unchanged' } {
  const amountOere = dueOere - (paid ?? 0);
  return {
    paidOere: paid ?? 0,
    amountOere,
    kind: amountOere === 0 ? 'unchanged' : paid === undefined ? 'payment' : 'correction',
  };
}

/** Why and when a subsidy ends (§ 80: at school start; § 2, stk. 3: one place per child, so a dagtilbud place ends it
 *  the day before; § 81, stk. 3: the carer's approval withdrawn or the carer stops). The earliest wins. */
export type EndReason = 'school_start' | 'max_age' | 'dagtilbud' | 'carer_stop' | 'period_end';
export function endOf(o: {
  birth: LocalDate;
  terms: SchemeTerms;
  wantedEnd: LocalDate | null;
  placementStart: LocalDate | null;
  carerStop: LocalDate | null;
}): { end: LocalDate; reason: EndReason } {
  const school = schoolStart(o.birth).minusDays(1);
  const window = ageWindow(o.birth, o.terms).end!;
  const cands: { end: LocalDate; reason: EndReason }[] = [
    { end: school, reason: 'school_start' },
    { end: window, reason: 'max_age' },
  ];
  if (o.wantedEnd) cands.push({ end: o.wantedEnd, reason: 'period_end' });
  if (o.placementStart) cands.push({ end: o.placementStart.minusDays(1), reason: 'dagtilbud' });
  if (o.carerStop) cands.push({ end: o.carerStop.minusDays(1), reason: 'carer_stop' });
  return cands.reduce((a, b) => (b.end.isBefore(a.end) ? b : a));
}

/** A month's amount for the days of `period` within the month: full months pay the monthly amount, part months the
 *  share of calendar days (rounded half up to whole øre). */
export function prorate(monthlyOere: Oere, month: LocalDate, period: DateRange): Oere {
  const first = month.firstOfMonth(),
    last = month.lastOfMonth();
  const part = DateRange.of(first, last).intersection(period);
  if (!part) return 0;
  return prorateDays(monthlyOere, part.start.daysUntil(part.end!) + 1, last.day);
}
/** The same with the days counted by the caller (the payout run counts them on epoch days). */
export function prorateDays(monthlyOere: Oere, days: number, inMonth: number): Oere {
  if (days <= 0) return 0;
  return days >= inMonth ? monthlyOere : Math.round((monthlyOere * days) / inMonth);
}
