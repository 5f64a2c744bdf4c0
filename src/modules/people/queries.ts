// People queries: homes, custody, placements. Ranges are PostgreSQL dateranges.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { DateRange, LocalDate } from '../../shared/index.js';

const on = (d: LocalDate) => sql<boolean>`valid @> ${d.toString()}::date`;

export async function homeOf(db: Db, personId: string, today: LocalDate) {
  return (await db.selectFrom('residence').innerJoin('household as h', 'h.id', 'residence.household_id')
    .select(['h.id', 'h.street', 'h.postal_code as postalCode', 'h.city', 'h.lat', 'h.lon', 'h.municipality_code as municipalityCode'])
    .where('residence.person_id', '=', personId).where(sql<boolean>`residence.valid @> ${today.toString()}::date`)
    .executeTakeFirst()) ?? null;
}

export async function childIdsInCustody(db: Db, guardianId: string, today: LocalDate): Promise<string[]> {
  const rows = await db.selectFrom('custody').select('child_id').where('guardian_id', '=', guardianId).where(on(today)).execute();
  return rows.map((r) => r.child_id);
}

/** Current and future placements of children, newest first. */
export async function placementsOf(db: Db, childIds: string[], today: LocalDate) {
  if (!childIds.length) return [];
  const rows = await db.selectFrom('placement').innerJoin('unit', 'unit.id', 'placement.unit_id')
    .select(['placement.id', 'placement.child_id', 'placement.unit_id', 'unit.name as unitName', 'unit.type as unitType', 'placement.kind', 'placement.valid', 'placement.hours_per_week'])
    .where('placement.child_id', 'in', childIds)
    .where(sql<boolean>`(upper_inf(placement.valid) or upper(placement.valid) > ${today.toString()}::date)`)
    .orderBy(sql`lower(placement.valid)`, 'desc').execute();
  return rows.map((p) => {
    const r = DateRange.fromPg(p.valid);
    return { id: p.id, childId: p.child_id, unitId: p.unit_id, unitName: p.unitName, unitType: p.unitType, kind: p.kind,
      start: r.start.toString(), end: r.end?.toString() ?? null, hoursPerWeek: p.hours_per_week };
  });
}

/** Units where a child has a current or future placement (for unit staff scoping). */
export async function unitIdsOfChild(db: Db, childId: string, today: LocalDate): Promise<string[]> {
  return (await placementsOf(db, [childId], today)).map((p) => p.unitId);
}

/** Name and birth date of persons by id (e.g. a child another module holds a booking for). */
export async function personsById(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('person').select(['id', 'first_name', 'last_name', 'birth_date']).where('id', 'in', ids).execute();
}

/** The child's guardians with custody on a date. */
export async function guardianIdsOf(db: Db, childId: string, date: LocalDate): Promise<string[]> {
  const rows = await db.selectFrom('custody').select('guardian_id').where('child_id', '=', childId).where(on(date)).execute();
  return rows.map((r) => r.guardian_id);
}
