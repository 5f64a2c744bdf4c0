// Places given by the caseworker on a family's behalf (issue 16): direct enrolment under the capacity lock, a transfer
// to another unit, and § 26 a on direct enrolments and manual offers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import type { LocalDate } from '../../shared/index.js';
import { caseworkFixture } from './testkit/casework.js';

type Fixture = Awaited<ReturnType<typeof caseworkFixture>>;
let t: TestApp, today: LocalDate, caseworker: string, stranger: string;
let family: Fixture['family'],
  lettersTo: Fixture['lettersTo'],
  auditOf: Fixture['auditOf'],
  logOf: Fixture['logOf'],
  placesOf: Fixture['placesOf'];
beforeAll(async () => {
  ({ t, today, caseworker, stranger, family, lettersTo, auditOf, logOf, placesOf } = await caseworkFixture());
});
afterAll(async () => {
  await t?.close();
});

describe(`casework on a family's behalf (${engine})`, () => {
  it('enrols directly under the capacity check, closes the application and sends the decision', async () => {
    const db = t.database.db;
    const unit = await aUnit(db);
    const full = await aUnit(db, { places: { '3-5': 1 } });
    await aPlacement(db, (await aChild(db, { birthDate: today.plusYears(-4) })).id, full.id, today.plusMonths(-3));
    const f = await family(today.plusYears(-4));
    const cw = await loginAs(t.app, caseworker);
    const start = today.plusDays(7).toString();
    const body = { childId: f.child, unitId: full.id, start, hoursPerWeek: 40, reason: 'Akut behov, socialrådgiver' };

    const noRoom = await cw.call('POST', '/api/staff/casework/placements', body);
    expect([noRoom.statusCode, noRoom.json().error]).toEqual([409, 'placement.no-room']);
    const past = await cw.call('POST', '/api/staff/casework/placements', {
      ...body,
      unitId: unit.id,
      start: today.minusDays(1).toString(),
    });
    expect(past.json().error).toBe('placement.start-in-past');
    expect(
      (await cw.call('POST', '/api/staff/casework/placements', { ...body, unitId: unit.id, reason: '' })).statusCode,
    ).toBe(400);
    expect(
      (
        await (
          await loginAs(t.app, stranger)
        ).call('POST', '/api/staff/casework/placements', { ...body, unitId: unit.id })
      ).statusCode,
    ).toBe(403);
    expect(await placesOf(f.child)).toEqual([]);
    const applied = await cw.call('POST', '/api/staff/casework/applications', {
      childId: f.child,
      placeKind: 'boernehave',
      neededFrom: start,
      wishes: [full.id],
      reason: 'Familien ønsker plads',
    });
    expect(applied.statusCode, applied.body).toBe(201);

    const ok = await cw.call('POST', '/api/staff/casework/placements', { ...body, unitId: unit.id });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await placesOf(f.child)).toEqual([{ unit_id: unit.id, hours_per_week: 40, valid: `[${start},)` }]);
    expect((await cw.call('POST', '/api/staff/casework/placements', { ...body, unitId: unit.id })).json().error).toBe(
      'placement.already-placed',
    );
    // The family's application is met by the place.
    const app = await db
      .selectFrom('application')
      .select(['status', 'closed_on'])
      .where('id', '=', applied.json().id)
      .executeTakeFirstOrThrow();
    expect(app).toEqual({ status: 'placed', closed_on: today.toString() });
    const decision = (await lettersTo(f.guardian)).find((l) => l.kind === 'decision');
    expect(decision!.kind).toBe('decision');
    expect(decision!.content).toContain('Kommunen har indmeldt');
    expect(decision!.content).toContain(body.reason);
    expect((await auditOf(f.child, 'casework.enrol')).length).toBe(1);
    expect((await logOf(f.child)).map((l) => l.action)).toEqual(['apply', 'enrol']);
  });

  it('transfers a place to another unit: the old place ends the day before, one letter says both', async () => {
    const db = t.database.db;
    const [a, b] = [await aUnit(db, { name: 'Fra-huset' }), await aUnit(db, { name: 'Til-huset' })];
    const f = await family(today.plusYears(-4));
    const place = await aPlacement(db, f.child, a.id, today.plusMonths(-6));
    const cw = await loginAs(t.app, caseworker);
    const start = today.plusMonths(1).firstOfMonth();
    const url = `/api/staff/casework/placements/${place}/transfer`;
    expect(
      (await cw.call('POST', url, { unitId: a.id, start: start.toString(), reason: 'Flytning' })).json().error,
    ).toBe('placement.same-unit');
    expect(
      (
        await (
          await loginAs(t.app, stranger)
        ).call('POST', url, { unitId: b.id, start: start.toString(), reason: 'Flytning' })
      ).statusCode,
    ).toBe(403);
    const r = await cw.call('POST', url, { unitId: b.id, start: start.toString(), reason: 'Familien er flyttet' });
    expect(r.statusCode, r.body).toBe(201);
    expect(await placesOf(f.child)).toEqual([
      { unit_id: a.id, hours_per_week: 40, valid: `[${today.plusMonths(-6)},${start})` },
      { unit_id: b.id, hours_per_week: 40, valid: `[${start},)` },
    ]);
    const [letter] = await lettersTo(f.guardian);
    expect(letter!.content).toContain('Til-huset');
    expect(letter!.content).toContain('Pladsen i Fra-huset ophører');
    expect((await logOf(f.child)).map((l) => l.action)).toEqual(['transfer']);
  });

  it('keeps § 26 a on direct enrolments and manual offers: a unit admits no vulnerable-area child first', async () => {
    const db = t.database.db;
    const code = '0851';
    const cw = await aStaffUser(db, 'caseworker', [], code);
    const admin = await loginAs(t.app, await aStaffUser(db, 'admin', [], code));
    const unit = await aUnit(db, { municipalityCode: code });
    const area = await db
      .insertInto('area')
      .values({ municipality_code: code, name: `Parken ${unit.id.slice(0, 4)}` })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    const s = await admin.call('POST', '/api/staff/settings', {
      key: 'placement.vulnerable_areas',
      value: [area.name],
      start: today.plusYears(-1).toString(),
    });
    expect(s.statusCode, s.body).toBe(201);
    const child = await aChild(db, { birthDate: today.plusYears(-4) });
    await db
      .updateTable('household')
      .set({ municipality_code: code, area_id: area.id })
      .where('id', '=', child.householdId)
      .execute();
    await aGuardianOf(db, child);
    const c = await loginAs(t.app, cw);
    const body = {
      childId: child.id,
      unitId: unit.id,
      start: today.plusDays(7).toString(),
      hoursPerWeek: 40,
      reason: 'Akut',
    };
    const refused = await c.call('POST', '/api/staff/casework/placements', body);
    expect([refused.statusCode, refused.json().error]).toEqual([409, 'placement.distribution-rule']);
    const applied = await c.call('POST', '/api/staff/casework/applications', {
      childId: child.id,
      placeKind: 'boernehave',
      neededFrom: body.start,
      wishes: [unit.id],
      reason: 'Familien ønsker plads',
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const offer = await c.call('POST', '/api/staff/offers', {
      applicationId: applied.json().id,
      unitId: unit.id,
      start: body.start,
      reason: 'Manuelt tilbud',
    });
    expect([offer.statusCode, offer.json().error]).toEqual([409, 'placement.distribution-rule']);
    // Once three children from elsewhere start there this year, the fourth may come from the area (1 of 4 ≤ 30 %).
    for (let i = 0; i < 3; i++)
      await aPlacement(db, (await aChild(db, { birthDate: today.plusYears(-4) })).id, unit.id, today.plusDays(7));
    const ok = await c.call('POST', '/api/staff/casework/placements', body);
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
