// Finding units: the staff register's list and the citizens' search with its areas.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { AgeBand, UnitType } from '../../../platform/db/schema.js';
import type { LocalDate } from '../../../shared/index.js';
import { NO_ID } from './units.js';
import { enrolledOn, placesOn } from '../queries.js';

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
