// The CPR register (cpr/): people, homes and custody as the register says, and the change files applied.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { LocalDate } from '../../../shared/index.js';
import { homeOf } from './households.js';

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
