// A pending pladstilbud holds its place: booking cannot take it, in the search nor under the unit lock, until the
// family declines (or the offer expires); the cached timelines follow the offer through the unit's load version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { LocalDate } from '../../shared/index.js';
import { policyOn } from './booking-policy.js';
import { bookPlace, NoLongerFree } from './service.js';
import { occupancyCache } from './store.js';
import { searchAvailability } from './search.js';
import { freeAt, day } from './timeline.js';

let t: TestApp,
  f: Awaited<ReturnType<typeof smallFixture>>,
  unitId: string,
  offered: string,
  booker: string,
  offerId: string;
const start = LocalDate.of(2027, 1, 4); // within the release window: no held-back share

beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  const db = t.database.db;
  const inst = await db.selectFrom('daginstitution').select('id').limit(1).executeTakeFirstOrThrow();
  unitId = (
    await db
      .insertInto('unit')
      .values({
        number: 'A19998',
        daginstitution_id: inst.id,
        name: 'Vuggestuen Tilbuddet',
        type: 'vuggestue',
        street: 'Torvet 2',
        postal_code: '9800',
        city: 'Hjørring',
        lat: 57.46,
        lon: 9.98,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('capacity')
    .values({ unit_id: unitId, age_band: '0-2', places: 1, valid: '[2024-01-01,)' })
    .execute();
  [offered, booker] = (
    await db
      .insertInto('person')
      .values([
        { first_name: 'Tilde', last_name: 'Tilbud', birth_date: '2026-04-02', sex: 'female' },
        { first_name: 'Bertram', last_name: 'Booker', birth_date: '2026-05-10', sex: 'male' },
      ])
      .returning('id')
      .execute()
  ).map((r) => r.id) as [string, string];
  const app = await db
    .insertInto('application')
    .values({
      child_id: offered,
      place_kind: 'vuggestue',
      placement_kind: 'dagtilbud',
      needed_from: '2027-01-04',
      hours_per_week: 40,
      applied_on: '2026-08-01',
      seniority_date: '2026-08-02',
      guarantee_date: '2027-01-04',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  offerId = (
    await db
      .insertInto('offer')
      .values({
        application_id: app.id,
        unit_id: unitId,
        start_date: '2027-01-04',
        hours_per_week: 40,
        explanation: 'Garantiplads',
        manual_reason: 'Test',
        offered_on: '2026-11-20',
        deadline: '2026-12-04',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const user = () => ({
  userId: f.users.mette,
  role: 'guardian' as const,
  name: 'x',
  personId: f.guardians.mette,
  unitIds: [],
  municipalityCode: null,
});
const free = async () => {
  const db = t.database.db,
    today = t.clock.today();
  const { occ } = await occupancyCache(db).get(db, await policyOn(db, '0860', today), today);
  return freeAt(occ.get(unitId)!.timeline, day(start));
};

describe(`pending offers hold their place (${engine})`, () => {
  it('a booking cannot take the place of a pending offer; once declined it can', async () => {
    const rc = { db: t.database.db, clock: t.clock, actor: user(), ip: '127.0.0.1', userAgent: null };
    expect(await free()).toBe(0);
    await expect(bookPlace(t.database.db, rc, { childId: booker, unitId, start })).rejects.toBeInstanceOf(NoLongerFree);

    await t.database.db
      .updateTable('offer')
      .set({ status: 'declined', answered_on: '2026-11-23' })
      .where('id', '=', offerId)
      .execute();
    expect(await free()).toBe(2);
    const r = await bookPlace(t.database.db, rc, { childId: booker, unitId, start });
    expect(r.unitId).toBe(unitId);
    expect(await free()).toBe(0);
  });
});

describe(`cached closing days (${engine})`, () => {
  it('the search sees a new closing day at once, and sees it go again', async () => {
    const db = t.database.db,
      today = t.clock.today(),
      policy = await policyOn(db, '0860', today);
    const search = async () =>
      (
        await searchAvailability(db, {
          birthDate: LocalDate.of(2025, 1, 10),
          wished: LocalDate.of(2027, 3, 1),
          today,
          policy,
          unitIds: [f.units.sol],
        })
      ).items[0];
    expect(await search()).toMatchObject({ start: '2027-03-01', onWished: true });
    await db
      .insertInto('closing_day')
      .values({ unit_id: f.units.sol, date: '2027-03-01', name: 'Pædagogisk dag' })
      .execute();
    expect(await search()).toMatchObject({ start: '2027-03-02', onWished: false });
    await db.deleteFrom('closing_day').where('unit_id', '=', f.units.sol).where('date', '=', '2027-03-01').execute();
    expect(await search()).toMatchObject({ start: '2027-03-01', onWished: true });
  });
});
