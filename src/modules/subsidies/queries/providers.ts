// Private providers (migration 030): institutions, childminders and fritidshjem paid a grant per enrolled child:
// providers, budgets by age group, enrolments and their statement lines.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { DateRange, type LocalDate } from '../../../shared/index.js';
import type { ProviderKind } from '../../../platform/db/schema.js';

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
