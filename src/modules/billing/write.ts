// The second half of a billing run: what planRun (run.ts) computed is written one transaction per chunk of payers
// (a payer's invoice, lines and billed state commit together, so a crash leaves no half invoice and the redo bills
// only the payers not yet written). Each table gets one set-based statement per chunk: the rows travel as one JSON
// parameter read by json_to_recordset, so a statement's text (and plan) stays the same whatever the number of rows,
// and neither the query builder nor the driver handles hundreds of thousands of parameters.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Warning } from './engine.js';
import type { NewLine } from './diff.js';
import type { Plan, Progress, RunOptions } from './run.js';

/** Payers per write transaction: big enough to write in set-based chunks, small enough to keep each transaction short. */
export const WRITE_PAYERS = 500;
/** Write transactions side by side. */
const WRITERS = 2;

const payerOfState = (k: string) => k.slice(11);

/** Writes a planned run: invoices, lines and billed states by chunks of payers; warnings and the outcome with the last. */
export async function writeRun(db: Db, runId: string, o: RunOptions, progress: Progress, plan: Plan) {
  Object.assign(progress, { phase: 'write', done: 0, total: plan.lines.length });
  const payers = [...new Set([...plan.lines.map((l) => l.payerId), ...[...plan.states.keys()].map(payerOfState)])];
  const size = o.writePayers ?? WRITE_PAYERS;
  // Each payer's chunk, and each chunk's lines and states in the plan's order (one pass, not one per chunk).
  const chunkOf = new Map<string, number>();
  payers.forEach((p, i) => chunkOf.set(p, Math.floor(i / size)));
  const chunks = Math.max(1, Math.ceil(payers.length / size));
  const lines: NewLine[][] = Array.from({ length: chunks }, () => []);
  const states: [string, string][][] = Array.from({ length: chunks }, () => []);
  for (const l of plan.lines) lines[chunkOf.get(l.payerId)!]!.push(l);
  for (const s of plan.states) states[chunkOf.get(payerOfState(s[0]))!]!.push(s);
  await db
    .insertInto('billing_month')
    .values({ municipality_code: o.municipality, month: o.month })
    .onConflict((c) => c.doNothing())
    .execute();
  let invoices = 0;
  const writeChunk = async (c: number) => {
    const last = c === chunks - 1;
    const part: Plan = { ...plan, lines: lines[c]!, states: new Map(states[c]) };
    // Added after the await: `invoices += await …` would read the count before another writer's chunk adds to it.
    const n = await db.transaction().execute(async (trx) => {
      // A share lock: chunks write side by side, while closing the month (an update of the row) waits for them.
      const m = await trx
        .selectFrom('billing_month')
        .select('closed_at')
        .where('municipality_code', '=', o.municipality)
        .where('month', '=', o.month)
        .forShare()
        .executeTakeFirstOrThrow();
      if (m.closed_at) throw new Error('Måneden blev lukket, mens kørslen arbejdede.');
      const written = await writeLines(
        trx,
        runId,
        part,
        { ...o, crashAfterInvoices: o.crashAfterInvoices && last },
        progress,
      );
      await writeStates(trx, part);
      if (last) {
        await writeWarnings(trx, runId, plan.warnings);
        await trx
          .deleteFrom('billing_recheck')
          .where('municipality_code', '=', o.municipality)
          .where('from_month', '<=', o.month)
          .execute();
        await trx
          .updateTable('billing_run')
          .set({
            status: 'done',
            finished_at: sql`now()`,
            children: plan.children,
            invoices_written: invoices + written.invoices,
            lines_written: plan.lines.length,
          })
          .where('id', '=', runId)
          .execute();
      }
      return written.invoices;
    });
    invoices += n;
  };
  // Every chunk but the last by WRITERS transactions side by side (PostgreSQL writes on more than one core; PGlite's
  // one connection takes them in turn); the last alone, after them: it marks the run done.
  let next = 0,
    failed = false;
  const writers = await Promise.allSettled(
    Array.from({ length: Math.min(WRITERS, chunks - 1) }, async () => {
      while (!failed && next < chunks - 1) {
        const c = next++;
        await writeChunk(c).catch((e) => {
          failed = true; // the other writer stops after its chunk
          throw e;
        });
      }
    }),
  );
  for (const w of writers) if (w.status === 'rejected') throw w.reason;
  await writeChunk(chunks - 1);
}

/** Rows as one JSON parameter: `json_to_recordset(${json(rows)}::json) as x(col type, …)`. */
const json = (rows: readonly object[]) => JSON.stringify(rows);

async function writeLines(trx: Db, runId: string, plan: Plan, o: RunOptions, progress: Progress) {
  const byPayer = new Map<string, NewLine[]>();
  for (const l of plan.lines) {
    const a = byPayer.get(l.payerId);
    if (a) a.push(l);
    else byPayer.set(l.payerId, [l]);
  }
  const payers = [...byPayer.keys()];
  const invoiceOf = new Map<string, string>(); // payer → invoice receiving the lines
  const nextSeq = new Map<string, number>();
  if (payers.length) {
    const rows = await trx
      .selectFrom('invoice')
      .select(['id', 'payer_id', 'seq', 'status'])
      .where('municipality_code', '=', plan.municipality)
      .where('month', '=', plan.month)
      .where('payer_id', '=', sql<string>`any(${payers}::uuid[])`)
      .execute();
    for (const r of rows) {
      if (r.status === 'draft') invoiceOf.set(r.payer_id, r.id); // not sent yet: lines may still be added
      nextSeq.set(r.payer_id, Math.max(nextSeq.get(r.payer_id) ?? 1, r.seq + 1));
    }
  }
  const totalOf = (p: string) => byPayer.get(p)!.reduce((s, l) => s + l.amount, 0);
  const drafts = payers.filter((p) => invoiceOf.has(p));
  const fresh = payers
    .filter((p) => !invoiceOf.has(p))
    .map((p) => {
      const id = randomUUID();
      invoiceOf.set(p, id);
      const hh = byPayer.get(p)!.find((l) => l.householdId)?.householdId ?? null;
      return { id, payer_id: p, household_id: hh, seq: nextSeq.get(p) ?? 1, total_oere: totalOf(p) };
    });
  if (fresh.length)
    await sql`insert into invoice (id, municipality_code, payer_id, household_id, month, seq, run_id, total_oere)
      select x.id, ${plan.municipality}, x.payer_id, x.household_id, ${plan.month}::date, x.seq, ${runId}::uuid, x.total_oere
      from json_to_recordset(${json(fresh)}::json) as x(id uuid, payer_id uuid, household_id uuid, seq smallint, total_oere bigint)`.execute(
      trx,
    );
  if (o.crashAfterInvoices) throw new Error('simulated crash half-way through the run');
  if (plan.lines.length) {
    const rows = plan.lines.map((l) => ({
      i: invoiceOf.get(l.payerId)!,
      c: l.childId,
      k: l.placementKind,
      m: l.serviceMonth,
      o: l.code,
      t: l.text,
      a: l.amount,
    }));
    // Inserted in the plan's order (a payer's lines keep their order on the invoice).
    await sql`insert into invoice_line (invoice_id, child_id, placement_kind, service_month, code, text, amount_oere)
      select x.i, x.c, x.k, x.m, x.o, x.t, x.a
      from rows from (json_to_recordset(${json(rows)}::json) as (i uuid, c uuid, k placement_kind, m date, o text, t text, a bigint))
        with ordinality as x(i, c, k, m, o, t, a, n)
      order by x.n`.execute(trx);
    progress.done += rows.length;
  }
  // Drafts that received more lines: their total grows by the new lines.
  if (drafts.length)
    await sql`update invoice i set total_oere = i.total_oere + d.delta from unnest(${drafts.map((p) => invoiceOf.get(p)!)}::uuid[], ${drafts.map(totalOf)}::bigint[]) as d(id, delta)
      where i.id = d.id`.execute(trx);
  return { invoices: fresh.length };
}

/** The run's warnings, all of them, with the run (the billing page pages through them, the staff home counts them). */
async function writeWarnings(trx: Db, runId: string, warnings: readonly Warning[]) {
  if (!warnings.length) return;
  const rows = warnings.map((w) => ({ c: w.childId, m: w.month, t: w.text }));
  await sql`insert into billing_run_warning (run_id, child_id, service_month, text)
    select ${runId}::uuid, x.c, x.m, x.t
    from rows from (json_to_recordset(${json(rows)}::json) as (c uuid, m date, t text)) with ordinality as x(c, m, t, n)
    order by x.n`.execute(trx);
}

async function writeStates(trx: Db, plan: Plan) {
  if (!plan.states.size) return;
  const rows = [...plan.states].map(([k, d]) => ({ m: k.slice(0, 10), p: payerOfState(k), d }));
  await sql`insert into billed_state (municipality_code, service_month, payer_id, digest)
    select ${plan.municipality}, x.m, x.p, x.d from json_to_recordset(${json(rows)}::json) as x(m date, p uuid, d text)
    on conflict (municipality_code, service_month, payer_id) do update set digest = excluded.digest`.execute(trx);
}
