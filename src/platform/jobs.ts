// The Postgres-backed job runner (pg-boss), on the server database or on PGlite through its executeSql hook.
import PgBoss from 'pg-boss';
import type { Database } from './db/database.js';
import { drainDigitalPost, type DigitalPost } from './letters/index.js';
import type { SpireModule } from './module.js';

export async function startJobs(
  database: Database,
  modules: readonly SpireModule[],
  digitalPost?: { post: DigitalPost; senderCvr: string },
): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => database.raw(text, values) },
    schema: 'pgboss',
  } as any);
  boss.on('error', (e) => console.error('job runner:', e.message));
  await boss.start();
  await boss.createQueue('session.cleanup');
  await boss.work('session.cleanup', async () => {
    await database.raw('DELETE FROM session WHERE expires_at < now()');
  });
  await boss.schedule('session.cleanup', '17 3 * * *', {}, { tz: 'Europe/Copenhagen' });
  for (const m of modules) await m.jobs?.(boss, database);
  if (digitalPost) {
    await boss.createQueue('digital-post.send');
    await boss.work('digital-post.send', async () => {
      await drainDigitalPost(database.db, digitalPost.post, { cvr: digitalPost.senderCvr });
    });
    await boss.schedule('digital-post.send', '* * * * *', {});
  }
  return boss;
}
