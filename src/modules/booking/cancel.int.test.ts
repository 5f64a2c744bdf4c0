// Cancelling a booking when the child already has a place: the place the booking ended is given back as it was, or
// stays ended when its unit has filled meanwhile; a place that ends before the booking starts is not touched. In
// every case the booking is cancelled and the booked unit's place is free again for the next family.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, aPlacement, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { LocalDate } from '../../shared/index.js';

let t: TestApp;
beforeAll(async () => {
  // Today is 23 November 2026 (testApp's clock): a start on 4 January 2027 lies within the release window (no place
  // held back) and before the change deadline (14 days).
  t = await testApp();
});
afterAll(async () => {
  await t?.close();
});

const START = '2027-01-04';

/** A baby (born 10 May 2026) with a guardian who is logged in. */
async function family(firstName: string) {
  const db = t.database.db;
  const child = await aChild(db, { birthDate: LocalDate.of(2026, 5, 10), firstName });
  const g = await aGuardianOf(db, child);
  return { childId: child.id, api: await loginAs(t.app, g.userId) };
}
/** A nursery with one place (room for exactly one baby). */
const aNursery = async () => (await aUnit(t.database.db, { type: 'vuggestue', places: { '0-2': 1 } })).id;

/** The place's end as stored: the day after its last day (null: open-ended). */
async function placeEnd(placementId: string) {
  const r = await t.database.db
    .selectFrom('placement')
    .select(sql<string | null>`upper(valid)::text`.as('hi'))
    .where('id', '=', placementId)
    .executeTakeFirstOrThrow();
  return r.hi;
}
/** What another family sees of the unit on the start date: 'free' or 'full'. */
async function dayFor(other: Awaited<ReturnType<typeof family>>, unitId: string) {
  const res = await other.api.call(
    'GET',
    `/api/citizen/booking/calendar?childId=${other.childId}&unitId=${unitId}&from=${START}&days=1`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json().days.find((d: { date: string }) => d.date === START)?.status;
}
async function statusOf(api: Awaited<ReturnType<typeof family>>['api'], bookingId: string) {
  const list = (await api.call('GET', '/api/citizen/bookings')).json() as { id: string; status: string }[];
  return list.find((b) => b.id === bookingId)?.status;
}
async function book(fam: Awaited<ReturnType<typeof family>>, unitId: string) {
  const res = await fam.api.call('POST', '/api/citizen/bookings', { childId: fam.childId, unitId, start: START });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().bookingId as string;
}

describe(`cancelling a booking when the child has a place (${engine})`, () => {
  it('gives back the current place the booking ended, and frees the booked place', async () => {
    const [old, booked] = [await aNursery(), await aNursery()];
    const alma = await family('Alma');
    const other = await family('Bo');
    const current = await aPlacement(t.database.db, alma.childId, old, LocalDate.of(2026, 11, 10));
    expect(await dayFor(other, booked)).toBe('free');

    const bookingId = await book(alma, booked);
    // The new place replaces the current one: its last day is the day before the booked start.
    expect(await placeEnd(current)).toBe(START);
    expect(await dayFor(other, booked)).toBe('full');

    const res = await alma.api.call('POST', `/api/citizen/bookings/${bookingId}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ bookingId, status: 'cancelled', previousPlace: 'restored' });
    // The current place runs on as before (open-ended), the booking is cancelled and its place free again.
    expect(await placeEnd(current)).toBe(null);
    expect(await statusOf(alma.api, bookingId)).toBe('cancelled');
    expect(await dayFor(other, booked)).toBe('free');
  });

  it('gives back a current place with an end date as it was', async () => {
    const [old, booked] = [await aNursery(), await aNursery()];
    const alma = await family('Alma');
    const other = await family('Bo');
    const current = await aPlacement(t.database.db, alma.childId, old, LocalDate.of(2026, 11, 10), {
      end: LocalDate.of(2027, 7, 1),
    });
    const bookingId = await book(alma, booked);
    expect(await placeEnd(current)).toBe(START);

    const res = await alma.api.call('POST', `/api/citizen/bookings/${bookingId}/cancel`);
    expect(res.json()).toMatchObject({ status: 'cancelled', previousPlace: 'restored' });
    // Last day 30 June 2027 again.
    expect(await placeEnd(current)).toBe('2027-07-01');
    expect(await statusOf(alma.api, bookingId)).toBe('cancelled');
    expect(await dayFor(other, booked)).toBe('free');
  });

  it('leaves the current place ended when its place has been given to another child meanwhile', async () => {
    const [old, booked] = [await aNursery(), await aNursery()];
    const alma = await family('Alma');
    const bo = await family('Bo');
    const other = await family('Carl');
    const current = await aPlacement(t.database.db, alma.childId, old, LocalDate.of(2026, 11, 10));
    const bookingId = await book(alma, booked);
    // Bo books the place Alma leaves: the old nursery is full from the start date.
    await book(bo, old);
    expect(await dayFor(other, old)).toBe('full');

    const res = await alma.api.call('POST', `/api/citizen/bookings/${bookingId}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ bookingId, status: 'cancelled', previousPlace: 'ended' });
    // Alma keeps her place until the day before the start date; Bo's place is not taken from him.
    expect(await placeEnd(current)).toBe(START);
    expect(await dayFor(other, old)).toBe('full');
    expect(await statusOf(alma.api, bookingId)).toBe('cancelled');
    expect(await dayFor(other, booked)).toBe('free');
  });

  it('keeps a current place that ends before the booked start as it is', async () => {
    const [old, booked] = [await aNursery(), await aNursery()];
    const alma = await family('Alma');
    const other = await family('Bo');
    const current = await aPlacement(t.database.db, alma.childId, old, LocalDate.of(2026, 11, 10), {
      end: LocalDate.of(2027, 1, 1),
    });
    const bookingId = await book(alma, booked);
    expect(await placeEnd(current)).toBe('2027-01-01');

    const res = await alma.api.call('POST', `/api/citizen/bookings/${bookingId}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ bookingId, status: 'cancelled', previousPlace: 'none' });
    expect(await placeEnd(current)).toBe('2027-01-01');
    expect(await statusOf(alma.api, bookingId)).toBe('cancelled');
    expect(await dayFor(other, booked)).toBe('free');
  });
});
