// The nightly retention job: every municipality with units, with its own rules; it erases only where the
// municipality turned that on (setting retention.erase_nightly = true), otherwise it makes a dry run for staff to confirm.
import type PgBoss from 'pg-boss';
import { AppClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { municipalitiesWithUnits } from '../registry/index.js';
import { eraseNightly } from './rules.js';
import { runRetention } from './run.js';

export const RETENTION_JOB = 'retention.nightly';

export async function runNightlyRetention(database: Database) {
  const clock = new AppClock();
  await clock.load(database.db);
  const today = clock.today();
  const ctx = { db: database.db, clock, actor: null, ip: 'job', userAgent: RETENTION_JOB };
  const done: { municipality: string; mode: 'dry_run' | 'erase'; runId: string }[] = [];
  for (const { code: municipality } of await municipalitiesWithUnits(database.db)) {
    const mode = (await eraseNightly(database.db, municipality, today)) ? 'erase' : 'dry_run';
    done.push({ municipality, mode, runId: await runRetention(database.db, ctx, { municipality, today, mode }) });
  }
  return done;
}

export async function registerRetentionJobs(boss: PgBoss, database: Database) {
  await boss.createQueue(RETENTION_JOB);
  await boss.work(RETENTION_JOB, async () => {
    await runNightlyRetention(database);
  });
  await boss.schedule(RETENTION_JOB, '40 3 * * *', {}, { tz: 'Europe/Copenhagen' });
}
