// The Spire server for a benchmark, in its own process (one Node process, as in production; the load generator does
// not share its event loop, and its peak RSS is the server's own). Default pool, no DB_POOL_SIZE override.
// Env: BENCH_DB_URL, BENCH_TODAY, BENCH_NAIVE=1 adds the naive baselines' routes (bench/naive-booking.ts).
// IPC: sends { port } when listening; answers 'rss' with { rssMb } and 'cpu' with { user, system } (ms, so a bench
// can take the CPU of one phase); 'stop' closes and exits. Exits if the parent goes.
// BENCH_PROFILE_PHASE=<dir>: a V8 CPU profile from the first 'cpu' to 'stop' (the phase, not the start-up).
// 'loop' answers how the event loop fared since the first 'cpu': its delay (ms) and how often the kernel took the
// CPU from this process (nonvoluntary context switches: on a saturated machine, PostgreSQL and the clients preempt it).
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { openDatabase } from '../src/platform/db/database.js';
import { buildApp } from '../src/platform/http/app.js';
import { AppClock } from '../src/platform/clock.js';
import { LocalDate } from '../src/shared/index.js';
import { naiveBookingRoutes } from './naive-booking.js';
import { MODULES } from '../src/modules.js';

delete process.env.DB_POOL_SIZE;
const database = await openDatabase({ url: process.env.BENCH_DB_URL! });
const clock = new AppClock();
await clock.load(database.db);
if (process.env.BENCH_TODAY) await clock.setToday(database.db, LocalDate.parse(process.env.BENCH_TODAY));
const app = await buildApp({ modules: MODULES, database, clock, demo: false });
if (process.env.BENCH_NAIVE === '1') await app.register(naiveBookingRoutes, { prefix: '/api/naive' });
await app.listen({ port: 0, host: '127.0.0.1' });

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
process.on('disconnect', () => process.exit(0));
const profileDir = process.env.BENCH_PROFILE_PHASE;
let profiler: Session | null = null;
const delay = monitorEventLoopDelay({ resolution: 1 });
/** This process's context switches so far (Linux; zero elsewhere). */
const switches = () => {
  const status = (() => {
    try {
      return readFileSync('/proc/self/status', 'utf8');
    } catch {
      return '';
    }
  })();
  const of = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { voluntary: of('voluntary_ctxt_switches'), preempted: of('nonvoluntary_ctxt_switches') };
};
let switches0 = switches(),
  watching = false;
async function onMessage(m: any) {
  if (m === 'rss') process.send!({ rssMb: rssMb() });
  if (m === 'cpu') {
    if (!watching) {
      watching = delay.enable();
      switches0 = switches();
    }
    if (profileDir && !profiler) {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const cpu = process.cpuUsage();
    process.send!({ user: cpu.user / 1000, system: cpu.system / 1000 });
  }
  if (m === 'loop') {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const now = switches();
    process.send!({
      delayMs: { p50: ms(delay.percentile(50)), p95: ms(delay.percentile(95)), max: ms(delay.max) },
      voluntarySwitches: now.voluntary - switches0.voluntary,
      preemptions: now.preempted - switches0.preempted,
    });
  }
  if (m === 'stop') {
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(join(profileDir!, `phase-${process.pid}.cpuprofile`), JSON.stringify(profile));
    }
    await app.close();
    await database.close();
    const cpu = process.cpuUsage();
    console.error(
      `bench server CPU: user ${Math.round(cpu.user / 1000)} ms, system ${Math.round(cpu.system / 1000)} ms`,
    );
    process.send!({ rssMb: rssMb() }, () => process.exit(0));
  }
}
process.on('message', (m: any) => void onMessage(m));
process.send!({ port: (app.server.address() as AddressInfo).port });
