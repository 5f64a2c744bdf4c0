// The last place: many parents book it at the same moment; exactly one gets it, the others a clear "no longer free".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { LocalDate } from '../../shared/index.js';
import { bookPlace, NoLongerFree } from './service.js';
import { policyOn } from './booking-policy.js';
import { loadOccupancy, occupancyCache } from './store.js';
import { freeAt } from './timeline.js';
import { searchAvailability } from './search.js';

// PGlite has a single connection, so there the race is serial and smaller; on PostgreSQL it is 1,000 at once.
const ATTEMPTS = engine === 'postgres' ? 1000 : 60;
let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, unitId: string, children: string[];

beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  // One nursery place: room for exactly one child of weight 2.
  unitId = await nursery('A19999', 'Vuggestuen Den Sidste Plads', 'Torvet 1', 1);
  children = await babies('Barn', ATTEMPTS, 'female');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** A nursery with `places` nursery places from 2024, at the fixture's first daginstitution. */
async function nursery(number: string, name: string, street: string, places: number) {
  const db = t.database.db;
  const inst = await db.selectFrom('daginstitution').select('id').limit(1).executeTakeFirstOrThrow();
  const unit = await db
    .insertInto('unit')
    .values({
      number,
      daginstitution_id: inst.id,
      name,
      type: 'vuggestue',
      street,
      postal_code: '9800',
      city: 'Hjørring',
      lat: 57.46,
      lon: 9.98,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('capacity')
    .values({ unit_id: unit.id, age_band: '0-2', places, valid: '[2024-01-01,)' })
    .execute();
  return unit.id;
}

/** `n` babies born 10 May 2026. */
async function babies(firstName: string, n: number, sex: 'female' | 'male') {
  const rows = await t.database.db
    .insertInto('person')
    .values(
      [...Array(n)].map((_, i) => ({ first_name: firstName, last_name: `Nr${i}`, birth_date: '2026-05-10', sex })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Mette, a guardian, booking in-process. */
const asMette = () => ({
  db: t.database.db,
  clock: t.clock,
  actor: {
    userId: f.users.mette,
    role: 'guardian' as const,
    name: 'x',
    personId: f.guardians.mette,
    unitIds: [],
    municipalityCode: null,
  },
  ip: '127.0.0.1',
  userAgent: null,
});

describe(`the last place (${engine})`, () => {
  it(`${ATTEMPTS} simultaneous attempts give exactly one booking`, async () => {
    const rc = asMette();
    const start = LocalDate.of(2027, 1, 4);
    const results = await Promise.allSettled(
      children.map((childId) => bookPlace(t.database.db, rc, { childId, unitId, start })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(ATTEMPTS - 1);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(NoLongerFree);
      expect(r.reason.statusCode).toBe(409);
    }
    const n = await t.database.db
      .selectFrom('placement')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
    expect(
      (
        await t.database.db
          .selectFrom('booking')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('unit_id', '=', unitId)
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(1);
  }, 120_000);

  it('answers a late parent over HTTP with "no longer free" and the nearest alternatives', async () => {
    const db = t.database.db;
    const late = await db
      .insertInto('person')
      .values({ first_name: 'Sen', last_name: 'Holm', birth_date: '2026-05-10', sex: 'male' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('custody')
      .values({ child_id: late.id, guardian_id: f.guardians.mette, valid: '[2026-05-10,)' })
      .execute();
    const mette = await loginAs(t.app, f.users.mette);
    const res = await mette.call('POST', '/api/citizen/bookings', { childId: late.id, unitId, start: '2027-01-04' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'booking.no-longer-free' });
    expect(res.json().alternatives.map((a: any) => a.unitId)).toContain(f.units.sol);
    // Showing the alternatives reads the child's home: audited as the family's search.
    const reads = await db
      .selectFrom('audit_log')
      .select('action')
      .where(sql<boolean>`${late.id}::uuid = any(subject_ids)`)
      .where('action', '=', 'booking.availability')
      .execute();
    expect(reads).toHaveLength(1);
  });

  it("a move refused as no longer free offers the family's own unit again among the alternatives", async () => {
    const db = t.database.db;
    const [mine] = await babies('Flyt', 1, 'female');
    await db
      .insertInto('custody')
      .values({ child_id: mine!, guardian_id: f.guardians.mette, valid: '[2026-05-10,)' })
      .execute();
    // Its own unit has one place, which its booking takes; the unit it wants has none.
    const own = await nursery('A19990', 'Vuggestuen Eget Sted', 'Torvet 9', 1);
    const wanted = await nursery('A19991', 'Vuggestuen Fuldt Hus', 'Torvet 10', 0);
    const mette = await loginAs(t.app, f.users.mette);
    const booked = await mette.call('POST', '/api/citizen/bookings', {
      childId: mine,
      unitId: own,
      start: '2027-01-04',
    });
    expect(booked.statusCode).toBe(201);
    const move = await mette.call('POST', `/api/citizen/bookings/${booked.json().bookingId}/move`, {
      unitId: wanted,
      start: '2027-01-04',
    });
    expect(move.statusCode).toBe(409);
    expect(move.json().alternatives.map((a: any) => a.unitId)).toContain(own);
  });

  it('sees places taken or freed outside booking at once (the kept timeline is only used at its exact version)', async () => {
    const db = t.database.db;
    const two = { id: await nursery('A19998', 'Vuggestuen To Pladser', 'Torvet 2', 2) };
    const kids = (await babies('Tvilling', 3, 'male')).map((id) => ({ id }));
    const rc = asMette();
    const start = LocalDate.of(2027, 1, 4);
    await bookPlace(db, rc, { childId: kids[0]!.id, unitId: two.id, start });
    // A caseworker gives the other place directly (not through booking).
    const given = await db
      .insertInto('placement')
      .values({ child_id: kids[1]!.id, unit_id: two.id, kind: 'dagtilbud', valid: '[2027-01-04,2032-08-01)' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(bookPlace(db, rc, { childId: kids[2]!.id, unitId: two.id, start })).rejects.toBeInstanceOf(
      NoLongerFree,
    );
    // …and takes it back: the place is free again.
    await db.deleteFrom('placement').where('id', '=', given.id).execute();
    await expect(bookPlace(db, rc, { childId: kids[2]!.id, unitId: two.id, start })).resolves.toMatchObject({
      unitId: two.id,
    });
  });

  it('a search sees a change to a unit that committed after an earlier search had begun', async () => {
    const db = t.database.db,
      today = t.clock.today(),
      policy = await policyOn(db, null, today);
    const unitId = await nursery('A19985', 'Vuggestuen Sen Ændring', 'Torvet 11', 1);
    const [given] = await babies('Sen', 1, 'female');
    const start = LocalDate.of(2027, 1, 4);
    const search = async () =>
      (await searchAvailability(db, { birthDate: LocalDate.of(2026, 5, 10), wished: start, today, policy })).items.some(
        (i) => i.unitId === unitId,
      );
    expect(await search()).toBe(true);
    // A caseworker gives the place directly. On PostgreSQL the change is still uncommitted while a search runs, so that
    // search's horizon is before it: the next search must still ask for the unit (it committed after that horizon).
    const give = (trx: typeof db) =>
      trx
        .insertInto('placement')
        .values({ child_id: given!, unit_id: unitId, kind: 'dagtilbud', valid: '[2027-01-04,2032-08-01)' })
        .execute();
    if (engine === 'postgres') {
      let commit!: () => void, ran!: () => void;
      const running = new Promise<void>((r) => (ran = r)),
        committing = new Promise<void>((r) => (commit = r));
      const change = db.transaction().execute(async (trx) => {
        await give(trx);
        ran();
        await committing;
      });
      await running;
      expect(await search()).toBe(true);
      // Another change commits meanwhile, so the newest transaction seen is past the caseworker's.
      await db.updateTable('unit').set({ name: 'Vuggestuen Sen Ændring' }).where('id', '=', unitId).execute();
      expect(await search()).toBe(true);
      commit();
      await change;
    } else await give(db);
    expect(await search()).toBe(false);
  });

  it('with the timeline in memory, simultaneous bookings decided without the lock still take each place once', async () => {
    const db = t.database.db;
    const unit = { id: await nursery('A19997', 'Vuggestuen Tre Pladser', 'Torvet 3', 3) };
    const n = engine === 'postgres' ? 200 : 30;
    const kids = (await babies('Hurtig', n, 'female')).map((id) => ({ id }));
    const rc = asMette();
    // A search first: the process now holds the unit's timeline at its current version.
    const policy = await policyOn(db, null, t.clock.today());
    const { occ } = await occupancyCache(db).get(db, policy, t.clock.today());
    const version = occ.get(unit.id)!.version;
    // The version guard the one-statement write starts with refuses a version that is not the current one.
    await expect(
      sql`select booking_lock_unit_at(${unit.id}::uuid, ${version - 1}::bigint)`.execute(db),
    ).rejects.toMatchObject({
      code: '40001',
    });
    const start = LocalDate.of(2027, 1, 4);
    const results = await Promise.allSettled(
      kids.map((k) => bookPlace(db, rc, { childId: k.id, unitId: unit.id, start })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(NoLongerFree);
    const rows = await db
      .selectFrom('placement')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('unit_id', '=', unit.id)
      .executeTakeFirstOrThrow();
    expect(rows.n).toBe(3);
    const audited = await db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('action', '=', 'booking.book')
      .where(sql<boolean>`subject_ids && ${kids.map((k) => k.id)}::uuid[]`)
      .executeTakeFirstOrThrow();
    expect(audited.n).toBe(3);
  }, 120_000);

  it('a rush on a unit with room: every simultaneous booking gets its place, letter, event and audit row, and the timeline held afterwards is the database’s', async () => {
    const db = t.database.db;
    const n = engine === 'postgres' ? 40 : 12;
    const unit = { id: await nursery('A19996', 'Vuggestuen Mange Pladser', 'Torvet 4', n) };
    const kids = await babies('Mange', n, 'male');
    // Mette has custody of them all: each booking's letter goes to her.
    await db
      .insertInto('custody')
      .values(kids.map((id) => ({ child_id: id, guardian_id: f.guardians.mette, valid: '[2026-05-10,)' })))
      .execute();
    const rc = asMette();
    const policy = await policyOn(db, null, t.clock.today());
    await occupancyCache(db).get(db, policy, t.clock.today()); // the timeline held, so bookings go the fast way
    const start = LocalDate.of(2027, 1, 4);
    const results = await Promise.all(kids.map((id) => bookPlace(db, rc, { childId: id, unitId: unit.id, start })));
    expect(new Set(results.map((r) => r.placementId)).size).toBe(n);
    const count = async (table: 'placement' | 'booking_event' | 'letter', column: 'unit_id' | 'child_id') =>
      (
        await db
          .selectFrom(table)
          .select(sql<number>`count(*)::int`.as('n'))
          .where(sql<boolean>`${sql.ref(column)} = any(${column === 'unit_id' ? [unit.id] : kids}::uuid[])`)
          .executeTakeFirstOrThrow()
      ).n;
    expect(await count('placement', 'unit_id')).toBe(n);
    expect(await count('booking_event', 'unit_id')).toBe(n);
    expect(await count('letter', 'child_id')).toBe(n);
    const audited = await db
      .selectFrom('audit_log')
      .select(['subject_ids', 'details'])
      .where('action', '=', 'booking.book')
      .where(sql<boolean>`subject_ids && ${kids}::uuid[]`)
      .execute();
    expect(audited.map((a) => a.subject_ids[0]).sort()).toEqual([...kids].sort());
    // Each audit row names its own booking.
    expect(new Set(audited.map((a) => (a.details as { bookingId: string }).bookingId))).toEqual(
      new Set(results.map((r) => r.bookingId)),
    );
    const fresh = (await loadOccupancy(db, [{ id: unit.id, type: 'vuggestue' }], policy, t.clock.today())).get(
      unit.id,
    )!;
    const held = occupancyCache(db).at(policy, t.clock.today(), unit.id, fresh.version);
    expect(held, 'the process holds the unit at the database version').toBeDefined();
    for (let d = 20_000; d < 24_000; d += 7)
      expect(freeAt(held!.timeline, d)).toBeCloseTo(freeAt(fresh.timeline, d), 9);
  }, 120_000);
});
