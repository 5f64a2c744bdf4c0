// A private PostgreSQL 15 server for a benchmark: a temp cluster on a random port with PostgreSQL's default
// durability (fsync, synchronous_commit and full_page_writes on: what a production server runs), stopped and
// removed on every exit path (lifecycle.ts), and by a watchdog if the benchmark is killed with SIGKILL.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './lifecycle.js';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
/** Settings a benchmark may tune; durability settings are refused. */
const FORBIDDEN = /\b(fsync|synchronous_commit|full_page_writes|wal_level\s*=\s*minimal)\b/;

export function startPostgres(settings = '-c max_connections=100 -c shared_buffers=256MB'): {
  url: string;
  stop: () => void;
  dir: string;
} {
  if (FORBIDDEN.test(settings))
    throw new Error(`benchmarks run PostgreSQL with default durability; refused settings: ${settings}`);
  const dir = mkdtempSync(join(tmpdir(), 'spire-bench-pg-'));
  chmodSync(dir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const cmdOf = (cmd: string, args: string[]) =>
    asRoot
      ? (['runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]] as const)
      : ([join(BIN, cmd), args] as const);
  const run = (cmd: string, args: string[]) => {
    const [c, a] = cmdOf(cmd, args);
    return execFileSync(c, [...a], { stdio: 'pipe' });
  };
  const port = 20000 + Math.floor(Math.random() * 20000);
  const data = join(dir, 'data');
  const stopArgs = ['-D', data, '-m', 'fast', 'stop'];
  const remove = onCleanup(() => {
    const [c, a] = cmdOf('pg_ctl', stopArgs);
    spawnSync(c, [...a], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    run('initdb', ['-D', data, '-U', 'spire', '--auth=trust', '-E', 'UTF8', '--locale=C']);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${settings}`,
      'start',
    ]);
  } catch (e) {
    remove();
    throw e;
  }
  // Watchdog: once this process is gone (even by SIGKILL), stop the cluster and remove its directory.
  const [c, a] = cmdOf('pg_ctl', stopArgs);
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const watchdog = spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; if [ -d ${q(data)} ]; then ${[c, ...a].map(q).join(' ')} >/dev/null 2>&1; rm -rf ${q(dir)}; fi`,
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  // Spire connects over the cluster's Unix socket, as a server beside its PostgreSQL does by default (libpq, psql);
  // over TCP on loopback every write also pays the receiving side's network stack. BENCH_PG_TCP=1 compares.
  const host = process.env.BENCH_PG_TCP ? '127.0.0.1' : encodeURIComponent(dir);
  return { url: `postgres://spire@${host}:${port}`, stop: remove, dir };
}

/** The durability settings the server actually runs with (printed in every result). */
export async function durability(raw: (s: string) => Promise<{ rows: any[] }>) {
  const get = async (k: string) => (await raw(`show ${k}`)).rows[0][k];
  return {
    fsync: await get('fsync'),
    synchronousCommit: await get('synchronous_commit'),
    fullPageWrites: await get('full_page_writes'),
  };
}

/** pg_stat_statements, for a cluster started with STATEMENT_STATS among its settings: `reset` before a phase, `top`
 *  after it (the statements that took the most execution time, with their calls and mean). Top-level statements only
 *  (a write's foreign-key checks count in its time): tracking every nested statement costs the database time too. */
export const STATEMENT_STATS = '-c shared_preload_libraries=pg_stat_statements';
export const statementStats = (raw: (s: string) => Promise<{ rows: any[] }>) => ({
  reset: async () => {
    await raw('create extension if not exists pg_stat_statements');
    await raw('select pg_stat_statements_reset()');
  },
  top: async (n: number) =>
    (
      await raw(`select calls::int, round(total_exec_time)::int as "totalMs", round((total_exec_time / calls)::numeric, 3)::float as "meanMs",
        left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query
      from pg_stat_statements where query not like '%pg_stat%' order by total_exec_time desc limit ${n}`)
    ).rows as { calls: number; totalMs: number; meanMs: number; query: string }[],
});

/** CPU seconds of a cluster's PostgreSQL processes so far (the postmaster with the backends and workers it has waited
 *  for, plus the live ones: /proc, Linux; null elsewhere). The difference over a run is the database's share of it. */
export function postgresCpuSeconds(dir: string): number | null {
  try {
    const pm = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    let s = 0;
    for (const p of readdirSync('/proc')) {
      if (!/^\d+$/.test(p)) continue;
      let f: string[];
      try {
        f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      } catch {
        continue; // gone meanwhile
      }
      if (Number(p) === pm) s += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      else if (Number(f[1]) === pm) s += Number(f[11]) + Number(f[12]);
    }
    return s / 100; // USER_HZ = 100
  } catch {
    return null;
  }
}
