// What the unit's staff see and fix: who is here today, corrections with a reason inside the window, planned against
// actual per day with closing days and a CSV export, and the live stream of check-ins.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp } from '../../../test/app.js';
import type { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { attendanceFixture } from './attendance.fixture.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
let maelToken: string, tap: Awaited<ReturnType<typeof attendanceFixture>>['tap'];
beforeAll(async () => {
  ({ t, f, maelToken, tap } = await attendanceFixture({ idaCheckedInAndOut: true }));
});
afterAll(async () => {
  await t?.close();
});

describe(`staff overview and corrections (${engine})`, () => {
  it('shows per group and age who is here, and corrects with a reason inside the window', async () => {
    const leader = await loginAs(t.app, f.users.leader);
    const o = (await leader.call('GET', `/api/staff/units/${f.units.sol}/attendance`)).json();
    expect(o.totals).toMatchObject({ placed: 1, present: 0, checkedOut: 1 });
    expect(o.groups[0]).toMatchObject({ name: 'Børnehaven', byAge: [{ band: '3-5', placed: 1, present: 0 }] });
    expect(o.hours).toHaveLength(12);
    const url = `/api/staff/units/${f.units.sol}/attendance/${f.children.ida}/2026-11-20`;
    const bad = await leader.call('PUT', url, { status: 8, checkIn: '15:00', checkOut: '08:00', reason: 'Glemt' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('attendance.correction-out-before-in');
    expect(
      (await leader.call('PUT', url, { status: 8, checkIn: '08:00', checkOut: '15:00', reason: ' ' })).statusCode,
    ).toBe(400);
    const old = await leader.call('PUT', `/api/staff/units/${f.units.sol}/attendance/${f.children.ida}/2026-11-01`, {
      status: 8,
      checkIn: '08:00',
      checkOut: '15:00',
      reason: 'Glemt',
    });
    expect(old.statusCode).toBe(400);
    expect(old.json()).toMatchObject({ error: 'attendance.outside-correction-window', params: { days: 7 } });
    expect(
      (
        await leader.call('PUT', `/api/staff/units/${f.units.mael}/attendance/${f.children.oscar}/2026-11-20`, {
          status: 8,
          checkIn: '08:00',
          checkOut: '15:00',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    expect(await t.database.db.selectFrom('attendance').selectAll().where('date', '<', '2026-11-23').execute()).toEqual(
      [],
    );
    const ok = await leader.call('PUT', url, {
      status: 8,
      checkIn: '07:45',
      checkOut: '15:30',
      reason: 'Glemte at tjekke ind',
    });
    expect(ok.statusCode).toBe(200);
    const trail = (await leader.call('GET', `${url}/events`)).json();
    expect(trail).toEqual([
      expect.objectContaining({
        kind: 'correction',
        checkIn: '07:45',
        checkOut: '15:30',
        reason: 'Glemte at tjekke ind',
        by: 'Leder Solsikken',
      }),
    ]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'attendance.correct')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('gives planned against actual per day, closing days, and a CSV export', async () => {
    const leader = await loginAs(t.app, f.users.leader);
    const h = (
      await leader.call('GET', `/api/staff/units/${f.units.sol}/attendance-history?from=2026-11-20&to=2026-11-23`)
    ).json();
    expect(h).toEqual([
      { date: '2026-11-20', closed: null, placed: 1, absent: 0, planned: 1, actual: 1, difference: 0 },
      { date: '2026-11-21', closed: 'Lørdag', placed: 1, absent: 0, planned: 0, actual: 0, difference: 0 },
      { date: '2026-11-22', closed: 'Søndag', placed: 1, absent: 0, planned: 0, actual: 0, difference: 0 },
      { date: '2026-11-23', closed: null, placed: 1, absent: 0, planned: 1, actual: 1, difference: 0 },
    ]);
    expect(
      (
        await leader.call('POST', `/api/staff/units/${f.units.sol}/closing-days`, {
          date: '2026-12-28',
          name: 'Juleluk',
        })
      ).statusCode,
    ).toBe(201);
    const closing = (
      await leader.call('GET', `/api/staff/units/${f.units.sol}/closing-days?from=2026-12-20&to=2026-12-31`)
    ).json();
    expect(closing.map((c: any) => c.date)).toEqual(['2026-12-25', '2026-12-26', '2026-12-28']);
    const csv = await leader.call(
      'GET',
      `/api/staff/units/${f.units.sol}/attendance.csv?from=2026-11-16&to=2026-11-23`,
    );
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n').slice(0, 3)).toEqual([
      '\ufeffDato;Fornavn;Efternavn;Statuskode;Status;Indtjek;Udtjek;Hentes af',
      '2026-11-20;Ida;Holm;8;Gået hjem;07:45;15:30;',
      expect.stringMatching(/^2026-11-23;Ida;Holm;8;Gået hjem;\d\d:\d\d;\d\d:\d\d;Mormor$/),
    ]);
    expect(
      (await leader.call('GET', `/api/staff/units/${f.units.sol}/attendance-history?from=2026-11-23&to=2026-11-20`))
        .statusCode,
    ).toBe(400);
    expect((await leader.call('GET', `/api/staff/units/${f.units.mael}/attendance`)).statusCode).toBe(403);
    const cw = await loginAs(t.app, f.users.caseworker);
    expect((await cw.call('GET', `/api/staff/units/${f.units.mael}/attendance`)).statusCode).toBe(200);
  });

  it('pushes each check-in to the live stream within a second', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as any).port;
    const leader = await loginAs(t.app, f.users.caseworker);
    const got: any[] = [];
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path: `/api/staff/units/${f.units.mael}/attendance/live`,
      headers: { cookie: `spire_session=${leader.cookie}` },
    });
    const opened = new Promise<void>((resolve, reject) => {
      req.on('response', (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        res.setEncoding('utf8');
        let buf = '';
        res.on('data', (chunk: string) => {
          buf += chunk;
          if (buf.includes(': connected')) resolve();
          for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (data) got.push(JSON.parse(data.slice(6)));
          }
        });
      });
      req.on('error', reject);
    });
    req.end();
    await opened;
    const sent = performance.now();
    expect((await tap(maelToken, f.children.oscar, 'check-in')).statusCode).toBe(200);
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    req.destroy();
    expect(got).toEqual([
      expect.objectContaining({ childId: f.children.oscar, status: 3, kind: 'check_in', unitId: f.units.mael }),
    ]);
    expect(performance.now() - sent).toBeLessThan(1000);
    const parent = await loginAs(t.app, f.users.mette);
    expect((await parent.call('GET', `/api/staff/units/${f.units.mael}/attendance/live`)).statusCode).toBe(403);
  });
});
