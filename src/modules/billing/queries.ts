// Billing queries (Kysely) that the route handlers used to hold: runs, months, invoices, incomes, friplads applications,
// place terms, lunch schemes and §41 place costs. Ranges are PostgreSQL dateranges with exclusive upper bounds.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { AgeBand } from '../../platform/db/schema.js';
import { hoursClassOf } from './engine.js';

export async function addScale(
  trx: Db,
  s: { year: number; lowerLimit: number; upperLimit: number; perExtraChild: number; singleProviderSupplement: number },
) {
  await trx
    .insertInto('friplads_scale')
    .values({
      year: s.year,
      lower_limit: s.lowerLimit,
      upper_limit: s.upperLimit,
      per_extra_child: s.perExtraChild,
      single_provider_supplement: s.singleProviderSupplement,
    })
    .execute();
}

export async function latestRuns(db: Db, municipality: string) {
  return db
    .selectFrom('billing_run')
    .selectAll()
    .where('municipality_code', '=', municipality)
    .orderBy('started_at', 'desc')
    .limit(24)
    .execute();
}
export async function runById(db: Db, id: string) {
  return db.selectFrom('billing_run').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest finished run of a month, with its warnings (all of them, oldest first); none: the month has no run. */
export async function monthWarnings(db: Db, municipality: string, month: string) {
  const run = await db
    .selectFrom('billing_run')
    .select(['id', 'finished_at'])
    .where('municipality_code', '=', municipality)
    .where('month', '=', month)
    .where('status', '=', 'done')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!run) return null;
  const rows = await db
    .selectFrom('billing_run_warning')
    .select(['child_id as childId', 'text'])
    .where('run_id', '=', run.id)
    .orderBy('id')
    .execute();
  return { runId: run.id, finishedAt: run.finished_at, rows };
}

/** How many warnings a run left. */
export async function runWarningCount(db: Db, runId: string): Promise<number> {
  const r = await db
    .selectFrom('billing_run_warning')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function draftCount(db: Db, municipality: string, month: string): Promise<number> {
  const r = await db
    .selectFrom('invoice')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('municipality_code', '=', municipality)
    .where('month', '=', month)
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow();
  return r.n;
}
/** The month's row (closed, exported, reopened) and whether a run of it has finished. */
export async function monthState(db: Db, municipality: string, month: string) {
  const [row, run] = await Promise.all([
    db
      .selectFrom('billing_month')
      .select(['closed_at', 'exported_at', 'reopened_at', 'reopen_reason'])
      .where('municipality_code', '=', municipality)
      .where('month', '=', month)
      .executeTakeFirst(),
    db
      .selectFrom('billing_run')
      .select('id')
      .where('municipality_code', '=', municipality)
      .where('month', '=', month)
      .where('status', '=', 'done')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return {
    closedAt: row?.closed_at ?? null,
    exportedAt: row?.exported_at ?? null,
    reopenedAt: row?.reopened_at ?? null,
    reopenReason: row?.reopen_reason ?? null,
    billed: !!run,
  };
}

/** Reopens a closed month (locks its row first); null when it was not closed. */
export async function reopenMonth(db: Db, municipality: string, month: string, reason: string) {
  const row = await db
    .selectFrom('billing_month')
    .select(['closed_at', 'exported_at'])
    .where('municipality_code', '=', municipality)
    .where('month', '=', month)
    .forUpdate()
    .executeTakeFirst();
  if (!row?.closed_at) return { closed: false as const, exportedAt: null };
  if (row.exported_at) return { closed: true as const, exportedAt: row.exported_at };
  const r = await db
    .updateTable('billing_month')
    .set({ closed_at: null, reopened_at: sql`now()`, reopen_reason: reason })
    .where('municipality_code', '=', municipality)
    .where('month', '=', month)
    .returning(sql<string>`reopened_at::text`.as('reopenedAt'))
    .executeTakeFirstOrThrow();
  return { closed: true as const, exportedAt: null, reopenedAt: r.reopenedAt };
}

/** Records the month's first debtor export (the invoices have left for the debtor system). */
export async function markExported(db: Db, municipality: string, month: string) {
  await db
    .insertInto('billing_month')
    .values({ municipality_code: municipality, month, exported_at: sql`now()` })
    .onConflict((c) =>
      c
        .columns(['municipality_code', 'month'])
        .doUpdateSet({ exported_at: sql`coalesce(billing_month.exported_at, now())` }),
    )
    .execute();
}

export async function closeMonth(db: Db, municipality: string, month: string) {
  await db
    .insertInto('billing_month')
    .values({ municipality_code: municipality, month, closed_at: sql`now()` })
    .onConflict((c) =>
      c
        .columns(['municipality_code', 'month'])
        .doUpdateSet({ closed_at: sql`coalesce(billing_month.closed_at, now())` }),
    )
    .execute();
}

/** A payer's invoices (ids and the household each was billed to). */
/** A payer's invoices from one municipality. */
export async function invoicesOfPayer(db: Db, payerId: string, municipality: string) {
  return db
    .selectFrom('invoice')
    .select(['id', 'household_id'])
    .where('payer_id', '=', payerId)
    .where('municipality_code', '=', municipality)
    .execute();
}
/** The payers of a month's sent invoices. */
export async function sentPayers(db: Db, municipality: string, month: string): Promise<string[]> {
  const rows = await db
    .selectFrom('invoice')
    .select('payer_id')
    .distinct()
    .where('municipality_code', '=', municipality)
    .where('month', '=', month)
    .where('status', '=', 'sent')
    .execute();
  return rows.map((r) => r.payer_id);
}

export async function incomesOf(db: Db, householdIds: string[]) {
  if (!householdIds.length) return [];
  return db
    .selectFrom('household_income')
    .selectAll()
    .where('household_id', 'in', householdIds)
    .orderBy(sql`lower(valid)`)
    .execute();
}
/** The household's registered income on a day. */
export async function incomeOn(db: Db, householdId: string, on: string) {
  return db
    .selectFrom('household_income')
    .select(['yearly_oere', 'single_provider'])
    .where('household_id', '=', householdId)
    .where(sql<boolean>`valid @> ${on}::date`)
    .executeTakeFirst();
}

export async function setPlaceCost(
  trx: Db,
  c: {
    municipality: string;
    year: number;
    ageBand: AgeBand;
    netOere: number;
    grossOere: number;
    subsidyPercent: number;
  },
) {
  const row = {
    municipality_code: c.municipality,
    year: c.year,
    age_band: c.ageBand,
    net_oere: c.netOere,
    gross_oere: c.grossOere,
    subsidy_percent: c.subsidyPercent,
  };
  await trx
    .insertInto('place_cost')
    .values(row)
    .onConflict((x) => x.columns(['municipality_code', 'year', 'age_band']).doUpdateSet(row))
    .execute();
}
export async function placeCosts(db: Db, municipality: string) {
  return db
    .selectFrom('place_cost')
    .selectAll()
    .where('municipality_code', '=', municipality)
    .orderBy('year', 'desc')
    .orderBy('age_band')
    .execute();
}

export async function lunchSchemes(db: Db, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .selectFrom('lunch_scheme')
    .select(['id', 'unit_id', 'opted_out', 'monthly_oere', 'valid'])
    .where('unit_id', 'in', unitIds)
    .orderBy(sql`lower(valid)`)
    .execute();
}

export async function placeTermsOf(db: Db, placementId: string) {
  return db
    .selectFrom('billing_place_terms')
    .select('leave30')
    .where('placement_id', '=', placementId)
    .executeTakeFirst();
}
export async function setPlaceTerms(trx: Db, placementId: string, leave30: boolean) {
  await trx
    .insertInto('billing_place_terms')
    .values({ placement_id: placementId, leave30 })
    .onConflict((c) => c.column('placement_id').doUpdateSet({ leave30 }))
    .execute();
}

export async function openApplicationOf(db: Db, householdId: string) {
  return db
    .selectFrom('friplads_application')
    .select('id')
    .where('household_id', '=', householdId)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
}
export async function addApplication(
  trx: Db,
  a: {
    householdId: string;
    applicantId: string;
    yearlyOere: number;
    childrenUnder18: number;
    singleProvider: boolean;
    wantedFrom: string;
  },
) {
  return trx
    .insertInto('friplads_application')
    .values({
      household_id: a.householdId,
      applicant_id: a.applicantId,
      yearly_oere: a.yearlyOere,
      children_under18: a.childrenUnder18,
      single_provider: a.singleProvider,
      wanted_from: a.wantedFrom,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function applicationsOfHousehold(db: Db, householdId: string) {
  return db
    .selectFrom('friplads_application')
    .select(['id', 'yearly_oere', 'wanted_from', 'status', 'pay_percent', 'submitted_at', 'letter_id'])
    .where('household_id', '=', householdId)
    .orderBy('submitted_at', 'desc')
    .execute();
}
export async function applicationsByStatus(db: Db, status: 'submitted' | 'granted' | 'rejected') {
  return db
    .selectFrom('friplads_application')
    .select([
      'id',
      'household_id',
      'applicant_id',
      'yearly_oere',
      'children_under18',
      'single_provider',
      'wanted_from',
      'status',
      'pay_percent',
    ])
    .where('status', '=', status)
    .orderBy('submitted_at')
    .limit(200)
    .execute();
}

/**
 * Billing facts of places for the statistics on a service month: the rate type (a 30-hour leave place, else full or
 * part time by hours, as billed) and the discounts billed for the child that month (økonomisk or social friplads,
 * sibling discount; reversed corrections cancel out).
 */
export async function feeFactsOf(
  db: Db,
  places: readonly { placementId: string; childId: string; hours: number }[],
  month: string,
) {
  const leave = await sql<{ placement_id: string }>`select t.placement_id
    from unnest(${places.map((p) => p.placementId)}::uuid[]) as x(id) join billing_place_terms t on t.placement_id = x.id
    where t.leave30`.execute(db);
  const lines = await sql<{ child_id: string; code: string }>`select l.child_id, l.code
    from (select distinct unnest(${places.map((p) => p.childId)}::uuid[]) as id) x
    join invoice_line l on l.child_id = x.id
    where l.service_month = ${month}::date and l.code in ('friplads', 'social_friplads', 'sibling')
    group by l.child_id, l.code having sum(l.amount_oere) <> 0`.execute(db);
  const leave30 = new Set(leave.rows.map((r) => r.placement_id));
  const friplads = new Set(lines.rows.filter((r) => r.code !== 'sibling').map((r) => r.child_id));
  const sibling = new Set(lines.rows.filter((r) => r.code === 'sibling').map((r) => r.child_id));
  return new Map(
    places.map((p) => [
      p.placementId,
      {
        rateType: leave30.has(p.placementId) ? ('leave30' as const) : hoursClassOf(p.hours),
        friplads: friplads.has(p.childId),
        sibling: sibling.has(p.childId),
      },
    ]),
  );
}

/** feeFactsOf as relations for another module's set-based statement: the placements on leave (placement_id) and the
 *  children with a friplads or sibling discount in the month (child_id, friplads, sibling). The rate type of a
 *  placement is then 'leave30' when on leave, else hoursClassOf(hours). */
export function feeFactsSql(month: string) {
  return {
    leave30: sql`(select placement_id from billing_place_terms where leave30)`,
    discounts: sql`(select child_id, bool_or(code <> 'sibling') as friplads, bool_or(code = 'sibling') as sibling
      from (select child_id, code from invoice_line where service_month = ${month}::date
        and code in ('friplads', 'social_friplads', 'sibling') group by child_id, code having sum(amount_oere) <> 0) l
      group by child_id)`,
  };
}

/** The household a friplads application is about (undefined: no such application). */
export async function householdOfApplication(db: Db, id: string): Promise<string | undefined> {
  const r = await db.selectFrom('friplads_application').select('household_id').where('id', '=', id).executeTakeFirst();
  return r?.household_id;
}

/** A municipality's rates (fee_rate), every period. */
export async function ratesOfMunicipality(db: Db, municipalityCode: string) {
  const r = await sql<{
    kind: string;
    age_band: string;
    hours: string;
    monthly_oere: string;
    lo: string;
    hi: string | null;
  }>`select kind, age_band, hours, monthly_oere, lower(valid)::text lo, upper(valid)::text hi
    from fee_rate where municipality_code = ${municipalityCode}`.execute(db);
  return r.rows;
}

/** Retention (issue 16): the people (children on a line, payers) billing still holds. Spire records no payments (the
 *  debtor system does), so an invoice is held while it is a draft or within the bookkeeping law's period: `years`
 *  after the end of its financial year (the calendar year). That is longer than the 3-year limitation of a claim
 *  (forældelsesloven § 3), so every invoice that may still be unpaid holds its child and payer. */
export async function billingHolds(db: Db, personIds: string[], today: { year: number }, years: number) {
  if (!personIds.length) return new Set<string>();
  const rows = await sql<{ id: string }>`
    with kept as (select id, payer_id from invoice
                   where status = 'draft' or extract(year from month)::int >= ${today.year - years})
    select l.child_id as id from invoice_line l join kept k on k.id = l.invoice_id where l.child_id = any(${personIds}::uuid[])
    union select payer_id from kept where payer_id = any(${personIds}::uuid[])`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}

/** The municipality's sent invoices whose bookkeeping period is over (financial year + `years` before this year). */
export async function invoicesDue(db: Db, municipalityCode: string, today: { year: number }, years: number) {
  const rows = await db
    .selectFrom('invoice')
    .select(['id', 'payer_id as payerId'])
    .where('municipality_code', '=', municipalityCode)
    .where('status', '=', 'sent')
    .where(sql<boolean>`extract(year from month)::int < ${today.year - years}`)
    .execute();
  return rows;
}

/** Deletes invoices with their lines and events; returns the letters that carried them (for the letters module). */
export async function eraseInvoices(trx: Db, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const letters = await trx
    .selectFrom('invoice')
    .select('letter_id')
    .where('id', 'in', ids)
    .where('letter_id', 'is not', null)
    .execute();
  await trx.deleteFrom('billing_event').where('invoice_id', 'in', ids).execute();
  await trx.deleteFrom('invoice').where('id', 'in', ids).execute();
  return letters.map((l) => l.letter_id!);
}

/** Of these letters, those that carry an invoice (kept with it). */
export async function invoiceLetterIds(db: Db, letterIds: string[]): Promise<Set<string>> {
  if (!letterIds.length) return new Set();
  const rows = await db.selectFrom('invoice').select('letter_id').where('letter_id', 'in', letterIds).execute();
  return new Set(rows.map((r) => r.letter_id!));
}
