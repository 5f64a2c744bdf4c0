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

/** Full names by person id ("Fornavn Efternavn"), in chunks under the parameter limit. */
export async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 5000) {
    for (const p of await db.selectFrom('person').select(['id', 'first_name', 'last_name']).where('id', 'in', ids.slice(i, i + 5000)).execute()) names.set(p.id, `${p.first_name} ${p.last_name}`);
  }
  return names;
}

/** How many people under 18 live in the household on a date (friplads counts them). */
export async function childrenUnder18In(db: Db, householdId: string, on: string): Promise<number> {
  const r = await db.selectFrom('residence as r').innerJoin('person as p', 'p.id', 'r.person_id').select(sql<number>`count(*)::int`.as('n'))
    .where('r.household_id', '=', householdId).where(sql<boolean>`r.valid @> ${on}::date`)
    .where(sql<boolean>`p.birth_date <= ${on}::date and p.birth_date > ${on}::date - interval '18 years'`).executeTakeFirstOrThrow();
  return r.n;
}
