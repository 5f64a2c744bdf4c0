// People queries: homes, custody, placements, search and the child page. Ranges are PostgreSQL dateranges. Here the
// queries that read placements (another module's table, listed in architecture.crossings.json); the rest by resource
// in queries/ (persons, custody, households, register), re-exported.
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Db } from '../../platform/db/database.js';
import { DateRange, LocalDate, maskCpr } from '../../shared/index.js';
import { historyOf } from '../../platform/history/history.js';
import { peopleError, type ChildDetail, type Placement } from './contract.js';
import { CHILD_MAX_AGE_YEARS } from './queries/persons.js';
import { homeOf } from './queries/households.js';
import { addressProtectedAmong } from './queries/register.js';
export * from './queries/persons.js';
export * from './queries/custody.js';
export * from './queries/households.js';
export * from './queries/register.js';

/** The child (names and birth date) if the guardian has custody of it today, else null: one statement. */
export async function childInCustody(db: Db, guardianId: string, childId: string, today: LocalDate) {
  return (
    (await db
      .selectFrom('custody as c')
      .innerJoin('person as p', 'p.id', 'c.child_id')
      .select(['p.id', 'p.first_name', 'p.last_name', 'p.birth_date'])
      .where('c.guardian_id', '=', guardianId)
      .where('c.child_id', '=', childId)
      .where(sql<boolean>`c.valid @> ${today.toString()}::date`)
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

/** Current and future placements of children, newest first. */
export async function placementsOf(db: Db, childIds: string[], today: LocalDate): Promise<Placement[]> {
  if (!childIds.length) return [];
  const rows = await db
    .selectFrom('placement')
    .innerJoin('unit', 'unit.id', 'placement.unit_id')
    .select([
      'placement.id',
      'placement.child_id',
      'placement.unit_id',
      'unit.name as unitName',
      'unit.type as unitType',
      'placement.kind',
      'placement.valid',
      'placement.hours_per_week',
    ])
    .where('placement.child_id', 'in', childIds)
    .where(sql<boolean>`(upper_inf(placement.valid) or upper(placement.valid) > ${today.toString()}::date)`)
    .orderBy(sql`lower(placement.valid)`, 'desc')
    .execute();
  return rows.map((p) => {
    const r = DateRange.fromPg(p.valid);
    return {
      id: p.id,
      childId: p.child_id,
      unitId: p.unit_id,
      unitName: p.unitName,
      unitType: p.unitType,
      kind: p.kind,
      start: r.start.toString(),
      end: r.end?.toString() ?? null,
      hoursPerWeek: p.hours_per_week,
    };
  });
}

/** Units where a child has a current or future placement (for unit staff scoping). */
export async function unitIdsOfChild(db: Db, childId: string, today: LocalDate): Promise<string[]> {
  return (await placementsOf(db, [childId], today)).map((p) => p.unitId);
}

/** People by exact CPR number or by every word of the name; with `unitIds` only children with a current or future
 *  place in those units. At most 50, by name. */
export async function searchPeople(
  db: Db,
  today: LocalDate,
  f: { cpr?: string; words?: string[]; unitIds?: string[]; municipality: MunicipalScope },
) {
  let q = db
    .selectFrom('person')
    .select(['person.id', 'person.first_name', 'person.last_name', 'person.birth_date', 'person.cpr']);
  // Only people of the searching staff user's municipality: living there today, or placed in one of its units.
  q = q.where((eb) => ofMunicipality(eb, f.municipality, today));
  if (f.cpr) q = q.where('person.cpr', '=', f.cpr);
  for (const w of f.words ?? []) q = q.where('person.search_name', 'like', `%${w.replace(/[%_\\]/g, '\\$&')}%`);
  if (f.unitIds) {
    const unitIds = f.unitIds.length ? f.unitIds : ['00000000-0000-0000-0000-000000000000'];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('placement')
          .select(sql`1`.as('x'))
          .whereRef('placement.child_id', '=', 'person.id')
          .where('placement.unit_id', 'in', unitIds)
          .where(sql<boolean>`(upper_inf(placement.valid) or upper(placement.valid) > ${today.toString()}::date)`),
      ),
    );
  }
  return q.orderBy('person.last_name').orderBy('person.first_name').limit(50).execute();
}

/** The child page: facts, guardians with custody today, siblings in the household, places and history. */
export async function childPage(
  db: Db,
  id: string,
  today: LocalDate,
  opts: { seeProtected: boolean },
): Promise<ChildDetail> {
  const c = await db
    .selectFrom('person')
    .select(['id', 'first_name', 'last_name', 'birth_date', 'sex', 'cpr', 'died_on', 'emigrated_on'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!c) throw peopleError('people.child-not-found');
  const d = today.toString();
  const [guardians, home, placements, protectedSet] = await Promise.all([
    db
      .selectFrom('custody')
      .innerJoin('person as g', 'g.id', 'custody.guardian_id')
      .select(['g.id', 'g.first_name as firstName', 'g.last_name as lastName', 'g.phone', 'g.email'])
      .where('custody.child_id', '=', id)
      .where(sql<boolean>`custody.valid @> ${d}::date`)
      .execute(),
    homeOf(db, id, today),
    placementsOf(db, [id], today),
    addressProtectedAmong(db, [id], today),
  ]);
  const addressProtected = protectedSet.has(id);
  const siblings = home
    ? await db
        .selectFrom('residence')
        .innerJoin('person as s', 's.id', 'residence.person_id')
        .select(['s.id', 's.first_name as firstName', 's.last_name as lastName', 's.birth_date as birthDate'])
        .where('residence.household_id', '=', home.id)
        .where('s.id', '<>', id)
        .where(sql<boolean>`residence.valid @> ${d}::date`)
        .where('s.birth_date', '>', today.plusYears(-CHILD_MAX_AGE_YEARS).toString())
        .execute()
    : [];
  return {
    id: c.id,
    firstName: c.first_name,
    lastName: c.last_name,
    birthDate: c.birth_date,
    ageMonths: LocalDate.parse(c.birth_date).ageInMonths(today),
    sex: c.sex,
    cprMasked: c.cpr ? maskCpr(c.cpr) : null,
    address:
      home && (!addressProtected || opts.seeProtected)
        ? { street: home.street, postalCode: home.postalCode, city: home.city }
        : null,
    addressProtected,
    diedOn: c.died_on,
    emigratedOn: c.emigrated_on,
    guardians,
    siblings,
    placements,
    history: await historyOf(db, [{ table: 'person', ids: [id] }]),
  };
}

export interface MunicipalScope {
  code: string;
  /** The municipality's units (registry's unitsOfMunicipality). */
  unitIds: string[];
}

/** A person of the municipality: living there on `today`, or with a current or future place in one of its units. */
function ofMunicipality(eb: ExpressionBuilder<DB, 'person'>, muni: MunicipalScope, today: LocalDate) {
  return eb.or([
    eb.exists(
      eb
        .selectFrom('residence as r')
        .innerJoin('household as h', 'h.id', 'r.household_id')
        .select(sql`1`.as('x'))
        .whereRef('r.person_id', '=', 'person.id')
        .where('h.municipality_code', '=', muni.code)
        .where(sql<boolean>`r.valid @> ${today.toString()}::date`),
    ),
    eb.exists(
      eb
        .selectFrom('placement as pm')
        .select(sql`1`.as('x'))
        .whereRef('pm.child_id', '=', 'person.id')
        .where('pm.unit_id', 'in', muni.unitIds.length ? muni.unitIds : ['00000000-0000-0000-0000-000000000000'])
        .where(sql<boolean>`(upper_inf(pm.valid) or upper(pm.valid) > ${today.toString()}::date)`),
    ),
  ]);
}

/** Which of the people belong to the municipality (live there, or are placed in its units). */
export async function peopleOfMunicipality(
  db: Db,
  personIds: readonly string[],
  muni: MunicipalScope,
  today: LocalDate,
): Promise<Set<string>> {
  const ids = [...new Set(personIds)];
  if (!ids.length) return new Set();
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom('person')
      .select('person.id')
      .where('person.id', 'in', ids.slice(i, i + 5000))
      .where((eb) => ofMunicipality(eb, muni, today))
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}
