// A change of a place's weekly hours on a family's behalf (issue 16): the place is split from the date, and the rate
// and the full-time equivalent follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp } from '../../../test/app.js';
import { aPlacement, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import type { LocalDate } from '../../shared/index.js';
import { caseworkFixture } from './testkit/casework.js';

type Fixture = Awaited<ReturnType<typeof caseworkFixture>>;
let t: TestApp, today: LocalDate, caseworker: string, stranger: string;
let family: Fixture['family'], lettersTo: Fixture['lettersTo'], placesOf: Fixture['placesOf'];
beforeAll(async () => {
  ({ t, today, caseworker, stranger, family, lettersTo, placesOf } = await caseworkFixture());
});
afterAll(async () => {
  await t?.close();
});

describe(`casework on a family's behalf (${engine})`, () => {
  it('changes the weekly hours from a date: the place is split, the rate and the full-time equivalent follow', async () => {
    const db = t.database.db;
    const unit = await aUnit(db);
    const f = await family(today.plusYears(-4));
    const start = today.plusMonths(-6);
    const place = await aPlacement(db, f.child, unit.id, start);
    const cw = await loginAs(t.app, caseworker);
    const from = today.plusMonths(1).firstOfMonth().toString();
    const preview = await cw.call(
      'GET',
      `/api/staff/casework/placements/${place}/hours-preview?from=${from}&hoursPerWeek=30`,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    const expected = {
      from,
      before: { hoursPerWeek: 40, monthlyRateOere: 250_000, fte: 1 },
      after: { hoursPerWeek: 30, monthlyRateOere: 200_000, fte: 0.75 },
    };
    expect(preview.json()).toEqual(expected);
    const url = `/api/staff/casework/placements/${place}/hours`;
    expect((await cw.call('POST', url, { from, hoursPerWeek: 30 })).statusCode).toBe(400);
    expect((await cw.call('POST', url, { from, hoursPerWeek: 40, reason: 'Ingen ændring' })).json().error).toBe(
      'placement.same-hours',
    );
    expect(
      (await (await loginAs(t.app, stranger)).call('POST', url, { from, hoursPerWeek: 30, reason: 'Orlov' }))
        .statusCode,
    ).toBe(403);
    const r = await cw.call('POST', url, { from, hoursPerWeek: 30, reason: 'Forælder på barselsorlov' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual(expected);
    expect(await placesOf(f.child)).toEqual([
      { unit_id: unit.id, hours_per_week: 40, valid: `[${start},${from})` },
      { unit_id: unit.id, hours_per_week: 30, valid: `[${from},)` },
    ]);
    // Fewer than 25 hours: half a full-time equivalent.
    const split = await db
      .selectFrom('placement')
      .select('id')
      .where('child_id', '=', f.child)
      .where('hours_per_week', '=', 30)
      .executeTakeFirstOrThrow();
    const low = await cw.call(
      'GET',
      `/api/staff/casework/placements/${split.id}/hours-preview?from=${from}&hoursPerWeek=20`,
    );
    expect(low.json().after.fte).toBe(0.5);
    const [letter] = await lettersTo(f.guardian);
    expect(letter!.content).toContain('2.000,00 kr.');
    expect(letter!.content).toContain('før 2.500,00 kr.');
    // The child page's view shows both rows with their rate and FTE, and the log with the reason.
    const view = (await cw.call('GET', `/api/staff/children/${f.child}/casework`)).json();
    expect(view.places.map((p: any) => [p.hoursPerWeek, p.monthlyRateOere, p.fte])).toEqual([
      [40, 250_000, 1],
      [30, 200_000, 0.75],
    ]);
    expect(view.log).toEqual([expect.objectContaining({ action: 'hours', reason: 'Forælder på barselsorlov' })]);
    expect(
      (await (await loginAs(t.app, stranger)).call('GET', `/api/staff/children/${f.child}/casework`)).statusCode,
    ).toBe(403);
  });
});
