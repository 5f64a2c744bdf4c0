// Grants to private providers (dagtilbudsloven § 19, stk. 4 privatinstitutioner, § 34 private dagplejere, § 57 private
// fritidshjem): per enrolled child and month the operating grant of the provider's approved budget for the child's age
// group (with the building and administration supplements a privatinstitution has), and the friplads and
// søskendetilskud the parents are entitled to, paid through the provider (the parents pay the provider that much
// less). Like the parents' payouts, a run writes only differences: a back-dated enrolment change is a correction.
import type { Db } from '../../platform/db/database.js';
import { DateRange, LocalDate, percentOf } from '../../shared/index.js';
import { epochOf } from '../../shared/iso-day.js';
import { guardianIdsOfMany, personsById } from '../people/index.js';
import { fripladsPayPercents, placesByGuardian } from '../billing/index.js';
import { placementsOf } from '../people/index.js';
import { subsidiesError } from './contract.js';
import {
  caseOverlapping,
  enrolmentOverlapping,
  enrolmentsForMonth,
  providerPaidInMonth,
  schemeData,
  type ProviderLineInput,
} from './queries.js';
import { againstPaid, ageInMonthsIso, prorateDays, siblingSubsidyByHousehold } from './rules.js';

export interface ProviderDue {
  providerId: string;
  enrolmentId: string;
  childId: string;
  grantOere: number;
  fripladsOere: number;
  siblingOere: number;
  dueOere: number;
  budgetId: string | null;
}

/** What each enrolment is due for the month. One load of enrolments, budgets, birth dates, friplads shares and the
 *  households' dagtilbud places, then arithmetic on epoch days. */
export async function providerDueForMonth(db: Db, municipality: string, month: LocalDate, places?: Promise<PlacesOf>) {
  const first = month.firstOfMonth(),
    last = month.lastOfMonth();
  const { enrolments, budgets } = await enrolmentsForMonth(db, municipality, first, last);
  const skipped: { enrolmentId: string; reason: string }[] = [];
  if (!enrolments.length) return { lines: [] as ProviderDue[], skipped };
  const childIds = [...new Set(enrolments.map((e) => e.child_id))];
  const [persons, shares, guardians, book, byGuardian] = await Promise.all([
    personsById(db, childIds),
    fripladsPayPercents(
      db,
      enrolments.map((e) => e.household_id),
      first,
    ),
    guardianIdsOfMany(db, childIds, first),
    schemeData(db, municipality),
    places ?? placesByGuardian(db, municipality, first),
  ]);
  const births = new Map(persons.map((p) => [p.id, p.birth_date]));
  const f = first.toString(),
    firstE = epochOf(f),
    inMonth = last.day;
  const budgetOf = new Map<string, typeof budgets>();
  for (const b of budgets) budgetOf.set(b.provider_id, [...(budgetOf.get(b.provider_id) ?? []), b]);

  // The full month per enrolment: the grant, the friplads (the part of the provider's parent payment the household
  // does not pay) and the household's own payment after friplads (for søskendetilskud).
  const full = new Map<string, { grant: number; friplads: number; own: number; budgetId: string }>();
  for (const e of enrolments) {
    const age = ageInMonthsIso(births.get(e.child_id)!, f);
    const b = (budgetOf.get(e.provider_id) ?? []).find((x) => age >= x.from_months && age < x.to_months);
    if (!b) {
      skipped.push({ enrolmentId: e.id, reason: 'no-budget' });
      continue;
    }
    const payment = Number(b.parent_payment_oere);
    const own = percentOf(payment, shares.get(e.household_id) ?? 100);
    full.set(e.id, {
      grant: Number(b.grant_oere) + Number(b.building_oere) + Number(b.admin_oere),
      friplads: payment - own,
      own,
      budgetId: b.id,
    });
  }
  // Søskendetilskud (§ 85) across the household's children with a provider and the guardians' children in a dagtilbud.
  const siblingPercent = book.termsOn('privat_pasning', first)?.siblingPercent ?? 50;
  const sibling = siblingSubsidyByHousehold(
    enrolments
      .filter((e) => full.has(e.id))
      .map((e) => ({
        id: e.id,
        householdId: e.household_id,
        childId: e.child_id,
        ownPaymentOere: full.get(e.id)!.own,
        adultIds: guardians.get(e.child_id) ?? [],
      })),
    'provider',
    byGuardian,
    siblingPercent,
  );
  const lines: ProviderDue[] = [];
  for (const e of enrolments) {
    const fu = full.get(e.id);
    if (!fu) continue;
    const days = epochOf(e.hi) - Math.max(epochOf(e.lo), firstE);
    const grantOere = prorateDays(fu.grant, days, inMonth),
      fripladsOere = prorateDays(fu.friplads, days, inMonth),
      siblingOere = prorateDays(sibling.get(e.id) ?? 0, days, inMonth);
    lines.push({
      providerId: e.provider_id,
      enrolmentId: e.id,
      childId: e.child_id,
      grantOere,
      fripladsOere,
      siblingOere,
      dueOere: grantOere + fripladsOere + siblingOere,
      budgetId: fu.budgetId,
    });
  }
  return { lines, skipped };
}
type PlacesOf = Awaited<ReturnType<typeof placesByGuardian>>;

export interface ProviderDifference extends ProviderDue {
  paidOere: number;
  amountOere: number;
  kind: 'payment' | 'correction' | 'unchanged';
}
/** Due against paid for every enrolment due or paid this month. */
export async function providerDifferences(db: Db, municipality: string, month: LocalDate, places?: Promise<PlacesOf>) {
  const first = month.firstOfMonth();
  const [{ lines, skipped }, paid] = await Promise.all([
    providerDueForMonth(db, municipality, first, places),
    providerPaidInMonth(db, municipality, first),
  ]);
  const out: ProviderDifference[] = lines.map((l) => ({
    ...l,
    ...againstPaid(l.dueOere, paid.get(l.enrolmentId)?.paid),
  }));
  const seen = new Set(lines.map((l) => l.enrolmentId));
  const skippedIds = new Set(skipped.map((s) => s.enrolmentId));
  // Paid before, nothing due now (an enrolment ended back in time): the provider pays it back.
  for (const [enrolmentId, p] of paid)
    if (!seen.has(enrolmentId) && !skippedIds.has(enrolmentId) && p.paid !== 0)
      out.push({
        providerId: p.providerId,
        enrolmentId,
        childId: p.childId,
        grantOere: 0,
        fripladsOere: 0,
        siblingOere: 0,
        dueOere: 0,
        budgetId: null,
        paidOere: p.paid,
        amountOere: -p.paid,
        kind: 'correction',
      });
  return { lines: out.filter((l) => !(l.kind === 'payment' && l.amountOere === 0)), skipped };
}

export const providerLineInputs = (lines: readonly ProviderDifference[]): ProviderLineInput[] =>
  lines
    .filter((l) => l.kind !== 'unchanged')
    .map((l) => ({
      providerId: l.providerId,
      enrolmentId: l.enrolmentId,
      kind: l.kind === 'payment' ? 'payment' : 'correction',
      amountOere: l.amountOere,
      grantOere: l.grantOere,
      fripladsOere: l.fripladsOere,
      siblingOere: l.siblingOere,
      budgetId: l.budgetId,
    }));

/** An enrolment may start only where the child has no dagtilbud place, no subsidy case and no other provider
 *  (§ 2, stk. 3: one place per child); refusals name the rule. */
export async function checkEnrolment(db: Db, childId: string, period: DateRange, today: LocalDate) {
  const rule = 'dagtilbudsloven § 2, stk. 3';
  const places = await placementsOf(db, [childId], LocalDate.min(today, period.start));
  const place = places.find(
    (p) =>
      p.kind === 'dagtilbud' &&
      DateRange.of(LocalDate.parse(p.start), p.end ? LocalDate.parse(p.end) : null).overlaps(period),
  );
  if (place) throw subsidiesError('subsidies.dagtilbud-overlap', { rule, from: place.start });
  const c = await caseOverlapping(db, childId, period);
  if (c) throw subsidiesError('subsidies.case-overlap', { rule, from: c.lo });
  const e = await enrolmentOverlapping(db, childId, period);
  if (e) throw subsidiesError('subsidies.overlap', { rule, from: e.lo });
}
