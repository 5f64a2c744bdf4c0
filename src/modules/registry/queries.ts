// Register queries (Kysely). Ranges are PostgreSQL dateranges with exclusive upper bounds.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';

/** Current places per unit and band on a date. */
export async function placesOn(db: Db, date: LocalDate, unitIds?: string[]) {
  let q = db.selectFrom('capacity').select(['unit_id', 'age_band', 'places'])
    .where(sql<boolean>`valid @> ${date.toString()}::date`);
  if (unitIds) q = q.where('unit_id', 'in', unitIds.length ? unitIds : ['00000000-0000-0000-0000-000000000000']);
  return q.execute();
}

/** Children placed per unit and age band on a date (age in completed months at that date). */
export async function enrolledOn(db: Db, date: LocalDate, unitIds?: string[]) {
  const d = date.toString();
  let q = db.selectFrom('placement').innerJoin('person', 'person.id', 'placement.child_id')
    .select([
      'placement.unit_id',
      sql<string>`case
        when age(${d}::date, person.birth_date) < interval '3 years' then '0-2'
        when age(${d}::date, person.birth_date) < interval '6 years' then '3-5'
        when age(${d}::date, person.birth_date) < interval '10 years' then '6-9'
        when age(${d}::date, person.birth_date) < interval '14 years' then '10-13'
        else '14-17' end`.as('age_band'),
      sql<number>`count(*)::int`.as('children'),
    ])
    .where(sql<boolean>`placement.valid @> ${d}::date`)
    .groupBy(['placement.unit_id', 'age_band']);
  if (unitIds) q = q.where('placement.unit_id', 'in', unitIds.length ? unitIds : ['00000000-0000-0000-0000-000000000000']);
  return q.execute();
}

/** Unit names by id (e.g. for another module's list of bookings). */
export async function unitNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('unit').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
