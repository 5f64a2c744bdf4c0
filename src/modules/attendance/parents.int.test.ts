// What a parent does in the citizen app: reporting sickness and holidays, and answering a holiday questionnaire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp } from '../../../test/app.js';
import type { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { attendanceFixture } from './attendance.fixture.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
let solToken: string, tap: Awaited<ReturnType<typeof attendanceFixture>>['tap'];
beforeAll(async () => {
  ({ t, f, solToken, tap } = await attendanceFixture({
    idaCheckedInAndOut: true,
    closingDays: [{ date: '2026-12-28', name: 'Juleluk' }],
  }));
});
afterAll(async () => {
  await t?.close();
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
