// The app under test for bench/attendance.bench.ts, in its own process so the load generator does not share its
// event loop. Controlled over IPC: { naive: true|false } toggles the naive live-view baseline; 'stop' closes.
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../src/platform/db/database.js';
import { buildApp } from '../src/platform/http/app.js';
import { AppClock } from '../src/platform/clock.js';
import { LocalDate } from '../src/shared/index.js';
import { busFor } from '../src/modules/attendance/index.js';
import { dayOverview } from '../src/modules/attendance/overview.js';
import { MODULES } from '../src/modules.js';

delete process.env.DB_POOL_SIZE; // the default pool, as `spire start` runs
const database = await openDatabase({ url: process.env.BENCH_DB_URL! });
const clock = new AppClock();
await clock.load(database.db);
const today = LocalDate.parse(process.env.BENCH_TODAY!);
await clock.setToday(database.db, today);
const app = await buildApp({ modules: MODULES, database, clock, demo: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const bus = busFor(app.config);
let naive: (() => void)[] = [];
const lags: number[] = [];

process.on('disconnect', () => process.exit(0));
async function onMessage(m: any) {
  if (m === 'stop') {
    await app.close();
    await database.close();
    process.send!({ rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }, () => process.exit(0));
  }
  if (m?.naive === true) {
    // The naive live view: every change makes the unit's open overview re-read everything from the database.
    naive = (m.units as string[]).map((u) =>
      bus.subscribe(u, (c) => {
        void dayOverview(database.db, u, today, null).then(() => lags.push(Date.now() - c.at));
      }),
    );
  }
  if (m?.naive === false) {
    naive.forEach((f) => f());
    naive = [];
    process.send!({ lags: lags.splice(0), published: bus.published });
  }
}
process.on('message', (m: any) => void onMessage(m));
process.send!({ port: (app.server.address() as AddressInfo).port });
