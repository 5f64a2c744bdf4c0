// Register queries (Kysely): the only SQL that names the register's tables. Ranges are PostgreSQL dateranges with
// exclusive upper bounds.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { AgeBand, Ejerform, Lovgrundlag, UnitType } from '../../platform/db/schema.js';
import { DateRange, municipalityByCode, type LocalDate } from '../../shared/index.js';
import { historyOf } from '../../platform/history/history.js';
import { registryError, type Places, type UnitDetail } from './contract.js';

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** Current places per unit and band on a date. */
export async function placesOn(db: Db, date: LocalDate, unitIds?: string[]) {
  let q = db
    .selectFrom('capacity')
    .select(['unit_id', 'age_band', 'places'])
    .where(sql<boolean>`valid @> ${date.toString()}::date`);
  if (unitIds) q = q.where('unit_id', 'in', unitIds.length ? unitIds : [NO_ID]);
  return q.execute();
}

/** Children placed per unit and age band on a date (age in completed months at that date). */
export async function enrolledOn(db: Db, date: LocalDate, unitIds?: string[]) {
  const d = date.toString();
  let q = db
    .selectFrom('placement')
    .innerJoin('person', 'person.id', 'placement.child_id')
    .select([
      'placement.unit_id',
      sql<AgeBand>`case
        when age(${d}::date, person.birth_date) < interval '3 years' then '0-2'
        when age(${d}::date, person.birth_date) < interval '6 years' then '3-5'
        when age(${d}::date, person.birth_date) < interval '10 years' then '6-9'
        when age(${d}::date, person.birth_date) < interval '14 years' then '10-13'
        else '14-17' end`.as('age_band'),
      sql<number>`count(*)::int`.as('children'),
    ])
    .where(sql<boolean>`placement.valid @> ${d}::date`)
    .groupBy(['placement.unit_id', 'age_band']);
  if (unitIds) q = q.where('placement.unit_id', 'in', unitIds.length ? unitIds : [NO_ID]);
  return q.execute();
}

/** The unit page: register facts, sections, capacity periods, enrolled children per band and history. */
export async function unitDetail(db: Db, id: string, today: LocalDate): Promise<UnitDetail> {
  const u = await db
    .selectFrom('unit')
    .innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id')
    .leftJoin('area', 'area.id', 'unit.area_id')
    .select([
      'unit.id',
      'unit.number',
      'unit.name',
      'unit.type',
      'd.ejerform',
      'unit.street',
      'unit.postal_code',
      'unit.city',
      'unit.area_id',
      'area.name as areaName',
      'unit.email',
      'unit.phone',
      'unit.opening_hours',
      'unit.lat',
      'unit.lon',
      'd.id as dId',
      'd.number as dNumber',
      'd.name as dName',
      'd.is_cluster',
      'd.lovgrundlag',
      'd.closed_on as dClosedOn',
      'unit.inst_type3',
      'unit.cvr',
      'unit.p_number',
      'unit.dar_id',
      'unit.closed_on',
    ])
    .where('unit.id', '=', id)
    .executeTakeFirst();
  if (!u) throw registryError('registry.unit-not-found');
  const [sections, capacity, alternativeAddresses, enrolled] = await Promise.all([
    db
      .selectFrom('unit_section')
      .select(['id', 'name', 'min_age_months as minAgeMonths', 'max_age_months as maxAgeMonths'])
      .where('unit_id', '=', id)
      .orderBy('min_age_months')
      .execute(),
    db
      .selectFrom('capacity')
      .select(['id', 'age_band', 'places', 'valid'])
      .where('unit_id', '=', id)
      .orderBy('age_band')
      .orderBy(sql`lower(valid)`)
      .execute(),
    db
      .selectFrom('alternative_address')
      .select(['id', 'number', 'street', 'postal_code as postalCode', 'city', 'dar_id as darId', 'valid'])
      .where('unit_id', '=', id)
      .where(sql<boolean>`upper_inf(valid) or upper(valid) > ${today.toString()}::date`)
      .orderBy(sql`lower(valid)`)
      .execute(),
    enrolledOn(db, today, [id]),
  ]);
  const history = await historyOf(db, [
    { table: 'unit', ids: [id] },
    { table: 'capacity', ids: capacity.map((c) => c.id) },
  ]);
  return {
    id: u.id,
    number: u.number,
    name: u.name,
    type: u.type,
    ejerform: u.ejerform,
    street: u.street,
    postalCode: u.postal_code,
    city: u.city,
    areaId: u.area_id,
    areaName: u.areaName,
    email: u.email,
    phone: u.phone,
    openingHours: u.opening_hours,
    lat: u.lat,
    lon: u.lon,
    instType3: u.inst_type3,
    cvr: u.cvr,
    pNumber: u.p_number,
    darId: u.dar_id,
    closedOn: u.closed_on,
    daginstitution: {
      id: u.dId,
      number: u.dNumber,
      name: u.dName,
      isCluster: u.is_cluster,
      lovgrundlag: u.lovgrundlag,
      closedOn: u.dClosedOn,
    },
    sections,
    alternativeAddresses: alternativeAddresses.map(({ valid, ...a }) => {
      const r = DateRange.fromPg(valid);
      return { ...a, start: r.start.toString(), end: r.end?.toString() ?? null };
    }),
    capacity: capacity.map((c) => {
      const r = DateRange.fromPg(c.valid);
      return {
        id: c.id,
        ageBand: c.age_band,
        places: c.places,
        start: r.start.toString(),
        end: r.end?.toString() ?? null,
      };
    }),
    enrolled: Object.fromEntries(enrolled.map((e) => [e.age_band, e.children])) as Places,
    history,
  };
}

/** Open units for the staff register, optionally only `unitIds` (unit roles), by name/number, type and area. */
export async function listStaffUnits(
  db: Db,
  today: LocalDate,
  f: { municipalityCode: string; unitIds?: string[]; q?: string; type?: UnitType; areaId?: string },
) {
  let q = db
    .selectFrom('unit')
    .innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id')
    .leftJoin('area', 'area.id', 'unit.area_id')
    .select([
      'unit.id',
      'unit.number',
      'unit.name',
      'unit.type',
      'd.ejerform',
      'd.name as daginstitutionName',
      'area.name as areaName',
      'unit.city',
    ])
    .where('unit.closed_on', 'is', null)
    .where('d.municipality_code', '=', f.municipalityCode);
  if (f.unitIds) q = q.where('unit.id', 'in', f.unitIds.length ? f.unitIds : [NO_ID]);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([eb('unit.name', 'ilike', `%${text}%`), eb('unit.number', '=', text.toUpperCase())]));
  }
  if (f.type) q = q.where('unit.type', '=', f.type);
  if (f.areaId) q = q.where('unit.area_id', '=', f.areaId);
  const units = await q.orderBy('unit.name').execute();
  const ids = units.map((u) => u.id);
  const [places, enrolled] = await Promise.all([placesOn(db, today, ids), enrolledOn(db, today, ids)]);
  const sum = <R extends { unit_id: string }>(rows: R[], n: (r: R) => number) =>
    rows.reduce((m, r) => m.set(r.unit_id, (m.get(r.unit_id) ?? 0) + n(r)), new Map<string, number>());
  const p = sum(places, (r) => r.places),
    e = sum(enrolled, (r) => r.children);
  return units.map((u) => ({ ...u, places: p.get(u.id) ?? 0, enrolled: e.get(u.id) ?? 0 }));
}

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

export async function listDaginstitutions(db: Db, municipalityCode: string) {
  return db
    .selectFrom('daginstitution')
    .select(['id', 'number', 'name', 'ejerform', 'is_cluster as isCluster'])
    .where('closed_on', 'is', null)
    .where('municipality_code', '=', municipalityCode)
    .orderBy('name')
    .execute();
}

/** A new daginstitution in the municipality of the staff user creating it. */
export async function createDaginstitution(
  trx: Db,
  municipalityCode: string,
  d: { number: string; name: string; ejerform: Ejerform; lovgrundlag?: Lovgrundlag; isCluster: boolean },
) {
  await refuseIssuedNumber(trx, 'daginstitution', d.number);
  return trx
    .insertInto('daginstitution')
    .values({
      number: d.number,
      name: d.name,
      ejerform: d.ejerform,
      lovgrundlag: d.lovgrundlag,
      is_cluster: d.isCluster,
      municipality_code: municipalityCode,
    })
    .returning(['id', 'number', 'municipality_code'])
    .executeTakeFirstOrThrow();
}

/** Numbers are never reused: refused when the number was ever issued on the level (registry.number-taken). */
async function refuseIssuedNumber(trx: Db, level: 'daginstitution' | 'anvisningsenhed', number: string) {
  const used = await trx
    .selectFrom('register_number')
    .select('number')
    .where('level', '=', level)
    .where('number', '=', number)
    .executeTakeFirst();
  if (used) throw registryError('registry.number-taken', { number });
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

/** Whether any child holds a place in the unit after `lastDay`. */
export async function hasPlacementsAfter(trx: Db, unitId: string, lastDay: LocalDate) {
  const after = await trx
    .selectFrom('placement')
    .select('id')
    .where('unit_id', '=', unitId)
    .where((eb) =>
      eb.or([
        eb(eb.fn('upper_inf', ['valid']), '=', true),
        eb(eb.fn('upper', ['valid']), '>', lastDay.plusDays(1).toString()),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return !!after;
}

export async function closeUnit(trx: Db, unitId: string, closedOn: LocalDate) {
  await trx.updateTable('unit').set({ closed_on: closedOn.toString() }).where('id', '=', unitId).execute();
}

/** Areas that have units, by name. */
export async function areasWithUnits(db: Db) {
  return db
    .selectFrom('area')
    .select(['id', 'name'])
    .where(
      'id',
      'in',
      db.selectFrom('unit').select('area_id').where('area_id', 'is not', null).$narrowType<{ area_id: string }>(),
    )
    .orderBy('name')
    .execute();
}

/** Open units for citizens; with `band`, only units with places in that band now or later. */
export async function citizenUnits(db: Db, today: LocalDate, f: { type?: UnitType; areaId?: string; band?: AgeBand }) {
  let q = db
    .selectFrom('unit')
    .innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id')
    .leftJoin('area', 'area.id', 'unit.area_id')
    .select([
      'unit.id',
      'unit.number',
      'unit.name',
      'unit.type',
      'd.ejerform',
      'unit.street',
      'unit.postal_code as postalCode',
      'unit.city',
      'unit.area_id as areaId',
      'area.name as areaName',
      'unit.lat',
      'unit.lon',
    ])
    .where('unit.closed_on', 'is', null);
  if (f.type) q = q.where('unit.type', '=', f.type);
  if (f.areaId) q = q.where('unit.area_id', '=', f.areaId);
  if (f.band) {
    const band = f.band;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('capacity')
          .select(sql`1`.as('x'))
          .whereRef('capacity.unit_id', '=', 'unit.id')
          .where('capacity.age_band', '=', band)
          .where('capacity.places', '>', 0)
          .where(sql<boolean>`(upper_inf(capacity.valid) or upper(capacity.valid) > ${today.toString()}::date)`),
      ),
    );
  }
  return q.execute();
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

/** The unit's register number and municipality (for a delivery), or undefined. */
export async function unitRegisterKey(db: Db, id: string) {
  return db
    .selectFrom('unit as u')
    .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
    .select(['u.number', 'd.municipality_code'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** The daginstitution row locked for closing, with how many of its units are open after `lastDay`. */
export async function lockDaginstitution(trx: Db, id: string, lastDay: LocalDate) {
  const d = await trx
    .selectFrom('daginstitution')
    .select(['id', 'number', 'municipality_code', 'closed_on'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!d) return undefined;
  const open = await trx
    .selectFrom('unit')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('daginstitution_id', '=', id)
    .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', lastDay.toString())]))
    .executeTakeFirstOrThrow();
  return { ...d, openUnits: open.n };
}

export async function closeDaginstitutionOn(trx: Db, id: string, lastDay: LocalDate) {
  await trx.updateTable('daginstitution').set({ closed_on: lastDay.toString() }).where('id', '=', id).execute();
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

/** The policy subject of a unit: the unit and its municipality (none for an unknown unit, which then is a 404). */
export async function unitSubject(db: Db, unitId: string): Promise<{ unitId: string; municipalityCode?: string }> {
  const [code] = await municipalitiesOfUnits(db, [unitId]);
  return code ? { unitId, municipalityCode: code } : { unitId };
}

/** The municipality of a daginstitution, or null. */
export async function daginstitutionMunicipality(db: Db, id: string): Promise<string | null> {
  const r = await db.selectFrom('daginstitution').select('municipality_code').where('id', '=', id).executeTakeFirst();
  return r?.municipality_code ?? null;
}
