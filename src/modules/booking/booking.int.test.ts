import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { POOL_SIZE } from '../../platform/db/database.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, baby: string, newborn: string;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  const db = t.database.db;
  const kids = await db
    .insertInto('person')
    .values([
      { first_name: 'Alma', last_name: 'Holm', birth_date: '2026-05-10', sex: 'female' },
      { first_name: 'Bo', last_name: 'Holm', birth_date: '2026-10-01', sex: 'male' },
    ])
    .returning('id')
    .execute();
  [baby, newborn] = kids.map((k) => k.id) as [string, string];
  await db
    .insertInto('custody')
    .values(kids.map((k) => ({ child_id: k.id, guardian_id: f.guardians.mette, valid: '[2026-05-10,)' })))
    .execute();
  await db
    .insertInto('closing_day')
    .values({ unit_id: f.units.sol, date: '2027-01-05', name: 'Pædagogisk dag' })
    .execute();
});
afterAll(async () => {
  await t?.close();
});

const counts = async () => {
  const db = t.database.db;
  const [p, b] = await Promise.all([
    db
      .selectFrom('placement')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('booking')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { placements: p.n, bookings: b.n };
};

describe(`book en plads (${engine})`, () => {
  it('answers a search and a calendar while every connection of the pool is taken (a rush): the interactive lane', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    // On PostgreSQL the pool's connections are held by statements that wait; PGlite has its one connection, no lane.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const held = [...Array(engine === 'postgres' ? POOL_SIZE : 0)].map(() =>
      t.database.db.connection().execute(() => released),
    );
    await new Promise((r) => setTimeout(r, 50));
    const late = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('queued behind the pool')), 5000));
    try {
      const search = mette.call('GET', `/api/citizen/booking/availability?childId=${baby}&wished=2027-01-04`);
      expect((await Promise.race([search, late])).statusCode).toBe(200);
      const calendar = `/api/citizen/booking/calendar?childId=${baby}&unitId=${f.units.sol}&from=2027-01-01&days=7`;
      expect((await Promise.race([mette.call('GET', calendar), late])).statusCode).toBe(200);
    } finally {
      release();
      await Promise.all(held);
    }
  });

  it('lists units with a free place: on the wished date, or the earliest date (a kindergarten from the transition)', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    const res = await mette.call('GET', `/api/citizen/booking/availability?childId=${baby}&wished=2027-01-04`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.child.transition).toBe('2029-03-01');
    const sol = body.items.find((i: any) => i.unitId === f.units.sol);
    const mael = body.items.find((i: any) => i.unitId === f.units.mael);
    expect(sol).toMatchObject({ start: '2027-01-04', onWished: true, end: '2032-07-31' });
    expect(mael).toMatchObject({ start: '2029-03-01', onWished: false });
    expect(body.items[0].distanceKm).toBeLessThanOrEqual(body.items[1].distanceKm);
    expect(body.total).toBe(body.items.length);
    // The page asks for the units it shows: the first by the order chosen, with how many there are in all.
    const url = `/api/citizen/booking/availability?childId=${baby}&wished=2027-01-04`;
    const first = (await mette.call('GET', `${url}&limit=1`)).json();
    expect(first.items).toEqual(body.items.slice(0, 1));
    expect(first.total).toBe(body.total);
    const byDate = (await mette.call('GET', `${url}&limit=1&sort=date`)).json();
    expect(byDate.items.map((i: any) => i.unitId)).toEqual([f.units.sol]);
    for (const bad of ['0', '-1', '1.5', 'alle', '1001'])
      expect((await mette.call('GET', `${url}&limit=${bad}`)).statusCode, bad).toBe(400);
    const cal = (
      await mette.call(
        'GET',
        `/api/citizen/booking/calendar?childId=${baby}&unitId=${f.units.sol}&from=2027-01-01&days=7`,
      )
    ).json();
    expect(cal.days.map((d: any) => d.status)).toEqual([
      'closed',
      'closed',
      'closed',
      'free',
      'closed',
      'free',
      'free',
    ]);
  });

  it("answers from a unit's closing days as they are now: a search's kept answer does not outlive a new closing day", async () => {
    const mette = await loginAs(t.app, f.users.mette);
    const solFrom = async (wished: string) =>
      (await mette.call('GET', `/api/citizen/booking/availability?childId=${baby}&wished=${wished}`))
        .json()
        .items.find((i: any) => i.unitId === f.units.sol)?.start;
    expect(await solFrom('2027-01-06')).toBe('2027-01-06');
    const closed = await t.database.db
      .insertInto('closing_day')
      .values({ unit_id: f.units.sol, date: '2027-01-06', name: 'Personaledag' })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      expect(await solFrom('2027-01-06')).toBe('2027-01-07');
    } finally {
      await t.database.db.deleteFrom('closing_day').where('id', '=', closed.id).execute();
    }
    expect(await solFrom('2027-01-06')).toBe('2027-01-06');
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    const anders = await loginAs(t.app, f.users.anders);
    const before = await counts();
    const cases: [any, number, string][] = [
      [
        await anders.call('POST', '/api/citizen/bookings', { childId: baby, unitId: f.units.sol, start: '2027-01-04' }),
        403,
        'booking.not-your-child',
      ],
      [
        await mette.call('POST', '/api/citizen/bookings', {
          childId: newborn,
          unitId: f.units.sol,
          start: '2027-01-04',
        }),
        400,
        'booking.too-young',
      ],
      [
        await anders.call('POST', '/api/citizen/bookings', {
          childId: f.children.oscar,
          unitId: f.units.mael,
          start: '2028-09-01',
        }),
        400,
        'booking.school-age',
      ],
      [
        await mette.call('POST', '/api/citizen/bookings', { childId: baby, unitId: f.units.mael, start: '2027-01-04' }),
        400,
        'booking.age-band',
      ],
      [
        await mette.call('POST', '/api/citizen/bookings', { childId: baby, unitId: f.units.sol, start: '2027-01-05' }),
        400,
        'booking.closed-day',
      ],
      [
        await mette.call('POST', '/api/citizen/bookings', { childId: baby, unitId: f.units.sol, start: '2027-01-09' }),
        400,
        'booking.closed-day',
      ],
      [
        await mette.call('POST', '/api/citizen/bookings', { childId: baby, unitId: f.units.sol, start: '2026-11-01' }),
        400,
        'booking.past',
      ],
      [
        await mette.call('POST', '/api/citizen/bookings', { childId: baby, unitId: f.units.sol, start: '2027-02-30' }),
        400,
        'bad_request',
      ],
      [
        await mette.call('POST', '/api/citizen/bookings', {
          childId: f.children.ida,
          unitId: f.units.sol,
          start: '2027-01-04',
        }),
        409,
        'booking.already-in-unit',
      ],
    ];
    for (const [res, status, code] of cases) {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error).toBe(code);
    }
    // A refused shape names its field, so the form can show the reason there.
    const badDate = cases.find(([, , code]) => code === 'bad_request')![0].json();
    expect(badDate.params).toMatchObject({ field: 'start' });
    expect(badDate.params.reason).toBeTruthy();
    expect(await counts()).toEqual(before);
  });

  it('books with instant confirmation, refuses a double booking, moves and cancels', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    const before = await counts();
    const res = await mette.call('POST', '/api/citizen/bookings', {
      childId: baby,
      unitId: f.units.sol,
      start: '2027-01-04',
    });
    expect(res.statusCode, res.body).toBe(201);
    const booked = res.json();
    expect(booked).toMatchObject({
      unitName: 'Børnehuset Solsikken',
      start: '2027-01-04',
      end: '2032-07-31',
      changeDeadline: '2026-12-21',
    });
    expect(booked.letter.subject).toMatch(/Bekræftelse/);
    expect(booked.letter.recipients).toEqual([f.guardians.mette]);
    const post = (await mette.call('GET', '/api/citizen/letters')).json();
    expect(JSON.stringify(post)).toMatch(/Bekræftelse: plads til Alma Holm/);
    const p = await t.database.db
      .selectFrom('placement')
      .select(['unit_id', 'valid'])
      .where('id', '=', booked.placementId)
      .executeTakeFirstOrThrow();
    expect(p).toEqual({ unit_id: f.units.sol, valid: '[2027-01-04,2032-08-01)' });
    expect(await counts()).toEqual({ placements: before.placements + 1, bookings: before.bookings + 1 });

    const twice = await mette.call('POST', '/api/citizen/bookings', {
      childId: baby,
      unitId: f.units.sol,
      start: '2027-02-01',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toBe('booking.already-booked');

    const moved = await mette.call('POST', `/api/citizen/bookings/${booked.bookingId}/move`, {
      unitId: f.units.sol,
      start: '2027-02-01',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ start: '2027-02-01' });
    const list = (await mette.call('GET', '/api/citizen/bookings')).json();
    expect(list).toEqual([
      expect.objectContaining({ id: booked.bookingId, start: '2027-02-01', status: 'active', changeable: true }),
    ]);

    const cancelled = await mette.call('POST', `/api/citizen/bookings/${booked.bookingId}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', previousPlace: 'none' });
    expect(await counts()).toEqual({ placements: before.placements, bookings: before.bookings + 1 });
    expect((await mette.call('POST', `/api/citizen/bookings/${booked.bookingId}/cancel`)).statusCode).toBe(409);
    const events = await t.database.db
      .selectFrom('booking_event')
      .select('kind')
      .where('booking_id', '=', booked.bookingId)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['booked', 'moved', 'cancelled']);
  });

  it("refuses moves and cancellations after the municipality's deadline", async () => {
    const mette = await loginAs(t.app, f.users.mette);
    const res = await mette.call('POST', '/api/citizen/bookings', {
      childId: baby,
      unitId: f.units.sol,
      start: '2026-12-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().bookingId;
    expect((await mette.call('POST', `/api/citizen/bookings/${id}/cancel`)).json()).toMatchObject({
      error: 'booking.change-deadline',
      params: { days: 14 },
    });
    expect(
      (await mette.call('POST', `/api/citizen/bookings/${id}/move`, { unitId: f.units.sol, start: '2027-02-01' }))
        .statusCode,
    ).toBe(409);
  });

  it('gives a cluster leader the 12-month outlook of their units with the staff implied', async () => {
    const leader = await loginAs(t.app, f.users.leader);
    const res = await leader.call('GET', '/api/staff/booking/outlook');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.units.map((u: any) => u.id)).toEqual([f.units.sol]);
    expect(body.units[0].months).toHaveLength(12);
    // Ida (kindergarten) plus Alma booked from 1 December 2026 (nursery, weight 2).
    expect(body.units[0].months[0]).toMatchObject({
      month: '2026-12',
      capacity: 44,
      load: 3,
      nursery: 1,
      kindergarten: 1,
      bookingsStarting: 1,
      staff: 0.5,
    });
    expect((await (await loginAs(t.app, f.users.mette)).call('GET', '/api/staff/booking/outlook')).statusCode).toBe(
      403,
    );
  });
});
