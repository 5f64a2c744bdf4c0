// Gives each integration test file its own fresh, migrated database on the engine the project runs on.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';

export const engine = process.env.SPIRE_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** A fresh database; on PostgreSQL `as: 'spire_app'` connects as the application's own role instead of the superuser. */
export async function openTestDatabase(opts: { as?: 'spire_app' } = {}): Promise<Database> {
  if (engine === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database);
    return database;
  }
  const base = inject('pgUrl');
  const name = 't_' + randomUUID().replaceAll('-', '');
  const admin = await openDatabase({ url: `${base}/postgres` });
  try {
    // Concurrent clones of one template collide ("being accessed by other users"): retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.raw(`CREATE DATABASE ${name} TEMPLATE spire_template`);
        break;
      } catch (e: any) {
        if (attempt > 50 || !/being accessed by other users/.test(e.message)) throw e;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
      }
    }
  } finally {
    await admin.close();
  }
  return openDatabase({ url: `${opts.as ? base.replace('://spire@', `://${opts.as}@`) : base}/${name}` });
}
