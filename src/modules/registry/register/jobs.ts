// The delivery job: every minute, queued register changes go to STIL's import service (or the local stand-in).
import type PgBoss from 'pg-boss';
import type { Database } from '../../../platform/db/database.js';
import { sendQueuedDeliveries } from './delivery.js';
import { stilRegisterFor } from './stil.js';

export const REGISTER_DELIVERY_JOB = 'registry.register-delivery';

export async function registerRegistryJobs(boss: PgBoss, database: Database) {
  await boss.createQueue(REGISTER_DELIVERY_JOB);
  await boss.work(REGISTER_DELIVERY_JOB, async () => {
    await sendQueuedDeliveries(database.db, stilRegisterFor(database.db));
  });
  await boss.schedule(REGISTER_DELIVERY_JOB, '* * * * *', {});
}
