// Employees: a unit's staff on a date with full-time equivalents; unit leaders manage their own unit only; a child in
// dagpleje is placed with a dagplejer of that unit (checked by the service and by the database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { aChild, aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { employeesOn } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t?.close();
});

const today = () => t.clock.today();
const person = (over: Record<string, unknown> = {}) => ({
  firstName: 'Karin',
  lastName: 'Holm',
  jobType: 'paedagog',
  weekly: { hours: 37, minutes: 0 },
  start: today().plusMonths(-6).toString(),
  end: null,
  ...over,
});

describe(`employees (${engine})`, () => {
  it('adds, lists with the full-time sum, changes hours and ends employees', async () => {
    const unit = await aUnit(t.database.db);
    const cw = await loginAs(t.app, await aStaffUser(t.database.db, 'caseworker'));
    const url = `/api/staff/units/${unit.id}/employees`;
    const leader = await cw.call('POST', url, person({ jobType: 'leder' }));
    expect(leader.statusCode).toBe(201);
    const half = (
      await cw.call('POST', url, person({ jobType: 'medhjaelper', weekly: { hours: 18, minutes: 30 } }))
    ).json().id;
    const list = (await cw.call('GET', url)).json();
    expect(list.employees.map((e: { jobType: string; weeklyMinutes: number }) => [e.jobType, e.weeklyMinutes])).toEqual(
      [
        ['leder', 2220],
        ['medhjaelper', 1110],
      ],
    );
    expect(list.fte).toBe(1.5);
    expect(
      (await cw.call('PATCH', `/api/staff/employees/${half}`, { weekly: { hours: 37, minutes: 0 } })).json(),
    ).toMatchObject({ weeklyMinutes: 2220 });
    expect((await cw.call('GET', url)).json().fte).toBe(2);
    const ended = await cw.call('POST', `/api/staff/employees/${half}/end`, { lastDay: today().toString() });
    expect(ended.json()).toMatchObject({ end: today().toString() });
    expect((await cw.call('GET', url)).json().fte).toBe(2);
    expect((await cw.call('GET', `${url}?date=${today().plusDays(1)}`)).json()).toMatchObject({ fte: 1 });
    const onDate = await employeesOn(t.database.db, [unit.id], today().plusDays(1));
    expect(onDate).toEqual([{ id: leader.json().id, unitId: unit.id, jobType: 'leder', weeklyMinutes: 2220 }]);
    // a future start does not count yet
    await cw.call('POST', url, person({ start: today().plusDays(10).toString() }));
    expect((await cw.call('GET', url)).json().employees).toHaveLength(2);
  });

  it('refuses bad hours, an end before the start and a dagplejer outside dagpleje, with codes', async () => {
    const unit = await aUnit(t.database.db);
    const cw = await loginAs(t.app, await aStaffUser(t.database.db, 'caseworker'));
    const url = `/api/staff/units/${unit.id}/employees`;
    const cases: [Record<string, unknown>, string][] = [
      [{ weekly: { hours: 0, minutes: 0 } }, 'employees.hours-out-of-range'],
      [{ weekly: { hours: 48, minutes: 30 } }, 'employees.hours-out-of-range'],
      [{ start: '2026-05-01', end: '2026-04-30' }, 'employees.end-before-start'],
      [{ jobType: 'dagplejer' }, 'employees.dagplejer-only-in-dagpleje'],
      [{ userId: crypto.randomUUID() }, 'employees.user-not-found'],
    ];
    for (const [over, code] of cases) {
      const res = await cw.call('POST', url, person(over));
      expect([res.statusCode, res.json().error]).toEqual([400, code]);
    }
    expect((await cw.call('GET', url)).json().employees).toEqual([]);
  });

  it('a unit leader manages their own unit only; unit staff do not see hours', async () => {
    const [own, other] = [await aUnit(t.database.db), await aUnit(t.database.db)];
    const leader = await loginAs(t.app, await aStaffUser(t.database.db, 'unit_leader', [own.id]));
    expect((await leader.call('POST', `/api/staff/units/${own.id}/employees`, person())).statusCode).toBe(201);
    expect((await leader.call('POST', `/api/staff/units/${other.id}/employees`, person())).statusCode).toBe(403);
    expect((await leader.call('GET', `/api/staff/units/${other.id}/employees`)).statusCode).toBe(403);
    const cw = await loginAs(t.app, await aStaffUser(t.database.db, 'caseworker'));
    const theirs = (await cw.call('POST', `/api/staff/units/${other.id}/employees`, person())).json().id;
    expect(
      (await leader.call('PATCH', `/api/staff/employees/${theirs}`, { weekly: { hours: 1, minutes: 0 } })).statusCode,
    ).toBe(403);
    const staff = await loginAs(t.app, await aStaffUser(t.database.db, 'unit_staff', [own.id]));
    expect((await staff.call('GET', `/api/staff/units/${own.id}/employees`)).statusCode).toBe(403);
  });

  it('places a child in dagpleje with a dagplejer of that unit, never of another', async () => {
    const db = t.database.db;
    const [dagpleje, other] = [
      await aUnit(db, { type: 'dagpleje', places: { '0-2': 8 } }),
      await aUnit(db, { type: 'dagpleje', places: { '0-2': 8 } }),
    ];
    const cw = await loginAs(t.app, await aStaffUser(db, 'caseworker'));
    const add = async (unitId: string, jobType = 'dagplejer') =>
      (await cw.call('POST', `/api/staff/units/${unitId}/employees`, person({ jobType, firstName: 'Dorte' }))).json()
        .id;
    const dorte = await add(dagpleje.id),
      foreign = await add(other.id),
      leader = await add(dagpleje.id, 'leder');
    const child = await aChild(db);
    const placementId = await aPlacement(db, child.id, dagpleje.id, today().plusMonths(-1));
    const set = (employeeId: string | null) =>
      cw.call('PUT', `/api/staff/placements/${placementId}/dagplejer`, { employeeId });
    expect((await set(dorte)).json()).toEqual({ placementId, dagplejerId: dorte });
    for (const wrong of [foreign, leader])
      expect((await set(wrong)).json().error).toBe('employees.not-a-dagplejer-of-unit');
    const children = (await cw.call('GET', `/api/staff/units/${dagpleje.id}/dagpleje-children`)).json();
    expect(children).toEqual([expect.objectContaining({ placementId, childId: child.id, dagplejerId: dorte })]);
    // The database refuses it too, whoever writes.
    await expect(
      db.updateTable('placement').set({ dagplejer_id: foreign }).where('id', '=', placementId).execute(),
    ).rejects.toThrow(/dagplejer/);
    const leaderOfUnit = await loginAs(t.app, await aStaffUser(db, 'unit_leader', [dagpleje.id]));
    expect(
      (await leaderOfUnit.call('PUT', `/api/staff/placements/${placementId}/dagplejer`, { employeeId: null }))
        .statusCode,
    ).toBe(403);
    expect((await set(null)).json().dagplejerId).toBeNull();
  });
});
