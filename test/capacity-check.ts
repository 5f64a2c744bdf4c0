// An independent day-by-day check of the weighted load against capacity (no code shared with booking's timelines):
// every dagtilbud placement and every pending dagtilbud offer counts the nursery weight before the child's transition
// (1st of the month at transitionAgeMonths) and 1 from it until school start (1 August of the year the child turns 6);
// capacity is 0-2 places × the nursery weight plus 3-5 places. A pending offer holds its place from its start date.
import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.js';
import { LocalDate } from '../src/shared/index.js';

export interface OverDay {
  unitId: string;
  day: string;
  load: number;
  capacity: number;
}

export async function overCapacityDays(
  db: Db,
  unitIds: string[],
  today: LocalDate,
  days: number,
  nurseryWeight = 2,
  transitionMonths = 34,
): Promise<OverDay[]> {
  if (!unitIds.length) return [];
  const caps = await db
    .selectFrom('capacity')
    .select([
      'unit_id',
      'age_band',
      'places',
      sql<string>`lower(valid)::text`.as('lo'),
      sql<string | null>`upper(valid)::text`.as('hi'),
    ])
    .where('unit_id', 'in', unitIds)
    .execute();
  const places = await db
    .selectFrom('placement')
    .innerJoin('person', 'person.id', 'placement.child_id')
    .select([
      'placement.unit_id',
      'person.birth_date',
      sql<string>`lower(placement.valid)::text`.as('lo'),
      sql<string | null>`upper(placement.valid)::text`.as('hi'),
    ])
    .where('placement.unit_id', 'in', unitIds)
    .where('placement.kind', '=', 'dagtilbud')
    .execute();
  const offers = await db
    .selectFrom('offer')
    .innerJoin('application as a', 'a.id', 'offer.application_id')
    .innerJoin('person', 'person.id', 'a.child_id')
    .select(['offer.unit_id', 'person.birth_date', 'offer.start_date as lo', sql<string | null>`null`.as('hi')])
    .where('offer.unit_id', 'in', unitIds)
    .where('offer.status', '=', 'pending')
    .where('a.placement_kind', '=', 'dagtilbud')
    .execute();
  const items = [...places, ...offers].map((p) => {
    const birth = LocalDate.parse(p.birth_date);
    return {
      unit: p.unit_id,
      lo: p.lo,
      hi: p.hi,
      transition: birth.plusMonths(transitionMonths).firstOfMonth().toString(),
      school: `${birth.year + 6}-08-01`,
    };
  });
  const out: OverDay[] = [];
  for (let i = 0; i < days; i++) {
    const d = today.plusDays(i).toString();
    for (const u of unitIds) {
      const capacity = caps
        .filter((c) => c.unit_id === u && c.lo <= d && (c.hi === null || d < c.hi))
        .reduce((s, c) => s + c.places * (c.age_band === '0-2' ? nurseryWeight : c.age_band === '3-5' ? 1 : 0), 0);
      const load = items
        .filter((p) => p.unit === u && p.lo <= d && (p.hi === null || d < p.hi) && d < p.school)
        .reduce((s, p) => s + (d < p.transition ? nurseryWeight : 1), 0);
      if (load > capacity) out.push({ unitId: u, day: d, load, capacity });
    }
  }
  return out;
}
