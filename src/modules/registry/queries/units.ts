// Anvisningsenheder: register fields, capacity periods, creating and closing, alternative addresses, small lookups.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { AgeBand, UnitType } from '../../../platform/db/schema.js';
import { DateRange, type LocalDate } from '../../../shared/index.js';
import { registryError } from '../contract.js';
import { refuseIssuedNumber } from './daginstitutions.js';
import { municipalitiesOfUnits } from './municipalities.js';

export const NO_ID = '00000000-0000-0000-0000-000000000000';

/** Changes a unit's register fields; false when the unit does not exist. */
export async function updateUnit(
  trx: Db,
  id: string,
  changes: Partial<{
    name: string;
    email: string | null;
    phone: string | null;
    street: string;
    postal_code: string;
    city: string;
    area_id: string | null;
    cvr: string | null;
    p_number: string | null;
    dar_id: string | null;
  }>,
) {
  const r = await trx.updateTable('unit').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The unit row locked for a change (capacity, closing), or undefined. */
export async function lockUnit(trx: Db, id: string) {
  return trx.selectFrom('unit').select(['id', 'opened_on']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A new capacity period: an open-ended period of the same band that started earlier ends the day before. An overlap
 *  with any other period of the band is refused (registry.capacity-overlap). */
export async function addCapacity(trx: Db, unitId: string, ageBand: AgeBand, places: number, range: DateRange) {
  const start = range.start.toString();
  await trx
    .updateTable('capacity')
    .set({ valid: sql`daterange(lower(valid), ${start}::date)` })
    .where('unit_id', '=', unitId)
    .where('age_band', '=', ageBand)
    .where(sql<boolean>`upper_inf(valid) and lower(valid) < ${start}::date`)
    .execute();
  const row = await trx
    .insertInto('capacity')
    .values({ unit_id: unitId, age_band: ageBand, places, valid: range.toPgDaterange() })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((e) => {
      if (e?.code === '23P01') throw registryError('registry.capacity-overlap');
      throw e;
    });
  return row.id;
}

/** A new unit under an open daginstitution. */
export async function createUnit(
  trx: Db,
  b: {
    daginstitutionId: string;
    number: string;
    name: string;
    type: UnitType;
    street: string;
    postalCode: string;
    city: string;
    areaId: string | null;
    openedOn: string | null;
    cvr: string | null;
    pNumber: string | null;
  },
) {
  const parent = await trx
    .selectFrom('daginstitution')
    .select(['id', 'closed_on', 'number', 'municipality_code'])
    .where('id', '=', b.daginstitutionId)
    .executeTakeFirst();
  if (!parent) throw registryError('registry.daginstitution-not-found');
  if (parent.closed_on) throw registryError('registry.daginstitution-closed');
  await refuseIssuedNumber(trx, 'anvisningsenhed', b.number);
  const r = await trx
    .insertInto('unit')
    .values({
      daginstitution_id: b.daginstitutionId,
      number: b.number,
      name: b.name,
      type: b.type,
      street: b.street,
      cvr: b.cvr,
      p_number: b.pNumber,
      postal_code: b.postalCode,
      city: b.city,
      area_id: b.areaId,
      opened_on: b.openedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id, municipalityCode: parent.municipality_code };
}

export async function closeUnit(trx: Db, unitId: string, closedOn: LocalDate) {
  await trx.updateTable('unit').set({ closed_on: closedOn.toString() }).where('id', '=', unitId).execute();
}

/** Unit names by id (e.g. for another module's list of bookings). */
export async function unitNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('unit').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The unit's type (dagpleje, vuggestue …), or null when there is no such unit. */
export async function unitTypeOf(db: Db, id: string): Promise<UnitType | null> {
  const r = await db.selectFrom('unit').select('type').where('id', '=', id).executeTakeFirst();
  return r?.type ?? null;
}

/** Whether the unit exists and is not closed (e.g. before another module offers a place there). */
export async function isUnitOpen(db: Db, id: string): Promise<boolean> {
  const u = await db.selectFrom('unit').select('closed_on').where('id', '=', id).executeTakeFirst();
  return !!u && !u.closed_on;
}

/** The unit's register number and municipality (for a delivery), or undefined. */
export async function unitRegisterKey(db: Db, id: string) {
  return db
    .selectFrom('unit as u')
    .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
    .select(['u.number', 'd.municipality_code'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** A new alternative address of a unit from `start`. */
export async function addAlternativeAddress(
  trx: Db,
  unitId: string,
  a: { street: string; postalCode: string; city: string; darId: string | null; start: LocalDate },
) {
  const r = await trx
    .insertInto('alternative_address')
    .values({
      unit_id: unitId,
      street: a.street,
      postal_code: a.postalCode,
      city: a.city,
      dar_id: a.darId,
      valid: DateRange.of(a.start, null).toPgDaterange(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Ends an alternative address after `lastDay`; its unit id, or undefined when there is no such address. */
export async function endAlternativeAddressAfter(trx: Db, id: string, lastDay: LocalDate) {
  const r = await trx
    .updateTable('alternative_address')
    .set({ valid: sql`daterange(lower(valid), greatest(lower(valid) + 1, ${lastDay.toString()}::date + 1))` })
    .where('id', '=', id)
    .returning('unit_id')
    .executeTakeFirst();
  return r?.unit_id;
}

/** The policy subject of a unit: the unit and its municipality (none for an unknown unit, which then is a 404). */
export async function unitSubject(db: Db, unitId: string): Promise<{ unitId: string; municipalityCode?: string }> {
  const [code] = await municipalitiesOfUnits(db, [unitId]);
  return code ? { unitId, municipalityCode: code } : { unitId };
}
