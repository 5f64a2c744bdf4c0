// The log of retention runs (retention_run, migration 032): the only SQL of the retention module.
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import type { RetentionPlan } from './plan.js';

export async function insertRun(
  trx: Db,
  r: {
    municipality: string;
    mode: 'dry_run' | 'erase';
    trigger: 'staff' | 'nightly';
    today: LocalDate;
    startedBy: string | null;
    plan: RetentionPlan;
    dryRunId?: string | null;
  },
) {
  return trx
    .insertInto('retention_run')
    .values({
      municipality_code: r.municipality,
      mode: r.mode,
      trigger: r.trigger,
      run_on: r.today.toString(),
      started_by: r.startedBy,
      counts: JSON.stringify(r.plan.counts),
      rules: JSON.stringify(r.plan.rules),
      persons: JSON.stringify(r.plan.persons),
      dry_run_id: r.dryRunId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

const columns = ['id', 'mode', 'trigger', 'run_on', 'started_by', 'created_at', 'counts', 'rules'] as const;

export async function listRuns(db: Db, municipality: string, limit = 30) {
  return db
    .selectFrom('retention_run')
    .select(columns)
    .where('municipality_code', '=', municipality)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function latestDryRun(db: Db, municipality: string) {
  return db
    .selectFrom('retention_run')
    .select(columns)
    .where('municipality_code', '=', municipality)
    .where('mode', '=', 'dry_run')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function runPersons(db: Db, municipality: string, id: string) {
  const r = await db
    .selectFrom('retention_run')
    .select(['persons'])
    .where('municipality_code', '=', municipality)
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? (r.persons as { personId: string; category: 'childCase' | 'applications' | 'guardian' }[]) : null;
}
