// Booking's own tables (booking, booking_event) read by the routes; names of children and units come from their modules.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { personsById } from '../people/index.js';
import { unitNames } from '../registry/index.js';

/** The placement a booking of this child holds (to leave it out when the booking is being moved), or null. */
export async function bookingPlacementOf(db: Db, bookingId: string, childId: string): Promise<string | null> {
  const b = await db
    .selectFrom('booking')
    .select('placement_id')
    .where('id', '=', bookingId)
    .where('child_id', '=', childId)
    .executeTakeFirst();
  return b?.placement_id ?? null;
}

/** The child a booking is for, or null when there is no such booking. */
export async function bookingOwner(db: Db, bookingId: string): Promise<string | null> {
  return (
    (await db.selectFrom('booking').select('child_id').where('id', '=', bookingId).executeTakeFirst())?.child_id ?? null
  );
}

/** Every booking of the children, newest first, with the child's first name and the unit's name. */
export async function bookingsOfChildren(db: Db, childIds: string[]) {
  const rows = await db
    .selectFrom('booking')
    .select(['id', 'child_id', 'unit_id', 'valid', 'status', 'booked_at'])
    .where('child_id', 'in', childIds)
    .orderBy('booked_at', 'desc')
    .execute();
  const [children, units] = await Promise.all([
    personsById(db, [...new Set(rows.map((r) => r.child_id))]),
    unitNames(db, [...new Set(rows.map((r) => r.unit_id))]),
  ]);
  const firstName = new Map(children.map((c) => [c.id, c.first_name]));
  return rows
    .filter((r) => firstName.has(r.child_id) && units.has(r.unit_id))
    .map((r) => ({ ...r, first_name: firstName.get(r.child_id)!, unitName: units.get(r.unit_id)! }));
}

/** Start dates of the active bookings at the units. */
export async function activeBookingStarts(db: Db, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .selectFrom('booking')
    .select(['unit_id', sql<string>`lower(valid)::text`.as('lo')])
    .where('status', '=', 'active')
    .where('unit_id', 'in', unitIds)
    .execute();
}

/** A child's active bookings: which of its places are bookings (the caseworker moves and cancels them as bookings). */
export async function activeBookingsOfChild(db: Db, childId: string) {
  return db
    .selectFrom('booking')
    .select(['id', 'placement_id', 'unit_id', sql<string>`lower(valid)::text`.as('start')])
    .where('child_id', '=', childId)
    .where('status', '=', 'active')
    .execute();
}
