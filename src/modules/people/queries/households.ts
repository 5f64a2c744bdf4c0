// Households and residence over time: homes, who lives there, the household's municipality.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { LocalDate } from '../../../shared/index.js';

export async function homeOf(db: Db, personId: string, today: LocalDate) {
  return (
    (await db
      .selectFrom('residence')
      .innerJoin('household as h', 'h.id', 'residence.household_id')
      .select([
        'h.id',
        'h.street',
        'h.postal_code as postalCode',
        'h.city',
        'h.lat',
        'h.lon',
        'h.municipality_code as municipalityCode',
      ])
      .where('residence.person_id', '=', personId)
      .where(sql<boolean>`residence.valid @> ${today.toString()}::date`)
      .executeTakeFirst()) ?? null
  );
}

/** How many people under 18 live in the household on a date (friplads counts them). */
export async function childrenUnder18In(db: Db, householdId: string, on: string): Promise<number> {
  const r = await db
    .selectFrom('residence as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('r.household_id', '=', householdId)
    .where(sql<boolean>`r.valid @> ${on}::date`)
    .where(sql<boolean>`p.birth_date <= ${on}::date and p.birth_date > ${on}::date - interval '18 years'`)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** A household's municipality (e.g. billing's recheck after a true-up); null when it does not exist. */
export async function householdById(db: Db, id: string): Promise<{ id: string; municipalityCode: string } | null> {
  return (
    (await db
      .selectFrom('household')
      .select(['id', 'municipality_code as municipalityCode'])
      .where('id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

/** Birth dates of everyone living at the household on the day (ISO dates). */
export async function residentBirthDates(db: Db, householdId: string, on: string): Promise<string[]> {
  const rows = await db
    .selectFrom('residence as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select('p.birth_date')
    .where('r.household_id', '=', householdId)
    .where(sql<boolean>`r.valid @> ${on}::date`)
    .execute();
  return rows.map((r) => r.birth_date);
}

/** Residents of the household on the day who are guardians (have custody of some child): its letters' recipients. */
export async function guardiansLivingIn(db: Db, householdId: string, on: string): Promise<string[]> {
  const rows = await db
    .selectFrom('residence as r')
    .select('r.person_id')
    .distinct()
    .where('r.household_id', '=', householdId)
    .where(sql<boolean>`r.valid @> ${on}::date`)
    .where((eb) =>
      eb.exists(eb.selectFrom('custody as c').select('c.id').whereRef('c.guardian_id', '=', 'r.person_id')),
    )
    .execute();
  return rows.map((r) => r.person_id);
}

/** The municipalities a person lives in on `date` (one, or none when unknown). */
export async function residenceMunicipalities(db: Db, personId: string, date: LocalDate): Promise<string[]> {
  const rows = await db
    .selectFrom('residence as r')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .select('h.municipality_code')
    .where('r.person_id', '=', personId)
    .where(sql<boolean>`r.valid @> ${date.toString()}::date`)
    .execute();
  return rows.map((r) => r.municipality_code);
}

/** Children under 18 living at each household on a day (ISO), for many households at once (billing's friplads share
 *  for other modules). Households with none are left out. */
export async function childrenUnder18InMany(db: Db, householdIds: readonly string[], on: string) {
  const rows = await sql<{ household_id: string; n: number }>`
    select r.household_id, count(*)::int n from residence r join person p on p.id = r.person_id
    where r.household_id = any(${[...householdIds]}::uuid[]) and r.valid @> ${on}::date
      and p.birth_date <= ${on}::date and p.birth_date > ${on}::date - interval '18 years'
    group by r.household_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.household_id, Number(r.n)]));
}
