import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { aChild, aGuardianOf, aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { LocalDate } from '../../shared/index.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
});
afterAll(async () => {
  await t?.close();
});

describe(`people contract and policy (${engine})`, () => {
  it('refuses with the people codes and statuses', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const none = '00000000-0000-4000-8000-000000000000';
    const get = await cw.call('GET', `/api/staff/children/${none}`);
    expect([get.statusCode, get.json().error]).toEqual([404, 'people.child-not-found']);
    const patch = await cw.call('PATCH', `/api/staff/children/${none}`, { firstName: 'A', lastName: 'B' });
    expect([patch.statusCode, patch.json().error]).toEqual([404, 'people.child-not-found']);
    const cpr = await cw.call('POST', '/api/staff/people/search', { query: '310223-1234' });
    expect([cpr.statusCode, cpr.json().error]).toEqual([400, 'people.invalid-cpr']);
  });

  it('keeps each role to what it could do before', async () => {
    const leader = await loginAs(t.app, f.users.leader);
    expect(
      (await leader.call('PATCH', `/api/staff/children/${f.children.ida}`, { firstName: 'Ida', lastName: 'Holm' }))
        .statusCode,
    ).toBe(403);
    expect((await leader.call('GET', `/api/staff/children/${f.children.ida}`)).statusCode).toBe(200);
    const mette = await loginAs(t.app, f.users.mette);
    expect((await mette.call('POST', '/api/staff/people/search', { query: 'holm' })).statusCode).toBe(403);
    const cw = await loginAs(t.app, f.users.caseworker);
    expect((await cw.call('GET', '/api/citizen/children')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/citizen/children' })).statusCode).toBe(401);
    const renamed = await cw.call('PATCH', `/api/staff/children/${f.children.ida}`, {
      firstName: 'Ida Marie',
      lastName: 'Holm',
    });
    expect(renamed.json()).toMatchObject({ firstName: 'Ida Marie', cprMasked: '010323-XXXX' });
    const perms = async (user: string) =>
      ((await (await loginAs(t.app, user)).call('GET', '/api/auth/me')).json().permissions as string[]).filter((p) =>
        p.startsWith('people.'),
      );
    expect(await perms(f.users.mette)).toEqual(['people.insight', 'people.own-children']);
    expect(await perms(f.users.leader)).toEqual(['people.read-child', 'people.search']);
    expect(await perms(f.users.caseworker)).toEqual([
      'people.cpr-import',
      'people.read-child',
      'people.read-protected-address',
      'people.search',
      'people.update-child',
    ]);
  });

  it('answers with the contract shapes and publishes them in the OpenAPI document', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const child = (await cw.call('GET', `/api/staff/children/${f.children.ida}`)).json();
    expect(Object.keys(child).sort()).toEqual([
      'address',
      'addressProtected',
      'ageMonths',
      'birthDate',
      'cprMasked',
      'diedOn',
      'emigratedOn',
      'firstName',
      'guardians',
      'history',
      'id',
      'lastName',
      'placements',
      'sex',
      'siblings',
    ]);
    expect(Object.keys(child.placements[0]).sort()).toEqual([
      'childId',
      'end',
      'hoursPerWeek',
      'id',
      'kind',
      'start',
      'unitId',
      'unitName',
      'unitType',
    ]);
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const search = doc.paths['/api/staff/people/search'].post;
    expect(search.responses['200'].content['application/json'].schema.items.properties).toHaveProperty('cprMasked');
    expect(search.description).toContain('people.invalid-cpr');
  });
});

// Fresh data per test from the builders: each test stands alone (`vitest -t`).
describe(`people from builders (${engine})`, () => {
  it('a guardian sees their own child and nobody else’s', async () => {
    const db = t.database.db;
    const unit = await aUnit(db);
    const mine = await aChild(db, { firstName: 'Alma' });
    const theirs = await aChild(db, { firstName: 'Bo' });
    const me = await aGuardianOf(db, mine);
    await aGuardianOf(db, theirs);
    await aPlacement(db, mine.id, unit.id, LocalDate.of(2025, 8, 1));
    const client = await loginAs(t.app, me.userId);
    const children = (await client.call('GET', '/api/citizen/children')).json() as { firstName: string }[];
    expect(children.map((c) => c.firstName)).toEqual(['Alma']);
    expect((await client.call('GET', `/api/citizen/children/${theirs.id}/history`)).statusCode).toBeGreaterThanOrEqual(
      400,
    );
  });

  it('a unit leader reads a child placed in their unit, not one placed elsewhere', async () => {
    const db = t.database.db;
    const [own, other] = [await aUnit(db), await aUnit(db)];
    const here = await aChild(db);
    const there = await aChild(db);
    await aPlacement(db, here.id, own.id, LocalDate.of(2025, 1, 1));
    await aPlacement(db, there.id, other.id, LocalDate.of(2025, 1, 1));
    const leader = await loginAs(t.app, await aStaffUser(db, 'unit_leader', [own.id]));
    expect((await leader.call('GET', `/api/staff/children/${here.id}`)).statusCode).toBe(200);
    expect((await leader.call('GET', `/api/staff/children/${there.id}`)).statusCode).toBe(403);
  });
});
