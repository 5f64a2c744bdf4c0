// Builds the simulator's year of demand from the municipality's data: every child born in the last ten months
// wishes a nursery start at 9–12 months and registered 0–12 months before it; prefers the 5 nearest units.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { distanceKm } from '../registry/index.js';
import { tieBreak } from '../allocation/index.js';
import type { BookingPolicy } from './booking-policy.js';
import { epochOf } from '../../shared/iso-day.js';
import { childEpochs, occupancyCache } from './store.js';
import type { SimFamily, SimUnit } from './simulator.js';

export async function simulationInput(
  db: Db,
  municipalityCode: string,
  policy: BookingPolicy,
  today: LocalDate,
): Promise<{ units: SimUnit[]; families: SimFamily[] }> {
  const { info, occ } = await occupancyCache(db).get(db, policy, today);
  // One municipality's year: its units and the babies living there.
  const located = info.filter(
    (u) => u.municipalityCode === municipalityCode && u.lat != null && u.lon != null && occ.has(u.id),
  );
  const units: SimUnit[] = located.map((u) => {
    const o = occ.get(u.id)!;
    return {
      id: u.id,
      nursery: o.facts.nursery,
      kindergarten: o.facts.kindergarten,
      capacity: o.capacity,
      items: o.items,
    };
  });
  const rows = await db
    .selectFrom('person')
    .innerJoin('residence as r', 'r.person_id', 'person.id')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .select(['person.id', 'person.birth_date', 'h.lat', 'h.lon'])
    .where('person.birth_date', '>', today.plusMonths(-10).toString())
    .where('person.birth_date', '<=', today.toString())
    .where(sql<boolean>`r.valid @> ${today.toString()}::date`)
    .where('h.lat', 'is not', null)
    .where('h.municipality_code', '=', municipalityCode)
    .execute();
  const nurseryUnits = located.map((u, i) => ({ u, i })).filter((x) => units[x.i]!.nursery);
  const families: SimFamily[] = rows.map((r) => {
    const h = tieBreak(r.id);
    const birth = epochOf(r.birth_date);
    const wished = birth + 274 + (h % 92);
    const register = Math.max(birth, wished - ((h >>> 8) % 366));
    const home = { lat: r.lat!, lon: r.lon! };
    const prefs = nurseryUnits
      .map((x) => ({ i: x.i, d: distanceKm(home, { lat: x.u.lat!, lon: x.u.lon! }) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 5)
      .map((x) => x.i);
    return {
      id: r.id,
      register,
      wished,
      ...childEpochs(r.birth_date, policy.transitionAgeMonths),
      prefs,
      digital: (h >>> 16) % 100 >= 15,
    };
  });
  return { units, families };
}
