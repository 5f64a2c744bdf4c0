import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
});
afterAll(async () => {
  await t?.close();
});

describe(`register contract and policy (${engine})`, () => {
  it('refuses with the register codes and statuses', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const refusal = async (method: 'GET' | 'PATCH' | 'POST', url: string, body?: unknown) => {
      const r = await cw.call(method, url, body);
      return [r.statusCode, r.json().error];
    };
    const none = '00000000-0000-4000-8000-000000000000';
    expect(await refusal('GET', `/api/staff/units/${none}`)).toEqual([404, 'registry.unit-not-found']);
    expect(await refusal('PATCH', `/api/staff/units/${none}`, { name: 'X' })).toEqual([404, 'registry.unit-not-found']);
    expect(await refusal('PATCH', `/api/staff/units/${f.units.sol}`, { email: undefined })).toEqual([
      400,
      'registry.nothing-to-change',
    ]);
    expect(
      await refusal('POST', `/api/staff/units/${none}/capacity`, {
        ageBand: '0-2',
        places: 1,
        start: '2027-01-01',
        end: null,
      }),
    ).toEqual([404, 'registry.unit-not-found']);
    expect(
      await refusal('POST', `/api/staff/units/${f.units.sol}/capacity`, {
        ageBand: '3-5',
        places: 9,
        start: '2026-06-01',
        end: '2026-05-01',
      }),
    ).toEqual([400, 'registry.end-before-start']);
    expect(
      await refusal('POST', `/api/staff/units/${f.units.sol}/capacity`, {
        ageBand: '0-2',
        places: 9,
        start: '2023-06-01',
        end: '2024-06-30',
      }),
    ).toEqual([409, 'registry.capacity-overlap']);
    expect(
      await refusal('POST', '/api/staff/units', {
        daginstitutionId: none,
        number: 'A30001',
        name: 'X',
        type: 'vuggestue',
        street: 'X 1',
        postalCode: '9800',
        city: 'Hjørring',
      }),
    ).toEqual([400, 'registry.daginstitution-not-found']);
    expect(await refusal('POST', `/api/staff/units/${none}/close`, { closedOn: '2027-06-30' })).toEqual([
      404,
      'registry.unit-not-found',
    ]);
  });

  it('keeps each role to what it could do before: unit leaders edit only their own units', async () => {
    const leader = await loginAs(t.app, f.users.leader);
    expect((await leader.call('PATCH', `/api/staff/units/${f.units.sol}`, { phone: '98 00 00 00' })).statusCode).toBe(
      200,
    );
    expect((await leader.call('PATCH', `/api/staff/units/${f.units.mael}`, { phone: '98 00 00 00' })).statusCode).toBe(
      403,
    );
    expect(
      (
        await leader.call('POST', `/api/staff/units/${f.units.sol}/capacity`, {
          ageBand: '0-2',
          places: 1,
          start: '2030-01-01',
          end: null,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await leader.call('POST', `/api/staff/units/${f.units.sol}/close`, { closedOn: '2030-01-01' })).statusCode,
    ).toBe(403);
    expect((await leader.call('GET', '/api/staff/daginstitutioner')).statusCode).toBe(200);
    const mette = await loginAs(t.app, f.users.mette);
    expect((await mette.call('GET', '/api/staff/units')).statusCode).toBe(403);
    expect((await mette.call('GET', '/api/staff/daginstitutioner')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/staff/units' })).statusCode).toBe(401);
    const perms = async (user: string) =>
      (await (await loginAs(t.app, user)).call('GET', '/api/auth/me')).json().permissions as string[];
    expect((await perms(f.users.leader)).filter((p) => p.startsWith('registry.'))).toEqual([
      'registry.read',
      'registry.update-unit',
    ]);
    expect((await perms(f.users.caseworker)).filter((p) => p.startsWith('registry.'))).toEqual([
      'registry.change-capacity',
      'registry.close-unit',
      'registry.create',
      'registry.deliveries',
      'registry.read',
      'registry.update-unit',
    ]);
    expect(await perms(f.users.mette)).not.toContain('registry.read');
  });

  it('answers with the contract shapes and publishes them in the OpenAPI document', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const unit = (await cw.call('GET', `/api/staff/units/${f.units.sol}`)).json();
    expect(Object.keys(unit).sort()).toEqual(
      [
        'alternativeAddresses',
        'areaId',
        'areaName',
        'capacity',
        'city',
        'closedOn',
        'cvr',
        'daginstitution',
        'darId',
        'instType3',
        'pNumber',
        'email',
        'enrolled',
        'ejerform',
        'history',
        'id',
        'lat',
        'lon',
        'name',
        'number',
        'openingHours',
        'phone',
        'postalCode',
        'sections',
        'street',
        'type',
      ].sort(),
    );
    expect(unit.enrolled['3-5'] ?? unit.enrolled['0-2']).toBeGreaterThan(0);
    const mette = await loginAs(t.app, f.users.mette);
    const browse = (await mette.call('GET', '/api/citizen/units')).json();
    expect(Object.keys(browse.home).sort()).toEqual([
      'city',
      'id',
      'lat',
      'lon',
      'municipalityCode',
      'postalCode',
      'street',
    ]);
    expect((await t.app.inject({ url: '/api/citizen/areas' })).json()).toEqual([
      expect.objectContaining({ id: expect.any(String), name: expect.any(String) }),
    ]);
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const close = doc.paths['/api/staff/units/{id}/close'].post;
    expect(close.responses['200'].content['application/json'].schema.properties).toHaveProperty('capacity');
    expect(close.description).toContain('registry.children-after-closing');
    expect(
      doc.paths['/api/citizen/units'].get.responses['200'].content['application/json'].schema.properties,
    ).toHaveProperty('units');
  });
});
