import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { createTerminal } from './terminals.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
let solToken: string, maelToken: string;
beforeAll(async () => {
  t = await testApp(); // today: Monday 2026-11-23
  f = await smallFixture(t.database);
  await t.database.db
    .insertInto('unit_section')
    .values([
      { unit_id: f.units.sol, name: 'Vuggestuen', min_age_months: 0, max_age_months: 36 },
      { unit_id: f.units.sol, name: 'Børnehaven', min_age_months: 36, max_age_months: 72 },
    ])
    .execute();
  solToken = (await createTerminal(t.database.db, f.units.sol, 'Indgang', null)).token;
  maelToken = (await createTerminal(t.database.db, f.units.mael, 'Hoveddør', null)).token;
});
afterAll(async () => {
  await t?.close();
});

const tap = (token: string, childId: string, action: string, payload: object = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/terminal/children/${childId}/${action}`,
    payload,
    headers: { 'x-terminal-token': token },
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

describe(`concurrent taps (${engine})`, () => {
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

describe(`parents (${engine})`, () => {
  it('reports sickness for today, which the unit sees at once, and refuses bad periods', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    await t.clock.setToday(t.database.db, (await import('../../shared/index.js')).LocalDate.of(2026, 11, 24));
    const sick = await mette.call('POST', `/api/citizen/attendance/children/${f.children.ida}/absences`, {
      type: 'sick',
      start: '2026-11-24',
      end: '2026-11-24',
    });
    expect(sick.statusCode).toBe(201);
    const leader = await loginAs(t.app, f.users.leader);
    const o = (await leader.call('GET', `/api/staff/units/${f.units.sol}/attendance`)).json();
    expect(o.groups[0].children[0]).toMatchObject({ status: 1, absence: 'sick' });
    expect(o.totals.sick).toBe(1);
    const before = await t.database.db.selectFrom('absence').selectAll().execute();
    const past = await mette.call('POST', `/api/citizen/attendance/children/${f.children.ida}/absences`, {
      type: 'holiday',
      start: '2026-11-01',
      end: '2026-11-05',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ error: 'attendance.absence-too-old', params: { days: 7 } });
    expect(
      (
        await mette.call('POST', `/api/citizen/attendance/children/${f.children.ida}/absences`, {
          type: 'holiday',
          start: '2026-12-10',
          end: '2026-12-01',
        })
      ).statusCode,
    ).toBe(400);
    const overlap = await mette.call('POST', `/api/citizen/attendance/children/${f.children.ida}/absences`, {
      type: 'day_off',
      start: '2026-11-24',
      end: '2026-11-25',
    });
    expect(overlap.statusCode).toBe(409);
    expect(
      (
        await mette.call('POST', `/api/citizen/attendance/children/${f.children.oscar}/absences`, {
          type: 'sick',
          start: '2026-11-24',
          end: '2026-11-24',
        })
      ).statusCode,
    ).toBe(403);
    expect(await t.database.db.selectFrom('absence').selectAll().execute()).toEqual(before);
    const mine = (await mette.call('GET', `/api/citizen/attendance/children/${f.children.ida}`)).json();
    expect(mine.absences).toEqual([
      expect.objectContaining({ type: 'sick', start: '2026-11-24', end: '2026-11-24', cancellable: false }),
    ]);
    expect(mine.registrations[0]).toMatchObject({ date: '2026-11-23', status: 8, pickupBy: 'Mormor' });
    const holiday = await mette.call('POST', `/api/citizen/attendance/children/${f.children.ida}/absences`, {
      type: 'holiday',
      start: '2026-12-14',
      end: '2026-12-18',
    });
    expect(
      (await mette.call('POST', `/api/citizen/attendance/absences/${holiday.json().id}/cancel`, {})).statusCode,
    ).toBe(200);
    expect((await mette.call('GET', `/api/citizen/attendance/children/${f.children.oscar}`)).statusCode).toBe(403);
  });

  it('shows a child reported sick after check-in as sick, sent home, counted as sick, with the check-in kept', async () => {
    const { LocalDate } = await import('../../shared/index.js');
    await t.clock.setToday(t.database.db, LocalDate.of(2026, 11, 25));
    const ci = await tap(solToken, f.children.ida, 'check-in');
    expect(ci.statusCode).toBe(200);
    const leader = await loginAs(t.app, f.users.leader);
    const overview = async () => (await leader.call('GET', `/api/staff/units/${f.units.sol}/attendance`)).json();
    expect((await overview()).totals).toMatchObject({ present: 1, sick: 0 });
    const mette = await loginAs(t.app, f.users.mette);
    const sick = await mette.call('POST', `/api/citizen/attendance/children/${f.children.ida}/absences`, {
      type: 'sick',
      start: '2026-11-25',
      end: '2026-11-26',
    });
    expect(sick.statusCode).toBe(201);
    const o = await overview();
    expect(o.totals).toMatchObject({ present: 0, sick: 1 });
    const ida = o.groups[0].children[0];
    expect(ida).toMatchObject({ status: 1, absence: 'sick', checkIn: ci.json().checkIn });
    expect(ida.checkOut).toMatch(/^\d\d:\d\d$/);
    const events = (
      await leader.call('GET', `/api/staff/units/${f.units.sol}/attendance/${f.children.ida}/2026-11-25/events`)
    ).json();
    expect(events.map((e: any) => [e.kind, e.status, e.checkIn])).toEqual([
      ['check_in', 3, ci.json().checkIn],
      ['status', 1, ci.json().checkIn],
    ]);
    expect(events[1].reason).toMatch(/sendt hjem/);
    // The terminal shows it too, and a staff correction of the day keeps check-in and check-out.
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/terminal/children', headers: { 'x-terminal-token': solToken } })
    ).json();
    expect(list.groups[0].children[0]).toMatchObject({ id: f.children.ida, status: 1 });
    const fix = await leader.call('PUT', `/api/staff/units/${f.units.sol}/attendance/${f.children.ida}/2026-11-25`, {
      status: 1,
      checkIn: '08:00',
      checkOut: '10:00',
      reason: 'Sendt hjem syg kl. 10',
    });
    expect(fix.statusCode).toBe(200);
  });

  it('answers a holiday questionnaire; the unit sees the children expected per day', async () => {
    const admin = await loginAs(t.app, f.users.admin);
    const q = await admin.call('POST', '/api/staff/holiday-questionnaires', {
      municipalityCode: '0860',
      title: 'Jul 2026',
      question: 'Hvilke dage har I brug for pasning?',
      start: '2026-12-23',
      end: '2026-12-30',
      deadline: '2026-12-10',
    });
    expect(q.statusCode).toBe(201);
    const mette = await loginAs(t.app, f.users.mette);
    const list = (await mette.call('GET', '/api/citizen/holiday-questionnaires')).json();
    // Only the days Solsikken is open: not 25–26 December (public holidays), the weekend, or its closing day 28 December.
    expect(list).toEqual([
      expect.objectContaining({
        id: q.json().id,
        open: true,
        children: [
          expect.objectContaining({
            childId: f.children.ida,
            firstName: 'Ida',
            answers: [],
            days: ['2026-12-23', '2026-12-24', '2026-12-29', '2026-12-30'],
          }),
        ],
      }),
    ]);
    const answer = (days: object[], childId = f.children.ida) =>
      mette.call('PUT', `/api/citizen/holiday-questionnaires/${q.json().id}/answers`, { childId, days });
    expect((await answer([{ date: '2026-12-31', needsCare: true }])).statusCode).toBe(400);
    expect((await answer([{ date: '2026-12-29', needsCare: true }], f.children.oscar)).statusCode).toBe(403);
    for (const closed of ['2026-12-25', '2026-12-27', '2026-12-28']) {
      const r = await answer([{ date: closed, needsCare: true }]);
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toBe('attendance.unit-closed-on-day');
    }
    expect(
      (
        await answer([
          { date: '2026-12-23', needsCare: true },
          { date: '2026-12-24', needsCare: false },
          { date: '2026-12-29', needsCare: false },
          { date: '2026-12-30', needsCare: true },
        ])
      ).statusCode,
    ).toBe(200);
    const leader = await loginAs(t.app, f.users.leader);
    const seen = (await leader.call('GET', `/api/staff/units/${f.units.sol}/holiday-questionnaires`)).json();
    expect(seen[0].days).toEqual([
      { day: '2026-12-23', placed: 1, answered: 1, expected: 1 },
      { day: '2026-12-24', placed: 1, answered: 1, expected: 0 },
      { day: '2026-12-29', placed: 1, answered: 1, expected: 0 },
      { day: '2026-12-30', placed: 1, answered: 1, expected: 1 },
    ]);
    await t.clock.setToday(t.database.db, (await import('../../shared/index.js')).LocalDate.of(2026, 12, 11));
    const late = await answer([{ date: '2026-12-29', needsCare: false }]);
    expect(late.statusCode).toBe(400);
    expect(late.json().error).toBe('attendance.deadline-passed');
    expect(
      (
        await mette.call('POST', '/api/staff/holiday-questionnaires', {
          municipalityCode: '0860',
          title: 'x',
          question: 'y',
          start: '2027-01-01',
          end: '2027-01-02',
          deadline: '2026-12-20',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe(`demo attendance (${engine})`, () => {
  it('gives the demo unit leader a working terminal, past registrations and a Christmas questionnaire', async () => {
    const { seedAttendance, demoTerminalToken } = await import('../../demo/seed-attendance.js');
    const { LocalDate } = await import('../../shared/index.js');
    await t.clock.setToday(t.database.db, LocalDate.of(2026, 12, 7));
    await seedAttendance(t.database, LocalDate.of(2026, 12, 7), '0860');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/terminal/children',
      headers: { 'x-terminal-token': demoTerminalToken('A10001') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().unit.name).toBe('Børnehuset Solsikken');
    const past = await t.database.db
      .selectFrom('attendance')
      .select(['date', 'check_in', 'check_out'])
      .where('unit_id', '=', f.units.sol)
      .where('date', '>=', '2026-11-24')
      .where('date', '<', '2026-12-07')
      .execute();
    // Nine in ten child-days, chosen by a hash of the (random) child id: how many varies, that there are some does not.
    expect(past.length).toBeGreaterThan(0);
    expect(past.every((r) => r.check_in! < r.check_out! && LocalDate.parse(r.date).dayOfWeek < 6)).toBe(true);
    const q = await t.database.db
      .selectFrom('holiday_questionnaire')
      .select(['title', 'deadline'])
      .where('title', '=', 'Jul 2026: fælles pasning')
      .execute();
    expect(q).toEqual([{ title: 'Jul 2026: fælles pasning', deadline: '2026-12-08' }]);
  });
});
