// The checks a caseworker sees before deciding a subsidy case, and what the decision would be.
import type { Db } from '../../platform/db/database.js';
import { DateRange, LocalDate, percentOf } from '../../shared/index.js';
import { personsById } from '../people/index.js';
import {
  carerById,
  childrenAtCarer,
  egneChildrenInHousehold,
  schemeData,
  type CaseRow,
  type Declarations,
} from './queries.js';
import {
  checkAge,
  checkCarer,
  checkEgnePeriod,
  checkExpense,
  checkHousehold,
  endOf,
  privatMonthly,
  rateFor,
} from './rules.js';
import { dagtilbudOverlap } from './applications.js';

export interface Check {
  code:
    | 'age'
    | 'dagtilbud'
    | 'carer-limit'
    | 'expense'
    | 'carer-approved'
    | 'rate'
    | 'period'
    | 'household'
    | 'residence'
    | 'language'
    | 'other-income';
  ok: boolean;
  rule: string;
  detail: string;
}

/** The checks a caseworker sees before deciding, and what the decision would be (period end, monthly amount). */
export async function checksOf(db: Db, c: CaseRow, today: LocalDate) {
  const [child] = await personsById(db, [c.child_id]);
  const birth = LocalDate.parse(child!.birth_date);
  const period = DateRange.fromPg(c.valid);
  const book = await schemeData(db, c.municipality_code);
  const terms = book.termsOn(c.scheme, period.start);
  const carer = c.carer_id ? await carerById(db, c.carer_id) : undefined;
  const checks: Check[] = [];
  if (!terms) return { checks, end: null, endReason: null, monthlyOere: null, ceilingOere: null, birth };
  const age = checkAge(birth, period, terms);
  checks.push({
    code: 'age',
    ok: !age.length,
    rule: age[0]?.rule ?? (c.scheme === 'egne_boern' ? 'dagtilbudsloven § 86, stk. 1' : 'dagtilbudsloven § 80, stk. 1'),
    detail: `${birth.toString()}`,
  });
  const place = await dagtilbudOverlap(db, c.child_id, period, today);
  checks.push({ code: 'dagtilbud', ok: !place, rule: 'dagtilbudsloven § 2, stk. 3', detail: place?.unitName ?? '' });
  if (c.scheme === 'egne_boern') return { ...(await egneChecks(db, c, terms, book, birth, period, checks)), birth };
  const others = c.carer_id ? await childrenAtCarer(db, c.carer_id, period.start, c.id) : 0;
  const inCare = Math.max(c.children_in_care ?? 0, others + 1);
  const carerBreach = carer
    ? checkCarer(terms, { carers: carer.carers, extraConsent: carer.extra_consent }, inCare)
    : [];
  checks.push({ code: 'carer-limit', ok: !carerBreach.length, rule: 'dagtilbudsloven § 78', detail: String(inCare) });
  checks.push({
    code: 'expense',
    ok: !checkExpense(Number(c.expense_oere ?? 0)).length,
    rule: 'dagtilbudsloven § 83',
    detail: String(c.expense_oere ?? 0),
  });
  // The carer and the agreement are approved with the decision (§ 81); a stopped carer cannot be.
  checks.push({
    code: 'carer-approved',
    ok: !!carer?.approved_on && !carer.stopped_on,
    rule: 'dagtilbudsloven § 81',
    detail: carer?.stopped_on ? 'stopped' : (carer?.approved_on ?? ''),
  });
  const rate = rateFor(book.ratesOn(c.scheme, period.start), birth, period.start);
  checks.push({ code: 'rate', ok: !!rate, rule: 'dagtilbudsloven § 83', detail: rate ? String(rate.monthlyOere) : '' });
  const e = endOf({
    birth,
    terms,
    wantedEnd: period.end,
    placementStart: null,
    carerStop: carer?.stopped_on ? LocalDate.parse(carer.stopped_on) : null,
  });
  return {
    checks,
    end: e.end,
    endReason: e.reason,
    monthlyOere: rate ? privatMonthly(terms, Number(c.expense_oere ?? 0), rate.monthlyOere) : null,
    ceilingOere: rate?.monthlyOere ?? null,
    birth,
  };
}

/** The checks of an egne børn case (§§ 86–88): period, household, the declarations, the rate; the amount is the share
 *  of the age group's basis (before the household cap, which the payout run applies to the household's month). */
async function egneChecks(
  db: Db,
  c: CaseRow,
  terms: NonNullable<ReturnType<Awaited<ReturnType<typeof schemeData>>['termsOn']>>,
  book: Awaited<ReturnType<typeof schemeData>>,
  birth: LocalDate,
  period: DateRange,
  checks: Check[],
) {
  const p = checkEgnePeriod(terms, period);
  checks.push({ code: 'period', ok: !p.length, rule: 'dagtilbudsloven § 87', detail: p[0]?.code ?? '' });
  const others = await egneChildrenInHousehold(db, c.household_id, period, c.id);
  const h = checkHousehold(terms, others + 1);
  checks.push({ code: 'household', ok: !h.length, rule: 'dagtilbudsloven § 87', detail: String(others + 1) });
  const decl = (c.declarations ?? {}) as Partial<Declarations>;
  checks.push({ code: 'residence', ok: decl.residence === true, rule: 'dagtilbudsloven § 86', detail: '' });
  checks.push({ code: 'language', ok: decl.language === true, rule: 'dagtilbudsloven § 86', detail: '' });
  checks.push({ code: 'other-income', ok: decl.noOtherIncome === true, rule: 'dagtilbudsloven § 87', detail: '' });
  const rate = rateFor(book.ratesOn('egne_boern', period.start), birth, period.start);
  checks.push({ code: 'rate', ok: !!rate, rule: 'dagtilbudsloven § 88', detail: rate ? String(rate.monthlyOere) : '' });
  const e = endOf({ birth, terms, wantedEnd: period.end, placementStart: null, carerStop: null });
  return {
    checks,
    end: e.end,
    endReason: e.reason,
    monthlyOere: rate ? percentOf(rate.monthlyOere, terms.sharePercent) : null,
    ceilingOere: rate?.monthlyOere ?? null,
  };
}
