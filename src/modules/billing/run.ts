// The monthly billing run: compute every payer's lines in memory (engine.ts), diff against what is billed (diff.ts),
// and write only the differences (write.ts), one transaction per chunk of payers: a payer's invoice, lines and billed
// state commit together, so a crash leaves no half invoice and the redo bills only the payers not yet written. Short
// transactions let other requests in between (on PGlite, one connection, a single long transaction froze the server).
// Progress lives in memory while the run works; the run row records the outcome.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { billingError } from './contract.js';
import { addMonths } from '../../shared/iso-day.js';
import { computeMonth, type DesiredLine, type Unbilled, type Warning } from './engine.js';
import { changedStates, differences, digests, EMPTY_DIGEST, type BilledLine, type NewLine } from './diff.js';
import { loadAllBillingData, loadBillingData } from './load.js';
import type { BillingData } from './engine.js';
import { namesOf } from '../people/index.js';
import { writeRun } from './write.js';

/** How many months back a run re-checks what was billed (back-dated changes become corrections). */
export const CORRECTION_MONTHS = 3;

export interface Progress {
  municipality?: string;
  phase: 'load' | 'compute' | 'diff' | 'write' | 'done' | 'failed';
  done: number;
  total: number;
}
const active = new Map<string, Progress>();
const TRACE = !!process.env.SPIRE_BILLING_TRACE;
let t0 = 0,
  c0 = 0;
/** SPIRE_BILLING_TRACE=1: each phase's wall time and this process's CPU time on stderr. */
const trace = (what: string) => {
  if (TRACE) {
    const t = performance.now(),
      u = process.cpuUsage(),
      c = (u.user + u.system) / 1000;
    if (what !== 'start') console.error(`billing ${what}: ${Math.round(t - t0)} ms, CPU ${Math.round(c - c0)} ms`);
    t0 = t;
    c0 = c;
  }
};
export const runProgress = (runId: string) => active.get(runId);

export interface Plan {
  municipality: string;
  month: string;
  from: string;
  children: number;
  /** Children of the month billed, though not as they should be (all of them): stored with the run. */
  warnings: Warning[];
  lines: NewLine[];
  states: Map<string, string>;
  payers: number;
  /** Placed children a month of the run would bill nothing for (complete, by name): the run refuses while any is left. */
  unbilled: UnbilledChild[];
}

/** A placed child that cannot be billed, with why and in which months; `link` is the child's staff page. */
export interface UnbilledChild {
  childId: string;
  name: string;
  link: string;
  reasons: string[];
  months: string[];
}

/** Groups the engine's unbilled places per child, with the child's name (sorted by name). */
export async function unbilledChildren(db: Db, list: readonly Unbilled[]): Promise<UnbilledChild[]> {
  if (list.length === 0) return [];
  const byChild = new Map<string, { reasons: Set<string>; months: Set<string> }>();
  for (const u of list) {
    let c = byChild.get(u.childId);
    if (!c) byChild.set(u.childId, (c = { reasons: new Set(), months: new Set() }));
    c.reasons.add(u.reason);
    c.months.add(u.month.slice(0, 7));
  }
  const ids = [...byChild.keys()],
    names = await namesOf(db, ids);
  return ids
    .map((id) => ({
      childId: id,
      name: names.get(id) ?? '',
      link: `/staff/boern/${id}`,
      reasons: [...byChild.get(id)!.reasons],
      months: [...byChild.get(id)!.months].sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'da') || a.childId.localeCompare(b.childId));
}

/** Warnings as finance reads them: the child by name with a link to its page (sorted by name, then as found). */
export async function named(db: Db, list: readonly { childId: string; text: string }[]) {
  const names = await namesOf(db, [...new Set(list.map((w) => w.childId))]);
  return list
    .map((w) => ({
      childId: w.childId,
      childName: names.get(w.childId) ?? '',
      link: `/staff/boern/${w.childId}`,
      text: w.text,
    }))
    .sort((a, b) => a.childName.localeCompare(b.childName, 'da')); // stable: a child's warnings keep their order
}

/** 409 with the complete list: a run (or sending) that would leave placed children unbilled does not happen. */
export function unbilledRefusal(children: UnbilledChild[], what: 'run' | 'send') {
  return billingError(
    'billing.unbilled-children',
    { count: children.length, what },
    { count: children.length, children },
  );
}

/** Refuses (409) when any child placed in the month cannot be billed: before sending a month's invoices. */
export async function assertAllBilled(db: Db, municipality: string, month: string) {
  const r = computeMonth(await loadBillingData(db, municipality, month, addMonths(month, 1)), month);
  const children = await unbilledChildren(db, r.unbilled);
  if (children.length) throw unbilledRefusal(children, 'send');
}

export async function assertOpenMonth(db: Db, municipality: string, month: string) {
  const m = await db
    .selectFrom('billing_month')
    .select('closed_at')
    .where('municipality_code', '=', municipality)
    .where('month', '=', month)
    .executeTakeFirst();
  if (m?.closed_at) throw billingError('billing.month-closed', { month: month.slice(0, 7) });
}

/** Data loaded once for many runs (the national run): every municipality's, for months [from, to). */
export interface Preloaded {
  from: string;
  to: string;
  data: Map<string, BillingData>;
}

/** Computes what a run would write (nothing is written): the preview, and the first half of a run. */
export async function planRun(
  db: Db,
  municipality: string,
  month: string,
  progress?: Progress,
  preloaded?: Preloaded,
): Promise<Plan> {
  const first = await db
    .selectFrom('billing_run')
    .select(sql<string>`min(month)::text`.as('m'))
    .where('municipality_code', '=', municipality)
    .where('status', '=', 'done')
    .executeTakeFirst();
  const back = addMonths(month, -CORRECTION_MONTHS);
  // Corrections reach back at most CORRECTION_MONTHS, and never before the first month ever billed.
  const firstBilled = first?.m && first.m < month ? first.m : month;
  let from = firstBilled > back ? firstBilled : back;
  // A yearly true-up (or another far back-dated change) asks for a longer look back, never before the first billed month.
  const recheck = await db
    .selectFrom('billing_recheck')
    .select(sql<string>`min(from_month)::text`.as('m'))
    .where('municipality_code', '=', municipality)
    .executeTakeFirst();
  if (recheck?.m && recheck.m < from) from = recheck.m > firstBilled ? recheck.m : firstBilled;
  trace('start');
  const to = addMonths(month, 1);
  const shared =
    preloaded && preloaded.from <= from && preloaded.to >= to ? preloaded.data.get(municipality) : undefined;
  // What the last runs stored, read while the data loads (keys built by PostgreSQL: one flat string per row).
  const storing = sql<{ k: string; digest: string }>`select service_month::text || '|' || payer_id::text as k, digest
    from billed_state where municipality_code = ${municipality} and service_month >= ${from}::date and service_month <= ${month}::date`.execute(
    db,
  );
  storing.catch(() => {}); // awaited below; a failed load must not leave it unhandled
  const data = shared ?? (await loadBillingData(db, municipality, from, to));
  trace('load');
  if (progress) Object.assign(progress, { phase: 'compute', total: data.places.length });

  const desired: DesiredLine[] = [];
  const warnings: Warning[] = [];
  const missing: Unbilled[] = [];
  let children = 0;
  for (let m = from; m <= month; m = addMonths(m, 1)) {
    if (m !== from) await new Promise<void>((resolve) => setImmediate(resolve)); // let waiting requests in between months
    const r = computeMonth(data, m);
    for (const l of r.lines) desired.push(l);
    // Every month counts: a child unbilled in a correction month would have what was billed reversed.
    for (const u of r.unbilled) missing.push(u);
    if (m === month) {
      warnings.push(...r.warnings);
      children = r.children;
    }
  }
  const unbilled = await unbilledChildren(db, missing);
  if (progress) Object.assign(progress, { phase: 'diff', done: data.places.length });
  trace('compute');

  const want = digests(desired);
  const stored = new Map<string, string>();
  for (const r of (await storing).rows) stored.set(r.k, r.digest);
  const changed = changedStates(want, stored);
  trace('digests');
  const payers = [...new Set([...changed].map((k) => k.slice(11)))];

  const billed: BilledLine[] = [];
  for (let i = 0; i < payers.length; i += 5000) {
    const chunk = payers.slice(i, i + 5000);
    const got =
      await sql<any>`select i.payer_id, l.child_id, l.placement_kind, l.service_month::text as service_month, l.code, l.text, l.amount_oere
      from invoice_line l join invoice i on i.id = l.invoice_id join unnest(${chunk}::uuid[]) as changed(id) on changed.id = i.payer_id
      where i.municipality_code = ${municipality} and l.service_month >= ${from}::date and l.service_month <= ${month}::date
      order by l.id`.execute(db);
    for (const r of got.rows)
      billed.push({
        payerId: r.payer_id,
        childId: r.child_id,
        placementKind: r.placement_kind,
        serviceMonth: r.service_month,
        code: r.code,
        text: r.text,
        amount: Number(r.amount_oere),
      });
  }
  const lines = differences(month, desired, billed, changed);
  trace('diff');
  const states = new Map<string, string>();
  for (const k of changed) states.set(k, want.get(k) ?? EMPTY_DIGEST); // no lines left: stays unchanged next time
  return {
    municipality,
    month,
    from,
    children,
    warnings,
    lines,
    states,
    payers: new Set(lines.map((l) => l.payerId)).size,
    unbilled,
  };
}

export interface RunOptions {
  municipality: string;
  month: string;
  userId: string | null;
  preloaded?: Preloaded;
  /** Tests: throw half-way through the writes (in the last chunk, after its invoices). */ crashAfterInvoices?: boolean;
  /** Payers per write transaction (default WRITE_PAYERS). */ writePayers?: number;
}

/**
 * Plans the run (load and compute, nothing written) and refuses it (409, the complete list) when a placed child would
 * be billed nothing; otherwise writes it in the background: returns its id and a promise of its end (tests await it).
 */
export async function startRun(db: Db, o: RunOptions): Promise<{ runId: string; done: Promise<void> }> {
  await assertOpenMonth(db, o.municipality, o.month);
  for (const p of active.values()) {
    if (p.municipality === o.municipality && p.phase !== 'done' && p.phase !== 'failed')
      throw billingError('billing.run-in-progress');
  }
  const progress: Progress = { municipality: o.municipality, phase: 'load', done: 0, total: 0 };
  const planning = `plan:${randomUUID()}`; // holds the municipality while planning, so no second run starts
  active.set(planning, progress);
  let plan: Plan;
  try {
    plan = await planRun(db, o.municipality, o.month, progress, o.preloaded);
  } finally {
    active.delete(planning);
  }
  if (plan.unbilled.length) throw unbilledRefusal(plan.unbilled, 'run');
  // A run left 'running' by a crashed process wrote whole payers at most (their billed state with them): this run does the rest.
  await db
    .updateTable('billing_run')
    .set({ status: 'failed', error: 'Afbrudt; resten skrives ved næste kørsel.', finished_at: sql`now()` })
    .where('municipality_code', '=', o.municipality)
    .where('status', '=', 'running')
    .execute();
  const run = await db
    .insertInto('billing_run')
    .values({ municipality_code: o.municipality, month: o.month, started_by: o.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  active.set(run.id, progress);
  const done = writeRun(db, run.id, o, progress, plan)
    .then(() => trace('write'))
    .then(
      () => {
        progress.phase = 'done';
      },
      async (e) => {
        progress.phase = 'failed';
        await db
          .updateTable('billing_run')
          .set({ status: 'failed', error: String(e?.message ?? e).slice(0, 500), finished_at: sql`now()` })
          .where('id', '=', run.id)
          .execute();
      },
    )
    .finally(() => setTimeout(() => active.delete(run.id), 60_000).unref());
  return { runId: run.id, done };
}

export interface MunicipalityRun {
  municipality: string;
  runId: string | null;
  status: 'done' | 'failed' | 'skipped';
  invoices: number;
  lines: number;
  error?: string;
}

async function runOne(
  db: Db,
  municipality: string,
  month: string,
  userId: string | null,
  preloaded: Preloaded,
): Promise<MunicipalityRun> {
  try {
    const { runId, done } = await startRun(db, { municipality, month, userId, preloaded });
    await done;
    const row = await db
      .selectFrom('billing_run')
      .select(['status', 'error', 'invoices_written', 'lines_written'])
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    return {
      municipality,
      runId,
      status: row.status === 'done' ? 'done' : 'failed',
      invoices: row.invoices_written ?? 0,
      lines: row.lines_written ?? 0,
      ...(row.error ? { error: row.error } : {}),
    };
  } catch (e: any) {
    if (e?.statusCode !== 409) throw e;
    return { municipality, runId: null, status: 'skipped', invoices: 0, lines: 0, error: e.message };
  }
}

/**
 * The monthly run for every municipality with places (a host running many municipalities): one load of every
 * table, then one run per municipality, each in its own transaction as if started by hand.
 */
export async function runAllMunicipalities(
  db: Db,
  month: string,
  userId: string | null,
  onRun?: (r: MunicipalityRun) => void,
): Promise<MunicipalityRun[]> {
  // Far enough back for every municipality's corrections and rechecks.
  const recheck = await db
    .selectFrom('billing_recheck')
    .select(sql<string>`min(from_month)::text`.as('m'))
    .executeTakeFirst();
  const back = addMonths(month, -CORRECTION_MONTHS);
  const from = recheck?.m && recheck.m < back ? recheck.m : back,
    to = addMonths(month, 1);
  const preloaded: Preloaded = { from, to, data: await loadAllBillingData(db, from, to) };
  const out: MunicipalityRun[] = [];
  const queue = [...preloaded.data.keys()].sort();
  // Two at a time: one municipality's lines are computed (Node) while another's are written (PostgreSQL).
  await Promise.all(
    [0, 1].map(async () => {
      for (let municipality = queue.shift(); municipality; municipality = queue.shift()) {
        const r = await runOne(db, municipality, month, userId, preloaded);
        out.push(r);
        onRun?.(r);
      }
    }),
  );
  out.sort((a, b) => a.municipality.localeCompare(b.municipality));
  return out;
}
