// The only SQL naming the subsidies module's tables (owner: subsidies, migration 024).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { DateRange, type LocalDate } from '../../shared/index.js';
import type { ProviderKind, SubsidyScheme } from '../../platform/db/schema.js';
import type { AgeRate, SchemeTerms } from './rules.js';

export interface Terms extends SchemeTerms {
  id: string;
  offered: boolean;
  siblingPercent: number;
  decisionDays: number;
  valid: DateRange;
}
export interface DatedRate extends AgeRate {
  valid: DateRange;
}

/** Every terms and rate row a municipality uses: its own, and the standard rows (no municipality). */
export async function schemeData(db: Db, municipality: string) {
  const [terms, rates] = await Promise.all([
    db
      .selectFrom('subsidy_terms')
      .selectAll()
      .where((w) => w.or([w('municipality_code', '=', municipality), w('municipality_code', 'is', null)]))
      .execute(),
    db
      .selectFrom('subsidy_rate')
      .selectAll()
      .where((w) => w.or([w('municipality_code', '=', municipality), w('municipality_code', 'is', null)]))
      .execute(),
  ]);
  return new SchemeBook(
    terms.map((t) => ({
      own: t.municipality_code !== null,
      scheme: t.scheme,
      v: {
        id: t.id,
        scheme: t.scheme,
        offered: t.offered,
        minAgeWeeks: t.min_age_weeks,
        maxAgeMonths: t.max_age_months,
        sharePercent: Number(t.share_percent),
        maxChildrenPerCarer: t.max_children_per_carer,
        maxChildrenTwoCarers: t.max_children_two_carers,
        minWeeks: t.min_weeks,
        maxMonths: t.max_months,
        maxChildrenPerHousehold: t.max_children_household,
        householdCapOere: t.household_cap_oere === null ? null : Number(t.household_cap_oere),
        siblingPercent: t.sibling_percent,
        decisionDays: t.decision_days,
        valid: DateRange.fromPg(t.valid),
      } satisfies Terms,
    })),
    rates.map((r) => ({
      own: r.municipality_code !== null,
      scheme: r.scheme,
      v: {
        id: r.id,
        fromMonths: r.from_months,
        toMonths: r.to_months,
        monthlyOere: Number(r.monthly_oere),
        valid: DateRange.fromPg(r.valid),
      } satisfies DatedRate,
    })),
  );
}

type Row<T> = { own: boolean; scheme: SubsidyScheme; v: T };
/** Terms and rates by date: a municipality's own rows win on the days they cover; else the standard rows. */
export class SchemeBook {
  constructor(
    private readonly terms: Row<Terms>[],
    private readonly rates: Row<DatedRate>[],
  ) {}
  termsOn(scheme: SubsidyScheme, on: LocalDate): Terms | null {
    const hits = this.terms.filter((t) => t.scheme === scheme && t.v.valid.includes(on));
    return (hits.find((t) => t.own) ?? hits[0])?.v ?? null;
  }
  ratesOn(scheme: SubsidyScheme, on: LocalDate): DatedRate[] {
    const hits = this.rates.filter((r) => r.scheme === scheme && r.v.valid.includes(on));
    const own = hits.filter((r) => r.own);
    return (own.length ? own : hits).map((r) => r.v);
  }
}

// Carers
export interface CarerInput {
  municipality: string;
  name: string;
  cvr: string | null;
  street: string;
  postalCode: string;
  city: string;
  carers: number;
}
/** The carer with this CVR in the municipality, or a new one (not yet approved). */
export async function findOrAddCarer(trx: Db, c: CarerInput): Promise<string> {
  if (c.cvr) {
    const hit = await trx
      .selectFrom('subsidy_carer')
      .select('id')
      .where('municipality_code', '=', c.municipality)
      .where('cvr', '=', c.cvr)
      .executeTakeFirst();
    if (hit) return hit.id;
  }
  const r = await trx
    .insertInto('subsidy_carer')
    .values({
      municipality_code: c.municipality,
      name: c.name,
      cvr: c.cvr,
      street: c.street,
      postal_code: c.postalCode,
      city: c.city,
      carers: c.carers,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
export async function carerById(db: Db, id: string) {
  return db.selectFrom('subsidy_carer').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function approveCarer(trx: Db, id: string, on: LocalDate) {
  await trx
    .updateTable('subsidy_carer')
    .set({ approved_on: on.toString() })
    .where('id', '=', id)
    .where('approved_on', 'is', null)
    .execute();
}
export async function stopCarer(trx: Db, id: string, on: LocalDate) {
  await trx.updateTable('subsidy_carer').set({ stopped_on: on.toString() }).where('id', '=', id).execute();
}
export async function addSupervision(trx: Db, carerId: string, visitDate: LocalDate, note: string, userId: string) {
  return trx
    .insertInto('subsidy_supervision')
    .values({ carer_id: carerId, visit_date: visitDate.toString(), note, user_id: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function supervisionsOf(db: Db, carerId: string) {
  return db
    .selectFrom('subsidy_supervision')
    .select(['id', 'visit_date', 'note'])
    .where('carer_id', '=', carerId)
    .orderBy('visit_date', 'desc')
    .execute();
}
/** Other children with a live subsidy (applied or approved) at the carer on a day. */
export async function childrenAtCarer(db: Db, carerId: string, on: LocalDate, exceptCase: string | null) {
  let q = db
    .selectFrom('subsidy_case')
    .select((e) => e.fn.count<number>('id').as('n'))
    .where('carer_id', '=', carerId)
    .where('status', 'in', ['applied', 'approved'])
    .where(sql<boolean>`valid @> ${on.toString()}::date`);
  if (exceptCase) q = q.where('id', '<>', exceptCase);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Other children of the household with a live egne børn case (applied or approved) in a period overlapping `period`
 *  (§ 87: at most three children of a household at the same time). */
export async function egneChildrenInHousehold(
  db: Db,
  householdId: string,
  period: DateRange,
  exceptCase: string | null,
) {
  let q = db
    .selectFrom('subsidy_case')
    .select((e) => e.fn.count<number>(sql`distinct child_id`).as('n'))
    .where('household_id', '=', householdId)
    .where('scheme', '=', 'egne_boern')
    .where('status', 'in', ['applied', 'approved'])
    .where(sql<boolean>`valid && ${period.toPgDaterange()}::daterange`);
  if (exceptCase) q = q.where('id', '<>', exceptCase);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

// Cases
export interface Declarations {
  residence: boolean;
  language: boolean;
  noOtherIncome: boolean;
}
export interface CaseInput {
  municipality: string;
  scheme: SubsidyScheme;
  childId: string;
  householdId: string;
  applicantId: string;
  carerId: string | null;
  expenseOere: number | null;
  hoursPerWeek: number | null;
  childrenInCare: number | null;
  period: DateRange;
  source: 'citizen' | 'caseworker';
  submittedOn: LocalDate;
  deadline: LocalDate;
  declarations?: Declarations | null;
}
export async function addCase(trx: Db, c: CaseInput) {
  return trx
    .insertInto('subsidy_case')
    .values({
      municipality_code: c.municipality,
      scheme: c.scheme,
      child_id: c.childId,
      household_id: c.householdId,
      applicant_id: c.applicantId,
      carer_id: c.carerId,
      expense_oere: c.expenseOere,
      hours_per_week: c.hoursPerWeek,
      children_in_care: c.childrenInCare,
      valid: c.period.toPgDaterange(),
      source: c.source,
      submitted_on: c.submittedOn.toString(),
      deadline: c.deadline.toString(),
      declarations: c.declarations ? JSON.stringify(c.declarations) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export type CaseRow = Awaited<ReturnType<typeof caseById>> & {};
export async function caseById(db: Db, id: string) {
  return db.selectFrom('subsidy_case').selectAll().where('id', '=', id).executeTakeFirst();
}
/** Locks the case row for a decision, a stop or a complaint's change. */
export async function lockCase(trx: Db, id: string) {
  return trx.selectFrom('subsidy_case').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function listCases(db: Db, status: string | undefined) {
  let q = db.selectFrom('subsidy_case').selectAll();
  if (status) q = q.where('status', '=', status as 'applied');
  return q.orderBy('deadline').orderBy('created_at').limit(500).execute();
}
export async function casesOfChildren(db: Db, childIds: string[]) {
  if (!childIds.length) return [];
  return db
    .selectFrom('subsidy_case')
    .selectAll()
    .where('child_id', 'in', childIds)
    .orderBy(sql`lower(valid)`, 'desc')
    .execute();
}
export async function setDecision(
  trx: Db,
  id: string,
  d: {
    status: 'approved' | 'refused';
    period: DateRange | null;
    endReason: string | null;
    on: LocalDate;
    by: string;
    reason: string | null;
    rule: string | null;
  },
) {
  await trx
    .updateTable('subsidy_case')
    .set({
      status: d.status,
      ...(d.period && { valid: d.period.toPgDaterange() }),
      end_reason: d.endReason,
      decided_on: d.on.toString(),
      decided_by: d.by,
      reason: d.reason,
      refusal_rule: d.rule,
    })
    .where('id', '=', id)
    .execute();
}
export async function setLetter(trx: Db, id: string, letterId: string) {
  await trx.updateTable('subsidy_case').set({ letter_id: letterId }).where('id', '=', id).execute();
}
/** Ends an approved case on `lastDay` (inclusive). */
export async function endCase(trx: Db, id: string, lastDay: LocalDate, reason: string, status: 'approved' | 'stopped') {
  await trx
    .updateTable('subsidy_case')
    .set({ valid: sql`daterange(lower(valid), ${lastDay.plusDays(1).toString()}::date)`, end_reason: reason, status })
    .where('id', '=', id)
    .execute();
}
/** Approved cases of a carer still running after `lastDay`. */
export async function casesOfCarerAfter(db: Db, carerId: string, lastDay: LocalDate) {
  return db
    .selectFrom('subsidy_case')
    .selectAll()
    .where('carer_id', '=', carerId)
    .where('status', '=', 'approved')
    .where(sql<boolean>`(upper_inf(valid) or upper(valid) > ${lastDay.plusDays(1).toString()}::date)`)
    .execute();
}

// Complaints
export async function addComplaint(trx: Db, caseId: string, receivedOn: LocalDate, text: string, by: string) {
  return trx
    .insertInto('subsidy_complaint')
    .values({ case_id: caseId, received_on: receivedOn.toString(), text, created_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function complaintById(db: Db, id: string) {
  return db.selectFrom('subsidy_complaint').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function complaintsOf(db: Db, caseIds: string[]) {
  if (!caseIds.length) return [];
  return db
    .selectFrom('subsidy_complaint')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .orderBy('received_on')
    .execute();
}
export async function reconsider(trx: Db, id: string, outcome: 'changed' | 'upheld', on: LocalDate, note: string) {
  await trx
    .updateTable('subsidy_complaint')
    .set({ status: outcome, reconsidered_on: on.toString(), reconsidered_note: note })
    .where('id', '=', id)
    .execute();
}
/** A complaint reconsidered as changed: the case goes back to under consideration for a new decision (the earlier
 *  decision and letter stay in the case's history: the letter, the complaint and the audit log). */
export async function reopenCase(trx: Db, caseId: string, complaintId: string, on: LocalDate, deadline: LocalDate) {
  await trx
    .updateTable('subsidy_case')
    .set({
      status: 'applied',
      decided_on: null,
      decided_by: null,
      reopened_on: on.toString(),
      deadline: deadline.toString(),
    })
    .where('id', '=', caseId)
    .execute();
  await trx.updateTable('subsidy_complaint').set({ reopened_case: true }).where('id', '=', complaintId).execute();
}
export async function forward(trx: Db, id: string, on: LocalDate, bundle: unknown) {
  await trx
    .updateTable('subsidy_complaint')
    .set({ status: 'forwarded', forwarded_on: on.toString(), bundle: JSON.stringify(bundle) })
    .where('id', '=', id)
    .execute();
}

// Payouts
/** Approved or stopped cases of a municipality whose period touches [first, last]. */
export async function casesForMonth(db: Db, municipality: string, first: LocalDate, last: LocalDate) {
  return db
    .selectFrom('subsidy_case')
    .select(['id', 'scheme', 'child_id', 'household_id', 'applicant_id', 'carer_id', 'expense_oere', 'status'])
    .select([sql<string>`lower(valid)::text`.as('lo'), sql<string | null>`upper(valid)::text`.as('hi')])
    .where('municipality_code', '=', municipality)
    .where('status', 'in', ['approved', 'stopped'])
    .where(sql<boolean>`valid && daterange(${first.toString()}::date, ${last.toString()}::date, '[]')`)
    .execute();
}
/** What has been paid per case for a month (the sum of its lines), with the payee and child, for every case with a
 *  line that month. */
export async function paidInMonth(db: Db, municipality: string, month: LocalDate) {
  const rows = await db
    .selectFrom('subsidy_payout_line as l')
    .innerJoin('subsidy_case as c', 'c.id', 'l.case_id')
    .select([
      'l.case_id',
      'c.applicant_id',
      'c.child_id',
      'c.status',
      (e) => e.fn.sum<number>('l.amount_oere').as('paid'),
    ])
    .where('c.municipality_code', '=', municipality)
    .where('l.month', '=', month.toString())
    .groupBy(['l.case_id', 'c.applicant_id', 'c.child_id', 'c.status'])
    .execute();
  return new Map(
    rows.map((r) => [
      r.case_id,
      { paid: Number(r.paid), payeeId: r.applicant_id, childId: r.child_id, status: r.status },
    ]),
  );
}
export interface LineInput {
  caseId: string;
  kind: 'payment' | 'correction';
  amountOere: number;
  dueOere: number;
  siblingOere: number;
  rateId: string | null;
  payeeId: string;
}
/** One run: its lines, a creditor event per line, and a recovery claim per negative correction. */
export async function writeRun(
  trx: Db,
  o: {
    municipality: string;
    month: LocalDate;
    userId: string | null;
    lines: LineInput[];
    providerLines?: readonly ProviderLineInput[];
  },
) {
  const providerLines = o.providerLines ?? [];
  const total = o.lines.reduce((s, l) => s + l.amountOere, 0) + providerLines.reduce((s, l) => s + l.amountOere, 0);
  const run = await trx
    .insertInto('subsidy_payout_run')
    .values({
      municipality_code: o.municipality,
      month: o.month.toString(),
      lines: o.lines.length + providerLines.length,
      total_oere: total,
      created_by: o.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Three statements whatever the number of lines: the lines as column arrays (unnest: nine parameters, not nine
  // per line), and the creditor events and recovery claims copied from them on the server.
  const month = o.month.toString();
  await writeProviderLines(trx, run.id, o.month, providerLines);
  if (!o.lines.length) return { runId: run.id, total, recoveries: 0 };
  const col = <T>(f: (l: LineInput) => T) => o.lines.map(f);
  await sql`insert into subsidy_payout_line
      (run_id, case_id, month, kind, amount_oere, due_oere, sibling_oere, rate_id, payee_id)
    select ${run.id}::uuid, x.case_id, ${month}::date, x.kind, x.amount_oere, x.due_oere, x.sibling_oere, x.rate_id,
      x.payee_id
    from unnest(${col((l) => l.caseId)}::uuid[], ${col((l) => l.kind)}::text[], ${col((l) => l.amountOere)}::bigint[],
      ${col((l) => l.dueOere)}::bigint[], ${col((l) => l.siblingOere)}::bigint[], ${col((l) => l.rateId)}::uuid[],
      ${col((l) => l.payeeId)}::uuid[])
      as x(case_id, kind, amount_oere, due_oere, sibling_oere, rate_id, payee_id)`.execute(trx);
  await sql`insert into creditor_event (run_id, kind, payee_id, case_id, month, amount_oere)
    select run_id, case when amount_oere < 0 then 'recovery' else kind end, payee_id, case_id, month, amount_oere
    from subsidy_payout_line where run_id = ${run.id}::uuid order by payee_id, case_id`.execute(trx);
  const claims = o.lines.filter((l) => l.amountOere < 0);
  if (claims.length)
    await sql`insert into subsidy_recovery (case_id, run_id, debtor_id, amount_oere, months)
      select case_id, run_id, payee_id, -amount_oere, ${month.slice(0, 7)}
      from subsidy_payout_line where run_id = ${run.id}::uuid and amount_oere < 0`.execute(trx);
  return { runId: run.id, total, recoveries: claims.length };
}
/** A run's provider lines with the provider (for the creditor export: one statement per provider). */
export async function providerLinesOfRun(db: Db, runId: string) {
  return sql<{
    provider_id: string;
    name: string;
    cvr: string;
    kind: ProviderKind;
    enrolment_id: string;
    child_id: string;
    line_kind: 'payment' | 'correction';
    amount_oere: string;
    due_oere: string;
    grant_oere: string;
    friplads_oere: string;
    sibling_oere: string;
  }>`select l.provider_id, p.name, p.cvr, p.kind, l.enrolment_id, e.child_id, l.kind as line_kind, l.amount_oere,
      l.due_oere, l.grant_oere, l.friplads_oere, l.sibling_oere
    from subsidy_provider_line l join subsidy_provider p on p.id = l.provider_id
      join subsidy_enrolment e on e.id = l.enrolment_id
    where l.run_id = ${runId}::uuid order by p.name, p.id, e.child_id`
    .execute(db)
    .then((r) => r.rows);
}
export async function listRuns(db: Db, municipality: string) {
  return db
    .selectFrom('subsidy_payout_run')
    .selectAll()
    .where('municipality_code', '=', municipality)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}
export async function runWithLines(db: Db, runId: string) {
  const run = await db.selectFrom('subsidy_payout_run').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) return null;
  const lines = await db
    .selectFrom('subsidy_payout_line as l')
    .innerJoin('subsidy_case as c', 'c.id', 'l.case_id')
    .select([
      'l.case_id',
      'l.kind',
      'l.amount_oere',
      'l.due_oere',
      'l.sibling_oere',
      'l.payee_id',
      'c.child_id',
      'c.carer_id',
      'c.scheme',
    ])
    .where('l.run_id', '=', runId)
    .orderBy('l.payee_id')
    .orderBy('l.case_id')
    .execute();
  return { run, lines };
}
export async function linesOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('subsidy_payout_line')
    .select(['month', 'kind', 'amount_oere', 'due_oere', 'sibling_oere'])
    .where('case_id', '=', caseId)
    .orderBy('month')
    .execute();
}
export async function recoveriesOf(db: Db, caseId: string) {
  return db
    .selectFrom('subsidy_recovery')
    .select(['id', 'amount_oere', 'months', 'status'])
    .where('case_id', '=', caseId)
    .execute();
}

/** Retention (issue 16): the people (child, applicant, carer) of a subsidy case that is still open: applied, approved
 *  and running today or later, or with a complaint not yet settled; and children enrolled with a private provider. */
export async function subsidyHolds(db: Db, personIds: string[], today: LocalDate): Promise<Set<string>> {
  if (!personIds.length) return new Set();
  const rows = await sql<{ child_id: string; applicant_id: string; carer_id: string | null }>`
    select c.child_id, c.applicant_id, c.carer_id from subsidy_case c
     where (c.child_id = any(${personIds}::uuid[]) or c.applicant_id = any(${personIds}::uuid[])
            or c.carer_id = any(${personIds}::uuid[]))
       and (c.status = 'applied'
            or (c.status = 'approved' and (upper_inf(c.valid) or upper(c.valid) > ${today.toString()}::date))
            or exists (select from subsidy_complaint k where k.case_id = c.id and k.status in ('received', 'forwarded')))
    union all
    -- a child enrolled with a private provider now or later (the provider is paid for it)
    select e.child_id, e.child_id, null from subsidy_enrolment e
     where e.child_id = any(${personIds}::uuid[]) and (upper_inf(e.valid) or upper(e.valid) > ${today.toString()}::date)`.execute(
    db,
  );
  return new Set(rows.rows.flatMap((r) => [r.child_id, r.applicant_id, ...(r.carer_id ? [r.carer_id] : [])]));
}

/** Of these letters, those that carry a subsidy decision (kept with the case). */
export async function subsidyLetterIds(db: Db, letterIds: string[]): Promise<Set<string>> {
  if (!letterIds.length) return new Set();
  const rows = await db.selectFrom('subsidy_case').select('letter_id').where('letter_id', 'in', letterIds).execute();
  return new Set(rows.map((r) => r.letter_id!));
}

// Providers (migration 030): private institutions, childminders and fritidshjem paid a grant per enrolled child.
export interface ProviderInput {
  municipality: string;
  kind: ProviderKind;
  name: string;
  cvr: string;
  address: string;
  approved: DateRange;
}
export async function addProvider(trx: Db, p: ProviderInput) {
  return trx
    .insertInto('subsidy_provider')
    .values({
      municipality_code: p.municipality,
      kind: p.kind,
      name: p.name,
      cvr: p.cvr,
      address: p.address,
      approved: p.approved.toPgDaterange(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function providerById(db: Db, id: string) {
  return db.selectFrom('subsidy_provider').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function providersOf(db: Db, municipality: string) {
  return db
    .selectFrom('subsidy_provider as p')
    .selectAll('p')
    .select((e) =>
      e
        .selectFrom('subsidy_enrolment as e')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('e.provider_id', '=', 'p.id')
        .as('enrolments'),
    )
    .where('p.municipality_code', '=', municipality)
    .orderBy('p.name')
    .execute();
}
export interface BudgetInput {
  providerId: string;
  kind: ProviderKind;
  fromMonths: number;
  toMonths: number;
  grantOere: number;
  buildingOere: number;
  adminOere: number;
  parentPaymentOere: number;
  from: LocalDate;
  userId: string | null;
}
/** A new budget period from a day: an open-ended row of the same age group that started earlier ends the day before;
 *  any other overlap is refused by the exclusion constraint (a past period is never changed in place). */
export async function addBudget(trx: Db, b: BudgetInput) {
  await trx
    .updateTable('subsidy_provider_budget')
    .set({ valid: sql`daterange(lower(valid), ${b.from.toString()}::date)` })
    .where('provider_id', '=', b.providerId)
    .where('from_months', '=', b.fromMonths)
    .where('to_months', '=', b.toMonths)
    .where(sql<boolean>`upper_inf(valid) and lower(valid) < ${b.from.toString()}::date`)
    .execute();
  return trx
    .insertInto('subsidy_provider_budget')
    .values({
      provider_id: b.providerId,
      kind: b.kind,
      from_months: b.fromMonths,
      to_months: b.toMonths,
      grant_oere: b.grantOere,
      building_oere: b.buildingOere,
      admin_oere: b.adminOere,
      parent_payment_oere: b.parentPaymentOere,
      valid: DateRange.of(b.from, null).toPgDaterange(),
      created_by: b.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function budgetsOf(db: Db, providerIds: readonly string[]) {
  if (!providerIds.length) return [];
  return db
    .selectFrom('subsidy_provider_budget')
    .selectAll()
    .select([sql<string>`lower(valid)::text`.as('lo'), sql<string | null>`upper(valid)::text`.as('hi')])
    .where('provider_id', 'in', [...providerIds])
    .orderBy('from_months')
    .orderBy(sql`lower(valid)`)
    .execute();
}
export async function addEnrolment(
  trx: Db,
  e: { providerId: string; childId: string; householdId: string; period: DateRange; userId: string | null },
) {
  return trx
    .insertInto('subsidy_enrolment')
    .values({
      provider_id: e.providerId,
      child_id: e.childId,
      household_id: e.householdId,
      valid: e.period.toPgDaterange(),
      created_by: e.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function enrolmentById(db: Db, id: string) {
  return db.selectFrom('subsidy_enrolment').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function enrolmentsOf(db: Db, providerId: string) {
  return db
    .selectFrom('subsidy_enrolment')
    .selectAll()
    .where('provider_id', '=', providerId)
    .orderBy(sql`lower(valid)`)
    .execute();
}
/** Ends an enrolment on `lastDay` (inclusive), back in time too: the next payout run corrects the months paid. */
export async function endEnrolment(trx: Db, id: string, lastDay: LocalDate) {
  await trx
    .updateTable('subsidy_enrolment')
    .set({ valid: sql`daterange(lower(valid), ${lastDay.plusDays(1).toString()}::date)` })
    .where('id', '=', id)
    .execute();
}
/** A live subsidy case (applied, approved, stopped) of the child in a period overlapping `period`. */
export async function caseOverlapping(db: Db, childId: string, period: DateRange) {
  return db
    .selectFrom('subsidy_case')
    .select(['id', 'scheme', sql<string>`lower(valid)::text`.as('lo')])
    .where('child_id', '=', childId)
    .where('status', 'in', ['applied', 'approved', 'stopped'])
    .where(sql<boolean>`valid && ${period.toPgDaterange()}::daterange`)
    .executeTakeFirst();
}
/** An enrolment of the child with a provider in a period overlapping `period`. */
export async function enrolmentOverlapping(db: Db, childId: string, period: DateRange) {
  return db
    .selectFrom('subsidy_enrolment')
    .select(['id', sql<string>`lower(valid)::text`.as('lo')])
    .where('child_id', '=', childId)
    .where(sql<boolean>`valid && ${period.toPgDaterange()}::daterange`)
    .executeTakeFirst();
}
/** Every enrolment of a municipality's providers touching [first, last], with the part of the month both the enrolment
 *  and the provider's approval cover (lo inclusive, hi exclusive), and the providers' budgets valid on the first. */
export async function enrolmentsForMonth(db: Db, municipality: string, first: LocalDate, last: LocalDate) {
  const month = sql`daterange(${first.toString()}::date, ${last.toString()}::date, '[]')`;
  const [rows, budgets] = await Promise.all([
    sql<{
      id: string;
      provider_id: string;
      kind: ProviderKind;
      child_id: string;
      household_id: string;
      lo: string;
      hi: string;
    }>`select e.id, e.provider_id, p.kind, e.child_id, e.household_id,
        lower(e.valid * p.approved * ${month})::text lo, upper(e.valid * p.approved * ${month})::text hi
      from subsidy_enrolment e join subsidy_provider p on p.id = e.provider_id
      where p.municipality_code = ${municipality} and e.valid && ${month} and p.approved && ${month}
        and not isempty(e.valid * p.approved * ${month})`.execute(db),
    sql<{
      id: string;
      provider_id: string;
      from_months: number;
      to_months: number;
      grant_oere: string;
      building_oere: string;
      admin_oere: string;
      parent_payment_oere: string;
    }>`select b.id, b.provider_id, b.from_months, b.to_months, b.grant_oere, b.building_oere, b.admin_oere,
        b.parent_payment_oere
      from subsidy_provider_budget b join subsidy_provider p on p.id = b.provider_id
      where p.municipality_code = ${municipality} and b.valid @> ${first.toString()}::date`.execute(db),
  ]);
  return { enrolments: rows.rows, budgets: budgets.rows };
}
/** What has been paid per enrolment for a month (the sum of its lines). */
export async function providerPaidInMonth(db: Db, municipality: string, month: LocalDate) {
  const rows = await sql<{ enrolment_id: string; provider_id: string; child_id: string; paid: string }>`
    select l.enrolment_id, l.provider_id, e.child_id, sum(l.amount_oere) paid
    from subsidy_provider_line l join subsidy_provider p on p.id = l.provider_id
      join subsidy_enrolment e on e.id = l.enrolment_id
    where p.municipality_code = ${municipality} and l.month = ${month.toString()}::date
    group by l.enrolment_id, l.provider_id, e.child_id`.execute(db);
  return new Map(
    rows.rows.map((r) => [r.enrolment_id, { paid: Number(r.paid), providerId: r.provider_id, childId: r.child_id }]),
  );
}
export interface ProviderLineInput {
  providerId: string;
  enrolmentId: string;
  kind: 'payment' | 'correction';
  amountOere: number;
  grantOere: number;
  fripladsOere: number;
  siblingOere: number;
  budgetId: string | null;
}
/** A run's provider lines and their creditor events: two statements whatever the number of lines. */
export async function writeProviderLines(
  trx: Db,
  runId: string,
  month: LocalDate,
  lines: readonly ProviderLineInput[],
) {
  if (!lines.length) return;
  const col = <T>(f: (l: ProviderLineInput) => T) => lines.map(f);
  await sql`insert into subsidy_provider_line
      (run_id, provider_id, enrolment_id, month, kind, amount_oere, grant_oere, friplads_oere, sibling_oere, due_oere, budget_id)
    select ${runId}::uuid, x.provider_id, x.enrolment_id, ${month.toString()}::date, x.kind, x.amount_oere, x.grant_oere,
      x.friplads_oere, x.sibling_oere, x.grant_oere + x.friplads_oere + x.sibling_oere, x.budget_id
    from unnest(${col((l) => l.providerId)}::uuid[], ${col((l) => l.enrolmentId)}::uuid[], ${col((l) => l.kind)}::text[],
      ${col((l) => l.amountOere)}::bigint[], ${col((l) => l.grantOere)}::bigint[], ${col((l) => l.fripladsOere)}::bigint[],
      ${col((l) => l.siblingOere)}::bigint[], ${col((l) => l.budgetId)}::uuid[])
      as x(provider_id, enrolment_id, kind, amount_oere, grant_oere, friplads_oere, sibling_oere, budget_id)`.execute(
    trx,
  );
  await sql`insert into creditor_event (run_id, kind, provider_id, enrolment_id, month, amount_oere)
    select run_id, case when amount_oere < 0 then 'recovery' else kind end, provider_id, enrolment_id, month, amount_oere
    from subsidy_provider_line where run_id = ${runId}::uuid order by provider_id, enrolment_id`.execute(trx);
}
/** A provider's statement lines (every run), newest month first. */
export async function providerLinesOf(db: Db, providerId: string) {
  return sql<{
    run_id: string;
    month: string;
    enrolment_id: string;
    child_id: string;
    kind: 'payment' | 'correction';
    amount_oere: string;
    grant_oere: string;
    friplads_oere: string;
    sibling_oere: string;
    due_oere: string;
    created_at: string;
  }>`select l.run_id, l.month::text as month, l.enrolment_id, e.child_id, l.kind, l.amount_oere, l.grant_oere,
      l.friplads_oere, l.sibling_oere, l.due_oere, r.created_at::text as created_at
    from subsidy_provider_line l join subsidy_enrolment e on e.id = l.enrolment_id
      join subsidy_payout_run r on r.id = l.run_id
    where l.provider_id = ${providerId}::uuid
    order by l.month desc, r.created_at, e.child_id`
    .execute(db)
    .then((r) => r.rows);
}

// Rates admin: a municipality's own periods win over the standard rows on the days they cover.
export async function ratesAndTermsOf(db: Db, municipality: string) {
  const own = (w: any) => w.or([w('municipality_code', '=', municipality), w('municipality_code', 'is', null)]);
  const [rates, terms] = await Promise.all([
    db
      .selectFrom('subsidy_rate')
      .selectAll()
      .select([sql<string>`lower(valid)::text`.as('lo'), sql<string | null>`upper(valid)::text`.as('hi')])
      .where(own)
      .orderBy('scheme')
      .orderBy(sql`lower(valid)`)
      .orderBy('from_months')
      .execute(),
    db
      .selectFrom('subsidy_terms')
      .selectAll()
      .select([sql<string>`lower(valid)::text`.as('lo'), sql<string | null>`upper(valid)::text`.as('hi')])
      .where(own)
      .orderBy('scheme')
      .orderBy(sql`lower(valid)`)
      .execute(),
  ]);
  return { rates, terms };
}
/** A municipality's own rate for an age group from a day: its open period of the same group that started earlier
 *  ends the day before; any other overlap is refused by the exclusion constraint. */
export async function addOwnRate(
  trx: Db,
  r: {
    municipality: string;
    scheme: SubsidyScheme;
    fromMonths: number;
    toMonths: number;
    monthlyOere: number;
    from: LocalDate;
    userId: string | null;
  },
) {
  await trx
    .updateTable('subsidy_rate')
    .set({ valid: sql`daterange(lower(valid), ${r.from.toString()}::date)` })
    .where('municipality_code', '=', r.municipality)
    .where('scheme', '=', r.scheme)
    .where('from_months', '=', r.fromMonths)
    .where('to_months', '=', r.toMonths)
    .where(sql<boolean>`upper_inf(valid) and lower(valid) < ${r.from.toString()}::date`)
    .execute();
  return trx
    .insertInto('subsidy_rate')
    .values({
      municipality_code: r.municipality,
      scheme: r.scheme,
      from_months: r.fromMonths,
      to_months: r.toMonths,
      monthly_oere: r.monthlyOere,
      valid: DateRange.of(r.from, null).toPgDaterange(),
      created_by: r.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
/** A municipality's own terms from a day: a copy of `base` with the share and household cap changed; its own open
 *  terms that started earlier end the day before. */
export async function addOwnTerms(
  trx: Db,
  t: {
    municipality: string;
    base: Terms;
    sharePercent: number;
    householdCapOere: number | null;
    from: LocalDate;
    userId: string | null;
  },
) {
  await trx
    .updateTable('subsidy_terms')
    .set({ valid: sql`daterange(lower(valid), ${t.from.toString()}::date)` })
    .where('municipality_code', '=', t.municipality)
    .where('scheme', '=', t.base.scheme)
    .where(sql<boolean>`upper_inf(valid) and lower(valid) < ${t.from.toString()}::date`)
    .execute();
  const b = t.base;
  return trx
    .insertInto('subsidy_terms')
    .values({
      municipality_code: t.municipality,
      scheme: b.scheme,
      offered: b.offered,
      min_age_weeks: b.minAgeWeeks,
      max_age_months: b.maxAgeMonths,
      share_percent: t.sharePercent,
      max_children_per_carer: b.maxChildrenPerCarer,
      max_children_two_carers: b.maxChildrenTwoCarers,
      min_weeks: b.minWeeks,
      max_months: b.maxMonths,
      max_children_household: b.maxChildrenPerHousehold,
      household_cap_oere: t.householdCapOere,
      sibling_percent: b.siblingPercent,
      decision_days: b.decisionDays,
      valid: DateRange.of(t.from, null).toPgDaterange(),
      created_by: t.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A run's recovery claims with the case's municipality, household and scheme (for billing's debtor claims). */
export async function recoveriesOfRun(db: Db, runId: string) {
  return db
    .selectFrom('subsidy_recovery as r')
    .innerJoin('subsidy_case as c', 'c.id', 'r.case_id')
    .select(['r.id', 'r.debtor_id', 'r.amount_oere', 'r.months', 'c.household_id', 'c.municipality_code', 'c.scheme'])
    .where('r.run_id', '=', runId)
    .execute();
}
