// Retention (issue 16): komme/gå registrations due for erasure and their erasure.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { LocalDate } from '../../../shared/index.js';

/** Retention (issue 16): komme/gå registrations at these units before `before` (with their event trail). */
export async function attendanceDue(db: Db, unitIds: string[], before: LocalDate): Promise<number> {
  if (!unitIds.length) return 0;
  const r = await db
    .selectFrom('attendance')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('unit_id', 'in', unitIds)
    .where('date', '<', before.toString())
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Deletes the registrations counted by attendanceDue; returns how many. */
export async function eraseAttendance(trx: Db, unitIds: string[], before: LocalDate): Promise<number> {
  if (!unitIds.length) return 0;
  await sql`delete from attendance_event where attendance_id in
             (select id from attendance where unit_id = any(${unitIds}::uuid[]) and date < ${before.toString()}::date)`.execute(
    trx,
  );
  const r = await trx
    .deleteFrom('attendance')
    .where('unit_id', 'in', unitIds)
    .where('date', '<', before.toString())
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
