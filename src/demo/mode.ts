// Demo mode belongs to the embedded demo: on by default only with embedded PGlite (no DATABASE_URL); with a real
// database it needs SPIRE_DEMO=true. A start with demo mode off revokes every demo credential (sessions of demo
// personas, demo entrance terminals) and the demo clock; a production start refuses to run with demo users present.
import { sql } from 'kysely';
import type { Database } from '../platform/db/database.js';
import { DEMO_TERMINAL_PREFIX } from './seed-attendance.js';
import { forgetTerminal } from '../modules/attendance/terminals.js';

export interface DemoMode {
  demo: boolean;
  production: boolean;
}

export function demoModeFromEnv(env: NodeJS.ProcessEnv): DemoMode {
  const realDatabase = !!env.DATABASE_URL;
  const demo = realDatabase ? env.SPIRE_DEMO === 'true' : env.SPIRE_DEMO !== 'false';
  return { demo, production: !demo && (realDatabase || env.NODE_ENV === 'production') };
}

export class DemoUsersPresentError extends Error {
  constructor(count: number) {
    super(
      `Refusing to start: ${count} demo users are present in this database and demo mode is off. ` +
        'Use a database without the demo municipality, or start with SPIRE_DEMO=true for a demo.',
    );
  }
}

/** What a start with demo mode off does before serving; returns what it revoked. Idempotent. */
export async function leaveDemoMode({ db }: Database, opts: { production: boolean }) {
  const sessions = await db
    .deleteFrom('session')
    .where('user_id', 'in', db.selectFrom('app_user').select('id').where('demo_persona', '=', true))
    .executeTakeFirst();
  // Demo terminals: the well-known tokens (`demo-terminal-<unit number>`) and any terminal a demo persona created.
  const terminals = await sql<{ id: string }>`
    update terminal set revoked_at = now()
    where revoked_at is null and (
      token_hash in (select encode(sha256(convert_to(${DEMO_TERMINAL_PREFIX} || lower(u.number), 'UTF8')), 'hex') from unit u)
      or created_by in (select id from app_user where demo_persona))
    returning id`.execute(db);
  for (const { id } of terminals.rows) forgetTerminal(db, id);
  await db.deleteFrom('system_state').where('key', '=', 'clock.today').execute();
  const { count } = await db
    .selectFrom('app_user')
    .where('demo_persona', '=', true)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  if (opts.production && Number(count) > 0) throw new DemoUsersPresentError(Number(count));
  return { sessions: Number(sessions.numDeletedRows), terminals: terminals.rows.length, demoUsers: Number(count) };
}
