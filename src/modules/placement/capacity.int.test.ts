// No overbooking through any path (issue 11, item 1): a stale round preview is refused, manual offers and acceptance
// re-check the unit's capacity under its load lock, checked day by day by an independent counter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { overCapacityDays } from '../../../test/capacity-check.js';
import { engine } from '../../../test/db.js';
import { isWorkingDay, LocalDate } from '../../shared/index.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, today: LocalDate, start: LocalDate;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  today = t.clock.today();
  start = today.plusDays(14);
  while (!isWorkingDay(start)) start = start.plusDays(1);
});
afterAll(async () => {
  await t?.close();
});

/** A nursery with `places` 0-2 places (weight 2 each), all but one taken by children placed since last month. */
async function nurseryWithOnePlaceLeft(number: string, places = 5) {
  const db = t.database.db;
  const inst = await db.selectFrom('daginstitution').select('id').limit(1).executeTakeFirstOrThrow();
  const unit = (
    await db
      .insertInto('unit')
      .values({
        number,
        daginstitution_id: inst.id,
        name: `Vuggestuen ${number}`,
        type: 'vuggestue',
        street: 'Torvet 1',
        postal_code: '9800',
        city: 'Hjørring',
        lat: 57.46,
        lon: 9.98,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db.insertInto('capacity').values({ unit_id: unit, age_band: '0-2', places, valid: '[2024-01-01,)' }).execute();
  const birth = today.plusMonths(-12).toString();
  const kids = await db
    .insertInto('person')
    .values(
      [...Array(places - 1)].map((_, i) => ({
        first_name: 'Fast',
        last_name: `${number}-${i}`,
        birth_date: birth,
        sex: 'female' as const,
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('placement')
    .values(
      kids.map((k) => ({
        child_id: k.id,
        unit_id: unit,
        kind: 'dagtilbud' as const,
        valid: `[${today.minusDays(30)},)`,
      })),
    )
    .execute();
  return unit;
}

async function mettesChild(name: string, ageMonths: number) {
  const db = t.database.db;
  const birth = today.plusMonths(-ageMonths).toString();
  const id = (
    await db
      .insertInto('person')
      .values({ first_name: name, last_name: 'Holm', birth_date: birth, sex: 'male' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('custody')
    .values({ child_id: id, guardian_id: f.guardians.mette, valid: `[${birth},)` })
    .execute();
  return id;
}

describe(`no overbooking through a round (${engine})`, () => {
  it('a preview whose unit a parent booked in the meantime is refused as stale; nothing is over capacity on any day', async () => {
    const unit = await nurseryWithOnePlaceLeft('A18001');
    const a = await mettesChild('Asta', 10),
      b = await mettesChild('Bo', 9);
    const mette = await loginAs(t.app, f.users.mette),
      cw = await loginAs(t.app, f.users.caseworker);
    const app = await mette.call('POST', '/api/citizen/applications', {
      childId: a,
      placeKind: 'vuggestue',
      neededFrom: start.toString(),
      hoursPerWeek: 40,
      wishes: [unit],
    });
    expect(app.statusCode, app.body).toBe(201);

    // The caseworker previews: A is offered the last place.
    const preview = await cw.call('POST', '/api/staff/rounds', {
      kind: 'dagtilbud',
      horizon: today.plusYears(1).toString(),
    });
    expect(preview.statusCode, preview.body).toBe(201);
    expect(preview.json().offers).toEqual([expect.objectContaining({ applicationId: app.json().id, unitId: unit })]);
    // A parent books that place.
    const booked = await mette.call('POST', '/api/citizen/bookings', {
      childId: b,
      unitId: unit,
      start: start.toString(),
    });
    expect(booked.statusCode, booked.body).toBe(201);
    // The stored preview is approved: refused, no offer.
    const approve = await cw.call('POST', `/api/staff/rounds/${preview.json().id}/approve`);
    expect(approve.statusCode, approve.body).toBe(409);
    expect(approve.json()).toMatchObject({ error: 'placement.preview-stale' });
    const db = t.database.db;
    expect(await db.selectFrom('offer').select('id').where('unit_id', '=', unit).execute()).toEqual([]);
    expect(await overCapacityDays(db, [unit], today, 2200)).toEqual([]);
    expect(
      (
        await db
          .selectFrom('allocation_round')
          .select('status')
          .where('id', '=', preview.json().id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('preview');

    // Run again: the engine sees the booking and offers nothing there.
    const again = await cw.call('POST', '/api/staff/rounds', {
      kind: 'dagtilbud',
      horizon: today.plusYears(1).toString(),
    });
    expect(again.json().offers.filter((o: any) => o.unitId === unit)).toEqual([]);
    expect((await cw.call('POST', `/api/staff/rounds/${again.json().id}/approve`)).statusCode).toBe(200);
    expect(await overCapacityDays(db, [unit], today, 2200)).toEqual([]);
  });

  it('a manual offer into a full unit is refused; an offer that no longer fits cannot be accepted', async () => {
    const unit = await nurseryWithOnePlaceLeft('A18002');
    const a = await mettesChild('Carl', 10),
      b = await mettesChild('Dagny', 9);
    const mette = await loginAs(t.app, f.users.mette),
      cw = await loginAs(t.app, f.users.caseworker);
    expect(
      (await mette.call('POST', '/api/citizen/bookings', { childId: b, unitId: unit, start: start.toString() }))
        .statusCode,
    ).toBe(201);
    const app = await mette.call('POST', '/api/citizen/applications', {
      childId: a,
      placeKind: 'vuggestue',
      neededFrom: start.toString(),
      hoursPerWeek: 40,
      wishes: [unit],
    });
    expect(app.statusCode, app.body).toBe(201);
    const manual = await cw.call('POST', '/api/staff/offers', {
      applicationId: app.json().id,
      unitId: unit,
      start: start.toString(),
      reason: 'Garantiplads',
    });
    expect(manual.statusCode, manual.body).toBe(409);
    expect(manual.json().error).toBe('placement.no-room');
    const db = t.database.db;
    // An offer written before this check existed (straight into the table) is refused at acceptance.
    const old = await db
      .insertInto('offer')
      .values({
        application_id: app.json().id,
        unit_id: unit,
        start_date: start.toString(),
        hours_per_week: 40,
        explanation: 'Gammelt tilbud',
        manual_reason: 'Test',
        offered_on: today.toString(),
        deadline: today.plusDays(7).toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const acc = await mette.call('POST', `/api/citizen/offers/${old.id}/accept`);
    expect(acc.statusCode, acc.body).toBe(409);
    expect(
      await db.selectFrom('placement').select('id').where('unit_id', '=', unit).where('child_id', '=', a).execute(),
    ).toEqual([]);
  });
});
