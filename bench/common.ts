// Shared by the benchmarks: scale (--scale small|full or BENCH_SCALE), the machine (cores, load, commit), peak RSS,
// percentiles, and saving each result as bench/results/<name>.json for `npm run bench:report`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** fetch (Node's bundled undici) gives up on an answer whose headers take over 300 s (UND_ERR_HEADERS_TIMEOUT): a slow
 *  naive baseline then failed its whole benchmark. Benchmarks wait as long as it takes; each one caps itself (its own
 *  time limits, and `npm run bench:report`'s --cap-minutes). Node 20 does not export undici's Agent, so the one fetch
 *  installed is reused with other timeouts (the same global slot undici's setGlobalDispatcher writes). */
export async function longHttpTimeouts(ms = 3 * 60 * 60_000) {
  const slot = Symbol.for('undici.globalDispatcher.1');
  const g = globalThis as unknown as Record<symbol, { constructor: new (o: object) => unknown } | undefined>;
  if (!g[slot]) await fetch('data:,').catch(() => {}); // loads undici, which installs its default Agent
  const Agent = g[slot]?.constructor;
  if (!Agent) throw new Error("fetch's dispatcher not found: cannot lengthen HTTP timeouts");
  g[slot] = new Agent({ headersTimeout: ms, bodyTimeout: ms, connectTimeout: 60_000 }) as never;
}
await longHttpTimeouts();

export type Scale = 'small' | 'full';
/** `--scale small` (or BENCH_SCALE=small): a reduced workload that checks a benchmark works; never a published figure. */
export function scale(): Scale {
  const i = process.argv.indexOf('--scale');
  const v = (i >= 0 ? process.argv[i + 1] : undefined) ?? process.env.BENCH_SCALE ?? 'full';
  if (v !== 'small' && v !== 'full') throw new Error(`--scale must be small or full, not ${v}`);
  return v;
}

export function machine() {
  let commit = 'unknown',
    dirty = false;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    /* not a git checkout */
  }
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: +(totalmem() / 2 ** 30).toFixed(1),
    loadAverage1m: +loadavg()[0]!.toFixed(2),
    node: process.version,
    commit: dirty ? `${commit}+dirty` : commit,
    at: new Date().toISOString(),
  };
}

/** CPU seconds (user + system) of a process and of the children it has waited for, from /proc/<pid>/stat (Linux;
 *  null elsewhere). For a server in its own process: the CPU its work took, whatever the machine's load. */
export function cpuSecondsOf(pid: number | 'self'): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10) / 1000; // USER_HZ = 100
  } catch {
    return null;
  }
}

/** Peak resident set size of this process so far, in MB. */
export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
export const RSS_LIMIT_MB = 1024;

export const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(2);
};
export const stats = (xs: number[]) => ({
  n: xs.length,
  p50: pct(xs, 50),
  p95: pct(xs, 95),
  p99: pct(xs, 99),
  max: pct(xs, 100),
});
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Prints the result as JSON and keeps it for the report (with the machine, load at the start and at the end). */
export function save(name: string, startMachine: ReturnType<typeof machine>, result: Record<string, unknown>) {
  const end = machine();
  const full = {
    benchmark: name,
    scale: scale(),
    machine: { ...startMachine, loadAverage1mAtStart: startMachine.loadAverage1m, loadAverage1m: end.loadAverage1m },
    ...result,
  };
  console.log(JSON.stringify(full, null, 2));
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    new URL(`${name}${scale() === 'small' ? '.small' : ''}.json`, dir),
    JSON.stringify(full, null, 2) + '\n',
  );
  return full;
}
