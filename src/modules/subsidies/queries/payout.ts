// The monthly payout: the month's cases, what was paid, runs with their lines, creditor events and recoveries.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { LocalDate } from '../../../shared/index.js';
import type { ProviderKind } from '../../../platform/db/schema.js';
import { type ProviderLineInput, writeProviderLines } from './providers.js';

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

/** A run's recovery claims with the case's municipality, household and scheme (for billing's debtor claims). */
export async function recoveriesOfRun(db: Db, runId: string) {
  return db
    .selectFrom('subsidy_recovery as r')
    .innerJoin('subsidy_case as c', 'c.id', 'r.case_id')
    .select(['r.id', 'r.debtor_id', 'r.amount_oere', 'r.months', 'c.household_id', 'c.municipality_code', 'c.scheme'])
    .where('r.run_id', '=', runId)
    .execute();
}
