// Applies migrations/NNN_name.sql in order, once each, recorded in schema_migration.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

const dir = fileURLToPath(new URL('../../../migrations/', import.meta.url));

export async function migrate(database: Database): Promise<string[]> {
  // Only created when missing: the application role (spire_app) may start an up-to-date database without CREATE rights.
  if (!(await database.raw(`SELECT to_regclass('schema_migration') IS NOT NULL AS present`)).rows[0]?.present) {
    await database.exec(
      `CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  }
  const done = new Set((await database.raw('SELECT name FROM schema_migration')).rows.map((r) => r.name));
  const applied: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort()) {
    if (done.has(file)) continue;
    const body = readFileSync(dir + file, 'utf8');
    await database.exec(`BEGIN;\n${body}\nINSERT INTO schema_migration (name) VALUES ('${file}');\nCOMMIT;`);
    applied.push(file);
  }
  // Database roles (migrations/015_audit_roles.sql): objects a migration added go to spire_owner, with the grants of spire_app.
  if (
    applied.length &&
    (await database.raw(`SELECT to_regprocedure('spire_apply_roles()') IS NOT NULL AS present`)).rows[0]?.present
  ) {
    await database.exec('SELECT spire_apply_roles()');
  }
  return applied;
}
