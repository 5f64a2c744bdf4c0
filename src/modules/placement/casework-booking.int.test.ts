// Booking on a family's behalf (issue 16): a caseworker books a concrete place from the child page with weekly hours
// and a reason, moves it and cancels it. Booking's own functions take the unit's load lock and re-check capacity (a
// full unit is refused as for the family), § 26 a is casework's rule inside the same transaction, the application
// the booking meets is closed (with the guarantee in the letter), and every step writes its casework row, its audit
// row and a letter to the guardians that goes by Digital Post.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loginAs, testApp, type TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { isWorkingDay, type LocalDate } from '../../shared/index.js';

let t: TestApp, today: LocalDate, caseworker: string;
beforeAll(async () => {
  t = await testApp();
  today = t.clock.today();
  caseworker = await aStaffUser(t.database.db, 'caseworker', [], '0860');
});
afterAll(async () => {
  await t?.close();
});

/** The first working day at least `days` ahead (bookings start on a day the unit is open). */
const workingDayAhead = (days: number) => {
  let d = today.plusDays(days);
  while (!isWorkingDay(d)) d = d.plusDays(1);
  return d;
};
async function family() {
  const db = t.database.db;
  const child = await aChild(db, { birthDate: today.plusYears(-4) });
  const guardian = await aGuardianOf(db, child);
  return { child: child.id, guardian: guardian.id, householdId: child.householdId };
}
const lettersTo = async (guardian: string) =>
  (
    await t.database.db
      .selectFrom('letter')
      .innerJoin('letter_recipient as r', 'r.letter_id', 'letter.id')
      .select(['letter.id', 'letter.subject', sql<string>`letter.content::text`.as('content')])
      .where('r.person_id', '=', guardian)
      .orderBy('letter.created_at')
      .execute()
  ).map((l) => ({ id: l.id, subject: l.subject, content: l.content }));
const auditOf = async (child: string, action: string) =>
  t.database.db
    .selectFrom('audit_log')
    .select(['details', 'user_id'])
    .where('action', '=', action)
    .where(sql<boolean>`${child}::uuid = any(subject_ids)`)
    .execute();

describe(`booking on a family's behalf (${engine})`, () => {
  it('books a place with hours and a reason under the capacity check; audit, casework row, letter by Digital Post', async () => {
    const db = t.database.db;
    const full = await aUnit(db, { places: { '3-5': 1 } });
    await aPlacement(db, (await aChild(db, { birthDate: today.plusYears(-4) })).id, full.id, today.plusMonths(-3));
    const unit = await aUnit(db);
    const f = await family();
    const cw = await loginAs(t.app, caseworker);
    const start = workingDayAhead(30).toString();
    // The family has applied; the booking meets the application before its garantidato.
    const applied = await cw.call('POST', '/api/staff/casework/applications', {
      childId: f.child,
      placeKind: 'boernehave',
      neededFrom: start,
      wishes: [unit.id],
      reason: 'Familien ønsker plads',
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const body = { childId: f.child, unitId: full.id, start, hoursPerWeek: 30, reason: 'Mor ringede, har ikke MitID' };

    const refused = await cw.call('POST', '/api/staff/casework/bookings', body);
    expect([refused.statusCode, refused.json().error]).toEqual([409, 'booking.no-longer-free']);
    expect((await cw.call('POST', '/api/staff/casework/bookings', { ...body, reason: '' })).statusCode).toBe(400);
    const stranger = await loginAs(t.app, await aStaffUser(db, 'caseworker', [], '0813'));
    expect((await stranger.call('POST', '/api/staff/casework/bookings', { ...body, unitId: unit.id })).statusCode).toBe(
      403,
    );
    const before = await lettersTo(f.guardian);

    const ok = await cw.call('POST', '/api/staff/casework/bookings', { ...body, unitId: unit.id });
    expect(ok.statusCode, ok.body).toBe(201);
    const booked = ok.json();
    expect(booked).toMatchObject({ unitId: unit.id, start, guarantee: true });
    const places = await db
      .selectFrom('placement')
      .select(['unit_id', 'hours_per_week', sql<string>`lower(valid)::text`.as('start')])
      .where('child_id', '=', f.child)
      .execute();
    expect(places).toEqual([{ unit_id: unit.id, hours_per_week: 30, start }]);
    const app = await db
      .selectFrom('application')
      .select('status')
      .where('id', '=', applied.json().id)
      .executeTakeFirstOrThrow();
    expect(app.status).toBe('placed');
    const [audit] = await auditOf(f.child, 'casework.book');
    expect(audit).toMatchObject({ user_id: caseworker, details: { bookingId: booked.bookingId, reason: body.reason } });
    const log = await db
      .selectFrom('casework_action')
      .select(['action', 'reason', 'details'])
      .where('child_id', '=', f.child)
      .orderBy('created_at')
      .execute();
    expect(log.map((l) => [l.action, l.reason])).toEqual([
      ['apply', 'Familien ønsker plads'],
      ['book', body.reason],
    ]);
    const letters = (await lettersTo(f.guardian)).slice(before.length);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.subject).toMatch(/^Bekræftelse: plads til .* i /);
    expect(letters[0]!.content).toContain('Kommunen har booket en plads på jeres vegne');
    expect(letters[0]!.content).toContain(body.reason);
    expect(letters[0]!.content).toContain('30 timer om ugen');
    expect(letters[0]!.content).toContain('pasningsgarantien');
    const post = await db
      .selectFrom('digital_post_message')
      .select('person_id')
      .where('letter_id', '=', letters[0]!.id)
      .execute();
    expect(post).toEqual([{ person_id: f.guardian }]);
    // A second booking for the same period is refused as for the family.
    expect((await cw.call('POST', '/api/staff/casework/bookings', { ...body, unitId: unit.id })).json().error).toBe(
      'booking.already-booked',
    );

    // The child page shows the place as a booking.
    const view = (await cw.call('GET', `/api/staff/children/${f.child}/casework`)).json();
    expect(view.places.map((p: { bookingId: string | null }) => p.bookingId)).toEqual([booked.bookingId]);
  });

  it('moves and cancels a booking on the family’s behalf, each with its audit row, casework row and letter', async () => {
    const db = t.database.db;
    const a = await aUnit(db),
      b = await aUnit(db),
      full = await aUnit(db, { places: { '3-5': 1 } });
    await aPlacement(db, (await aChild(db, { birthDate: today.plusYears(-4) })).id, full.id, today.plusMonths(-3));
    const f = await family();
    const cw = await loginAs(t.app, caseworker);
    const start = workingDayAhead(40).toString(),
      later = workingDayAhead(60).toString();
    const booked = await cw.call('POST', '/api/staff/casework/bookings', {
      childId: f.child,
      unitId: a.id,
      start,
      hoursPerWeek: 40,
      reason: 'Far har ringet',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const id = booked.json().bookingId as string;

    const noRoom = await cw.call('POST', `/api/staff/casework/bookings/${id}/move`, {
      unitId: full.id,
      start: later,
      reason: 'Familien flytter',
    });
    expect([noRoom.statusCode, noRoom.json().error]).toEqual([409, 'booking.no-longer-free']);
    const moved = await cw.call('POST', `/api/staff/casework/bookings/${id}/move`, {
      unitId: b.id,
      start: later,
      hoursPerWeek: 25,
      reason: 'Familien flytter',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ bookingId: id, unitId: b.id, start: later });
    const place = await db
      .selectFrom('placement')
      .select(['unit_id', 'hours_per_week'])
      .where('child_id', '=', f.child)
      .executeTakeFirstOrThrow();
    expect(place).toEqual({ unit_id: b.id, hours_per_week: 25 });

    expect((await cw.call('POST', `/api/staff/casework/bookings/${id}/cancel`, { reason: 'x' })).statusCode).toBe(400);
    const cancelled = await cw.call('POST', `/api/staff/casework/bookings/${id}/cancel`, {
      reason: 'Familien har fået plads privat',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await db.selectFrom('placement').select('id').where('child_id', '=', f.child).execute()).toEqual([]);
    expect((await cw.call('POST', `/api/staff/casework/bookings/${id}/cancel`, { reason: 'Igen' })).json().error).toBe(
      'booking.already-cancelled',
    );

    expect((await auditOf(f.child, 'casework.move-booking')).length).toBe(1);
    expect((await auditOf(f.child, 'casework.cancel-booking')).length).toBe(1);
    const log = await db
      .selectFrom('casework_action')
      .select('action')
      .where('child_id', '=', f.child)
      .orderBy('created_at')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['book', 'move-booking', 'cancel-booking']);
    const letters = await lettersTo(f.guardian);
    expect(letters.map((l) => l.subject.split(':')[0])).toEqual(['Bekræftelse', 'Booking flyttet', 'Booking afmeldt']);
    expect(letters[1]!.content).toContain('Kommunen har flyttet bookingen på jeres vegne');
    expect(letters[2]!.content).toContain('Familien har fået plads privat');
  });

  it('refuses a booking § 26 a refuses, inside the booking', async () => {
    const db = t.database.db;
    const code = '0813';
    const cwUser = await aStaffUser(db, 'caseworker', [], code);
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
    const c = await loginAs(t.app, cwUser);
    const refused = await c.call('POST', '/api/staff/casework/bookings', {
      childId: child.id,
      unitId: unit.id,
      start: workingDayAhead(30).toString(),
      hoursPerWeek: 40,
      reason: 'Akut',
    });
    expect([refused.statusCode, refused.json().error]).toEqual([409, 'placement.distribution-rule']);
    expect(await db.selectFrom('placement').select('id').where('child_id', '=', child.id).execute()).toEqual([]);
    expect(await db.selectFrom('booking').select('id').where('child_id', '=', child.id).execute()).toEqual([]);
  });
});
