// A unit's entrance terminals.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

/** A unit's entrance terminals, oldest first. */
export async function terminalsOf(db: Db, unitId: string) {
  const rows = await db
    .selectFrom('terminal')
    .select(['id', 'name', 'created_at', 'revoked_at'])
    .where('unit_id', '=', unitId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

/** Revokes a unit's terminal (keeping an earlier revocation time); undefined when the unit has no such terminal. */
export async function revokeTerminal(db: Db, unitId: string, terminalId: string) {
  return db
    .updateTable('terminal')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('id', '=', terminalId)
    .where('unit_id', '=', unitId)
    .returning(['id', 'revoked_at'])
    .executeTakeFirst();
}
