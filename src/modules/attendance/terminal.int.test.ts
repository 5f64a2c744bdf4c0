// The entrance terminal: one tap to check in or out, refusals that change nothing, terminals only the leader manages,
// and simultaneous taps on the same child.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp } from '../../../test/app.js';
import type { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { attendanceFixture } from './attendance.fixture.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
let solToken: string, maelToken: string, tap: Awaited<ReturnType<typeof attendanceFixture>>['tap'];
beforeAll(async () => {
  ({ t, f, solToken, maelToken, tap } = await attendanceFixture());
});
afterAll(async () => {
  await t?.close();
});

const rowsOf = (childId: string) =>
  t.database.db.selectFrom('attendance').selectAll().where('child_id', '=', childId).execute();

describe(`attendance terminal (${engine})`, () => {
  it("lists the unit's children by group and checks in and out with one tap each, keeping a trail", async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/terminal/children',
      headers: { 'x-terminal-token': solToken },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().groups).toEqual([
      { name: 'Børnehaven', children: [expect.objectContaining({ id: f.children.ida, initials: 'IH', status: 0 })] },
    ]);
    const ci = await tap(solToken, f.children.ida, 'check-in', { pickupBy: 'Mormor' });
    expect(ci.statusCode).toBe(200);
    expect(ci.json()).toMatchObject({ status: 3, pickupBy: 'Mormor', checkOut: null });
    expect(ci.json().checkIn).toMatch(/^\d\d:\d\d$/);
    expect((await tap(solToken, f.children.ida, 'check-in')).statusCode).toBe(409);
    expect((await tap(solToken, f.children.ida, 'status', { status: 5 })).json().status).toBe(5);
    expect((await tap(solToken, f.children.ida, 'check-out')).json().status).toBe(8);
    const leader = await loginAs(t.app, f.users.leader);
    const events = (
      await leader.call('GET', `/api/staff/units/${f.units.sol}/attendance/${f.children.ida}/2026-11-23/events`)
    ).json();
    expect(events.map((e: any) => [e.kind, e.status, e.by])).toEqual([
      ['check_in', 3, 'Terminal: Indgang'],
      ['status', 5, 'Terminal: Indgang'],
      ['check_out', 8, 'Terminal: Indgang'],
    ]);
  });

  it('refuses bad taps with a clear 4xx and changes nothing', async () => {
    // A terminal of one unit touching another unit's child.
    const other = await tap(solToken, f.children.oscar, 'check-in');
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toBe('attendance.enrolled-elsewhere');
    // A person not enrolled anywhere.
    const none = await tap(solToken, f.guardians.mette, 'check-in');
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toBe('attendance.not-enrolled');
    // A check-out before the check-in.
    const early = await tap(maelToken, f.children.oscar, 'check-out');
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe('attendance.not-checked-in');
    expect(await rowsOf(f.children.oscar)).toEqual([]);
    // No token, a made-up token, a revoked terminal.
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/terminal/children/${f.children.ida}/check-in`, payload: {} }))
        .statusCode,
    ).toBe(401);
    expect((await tap('x'.repeat(32), f.children.ida, 'check-in')).statusCode).toBe(401);
    const leader = await loginAs(t.app, f.users.leader);
    const made = await leader.call('POST', `/api/staff/units/${f.units.sol}/terminals`, { name: 'Gammel tablet' });
    expect(made.statusCode).toBe(201);
    const list = () =>
      t.app.inject({
        method: 'GET',
        url: '/api/terminal/children',
        headers: { 'x-terminal-token': made.json().token },
      });
    expect((await list()).statusCode).toBe(200);
    expect(
      (await leader.call('POST', `/api/staff/units/${f.units.sol}/terminals/${made.json().id}/revoke`, {})).statusCode,
    ).toBe(200);
    expect((await list()).statusCode).toBe(401);
    expect((await tap(made.json().token, f.children.ida, 'check-in')).statusCode).toBe(401);
    // Bad status code.
    expect((await tap(solToken, f.children.ida, 'status', { status: 9 })).statusCode).toBe(400);
    expect((await rowsOf(f.children.ida))[0]!.status).toBe(8);
  });

  it('lets only the unit leader manage terminals, and never shows the token again', async () => {
    const leader = await loginAs(t.app, f.users.leader);
    const list = (await leader.call('GET', `/api/staff/units/${f.units.sol}/terminals`)).json();
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(list)).not.toMatch(/token/);
    expect((await leader.call('POST', `/api/staff/units/${f.units.mael}/terminals`, { name: 'X' })).statusCode).toBe(
      403,
    );
    const cw = await loginAs(t.app, f.users.caseworker);
    expect((await cw.call('POST', `/api/staff/units/${f.units.sol}/terminals`, { name: 'X' })).statusCode).toBe(403);
    const parent = await loginAs(t.app, f.users.mette);
    expect((await parent.call('GET', `/api/staff/units/${f.units.sol}/terminals`)).statusCode).toBe(403);
  });
});

describe(`concurrent taps (${engine})`, () => {
  beforeAll(async () => {
    // Oscar is in at Mælkebøtten.
    const res = await tap(maelToken, f.children.oscar, 'check-in');
    if (res.statusCode !== 200) throw new Error(`check-in failed: ${res.statusCode} ${res.body}`);
  });
  it('applies one of five simultaneous check-outs of the same child and refuses the rest', async () => {
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => tap(maelToken, f.children.oscar, 'check-out')));
    expect(answers.map((a) => a.statusCode).sort((a, b) => a - b)).toEqual([200, 409, 409, 409, 409]);
    const events = await t.database.db
      .selectFrom('attendance_event as e')
      .innerJoin('attendance as a', 'a.id', 'e.attendance_id')
      .select('e.kind')
      .where('a.child_id', '=', f.children.oscar)
      .orderBy('e.id')
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['check_in', 'check_out']);
  });
});
