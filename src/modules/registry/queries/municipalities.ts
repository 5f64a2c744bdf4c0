// Municipalities of the register and the units that belong to each (tenancy, statistics, pickers).
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { UnitType } from '../../../platform/db/schema.js';
import { municipalityByCode } from '../../../shared/index.js';

/** Municipalities that have at least one daginstitution, by name (e.g. billing's municipality picker). */
export async function municipalitiesWithUnits(db: Db): Promise<{ code: string; name: string }[]> {
  return db
    .selectFrom('municipality as m')
    .select(['m.code', 'm.name'])
    .where((eb) =>
      eb.exists(eb.selectFrom('daginstitution as d').select('d.id').whereRef('d.municipality_code', '=', 'm.code')),
    )
    .orderBy('m.name')
    .execute();
}

/** Municipality names by code. */
export async function municipalityNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('municipality').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((m) => [m.code, m.name]));
}

/** The units of a municipality's daginstitutions, by name. */
export async function unitsOfMunicipality(
  db: Db,
  municipality: string,
): Promise<{ id: string; name: string; type: UnitType }[]> {
  return db
    .selectFrom('unit as u')
    .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
    .select(['u.id', 'u.name', 'u.type'])
    .where('d.municipality_code', '=', municipality)
    .orderBy('u.name')
    .execute();
}

/** Makes sure one of the 98 municipalities is in the register (a family may move to any of them). */
export async function ensureMunicipality(db: Db, code: string): Promise<void> {
  const m = municipalityByCode(code);
  if (!m) throw new RangeError(`unknown municipality code ${code}`);
  await db
    .insertInto('municipality')
    .values({ code: m.code, name: m.name })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

/** Register units for the statistics (all municipalities, or the ones named): number, name, type and municipality. */
export async function reportUnits(db: Db, municipalities?: readonly string[]) {
  const rows = await sql<{ id: string; number: string; name: string; type: UnitType; municipality: string }>`
    select u.id, u.number, u.name, u.type, d.municipality_code as municipality
    from unit u join daginstitution d on d.id = u.daginstitution_id
    ${municipalities ? sql`where d.municipality_code = any(${[...municipalities]}::text[])` : sql``}
    order by u.number`.execute(db);
  return rows.rows;
}

/** The municipalities of the units' daginstitutioner (the tenants the units belong to), distinct. */
export async function municipalitiesOfUnits(db: Db, unitIds: readonly string[]): Promise<string[]> {
  if (!unitIds.length) return [];
  const rows = await db
    .selectFrom('unit as u')
    .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
    .select('d.municipality_code')
    .distinct()
    .where('u.id', 'in', [...unitIds])
    .execute();
  return rows.map((r) => r.municipality_code);
}

/** Each unit's municipality (units that do not exist are left out). */
export async function municipalityOfUnits(db: Db, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (!unitIds.length) return new Map();
  const rows = await db
    .selectFrom('unit as u')
    .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
    .select(['u.id', 'd.municipality_code'])
    .where('u.id', 'in', [...unitIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.municipality_code]));
}
