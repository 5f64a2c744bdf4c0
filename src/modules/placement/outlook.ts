// Capacity against occupancy for the next 12 months (1st of each month), in kindergarten equivalents:
// a nursery child and a nursery place count the policy's nursery weight. Pending offers count as taken.
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { enrolledOn, municipalitiesOfUnits, placesOn } from '../registry/index.js';
import { policyOn } from './placement-policy.js';

export async function capacityOutlook(db: Db, unitId: string, today: LocalDate) {
  const [municipality] = await municipalitiesOfUnits(db, [unitId]);
  const p = await policyOn(db, municipality ?? null, today);
  const w = (band: string) => (band === '0-2' ? p.nurseryWeight : 1);
  const months = Array.from({ length: 12 }, (_, i) => today.firstOfMonth().plusMonths(i + 1));
  const pending = await db
    .selectFrom('offer')
    .innerJoin('application as a', 'a.id', 'offer.application_id')
    .innerJoin('person', 'person.id', 'a.child_id')
    .select(['offer.start_date', 'person.birth_date'])
    .where('offer.unit_id', '=', unitId)
    .where('offer.status', '=', 'pending')
    .execute();
  return Promise.all(
    months.map(async (m) => {
      const [places, enrolled] = await Promise.all([placesOn(db, m, [unitId]), enrolledOn(db, m, [unitId])]);
      const offered = pending
        .filter((o) => o.start_date <= m.toString())
        .reduce(
          (s, o) =>
            s +
            (m.year * 12 + m.month - (Number(o.birth_date.slice(0, 4)) * 12 + Number(o.birth_date.slice(5, 7))) < 36
              ? p.nurseryWeight
              : 1),
          0,
        );
      return {
        month: m.toString(),
        capacity: places.reduce((s, r) => s + r.places * w(r.age_band), 0),
        occupied: enrolled.reduce((s, r) => s + r.children * w(r.age_band), 0) + offered,
      };
    }),
  );
}
