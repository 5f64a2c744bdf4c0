// `npm run bench billing-pglite`: does a billing run on embedded PGlite (one connection, WASM on the server's own
// thread) freeze the server? One process, as `spire start` runs: a synthetic municipality (BENCH_CHILDREN, default
// 4,000), terminals for every unit, and check-ins through the HTTP API (app.inject) every 25 ms, first for 2 s
// without a run (baseline), then during a monthly billing run started as the finance page starts it. Prints check-in
// latency (p50/p95/max) in both phases, the longest event-loop block, and the run's duration.
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { AppClock } from '../src/platform/clock.js';
import { buildApp } from '../src/platform/http/app.js';
import { LocalDate } from '../src/shared/index.js';
import { hashToken } from '../src/modules/attendance/terminals.js';
import { startRun } from '../src/modules/billing/run.js';
import { generateMunicipality } from './billing-data.js';
import { MODULES } from '../src/modules.js';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 4000);
const TODAY = LocalDate.of(2026, 11, 23),
  MONTH = '2026-12-01',
  EVERY_MS = 25;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? +s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1) : 0;
};
const stats = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 0.5), p95: pct(xs, 0.95), max: pct(xs, 1) });

export default async function billingPgliteBench() {
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrate(database);
  const db = database.db;
  const t = performance.now();
  await generateMunicipality(db, '0860', 'Hjørring', CHILDREN);
  console.error(`generated ${CHILDREN} children in ${Math.round(performance.now() - t)} ms`);
  const clock = new AppClock();
  await clock.setToday(db, TODAY);
  const app = await buildApp({ modules: MODULES, database, clock, demo: false });
  const units = await db.selectFrom('unit').select('id').execute();
  const tokenOf = new Map(units.map((u, i) => [u.id, `bench-terminal-${i}-secret-token-000000`]));
  await db
    .insertInto('terminal')
    .values(units.map((u) => ({ unit_id: u.id, name: 'Indgang', token_hash: hashToken(tokenOf.get(u.id)!) })))
    .execute();
  const placed = (
    await sql<{
      child_id: string;
      unit_id: string;
    }>`select child_id, unit_id from placement where valid @> ${TODAY.toString()}::date order by child_id`.execute(db)
  ).rows;
  let next = 0;
  const tap = async () => {
    const p = placed[next++ % placed.length]!;
    const t0 = performance.now();
    const r = await app.inject({
      method: 'POST',
      url: `/api/terminal/children/${p.child_id}/check-in`,
      headers: { 'x-terminal-token': tokenOf.get(p.unit_id)! },
      payload: {},
    });
    if (r.statusCode >= 500) throw new Error(`check-in ${r.statusCode}: ${r.body}`);
    return performance.now() - t0;
  };
  /** Check-ins every EVERY_MS until `until` resolves (or for `ms`), not waiting for one to finish before the next. */
  async function load(until: Promise<unknown>) {
    const lat: number[] = [],
      pending: Promise<void>[] = [];
    let done = false;
    void until.then(() => {
      done = true;
    });
    let late = 0; // how much later than asked the load generator's own timer fired: the event loop's longest block
    while (!done) {
      pending.push(
        tap().then((ms) => {
          lat.push(ms);
        }),
      );
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, EVERY_MS));
      late = Math.max(late, performance.now() - t0 - EVERY_MS);
    }
    await Promise.all(pending);
    return { checkInMs: stats(lat), eventLoopMaxBlockMs: +late.toFixed(1) };
  }
  await load(new Promise((r) => setTimeout(r, 1000))); // warm-up (JIT, route compilation), not counted
  const baseline = await load(new Promise((r) => setTimeout(r, 2000)));
  const t0 = performance.now();
  const run = await startRun(db, { municipality: '0860', month: MONTH, userId: null });
  const during = await load(run.done);
  const runSeconds = +((performance.now() - t0) / 1000).toFixed(2);
  const row = await db
    .selectFrom('billing_run')
    .select(['status', 'invoices_written', 'lines_written', 'error'])
    .where('id', '=', run.runId)
    .executeTakeFirstOrThrow();
  if (row.status !== 'done') throw new Error(`run ${row.status}: ${row.error}`);
  await app.close();
  await database.close();
  console.log(
    JSON.stringify(
      {
        bench: 'billing-pglite',
        children: CHILDREN,
        invoices: row.invoices_written,
        lines: row.lines_written,
        runSeconds,
        baseline,
        duringRun: during,
        ratioMaxDuringToBaseline: +(during.checkInMs.max / Math.max(1, baseline.checkInMs.max)).toFixed(1),
      },
      null,
      2,
    ),
  );
}
