// Scheduled placement jobs (pg-boss): nightly expiry of offers and continuous allocation, and årsrulning on the
// 1st of each month. Run with the application clock (demo "today" included) and audited as the system.
import type PgBoss from 'pg-boss';
import { audit } from '../../platform/audit/audit.js';
import { AppClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { aarsrulning, continuousAllocation } from './aarsrulning.js';
import { expireOffers } from './offer-answers.js';
import { withRetry } from '../booking/index.js';
import { municipalitiesWithUnits, unitsOfMunicipality } from '../registry/index.js';

export const PLACEMENT_JOBS = {
  aarsrulning: 'placement.aarsrulning',
  continuous: 'placement.continuous-allocation',
} as const;

/** One run of a placement job in one transaction; returns what it did. */
export async function runPlacementJob(database: Database, job: keyof typeof PLACEMENT_JOBS) {
  const clock = new AppClock();
  await clock.load(database.db);
  const today = clock.today();
  const ctx = { db: database.db, clock, actor: null, ip: 'job', userAgent: PLACEMENT_JOBS[job] };
  return withRetry(() =>
    database.db.transaction().execute(async (trx) => {
      // Every municipality with units, each with its own rules and its own units.
      const scopes = await Promise.all(
        (await municipalitiesWithUnits(trx)).map(async (m) => ({
          code: m.code,
          unitIds: (await unitsOfMunicipality(trx, m.code)).map((u) => u.id),
        })),
      );
      if (job === 'aarsrulning') {
        let created = 0;
        for (const s of scopes) created += await aarsrulning(trx, s, today);
        await audit(trx, ctx, {
          action: 'aarsrulning.run',
          subjectType: 'application',
          subjectIds: [],
          details: { created, job: true },
        });
        return { created };
      }
      const expired = await expireOffers(trx, today);
      let offers = 0;
      for (const s of scopes) offers += await continuousAllocation(trx, s, today);
      await audit(trx, ctx, {
        action: 'allocation.continuous',
        subjectType: 'allocation_round',
        subjectIds: [],
        details: { offers, expired, job: true },
      });
      return { offers, expired };
    }),
  );
}

export async function registerPlacementJobs(boss: PgBoss, database: Database) {
  for (const job of ['aarsrulning', 'continuous'] as const) {
    await boss.createQueue(PLACEMENT_JOBS[job]);
    await boss.work(PLACEMENT_JOBS[job], async () => {
      await runPlacementJob(database, job);
    });
  }
  await boss.schedule(PLACEMENT_JOBS.continuous, '30 2 * * *', {}, { tz: 'Europe/Copenhagen' });
  await boss.schedule(PLACEMENT_JOBS.aarsrulning, '0 3 1 * *', {}, { tz: 'Europe/Copenhagen' });
}
