// Applications for a subsidy (citizen or caseworker): privat pasning and egne børn, each checked against the rules
// before it is stored (refusals name the rule), and the children a guardian can apply for.
import type { Db } from '../../platform/db/database.js';
import { DateRange, LocalDate, percentOf } from '../../shared/index.js';
import { childIdsInCustody, homeOf, personsById, placementsOf } from '../people/index.js';
import { subsidiesError } from './contract.js';
import {
  addCase,
  egneChildrenInHousehold,
  enrolmentOverlapping,
  findOrAddCarer,
  schemeData,
  type Declarations,
} from './queries.js';
import {
  capHousehold,
  checkAge,
  checkCarer,
  checkEgnePeriod,
  checkExpense,
  checkHousehold,
  privatMonthly,
  rateFor,
  type Breach,
} from './rules.js';

export interface Application {
  childId: string;
  start: string;
  end: string | null;
  carer: { name: string; cvr: string | null; street: string; postalCode: string; city: string; carers: number };
  expenseOere: number;
  hoursPerWeek: number;
  childrenInCare: number;
}

const fail = (b: Breach) => subsidiesError(b.code, { rule: b.rule });

/** The first dagtilbud place of the child overlapping the period (§ 2, stk. 3: one place per child). */
export async function dagtilbudOverlap(db: Db, childId: string, period: DateRange, today: LocalDate) {
  const places = await placementsOf(db, [childId], LocalDate.min(today, period.start));
  return (
    places.find(
      (p) =>
        p.kind === 'dagtilbud' &&
        DateRange.of(LocalDate.parse(p.start), p.end ? LocalDate.parse(p.end) : null).overlaps(period),
    ) ?? null
  );
}

/** Everything a privat pasning application must meet before it is stored: refusals name the rule. */
async function validate(
  db: Db,
  o: { municipality: string; birth: LocalDate; period: DateRange; a: Application; today: LocalDate },
) {
  const book = await schemeData(db, o.municipality);
  const terms = book.termsOn('privat_pasning', o.period.start);
  if (!terms || !terms.offered) throw subsidiesError('subsidies.no-terms', { rule: 'dagtilbudsloven § 80' });
  const breaches = [
    ...checkAge(o.birth, o.period, terms),
    ...checkExpense(o.a.expenseOere),
    ...checkCarer(terms, { carers: o.a.carer.carers, extraConsent: false }, o.a.childrenInCare),
  ];
  if (breaches.length) throw fail(breaches[0]!);
  const rate = rateFor(book.ratesOn('privat_pasning', o.period.start), o.birth, o.period.start);
  if (!rate) throw subsidiesError('subsidies.no-rate', { rule: 'dagtilbudsloven § 83' });
  const place = await dagtilbudOverlap(db, o.a.childId, o.period, o.today);
  if (place)
    throw subsidiesError('subsidies.dagtilbud-overlap', { rule: 'dagtilbudsloven § 2, stk. 3', from: place.start });
  const enrolled = await enrolmentOverlapping(db, o.a.childId, o.period);
  if (enrolled)
    throw subsidiesError('subsidies.enrolled-with-provider', {
      rule: 'dagtilbudsloven § 2, stk. 3',
      from: enrolled.lo,
    });
  return { terms, monthly: privatMonthly(terms, o.a.expenseOere, rate.monthlyOere), ceiling: rate.monthlyOere };
}

/** A guardian's (or a caseworker's, for the guardian) application for tilskud til privat pasning. */
export async function apply(
  trx: Db,
  a: Application,
  by: { applicantId: string; source: 'citizen' | 'caseworker'; today: LocalDate },
) {
  const home = await homeOf(trx, by.applicantId, by.today);
  if (!home) throw subsidiesError('subsidies.no-address');
  const [child] = await personsById(trx, [a.childId]);
  if (!child) throw subsidiesError('subsidies.not-found');
  const start = LocalDate.parse(a.start),
    end = a.end ? LocalDate.parse(a.end) : null;
  if (end && end.isBefore(start)) throw subsidiesError('subsidies.end-before-start');
  if (start.isBefore(by.today.firstOfMonth())) throw subsidiesError('subsidies.start-in-past');
  const period = DateRange.of(start, end);
  const birth = LocalDate.parse(child.birth_date);
  const v = await validate(trx, { municipality: home.municipalityCode, birth, period, a, today: by.today });
  const carerId = await findOrAddCarer(trx, { municipality: home.municipalityCode, ...a.carer });
  const r = await addCase(trx, {
    municipality: home.municipalityCode,
    scheme: 'privat_pasning',
    childId: a.childId,
    householdId: home.id,
    applicantId: by.applicantId,
    carerId,
    expenseOere: a.expenseOere,
    hoursPerWeek: a.hoursPerWeek,
    childrenInCare: a.childrenInCare,
    period,
    source: by.source,
    submittedOn: by.today,
    deadline: by.today.plusDays(v.terms.decisionDays),
  });
  return { id: r.id, deadline: by.today.plusDays(v.terms.decisionDays).toString(), estimateOere: v.monthly };
}

export interface EgneApplication {
  childId: string;
  start: string;
  end: string;
  declarations: Declarations;
}

/** A guardian's application for tilskud til pasning af egne børn (§§ 86–88), where the municipality offers it. The
 *  declarations are stored as given: the caseworker checks them, and approval needs all three. */
export async function applyEgne(
  trx: Db,
  a: EgneApplication,
  by: { applicantId: string; source: 'citizen' | 'caseworker'; today: LocalDate },
) {
  const home = await homeOf(trx, by.applicantId, by.today);
  if (!home) throw subsidiesError('subsidies.no-address');
  const [child] = await personsById(trx, [a.childId]);
  if (!child) throw subsidiesError('subsidies.not-found');
  const start = LocalDate.parse(a.start),
    end = LocalDate.parse(a.end);
  if (end.isBefore(start)) throw subsidiesError('subsidies.end-before-start');
  if (start.isBefore(by.today.firstOfMonth())) throw subsidiesError('subsidies.start-in-past');
  const period = DateRange.of(start, end);
  const birth = LocalDate.parse(child.birth_date);
  const book = await schemeData(trx, home.municipalityCode);
  const terms = book.termsOn('egne_boern', start);
  if (!terms || !terms.offered) throw subsidiesError('subsidies.not-offered', { rule: 'dagtilbudsloven § 86, stk. 1' });
  const others = await egneChildrenInHousehold(trx, home.id, period, null);
  const breaches = [
    ...checkAge(birth, period, terms),
    ...checkEgnePeriod(terms, period),
    ...checkHousehold(terms, others + 1),
  ];
  if (breaches.length) throw fail(breaches[0]!);
  const rate = rateFor(book.ratesOn('egne_boern', start), birth, start);
  if (!rate) throw subsidiesError('subsidies.no-rate', { rule: 'dagtilbudsloven § 88' });
  const place = await dagtilbudOverlap(trx, a.childId, period, by.today);
  if (place)
    throw subsidiesError('subsidies.dagtilbud-overlap', { rule: 'dagtilbudsloven § 2, stk. 3', from: place.start });
  const enrolled = await enrolmentOverlapping(trx, a.childId, period);
  if (enrolled)
    throw subsidiesError('subsidies.enrolled-with-provider', {
      rule: 'dagtilbudsloven § 2, stk. 3',
      from: enrolled.lo,
    });
  const deadline = by.today.plusDays(terms.decisionDays);
  const r = await addCase(trx, {
    municipality: home.municipalityCode,
    scheme: 'egne_boern',
    childId: a.childId,
    householdId: home.id,
    applicantId: by.applicantId,
    carerId: null,
    expenseOere: null,
    hoursPerWeek: null,
    childrenInCare: null,
    period,
    source: by.source,
    submittedOn: by.today,
    deadline,
    declarations: a.declarations,
  });
  return {
    id: r.id,
    deadline: deadline.toString(),
    estimateOere: capHousehold([percentOf(rate.monthlyOere, terms.sharePercent)], terms.householdCapOere)[0]!,
  };
}

/** Children in the guardian's custody with their birth dates (the citizen's choices). */
export async function childrenOf(db: Db, guardianId: string, today: LocalDate) {
  const ids = await childIdsInCustody(db, guardianId, today);
  return personsById(db, ids);
}
