// People queries: homes, custody, placements, search and the child page. Ranges are PostgreSQL dateranges.
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Db } from '../../platform/db/database.js';
import { DateRange, LocalDate, maskCpr } from '../../shared/index.js';
import { historyOf } from '../../platform/history/history.js';
import { peopleError, type ChildDetail, type Placement } from './contract.js';

/** Younger than this is a child (search hits, siblings). */
export const CHILD_MAX_AGE_YEARS = 18;

const on = (d: LocalDate) => sql<boolean>`valid @> ${d.toString()}::date`;

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

export async function childIdsInCustody(db: Db, guardianId: string, today: LocalDate): Promise<string[]> {
  const rows = await db
    .selectFrom('custody')
    .select('child_id')
    .where('guardian_id', '=', guardianId)
    .where(on(today))
    .execute();
  return rows.map((r) => r.child_id);
}

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

/** Full names by person id ("Fornavn Efternavn"). */
export async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  return new Map((await personsById(db, ids)).map((p) => [p.id, `${p.first_name} ${p.last_name}`]));
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

/** Corrects a child's name; false when there is no such person. */
export async function renameChild(trx: Db, id: string, firstName: string, lastName: string) {
  const r = await trx
    .updateTable('person')
    .set({ first_name: firstName, last_name: lastName })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
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

/** People by id (names and birth date), in chunks under the parameter limit. */
export async function personsById(db: Db, ids: string[]) {
  const rows = [];
  for (let i = 0; i < ids.length; i += 5000) {
    rows.push(
      ...(await db
        .selectFrom('person')
        .select(['id', 'first_name', 'last_name', 'birth_date'])
        .where('id', 'in', ids.slice(i, i + 5000))
        .execute()),
    );
  }
  return rows;
}

/** The child's guardians with custody on a date. */
export async function guardianIdsOf(db: Db, childId: string, date: LocalDate): Promise<string[]> {
  const rows = await db
    .selectFrom('custody')
    .select('guardian_id')
    .where('child_id', '=', childId)
    .where(on(date))
    .execute();
  return rows.map((r) => r.guardian_id);
}

/** Several children's guardians with custody on a date, per child (a child without any is left out). */
export async function guardianIdsOfMany(db: Db, childIds: string[], date: LocalDate): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < childIds.length; i += 5000) {
    const rows = await db
      .selectFrom('custody')
      .select(['child_id', 'guardian_id'])
      .where('child_id', 'in', childIds.slice(i, i + 5000))
      .where(on(date))
      .execute();
    for (const r of rows) out.set(r.child_id, [...(out.get(r.child_id) ?? []), r.guardian_id]);
  }
  return out;
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

// ---- The CPR register (cpr/): people, homes and custody as the register says, and the change files applied. ----

/** Person ids by CPR number (only those Spire knows). */
export async function personIdsByCpr(db: Db, cprs: string[]): Promise<Map<string, string>> {
  if (!cprs.length) return new Map();
  const rows = await db
    .selectFrom('person')
    .select(['id', 'cpr'])
    .where('cpr', 'in', [...new Set(cprs)])
    .execute();
  return new Map(rows.map((r) => [r.cpr!, r.id]));
}

export interface RegisterPerson {
  cpr: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  sex: 'female' | 'male';
  protected: boolean;
  diedOn: string | null;
  emigratedOn: string | null;
}

/** Creates or updates a person from the register; returns the id and whether a field changed. */
export async function upsertRegisterPerson(trx: Db, p: RegisterPerson): Promise<{ id: string; changed: boolean }> {
  const values = {
    first_name: p.firstName,
    last_name: p.lastName,
    birth_date: p.birthDate,
    sex: p.sex,
    address_protected: p.protected,
    died_on: p.diedOn,
    emigrated_on: p.diedOn ? null : p.emigratedOn,
  };
  const old = await trx
    .selectFrom('person')
    .select(['id', 'first_name', 'last_name', 'birth_date', 'sex', 'address_protected', 'died_on', 'emigrated_on'])
    .where('cpr', '=', p.cpr)
    .executeTakeFirst();
  if (!old) {
    const r = await trx
      .insertInto('person')
      .values({ cpr: p.cpr, ...values })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: r.id, changed: true };
  }
  const same =
    old.first_name === values.first_name &&
    old.last_name === values.last_name &&
    old.birth_date === values.birth_date &&
    old.sex === values.sex &&
    old.address_protected === values.address_protected &&
    old.died_on === values.died_on &&
    old.emigrated_on === values.emigrated_on;
  if (!same) await trx.updateTable('person').set(values).where('id', '=', old.id).execute();
  return { id: old.id, changed: !same };
}

/** Updates some register fields of a known person; true when something changed. */
export async function updateRegisterFields(
  trx: Db,
  id: string,
  f: { firstName?: string; lastName?: string; protected?: boolean; diedOn?: string; emigratedOn?: string },
): Promise<boolean> {
  const set = {
    ...(f.firstName !== undefined ? { first_name: f.firstName } : {}),
    ...(f.lastName !== undefined ? { last_name: f.lastName } : {}),
    ...(f.protected !== undefined ? { address_protected: f.protected } : {}),
    ...(f.diedOn !== undefined ? { died_on: f.diedOn, emigrated_on: null } : {}),
    ...(f.emigratedOn !== undefined ? { emigrated_on: f.emigratedOn } : {}),
  };
  const r = await trx
    .updateTable('person')
    .set(set)
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        ...(f.firstName !== undefined ? [eb('first_name', '<>', f.firstName)] : []),
        ...(f.lastName !== undefined ? [eb('last_name', '<>', f.lastName)] : []),
        ...(f.protected !== undefined ? [eb('address_protected', '<>', f.protected)] : []),
        ...(f.diedOn !== undefined ? [sql<boolean>`died_on is distinct from ${f.diedOn}::date`] : []),
        ...(f.emigratedOn !== undefined ? [sql<boolean>`emigrated_on is distinct from ${f.emigratedOn}::date`] : []),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface RegisterAddress {
  darId: string | null;
  street: string;
  postalCode: string;
  city: string;
  municipalityCode: string;
}

/** The household at an address: by DAR id when the register gives one, else by street, postal code and municipality. */
export async function householdAt(trx: Db, a: RegisterAddress): Promise<string> {
  let q = trx.selectFrom('household').select('id');
  q = a.darId
    ? q.where('dar_id', '=', a.darId)
    : q
        .where('street', '=', a.street)
        .where('postal_code', '=', a.postalCode)
        .where('municipality_code', '=', a.municipalityCode);
  const found = await q.orderBy('id').executeTakeFirst();
  if (found) return found.id;
  const r = await trx
    .insertInto('household')
    .values({
      dar_id: a.darId,
      street: a.street,
      postal_code: a.postalCode,
      city: a.city,
      municipality_code: a.municipalityCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The person lives at the household from `from` on: the residence before ends there, later ones are replaced.
 *  Returns the municipality lived in the day before (null: none), or 'unchanged' when already so. */
export async function moveTo(
  trx: Db,
  personId: string,
  householdId: string,
  from: LocalDate,
): Promise<{ unchanged: true } | { unchanged: false; fromMunicipality: string | null }> {
  const d = from.toString();
  const current = await trx
    .selectFrom('residence')
    .select(['household_id'])
    .where('person_id', '=', personId)
    .where(sql<boolean>`valid @> ${d}::date and upper_inf(valid)`)
    .executeTakeFirst();
  if (current?.household_id === householdId) return { unchanged: true };
  const before = await homeOf(trx, personId, from.minusDays(1));
  await trx
    .deleteFrom('residence')
    .where('person_id', '=', personId)
    .where(sql<boolean>`lower(valid) >= ${d}::date`)
    .execute();
  await trx
    .updateTable('residence')
    .set({ valid: sql`daterange(lower(valid), ${d}::date)` })
    .where('person_id', '=', personId)
    .where(sql<boolean>`valid @> ${d}::date`)
    .execute();
  await trx
    .insertInto('residence')
    .values({ person_id: personId, household_id: householdId, valid: `[${d},)` })
    .execute();
  return { unchanged: false, fromMunicipality: before?.municipalityCode ?? null };
}

/** Ends the person's residence at `on` (the first day not living there: emigration, death); true when it changed. */
export async function endResidence(trx: Db, personId: string, on: LocalDate): Promise<boolean> {
  const d = on.toString();
  const del = await trx
    .deleteFrom('residence')
    .where('person_id', '=', personId)
    .where(sql<boolean>`lower(valid) >= ${d}::date`)
    .executeTakeFirst();
  const upd = await trx
    .updateTable('residence')
    .set({ valid: sql`daterange(lower(valid), ${d}::date)` })
    .where('person_id', '=', personId)
    .where(sql<boolean>`valid @> ${d}::date`)
    .executeTakeFirst();
  return Number(del.numDeletedRows) + Number(upd.numUpdatedRows) > 0;
}

/** From `from` on exactly these guardians hold custody of the child; true when a row changed. */
export async function setCustodyHolders(
  trx: Db,
  childId: string,
  guardianIds: string[],
  from: LocalDate,
): Promise<boolean> {
  const d = from.toString();
  const rows = await trx
    .selectFrom('custody')
    .select([
      'id',
      'guardian_id',
      sql<string>`lower(valid)::text`.as('start'),
      sql<boolean>`upper_inf(valid)`.as('open'),
    ])
    .where('child_id', '=', childId)
    .where(sql<boolean>`(upper_inf(valid) or upper(valid) > ${d}::date)`)
    .execute();
  let changed = false;
  for (const r of rows) {
    if (guardianIds.includes(r.guardian_id) && r.open && r.start <= d) continue;
    if (r.start >= d) await trx.deleteFrom('custody').where('id', '=', r.id).execute();
    else
      await trx
        .updateTable('custody')
        .set({ valid: sql`daterange(lower(valid), ${d}::date)` })
        .where('id', '=', r.id)
        .execute();
    changed = true;
  }
  const kept = new Set(rows.filter((r) => r.open && r.start <= d).map((r) => r.guardian_id));
  const add = guardianIds.filter((g) => !kept.has(g) && g !== childId);
  if (add.length) {
    await trx
      .insertInto('custody')
      .values(add.map((g) => ({ child_id: childId, guardian_id: g, valid: `[${d},)` })))
      .execute();
    changed = true;
  }
  return changed;
}

/** Ends every custody the person holds or is under from `on` (death); true when a row changed. */
export async function endCustodyOf(trx: Db, personId: string, on: LocalDate): Promise<boolean> {
  const d = on.toString();
  const who = (eb: any) => eb.or([eb('child_id', '=', personId), eb('guardian_id', '=', personId)]);
  const del = await trx
    .deleteFrom('custody')
    .where(who)
    .where(sql<boolean>`lower(valid) >= ${d}::date`)
    .executeTakeFirst();
  const upd = await trx
    .updateTable('custody')
    .set({ valid: sql`daterange(lower(valid), ${d}::date)` })
    .where(who)
    .where(sql<boolean>`valid @> ${d}::date`)
    .executeTakeFirst();
  return Number(del.numDeletedRows) + Number(upd.numUpdatedRows) > 0;
}

/** The people among `ids` whose address is protected, or who live today in a household with someone protected. */
export async function addressProtectedAmong(db: Db, ids: string[], today: LocalDate): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const d = today.toString();
  const rows = await db
    .selectFrom('person as p')
    .select('p.id')
    .where('p.id', 'in', [...new Set(ids)])
    .where((eb) =>
      eb.or([
        eb('p.address_protected', '=', true),
        eb.exists(
          eb
            .selectFrom('residence as r')
            .innerJoin('residence as r2', 'r2.household_id', 'r.household_id')
            .innerJoin('person as q', 'q.id', 'r2.person_id')
            .select(sql`1`.as('x'))
            .whereRef('r.person_id', '=', 'p.id')
            .where(sql<boolean>`r.valid @> ${d}::date and r2.valid @> ${d}::date`)
            .where('q.address_protected', '=', true),
        ),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Register facts of people by id (for the CPR pages and the insight request). */
export async function registerFactsOf(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('person')
    .select([
      'id',
      'cpr',
      'first_name',
      'last_name',
      'birth_date',
      'sex',
      'email',
      'phone',
      'address_protected',
      'died_on',
      'emigrated_on',
    ])
    .where('id', 'in', ids)
    .execute();
}

/** A change file already applied, by its id or its content digest. */
export async function appliedChangeFile(db: Db, fileId: string, digest: string) {
  return (
    (await db
      .selectFrom('cpr_change_file')
      .select(['file_id', 'sequence', 'report', 'municipality_code'])
      .where((eb) => eb.or([eb('file_id', '=', fileId), eb('digest', '=', digest)]))
      .executeTakeFirst()) ?? null
  );
}

/** The highest sequence the municipality has applied so far (0 before its first file). */
export async function lastChangeSequence(db: Db, municipalityCode: string): Promise<number> {
  const r = await db
    .selectFrom('cpr_change_file')
    .select(sql<number>`coalesce(max(sequence), 0)::int`.as('n'))
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function recordChangeFile(
  trx: Db,
  f: {
    fileId: string;
    sequence: number;
    created: string;
    today: LocalDate;
    userId: string | null;
    digest: string;
    report: unknown;
    municipalityCode: string;
  },
) {
  await trx
    .insertInto('cpr_change_file')
    .values({
      municipality_code: f.municipalityCode,
      file_id: f.fileId,
      sequence: f.sequence,
      created_on: f.created,
      applied_on: f.today.toString(),
      applied_by: f.userId,
      digest: f.digest,
      report: JSON.stringify(f.report),
    })
    .execute();
}

/** The municipality's change files applied, newest first. */
export async function changeFilesApplied(db: Db, municipalityCode: string, limit = 20) {
  return db
    .selectFrom('cpr_change_file')
    .select(['file_id', 'sequence', 'created_on', 'applied_on', 'report'])
    .where('municipality_code', '=', municipalityCode)
    .orderBy('sequence', 'desc')
    .limit(limit)
    .execute();
}

/** Birth dates (YYYY-MM-DD) of people by id, in one statement (an array parameter, no parameter limit). */
export async function birthDatesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; birth_date: string }>`select p.id, p.birth_date::text as birth_date
    from unnest(${[...ids]}::uuid[]) as x(id) join person p on p.id = x.id`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r.birth_date]));
}

/** birthDatesOf as a relation (id, birth_date) for another module's set-based statement. */
export const birthDatesSql = () => sql`(select id, birth_date from person)`;

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

/** Whether the person exists. */
export async function personExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('person').select('id').where('id', '=', id).executeTakeFirst());
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

/** What Unilogin needs of people on a date: names, CPR, birth date, home address and whether the address is protected
 *  (the person's own protection, or someone protected in the same household that day), set-based for many ids. */
export async function rosterFactsOf(db: Db, ids: readonly string[], date: LocalDate) {
  if (!ids.length) return [];
  const rows = await sql<{
    id: string;
    cpr: string | null;
    first_name: string;
    last_name: string;
    birth_date: string;
    sex: 'female' | 'male';
    street: string | null;
    postal_code: string | null;
    city: string | null;
    protected: boolean;
  }>`select p.id, p.cpr, p.first_name, p.last_name, p.birth_date::text as birth_date, p.sex,
      h.street, h.postal_code, h.city,
      (p.address_protected or exists (select 1 from residence r2 join person q on q.id = r2.person_id
        where r2.household_id = r.household_id and r2.valid @> ${date.toString()}::date and q.address_protected))
        as protected
    from unnest(${[...new Set(ids)]}::uuid[]) as x(id) join person p on p.id = x.id
    left join residence r on r.person_id = p.id and r.valid @> ${date.toString()}::date
    left join household h on h.id = r.household_id`.execute(db);
  return rows.rows;
}

/** Retention (issue 16): of these people, those already anonymised. */
export async function anonymisedAmong(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('person')
    .select('id')
    .where('id', 'in', ids)
    .where('anonymised_on', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Every guardian the children ever had custody of, per guardian the children (any period). */
export async function custodyOfGuardians(db: Db, childIds: string[]) {
  if (!childIds.length) return new Map<string, string[]>();
  const rows = await sql<{ guardian_id: string; children: string[] }>`
    select c.guardian_id, array_agg(distinct c2.child_id) as children from custody c
      join custody c2 on c2.guardian_id = c.guardian_id
     where c.child_id = any(${childIds}::uuid[]) group by c.guardian_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.guardian_id, r.children]));
}

/** Erases people: name, CPR, e-mail, phone, address (residence) and custody links are removed, birth date and sex kept
 *  for statistics; the person's own row history goes too, and the anonymising change is not recorded. */
export async function anonymisePersons(trx: Db, ids: string[], today: LocalDate): Promise<number> {
  if (!ids.length) return 0;
  await sql`select set_config('spire.actor', 'seed', true)`.execute(trx);
  const r = await trx
    .updateTable('person')
    .set({
      first_name: 'Anonymiseret',
      last_name: 'person',
      cpr: null,
      email: null,
      phone: null,
      address_protected: false,
      anonymised_on: today.toString(),
    })
    .where('id', 'in', ids)
    .where('anonymised_on', 'is', null)
    .executeTakeFirst();
  await trx.deleteFrom('residence').where('person_id', 'in', ids).execute();
  await trx
    .deleteFrom('custody')
    .where((eb) => eb.or([eb('child_id', 'in', ids), eb('guardian_id', 'in', ids)]))
    .execute();
  await sql`select spire_forget_row_history('person', ${ids}::uuid[])`.execute(trx);
  return Number(r.numUpdatedRows);
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

/** Payers for a debtor export: CPR, name, name and address protection, and their households' addresses. */
export async function payersAndHouseholds(db: Db, personIds: readonly string[], householdIds: readonly string[]) {
  const [people, homes] = await Promise.all([
    personIds.length
      ? db
          .selectFrom('person')
          .select(['id', 'cpr', 'first_name', 'last_name', 'address_protected'])
          .where('id', 'in', [...personIds])
          .execute()
      : [],
    householdIds.length
      ? db
          .selectFrom('household')
          .select(['id', 'street', 'postal_code', 'city'])
          .where('id', 'in', [...householdIds])
          .execute()
      : [],
  ]);
  return { people: new Map(people.map((p) => [p.id, p])), homes: new Map(homes.map((h) => [h.id, h])) };
}
