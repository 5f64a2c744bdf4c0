// Register queries (Kysely): the only SQL that names the register's tables. Ranges are PostgreSQL dateranges with
// exclusive upper bounds. Here places and enrolment (enrolment reads placements: listed crossings) and the unit page;
// the rest by resource in queries/ (units, daginstitutions, search, municipalities), re-exported.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { AgeBand } from '../../platform/db/schema.js';
import { DateRange, type LocalDate } from '../../shared/index.js';
import { historyOf } from '../../platform/history/history.js';
import { registryError, type Places, type UnitDetail } from './contract.js';
import { NO_ID } from './queries/units.js';
export * from './queries/units.js';
export * from './queries/daginstitutions.js';
export * from './queries/search.js';
export * from './queries/municipalities.js';

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
