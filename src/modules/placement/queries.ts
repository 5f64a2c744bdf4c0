// Placement's own tables read by the routes (application, offer, placement); unit names come from registry.
import type { Db } from '../../platform/db/database.js';
import { unitNames } from '../registry/index.js';

/** The children's active applications, oldest first. */
export async function activeApplicationsOf(db: Db, childIds: string[]) {
  return db.selectFrom('application').selectAll().where('child_id', 'in', childIds).where('status', '=', 'active').orderBy('created_at').execute();
}

/** The children's offers waiting for an answer, with the unit's name. */
export async function pendingOffersOf(db: Db, childIds: string[]) {
  const rows = await db.selectFrom('offer').innerJoin('application as a', 'a.id', 'offer.application_id')
    .select(['offer.id', 'a.child_id', 'offer.unit_id', 'offer.start_date', 'offer.hours_per_week', 'offer.deadline', 'offer.status', 'offer.explanation', 'offer.guarantee'])
    .where('a.child_id', 'in', childIds).where('offer.status', '=', 'pending').execute();
  const names = await unitNames(db, [...new Set(rows.map((r) => r.unit_id))]);
  return rows.filter((r) => names.has(r.unit_id)).map((r) => ({ ...r, unitName: names.get(r.unit_id)! }));
}

/** A placement a guardian gives notice on (the child is checked for custody by the caller), or undefined. */
export async function placementToWithdraw(db: Db, placementId: string) {
  return db.selectFrom('placement').select(['id', 'child_id', 'kind']).where('id', '=', placementId).executeTakeFirst();
}
