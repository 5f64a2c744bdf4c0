// Issue 12 items 2 and 8: a unit sees only its own days of a child's trail, and live streams end with their session.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { createTerminal } from './terminals.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, maelToken: string, today: string, earlier: string;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  const db = t.database.db,
    now = t.clock.today();
  today = now.toString();
  earlier = now.plusDays(-10).toString();
  // Ida moved from Solsikken to Mælkebøtten five days ago.
  const moved = now.plusDays(-5).toString();
  await db
    .updateTable('placement')
    .set({ valid: `[2024-01-01,${moved})` })
    .where('child_id', '=', f.children.ida)
    .execute();
  await db
    .insertInto('placement')
    .values({ child_id: f.children.ida, unit_id: f.units.mael, kind: 'dagtilbud', valid: `[${moved},)` })
    .execute();
  // A day at Solsikken before the move, with its trail.
  const a = await db
    .insertInto('attendance')
    .values({
      child_id: f.children.ida,
      unit_id: f.units.sol,
      date: earlier,
      status: 3,
      check_in: '08:00',
      pickup_by: 'Far',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('attendance_event')
    .values({ attendance_id: a.id, kind: 'check_in', status: 3, check_in: '08:00', pickup_by: 'Far' })
    .execute();
  maelToken = (await createTerminal(db, f.units.mael, 'Hoveddør', null)).token;
});
afterAll(async () => {
  await t?.close();
});

const tap = (childId: string, payload: object = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/terminal/children/${childId}/check-in`,
    payload,
    headers: { 'x-terminal-token': maelToken },
  });

describe(`event trail of a departed child (${engine})`, () => {
  it("shows the old unit its own days only, never the child's days at the new unit", async () => {
    expect((await tap(f.children.ida, { pickupBy: 'Mormor' })).statusCode).toBe(200);
    const oldLeader = await loginAs(t.app, f.users.leader); // leader of Solsikken
    const now = await oldLeader.call(
      'GET',
      `/api/staff/units/${f.units.sol}/attendance/${f.children.ida}/${today}/events`,
    );
    expect(now.statusCode).toBe(404);
    expect(now.body).not.toContain('Mormor');
    const before = await oldLeader.call(
      'GET',
      `/api/staff/units/${f.units.sol}/attendance/${f.children.ida}/${earlier}/events`,
    );
    expect(before.statusCode).toBe(200);
    expect(before.json().map((e: any) => [e.kind, e.pickupBy])).toEqual([['check_in', 'Far']]);
    // The new unit (here read by a caseworker) sees today's trail at its own unit, not the old unit's day.
    const cw = await loginAs(t.app, f.users.caseworker);
    const atNew = (
      await cw.call('GET', `/api/staff/units/${f.units.mael}/attendance/${f.children.ida}/${today}/events`)
    ).json();
    expect(atNew.map((e: any) => [e.kind, e.pickupBy])).toEqual([['check_in', 'Mormor']]);
    expect(
      (await cw.call('GET', `/api/staff/units/${f.units.mael}/attendance/${f.children.ida}/${earlier}/events`))
        .statusCode,
    ).toBe(404);
    // A caseworker asking through the old unit for today gets nothing either.
    expect(
      (await cw.call('GET', `/api/staff/units/${f.units.sol}/attendance/${f.children.ida}/${today}/events`)).statusCode,
    ).toBe(404);
  });
});

describe(`live stream and logout (${engine})`, () => {
  it('sends nothing after the session is logged out, and ends the stream', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as any).port;
    const cw = await loginAs(t.app, f.users.caseworker);
    const got: string[] = [];
    let ended = false;
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path: `/api/staff/units/${f.units.mael}/attendance/live`,
      headers: { cookie: `spire_session=${cw.cookie}` },
    });
    await new Promise<void>((resolve, reject) => {
      req.on('response', (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          got.push(chunk);
          if (chunk.includes(': connected')) resolve();
        });
        res.on('end', () => {
          ended = true;
        });
      });
      req.on('error', reject);
      req.end();
    });
    // While logged in, a check-in arrives.
    expect((await tap(f.children.oscar, { pickupBy: 'Onkel' })).statusCode).toBe(200);
    for (let i = 0; i < 100 && !got.join('').includes('Onkel'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(got.join('')).toContain('Onkel');

    expect((await cw.call('POST', '/api/auth/logout', {})).statusCode).toBe(204);
    const admin = await loginAs(t.app, f.users.admin);
    const corrected = await admin.call(
      'PUT',
      `/api/staff/units/${f.units.mael}/attendance/${f.children.oscar}/${today}`,
      { status: 3, checkIn: '07:00', checkOut: null, pickupBy: 'Mormor', reason: 'Rettet' },
    );
    expect(corrected.statusCode).toBe(200);
    for (let i = 0; i < 50 && !ended; i++) await new Promise((r) => setTimeout(r, 20));
    req.destroy();
    expect(got.join('')).not.toContain('Mormor');
    expect(ended).toBe(true);
  });
});

// Issue 13: attendancePolicy replaced access.ts and inline role lists; the roles and unit scope must stay as they were.
describe(`attendance policy keeps the roles and unit scope (${engine})`, () => {
  it('lets each role do what it did, and refuses another unit with its own code', async () => {
    await t.database.db.updateTable('app_user').set({ demo_persona: true }).where('id', '=', f.users.hidden).execute(); // the finance user
    const [leader, cw, finance, admin, mette] = await Promise.all(
      [f.users.leader, f.users.caseworker, f.users.hidden, f.users.admin, f.users.mette].map((u) => loginAs(t.app, u)),
    );
    const unit = (u: string) => `/api/staff/units/${u}`;
    // Reading: every staff role, unit leaders only their own unit; guardians not at all.
    expect((await leader.call('GET', `${unit(f.units.sol)}/attendance`)).statusCode).toBe(200);
    expect((await finance.call('GET', `${unit(f.units.mael)}/attendance`)).statusCode).toBe(200);
    const other = await leader.call('GET', `${unit(f.units.mael)}/attendance`);
    expect([other.statusCode, other.json().error]).toEqual([403, 'attendance.not-your-unit']);
    expect((await mette.call('GET', `${unit(f.units.sol)}/attendance`)).statusCode).toBe(403);
    // Registering: the unit's own staff and administrators, not the municipality's caseworkers.
    const cwTap = await cw.call('POST', `${unit(f.units.mael)}/attendance/${f.children.oscar}/check-out`, {});
    expect([cwTap.statusCode, cwTap.json().error]).toEqual([403, 'forbidden']);
    expect(
      (await leader.call('POST', `${unit(f.units.mael)}/attendance/${f.children.oscar}/check-out`, {})).json().error,
    ).toBe('attendance.not-your-unit');
    // Terminals: the unit's leader and administrators; another unit's leader gets the leader refusal.
    expect((await leader.call('GET', `${unit(f.units.sol)}/terminals`)).statusCode).toBe(200);
    expect((await admin.call('GET', `${unit(f.units.mael)}/terminals`)).statusCode).toBe(200);
    expect((await cw.call('GET', `${unit(f.units.mael)}/terminals`)).statusCode).toBe(403);
    const foreign = await leader.call('GET', `${unit(f.units.mael)}/terminals`);
    expect([foreign.statusCode, foreign.json().error]).toEqual([403, 'attendance.leader-only']);
    // Questionnaires: created by admin, management and caseworkers; listed by every municipal role.
    expect((await finance.call('GET', '/api/staff/holiday-questionnaires')).statusCode).toBe(200);
    expect((await leader.call('GET', '/api/staff/holiday-questionnaires')).statusCode).toBe(403);
    const q = {
      municipalityCode: '0101',
      title: 'Sommer',
      question: 'Hvilke dage?',
      start: today,
      end: today,
      deadline: today,
    };
    expect((await finance.call('POST', '/api/staff/holiday-questionnaires', q)).statusCode).toBe(403);
    // The permitted actions the web asks with useCan.
    expect((await leader.call('GET', '/api/auth/me')).json().permissions).toEqual(
      expect.arrayContaining(['attendance.read', 'attendance.register', 'attendance.manage-unit']),
    );
    expect((await cw.call('GET', '/api/auth/me')).json().permissions).not.toContain('attendance.register');
  });
});
