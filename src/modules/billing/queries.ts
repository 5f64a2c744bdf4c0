// Billing queries (Kysely) about runs, months and invoices: a municipality's runs and their warnings, a month's state
// (closed, exported, reopened), a payer's invoices. Friplads (scales, incomes, applications), places (rates, place
// terms, lunch schemes, §41 place costs, fee facts for statistics) and retention are in queries/, re-exported.
// Ranges are PostgreSQL dateranges with exclusive upper bounds.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export * from './queries/friplads.js';
export * from './queries/places.js';
export * from './queries/retention.js';

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

/** A payer's invoices from one municipality (ids and the household each was billed to). */
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
