// The unit page: register facts, sections, capacity periods, enrolled children per band and history.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { DateRange, type LocalDate } from '../../shared/index.js';
import { notFound } from '../../platform/http/errors.js';
import { historyOf } from '../../platform/history/history.js';
import { enrolledOn } from './queries.js';

export async function unitDetail(db: Db, id: string, today: LocalDate) {
  const u = await db.selectFrom('unit').innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id').leftJoin('area', 'area.id', 'unit.area_id')
    .select(['unit.id', 'unit.number', 'unit.name', 'unit.type', 'd.ejerform', 'unit.street', 'unit.postal_code', 'unit.city', 'unit.area_id', 'area.name as areaName',
      'unit.email', 'unit.phone', 'unit.opening_hours', 'unit.lat', 'unit.lon', 'd.id as dId', 'd.number as dNumber', 'd.name as dName', 'd.is_cluster'])
    .where('unit.id', '=', id).executeTakeFirst();
  if (!u) throw notFound('Enheden findes ikke.');
  const [sections, capacity, alternativeAddresses, enrolled] = await Promise.all([
    db.selectFrom('unit_section').select(['id', 'name', 'min_age_months as minAgeMonths', 'max_age_months as maxAgeMonths']).where('unit_id', '=', id).orderBy('min_age_months').execute(),
    db.selectFrom('capacity').select(['id', 'age_band', 'places', 'valid']).where('unit_id', '=', id).orderBy('age_band').orderBy(sql`lower(valid)`).execute(),
    db.selectFrom('alternative_address').select(['id', 'street', 'postal_code as postalCode', 'city']).where('unit_id', '=', id).execute(),
    enrolledOn(db, today, [id]),
  ]);
  const history = await historyOf(db, [{ table: 'unit', ids: [id] }, { table: 'capacity', ids: capacity.map((c) => c.id) }]);
  return {
    id: u.id, number: u.number, name: u.name, type: u.type, ejerform: u.ejerform, street: u.street, postalCode: u.postal_code, city: u.city,
    areaId: u.area_id, areaName: u.areaName, email: u.email, phone: u.phone, openingHours: u.opening_hours, lat: u.lat, lon: u.lon,
    daginstitution: { id: u.dId, number: u.dNumber, name: u.dName, isCluster: u.is_cluster },
    sections, alternativeAddresses,
    capacity: capacity.map((c) => { const r = DateRange.fromPg(c.valid); return { id: c.id, ageBand: c.age_band, places: c.places, start: r.start.toString(), end: r.end?.toString() ?? null }; }),
    enrolled: Object.fromEntries(enrolled.map((e) => [e.age_band, e.children])),
    history,
  };
}
