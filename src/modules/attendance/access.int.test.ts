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
  const db = t.database.db, now = t.clock.today();
  today = now.toString();
  earlier = now.plusDays(-10).toString();
  // Ida moved from Solsikken to Mælkebøtten five days ago.
  const moved = now.plusDays(-5).toString();
  await db.updateTable('placement').set({ valid: `[2024-01-01,${moved})` }).where('child_id', '=', f.children.ida).execute();
  await db.insertInto('placement').values({ child_id: f.children.ida, unit_id: f.units.mael, kind: 'dagtilbud', valid: `[${moved},)` }).execute();
  // A day at Solsikken before the move, with its trail.
  const a = await db.insertInto('attendance').values({ child_id: f.children.ida, unit_id: f.units.sol, date: earlier, status: 3, check_in: '08:00', pickup_by: 'Far' })
    .returning('id').executeTakeFirstOrThrow();
  await db.insertInto('attendance_event').values({ attendance_id: a.id, kind: 'check_in', status: 3, check_in: '08:00', pickup_by: 'Far' }).execute();
  maelToken = (await createTerminal(db, f.units.mael, 'Hoveddør', null)).token;
});
afterAll(async () => { await t?.close(); });

const tap = (childId: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: `/api/terminal/children/${childId}/check-in`, payload, headers: { 'x-terminal-token': maelToken } });

describe(`event trail of a departed child (${engine})`, () => {
  it("shows the old unit its own days only, never the child's days at the new unit", async () => {
    expect((await tap(f.children.ida, { pickupBy: 'Mormor' })).statusCode).toBe(200);
    const oldLeader = await loginAs(t.app, f.users.leader); // leader of Solsikken
    const now = await oldLeader.call('GET', `/api/staff/units/${f.units.sol}/attendance/${f.children.ida}/${today}/events`);
    expect(now.statusCode).toBe(404);
    expect(now.body).not.toContain('Mormor');
    const before = await oldLeader.call('GET', `/api/staff/units/${f.units.sol}/attendance/${f.children.ida}/${earlier}/events`);
    expect(before.statusCode).toBe(200);
    expect(before.json().map((e: any) => [e.kind, e.pickupBy])).toEqual([['check_in', 'Far']]);
    // The new unit (here read by a caseworker) sees today's trail at its own unit, not the old unit's day.
    const cw = await loginAs(t.app, f.users.caseworker);
    const atNew = (await cw.call('GET', `/api/staff/units/${f.units.mael}/attendance/${f.children.ida}/${today}/events`)).json();
    expect(atNew.map((e: any) => [e.kind, e.pickupBy])).toEqual([['check_in', 'Mormor']]);
    expect((await cw.call('GET', `/api/staff/units/${f.units.mael}/attendance/${f.children.ida}/${earlier}/events`)).statusCode).toBe(404);
    // A caseworker asking through the old unit for today gets nothing either.
    expect((await cw.call('GET', `/api/staff/units/${f.units.sol}/attendance/${f.children.ida}/${today}/events`)).statusCode).toBe(404);
  });
});

describe(`live stream and logout (${engine})`, () => {
  it('sends nothing after the session is logged out, and ends the stream', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as any).port;
    const cw = await loginAs(t.app, f.users.caseworker);
    const got: string[] = [];
    let ended = false;
    const req = httpRequest({ host: '127.0.0.1', port, path: `/api/staff/units/${f.units.mael}/attendance/live`, headers: { cookie: `spire_session=${cw.cookie}` } });
    await new Promise<void>((resolve, reject) => {
      req.on('response', (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { got.push(chunk); if (chunk.includes(': connected')) resolve(); });
        res.on('end', () => { ended = true; });
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
    const corrected = await admin.call('PUT', `/api/staff/units/${f.units.mael}/attendance/${f.children.oscar}/${today}`,
      { status: 3, checkIn: '07:00', checkOut: null, pickupBy: 'Mormor', reason: 'Rettet' });
    expect(corrected.statusCode).toBe(200);
    for (let i = 0; i < 50 && !ended; i++) await new Promise((r) => setTimeout(r, 20));
    req.destroy();
    expect(got.join('')).not.toContain('Mormor');
    expect(ended).toBe(true);
  });
});
