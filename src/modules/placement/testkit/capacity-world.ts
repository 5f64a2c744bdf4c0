// A small world for the capacity property (capacity.property.int.test.ts): three tight units and eight children on
// the waitlist, new for each run, in the daginstitution of the small fixture; the children's guardian is given.
import type { Db } from '../../../platform/db/database.js';
import { isWorkingDay, type LocalDate } from '../../../shared/index.js';

/** The first working day from d. */
export const workday = (d: LocalDate) => {
  while (!isWorkingDay(d)) d = d.plusDays(1);
  return d;
};

let worlds = 0;

/** Three tight units (a nursery with one place left, an integrated unit, a kindergarten) and eight children on the waitlist. */
export async function world(db: Db, guardianId: string, today: LocalDate, allUnits: string[]) {
  const n = ++worlds;
  const inst = await db.selectFrom('daginstitution').select('id').limit(1).executeTakeFirstOrThrow();
  const base = {
    daginstitution_id: inst.id,
    street: 'Torvet 1',
    postal_code: '9800',
    city: 'Hjørring',
    lat: 57.46,
    lon: 9.98,
  };
  const [vug, integ, bh] = (
    await db
      .insertInto('unit')
      .values([
        { ...base, number: `P${String(n).padStart(4, '0')}1`, name: `Vuggestue ${n}`, type: 'vuggestue' },
        { ...base, number: `P${String(n).padStart(4, '0')}2`, name: `Børnehus ${n}`, type: 'integreret', lat: 57.461 },
        { ...base, number: `P${String(n).padStart(4, '0')}3`, name: `Børnehave ${n}`, type: 'boernehave', lat: 57.462 },
      ])
      .returning('id')
      .execute()
  ).map((u) => u.id) as [string, string, string];
  allUnits.push(vug, integ, bh);
  await db
    .insertInto('capacity')
    .values([
      { unit_id: vug, age_band: '0-2', places: 2, valid: '[2024-01-01,)' },
      { unit_id: integ, age_band: '0-2', places: 1, valid: '[2024-01-01,)' },
      { unit_id: integ, age_band: '3-5', places: 1, valid: '[2024-01-01,)' },
      { unit_id: bh, age_band: '3-5', places: 2, valid: '[2024-01-01,)' },
    ])
    .execute();
  const ages = [9, 10, 12, 14, 16, 37, 40, 44]; // months: five nursery children, three kindergarten children
  const kids = (
    await db
      .insertInto('person')
      .values(
        ages.map((m, i) => ({
          first_name: `Barn${i}`,
          last_name: `Verden${n}`,
          birth_date: today.plusMonths(-m).toString(),
          sex: 'male' as const,
        })),
      )
      .returning('id')
      .execute()
  ).map((k) => k.id);
  await db
    .insertInto('custody')
    .values(kids.map((k, i) => ({ child_id: k, guardian_id: guardianId, valid: `[${today.plusMonths(-ages[i]!)},)` })))
    .execute();
  // One nursery child is already placed in the nursery: one place (weight 2) left there.
  const settled = (
    await db
      .insertInto('person')
      .values({
        first_name: 'Fast',
        last_name: `Verden${n}`,
        birth_date: today.plusMonths(-11).toString(),
        sex: 'female',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('placement')
    .values({ child_id: settled, unit_id: vug, kind: 'dagtilbud', valid: `[${today.plusDays(-40)},)` })
    .execute();
  const apps: string[] = [];
  for (const [i, k] of kids.entries()) {
    const nursery = ages[i]! < 30;
    const app = await db
      .insertInto('application')
      .values({
        child_id: k,
        place_kind: nursery ? 'vuggestue' : 'boernehave',
        placement_kind: 'dagtilbud',
        needed_from: workday(today.plusDays(20 + 7 * i)).toString(),
        hours_per_week: 40,
        applied_on: today.toString(),
        seniority_date: today.plusDays(-i).toString(),
        guarantee_date: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('application_wish')
      .values(
        (nursery ? [vug, integ] : [integ, bh]).map((u, r) => ({ application_id: app.id, rank: r + 1, unit_id: u })),
      )
      .execute();
    apps.push(app.id);
  }
  return { units: [vug, integ, bh], kids, settled, apps, rounds: [] as string[] };
}
export type World = Awaited<ReturnType<typeof world>>;
