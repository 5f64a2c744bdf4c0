// Demo waitlist: applications from the demo families so the placement pages are alive. Babies without a daycare
// place apply for a nursery/childminder, nursery children near 2 years 10 months apply for a kindergarten; wishes
// are the nearest units of a fitting type. Deterministic for a seed; capped so the demo seeds quickly.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { LocalDate } from '../shared/index.js';
import { distanceKm } from '../modules/registry/index.js';
import { guaranteeDate } from '../modules/placement/index.js';
import type { Rng, UuidGen } from './prng.js';

const NURSERY = ['vuggestue', 'integreret', 'dagpleje'],
  KINDERGARTEN = ['boernehave', 'integreret'];

export async function seedPlacement(db: Kysely<DB>, today: LocalDate, rng: Rng, ids: UuidGen, max = 400) {
  const t = today.toString();
  const units = await db
    .selectFrom('unit')
    .select(['id', 'type', 'lat', 'lon'])
    .where('closed_on', 'is', null)
    .where('type', 'in', ['vuggestue', 'integreret', 'dagpleje', 'boernehave'])
    .where('lat', 'is not', null)
    .execute();
  const children = await db
    .selectFrom('person as c')
    .innerJoin('residence as r', (j) => j.onRef('r.person_id', '=', 'c.id').on(sql<boolean>`r.valid @> ${t}::date`))
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .leftJoin('placement as p', (j) =>
      j
        .onRef('p.child_id', '=', 'c.id')
        .on('p.kind', '=', 'dagtilbud')
        .on(sql<boolean>`p.valid @> ${t}::date`),
    )
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .select(['c.id', 'c.birth_date', 'h.lat', 'h.lon', 'u.type as placedType'])
    .where('c.birth_date', '>', today.minusDays(34 * 31).toString())
    .where('c.birth_date', '<=', t)
    .orderBy('c.id')
    .execute();
  const apps: any[] = [],
    wishes: any[] = [];
  for (const c of children) {
    if (apps.length >= max || c.lat == null || c.lon == null) continue;
    const birth = LocalDate.parse(c.birth_date),
      age = birth.ageInMonths(today);
    let kind: 'vuggestue' | 'dagpleje' | 'boernehave' | null = null,
      needed: LocalDate | null = null;
    if (!c.placedType && age < 14) {
      kind = rng.next() < 0.25 ? 'dagpleje' : 'vuggestue';
      needed = LocalDate.max(birth.plusWeeks(26), today.plusDays(rng.int(14, 240)))
        .firstOfMonth()
        .plusMonths(1);
    } else if (c.placedType && ['vuggestue', 'dagpleje'].includes(c.placedType) && age >= 22) {
      kind = 'boernehave';
      needed = birth.plusMonths(34).firstOfMonth();
    }
    if (!kind || !needed || !needed.isAfter(today)) continue;
    const types = kind === 'boernehave' ? KINDERGARTEN : kind === 'dagpleje' ? ['dagpleje'] : NURSERY;
    const near = units
      .filter((u) => types.includes(u.type))
      .map((u) => ({ id: u.id, km: distanceKm({ lat: c.lat!, lon: c.lon! }, { lat: u.lat!, lon: u.lon! }) }))
      .sort((a, b) => a.km - b.km)
      .slice(0, 6);
    if (!near.length) continue;
    const chosen = [
      ...new Set(
        Array.from(
          { length: kind === 'boernehave' ? 3 : 2 },
          () => near[Math.min(near.length - 1, Math.floor(rng.next() ** 2 * near.length))]!.id,
        ),
      ),
    ];
    const applied = LocalDate.max(birth, today.minusDays(rng.int(5, 200)));
    const id = ids.next();
    apps.push({
      id,
      child_id: c.id,
      place_kind: kind,
      placement_kind: 'dagtilbud',
      needed_from: needed.toString(),
      hours_per_week: rng.next() < 0.1 ? 30 : 40,
      applied_on: applied.toString(),
      seniority_date: LocalDate.max(applied, birth.plusMonths(4)).toString(),
      guarantee_date: guaranteeDate(birth, needed, applied, 'dagtilbud')!.toString(),
      special_needs: rng.next() < 0.03,
    });
    chosen.forEach((unit_id, i) => wishes.push({ application_id: id, rank: i + 1, unit_id }));
  }
  for (let i = 0; i < apps.length; i += 500)
    await db
      .insertInto('application')
      .values(apps.slice(i, i + 500))
      .execute();
  for (let i = 0; i < wishes.length; i += 1000)
    await db
      .insertInto('application_wish')
      .values(wishes.slice(i, i + 1000))
      .execute();
  return apps.length;
}
