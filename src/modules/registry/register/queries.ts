// Register queries for the import: the register as the import compares it, and its inserts, changes, closings and
// issued numbers. The deliveries' SQL is in queries-delivery.ts; the two are the only SQL of register/ (tables
// owned by registry).
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { Ejerform, Lovgrundlag, RegisterLevel, UnitType } from '../../../platform/db/schema.js';

export interface DagState {
  id: string;
  number: string;
  name: string;
  ejerform: Ejerform;
  lovgrundlag: Lovgrundlag;
  municipality_code: string;
  is_cluster: boolean;
  closed_on: string | null;
}
export interface UnitState {
  id: string;
  number: string;
  daginstitution_id: string;
  dNumber: string;
  municipality_code: string;
  name: string;
  type: UnitType;
  inst_type3: number;
  street: string;
  postal_code: string;
  city: string;
  lat: number | null;
  lon: number | null;
  email: string | null;
  phone: string | null;
  cvr: string | null;
  p_number: string | null;
  dar_id: string | null;
  closed_on: string | null;
}
export interface AltState {
  id: string;
  number: string | null;
  unit_id: string;
  unitNumber: string;
  municipality_code: string;
  street: string;
  postal_code: string;
  city: string;
  dar_id: string | null;
  open: boolean;
}
export interface NumberState {
  level: RegisterLevel;
  number: string;
  registered: boolean;
  closed_on: string | null;
}

/** Everything the import compares against: every daginstitution, unit, alternative address and issued number
 *  (numbers are unique across municipalities, so the whole register is read even for one municipality). */
export async function registerState(db: Db, today: string) {
  const [dag, units, alts, numbers] = await Promise.all([
    db
      .selectFrom('daginstitution')
      .select(['id', 'number', 'name', 'ejerform', 'lovgrundlag', 'municipality_code', 'is_cluster', 'closed_on'])
      .execute(),
    db
      .selectFrom('unit as u')
      .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
      .select([
        'u.id',
        'u.number',
        'u.daginstitution_id',
        'd.number as dNumber',
        'd.municipality_code',
        'u.name',
        'u.type',
        'u.inst_type3',
        'u.street',
        'u.postal_code',
        'u.city',
        'u.lat',
        'u.lon',
        'u.email',
        'u.phone',
        'u.cvr',
        'u.p_number',
        'u.dar_id',
        'u.closed_on',
      ])
      .execute(),
    db
      .selectFrom('alternative_address as a')
      .innerJoin('unit as u', 'u.id', 'a.unit_id')
      .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
      .select([
        'a.id',
        'a.number',
        'a.unit_id',
        'u.number as unitNumber',
        'd.municipality_code',
        'a.street',
        'a.postal_code',
        'a.city',
        'a.dar_id',
        sql<boolean>`upper_inf(a.valid) or upper(a.valid) > ${today}::date`.as('open'),
      ])
      .execute(),
    db.selectFrom('register_number').select(['level', 'number', 'registered', 'closed_on']).execute(),
  ]);
  return { dag: dag as DagState[], units: units as UnitState[], alts: alts as AltState[], numbers };
}

// What the importer writes: the state it reads, less what is derived (joined numbers, municipality, closing).
export type DagInsert = Omit<DagState, 'is_cluster' | 'closed_on'>;
export type UnitInsert = Omit<UnitState, 'dNumber' | 'municipality_code' | 'closed_on'>;
export type AltInsert = Omit<AltState, 'unitNumber' | 'municipality_code' | 'open'> & { valid: string };

const chunks = <T>(rows: T[], size: number) =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, i * size + size));

/** The register's top level: municipalities are added when an import brings the first daginstitution of one. */
export async function ensureMunicipalities(trx: Db, rows: { code: string; name: string }[]) {
  if (rows.length)
    await trx
      .insertInto('municipality')
      .values(rows)
      .onConflict((c) => c.column('code').doNothing())
      .execute();
}

export async function insertDaginstitutioner(trx: Db, rows: DagInsert[]) {
  for (const c of chunks(rows, 500)) await trx.insertInto('daginstitution').values(c).execute();
}
export async function insertUnits(trx: Db, rows: UnitInsert[]) {
  for (const c of chunks(rows, 300)) await trx.insertInto('unit').values(c).execute();
}
export async function insertAlternativeAddresses(trx: Db, rows: AltInsert[]) {
  for (const c of chunks(rows, 500)) await trx.insertInto('alternative_address').values(c).execute();
}
export async function updateDaginstitutionRow(trx: Db, id: string, set: Partial<Omit<DagInsert, 'id' | 'number'>>) {
  await trx.updateTable('daginstitution').set(set).where('id', '=', id).execute();
}
export async function updateUnitRow(trx: Db, id: string, set: Partial<Omit<UnitInsert, 'id' | 'number'>>) {
  await trx.updateTable('unit').set(set).where('id', '=', id).execute();
}
export async function updateAltRow(trx: Db, id: string, set: Partial<Pick<AltInsert, 'city' | 'dar_id'>>) {
  await trx.updateTable('alternative_address').set(set).where('id', '=', id).execute();
}
export async function closeDaginstitution(trx: Db, id: string, closedOn: string) {
  await trx.updateTable('daginstitution').set({ closed_on: closedOn }).where('id', '=', id).execute();
}
/** Ends an alternative address after `lastDay` (its validity stops the day after). */
export async function endAlternativeAddress(trx: Db, id: string, lastDay: string) {
  await trx
    .updateTable('alternative_address')
    .set({ valid: sql`daterange(lower(valid), greatest(lower(valid) + 1, ${lastDay}::date + 1))` })
    .where('id', '=', id)
    .execute();
}
/** Open alternative addresses of a unit (to end them when it closes). */
export async function openAlternativeAddresses(trx: Db, unitId: string, today: string) {
  return trx
    .selectFrom('alternative_address')
    .select(['id', 'number'])
    .where('unit_id', '=', unitId)
    .where(sql<boolean>`upper_inf(valid) or upper(valid) > ${today}::date`)
    .execute();
}

/** The register knows these numbers (imported from it, or a creation it accepted). */
export async function markRegistered(trx: Db, level: RegisterLevel, numbers: string[]) {
  for (const c of chunks(numbers, 2000))
    if (c.length)
      await trx
        .updateTable('register_number')
        .set({ registered: true })
        .where('level', '=', level)
        .where('number', 'in', c)
        .where('registered', '=', false)
        .execute();
}
export async function markClosedInRegister(trx: Db, level: RegisterLevel, number: string, closedOn: string) {
  await trx
    .updateTable('register_number')
    .set({ closed_on: closedOn })
    .where('level', '=', level)
    .where('number', '=', number)
    .execute();
}
export async function numberState(db: Db, level: RegisterLevel, number: string) {
  return db
    .selectFrom('register_number')
    .select(['registered', 'closed_on'])
    .where('level', '=', level)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** Units of a municipality with their register number, type and InstType3 (e.g. for the national reports). */
export async function unitsOf(db: Db, municipalityCode: string) {
  return db
    .selectFrom('unit as u')
    .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
    .select([
      'u.id',
      'u.number',
      'u.name',
      'u.type',
      'u.inst_type3 as instType3',
      'd.number as daginstitutionNumber',
      'd.ejerform',
      'u.closed_on as closedOn',
      'u.synthetic',
    ])
    .where('d.municipality_code', '=', municipalityCode)
    .orderBy('u.number')
    .execute();
}
