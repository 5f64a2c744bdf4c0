// The Spire server for a benchmark, in its own process (one Node process, as in production; the load generator does
// not share its event loop, and its peak RSS is the server's own). Default pool, no DB_POOL_SIZE override.
// Env: BENCH_DB_URL, BENCH_TODAY, BENCH_NAIVE=1 adds the naive baselines' routes (bench/naive-booking.ts).
// IPC: sends { port } when listening; answers 'rss' with { rssMb }; 'stop' closes and exits. Exits if the parent goes.
import type { AddressInfo } from 'node:net';
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
async function onMessage(m: any) {
  if (m === 'rss') process.send!({ rssMb: rssMb() });
  if (m === 'stop') {
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
