// Demo bookings (book en plads): nursery children book their kindergarten place from the transition month, and
// babies without a place book a nursery place a few months ahead, at one of their nearest fitting units. Every
// second child tries the cluster leader's units first so the outlook shows bookings. Availability is checked with
// the booking module's rules; the booking module writes them in bulk. Deterministic for a seed; capped.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { LocalDate } from '../shared/index.js';
import { distanceKm } from '../modules/registry/index.js';
import { seedDemoBookings, type DemoBookingWish } from '../modules/booking/index.js';
import type { Rng, UuidGen } from './prng.js';

const NURSERY = ['vuggestue', 'integreret', 'dagpleje'],
  KINDERGARTEN = ['boernehave', 'integreret'];

export async function seedBooking(db: Kysely<DB>, today: LocalDate, rng: Rng, ids: UuidGen, max = 48): Promise<number> {
  const t = today.toString();
  const caseworker = await db
    .selectFrom('app_user')
    .select(['id', 'municipality_code'])
    .where('role', '=', 'caseworker')
    .orderBy('id')
    .executeTakeFirst();
  if (!caseworker) return 0;
  const units = await db
    .selectFrom('unit')
    .select(['id', 'type', 'lat', 'lon'])
    .where('closed_on', 'is', null)
    .where('type', 'in', ['vuggestue', 'integreret', 'dagpleje', 'boernehave'])
    .where('lat', 'is not', null)
    .orderBy('id')
    .execute();
  const cluster = new Set(
    (
      await db
        .selectFrom('user_unit')
        .innerJoin('app_user as a', 'a.id', 'user_unit.user_id')
        .select('user_unit.unit_id')
        .where('a.role', '=', 'unit_leader')
        .where('a.name', 'like', 'Klyngeleder%')
        .execute()
    ).map((r) => r.unit_id),
  );
  // Children 0–33 months with a home address, their current daycare place, no later place and no waitlist application.
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
    .select([
      'c.id',
      'c.birth_date',
      'h.lat',
      'h.lon',
      'u.type as placedType',
      'p.id as placementId',
      sql<string | null>`upper(p.valid)::text`.as('hi'),
    ])
    .where('c.birth_date', '>', today.minusDays(34 * 31).toString())
    .where('c.birth_date', '<=', t)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('application as a').select('a.id').whereRef('a.child_id', '=', 'c.id'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('placement as f')
            .select('f.id')
            .whereRef('f.child_id', '=', 'c.id')
            .where(sql<boolean>`lower(f.valid) > ${t}::date`),
        ),
      ),
    )
    .orderBy('c.id')
    .execute();
  const wishes: DemoBookingWish[] = [];
  for (const c of children) {
    if (wishes.length >= max) break;
    if (c.lat == null || c.lon == null || rng.next() > 0.8) continue;
    const birth = LocalDate.parse(c.birth_date),
      age = birth.ageInMonths(today);
    let types: string[] | null = null,
      start: LocalDate | null = null;
    if (c.placedType && ['vuggestue', 'dagpleje'].includes(c.placedType) && age >= 12) {
      types = KINDERGARTEN;
      start = birth.plusMonths(34).firstOfMonth();
    } else if (!c.placedType && age < 14) {
      types = NURSERY;
      start = LocalDate.max(birth.plusWeeks(26), today.plusDays(rng.int(30, 200)))
        .firstOfMonth()
        .plusMonths(1);
    }
    if (!types || !start || !start.isAfter(today.plusDays(20))) continue;
    const home = { lat: c.lat, lon: c.lon };
    const near = units
      .filter((u) => types!.includes(u.type))
      .map((u) => ({ id: u.id, km: distanceKm(home, { lat: u.lat!, lon: u.lon! }) }))
      .sort((a, b) => a.km - b.km)
      .map((u) => u.id);
    const first = wishes.length % 2 === 0 ? near.filter((id) => cluster.has(id)).slice(0, 2) : [];
    wishes.push({
      childId: c.id,
      birthDate: c.birth_date,
      start,
      unitIds: [...new Set([...first, ...near.slice(0, 3)])],
      current: c.placementId ? { placementId: c.placementId, hi: c.hi } : null,
    });
  }
  return seedDemoBookings(
    db,
    today,
    caseworker.id,
    wishes.slice(0, max),
    () => ids.next(),
    caseworker.municipality_code!,
  );
}
