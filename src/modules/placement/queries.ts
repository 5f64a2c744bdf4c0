// Placement's own tables read and written by the routes (application, offer, placement, staff_inbox); unit names come
// from registry, user names from auth.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { userNames } from '../../platform/auth/users.js';
import { unitNames } from '../registry/index.js';

/** The children's active applications, oldest first. */
export async function activeApplicationsOf(db: Db, childIds: string[]) {
  return db
    .selectFrom('application')
    .selectAll()
    .where('child_id', 'in', childIds)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .execute();
}

/** The children's offers waiting for an answer, with the unit's name. */
export async function pendingOffersOf(db: Db, childIds: string[]) {
  const rows = await db
    .selectFrom('offer')
    .innerJoin('application as a', 'a.id', 'offer.application_id')
    .select([
      'offer.id',
      'a.child_id',
      'offer.unit_id',
      'offer.start_date',
      'offer.hours_per_week',
      'offer.deadline',
      'offer.status',
      'offer.explanation',
      'offer.guarantee',
    ])
    .where('a.child_id', 'in', childIds)
    .where('offer.status', '=', 'pending')
    .execute();
  const names = await unitNames(db, [...new Set(rows.map((r) => r.unit_id))]);
  return rows.filter((r) => names.has(r.unit_id)).map((r) => ({ ...r, unitName: names.get(r.unit_id)! }));
}

/** A placement a guardian gives notice on (the child is checked for custody by the caller), or undefined. */
export async function placementToWithdraw(db: Db, placementId: string) {
  return db
    .selectFrom('placement')
    .select(['id', 'child_id', 'kind', 'unit_id'])
    .where('id', '=', placementId)
    .executeTakeFirst();
}

/** The children of applications (distinct), e.g. for the audit of a round's view. */
export async function childIdsOfApplications(db: Db, applicationIds: string[]): Promise<string[]> {
  if (!applicationIds.length) return [];
  const rows = await db
    .selectFrom('application')
    .select('child_id')
    .distinct()
    .where('id', 'in', applicationIds)
    .execute();
  return rows.map((r) => r.child_id);
}

/** Sets an application's priority flags (special needs, moving in); the child's id, or undefined if there is no such application. */
export async function setApplicationPriority(
  trx: Db,
  id: string,
  change: { specialNeeds?: boolean; movingIn?: boolean },
): Promise<string | undefined> {
  const a = await trx
    .updateTable('application')
    .set({
      ...(change.specialNeeds !== undefined ? { special_needs: change.specialNeeds } : {}),
      ...(change.movingIn !== undefined ? { moving_in: change.movingIn } : {}),
    })
    .where('id', '=', id)
    .returning('child_id')
    .executeTakeFirst();
  return a?.child_id;
}

/** The staff inbox, newest first (at most 200): open tasks, or all; who handled a task by name. */
export async function inboxTasks(db: Db, all: boolean) {
  let q = db
    .selectFrom('staff_inbox')
    .select([
      'id',
      'kind',
      'child_id as childId',
      'text',
      'created_on as createdOn',
      'handled_at as handledAt',
      'handled_by',
    ])
    .orderBy('created_at', 'desc')
    .limit(200);
  if (!all) q = q.where('handled_at', 'is', null);
  const rows = await q.execute();
  const names = await userNames(db, [...new Set(rows.map((r) => r.handled_by).filter((u): u is string => !!u))]);
  return rows.map(({ handled_by, ...r }) => ({ ...r, handledBy: handled_by ? (names.get(handled_by) ?? null) : null }));
}

/** Marks an open inbox task handled by the user; false if there is no such open task. */
export async function markTaskHandled(db: Db, id: string, userId: string): Promise<boolean> {
  const r = await db
    .updateTable('staff_inbox')
    .set({ handled_by: userId, handled_at: sql`now()` })
    .where('id', '=', id)
    .where('handled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

/** The municipality a round allocates for (null: no such round, or one made before rounds had one). */
export async function roundMunicipality(db: Db, id: string): Promise<string | null | undefined> {
  const r = await db.selectFrom('allocation_round').select('municipality_code').where('id', '=', id).executeTakeFirst();
  return r ? r.municipality_code : undefined;
}

/** The child an inbox task is about (null: none; undefined: no such task). */
export async function taskChild(db: Db, id: string): Promise<string | null | undefined> {
  const r = await db.selectFrom('staff_inbox').select('child_id').where('id', '=', id).executeTakeFirst();
  return r ? r.child_id : undefined;
}
