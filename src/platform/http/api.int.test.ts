// The API end to end through Fastify's inject: access control, CSRF, audit, bad input, history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof smallFixture>>;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
});
afterAll(async () => {
  await t?.close();
});

describe(`API (${engine})`, () => {
  it('answers health and serves an OpenAPI document', async () => {
    const h = await t.app.inject({ url: '/api/health' });
    expect(h.json()).toMatchObject({ status: 'ok', today: '2026-11-23' });
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/staff/units', '/api/citizen/children', '/api/staff/people/search']),
    );
  });

  it('lists only demo personas and refuses a login as a non-persona', async () => {
    const personas = (await t.app.inject({ url: '/api/auth/personas' })).json();
    expect(personas.map((p: any) => p.id)).toContain(f.users.mette);
    expect(personas.map((p: any) => p.id)).not.toContain(f.users.hidden);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      payload: { userId: f.users.hidden },
    });
    expect(res.statusCode).toBe(401);
  });

  it('sets an httpOnly session cookie and requires the CSRF token on changes', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      payload: { userId: f.users.caseworker },
    });
    const cookie = res.cookies.find((c) => c.name === 'spire_session')!;
    expect(cookie.httpOnly).toBe(true);
    const noCsrf = await t.app.inject({
      method: 'PATCH',
      url: `/api/staff/units/${f.units.sol}`,
      payload: { name: 'X' },
      cookies: { spire_session: cookie.value },
    });
    expect(noCsrf.statusCode).toBe(403);
    const unit = (
      await t.app.inject({ url: `/api/staff/units/${f.units.sol}`, cookies: { spire_session: cookie.value } })
    ).json();
    expect(unit.name).toBe('Børnehuset Solsikken');
  });

  it('shows a guardian only their own children, and audits the read', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    const children = (await mette.call('GET', '/api/citizen/children')).json();
    expect(children.map((c: any) => c.firstName)).toEqual(['Ida']);
    expect(children[0].placements[0]).toMatchObject({
      unitName: 'Børnehuset Solsikken',
      kind: 'dagtilbud',
      start: '2024-01-01',
      end: null,
    });
    expect((await mette.call('GET', `/api/staff/children/${f.children.oscar}`)).statusCode).toBe(403);
    const log = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'child.read')
      .where('user_id', '=', f.users.mette)
      .execute();
    expect(log.at(-1)!.subject_ids).toEqual([f.children.ida]);
  });

  it('scopes unit staff to the children and units of their own units', async () => {
    const leader = await loginAs(t.app, f.users.leader);
    expect((await leader.call('GET', `/api/staff/children/${f.children.ida}`)).statusCode).toBe(200);
    expect((await leader.call('GET', `/api/staff/children/${f.children.oscar}`)).statusCode).toBe(403);
    expect((await leader.call('GET', `/api/staff/units/${f.units.mael}`)).statusCode).toBe(403);
    const units = (await leader.call('GET', '/api/staff/units')).json();
    expect(units.map((u: any) => u.name)).toEqual(['Børnehuset Solsikken']);
    const found = (await leader.call('POST', '/api/staff/people/search', { query: 'berg' })).json();
    expect(found).toEqual([]);
  });

  it('finds a child by CPR in the request body and never shows the full CPR', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const res = await cw.call('POST', '/api/staff/people/search', { query: '010323-4411' });
    expect(res.json()).toEqual([
      expect.objectContaining({
        firstName: 'Ida',
        cprMasked: '010323-XXXX',
        isChild: true,
        unitName: 'Børnehuset Solsikken',
      }),
    ]);
    expect(res.body).not.toContain('4411');
    const byName = (await cw.call('POST', '/api/staff/people/search', { query: 'holm' })).json();
    expect(byName.map((p: any) => p.firstName).sort()).toEqual(['Ida', 'Mette']);
  });

  it('edits a unit with history and rejects bad input without changing anything', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const ok = await cw.call('PATCH', `/api/staff/units/${f.units.mael}`, {
      name: 'Mælkebøtten Syd',
      phone: '98 92 00 00',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().history[0]).toMatchObject({
      op: 'U',
      actorName: 'Pladsanvisning',
      changes: expect.arrayContaining([{ field: 'name', from: 'Mælkebøtten', to: 'Mælkebøtten Syd' }]),
    });
    for (const bad of [{ name: '' }, { postalCode: '98OO' }, { email: 'not-an-email' }, { unknown: 1 }, {}]) {
      const res = await cw.call('PATCH', `/api/staff/units/${f.units.mael}`, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().message).toBeTruthy();
    }
    expect((await cw.call('GET', `/api/staff/units/${f.units.mael}`)).json().name).toBe('Mælkebøtten Syd');
    expect((await cw.call('GET', '/api/staff/units/not-a-uuid')).statusCode).toBe(400);
    expect((await cw.call('GET', '/api/staff/units/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('adds a capacity period, closing the open one, and refuses overlaps', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const add = await cw.call('POST', `/api/staff/units/${f.units.sol}/capacity`, {
      ageBand: '0-2',
      places: 15,
      start: '2027-01-01',
      end: null,
    });
    expect(add.statusCode).toBe(201);
    const cap = (await cw.call('GET', `/api/staff/units/${f.units.sol}`))
      .json()
      .capacity.filter((c: any) => c.ageBand === '0-2');
    expect(cap).toEqual([
      expect.objectContaining({ places: 12, start: '2024-01-01', end: '2026-12-31' }),
      expect.objectContaining({ places: 15, start: '2027-01-01', end: null }),
    ]);
    const overlap = await cw.call('POST', `/api/staff/units/${f.units.sol}/capacity`, {
      ageBand: '0-2',
      places: 9,
      start: '2026-06-01',
      end: '2026-07-31',
    });
    expect(overlap.statusCode).toBe(409);
    const backwards = await cw.call('POST', `/api/staff/units/${f.units.sol}/capacity`, {
      ageBand: '3-5',
      places: 9,
      start: '2026-06-01',
      end: '2026-05-01',
    });
    expect(backwards.statusCode).toBe(400);
    const finance = await t.app.inject({ url: `/api/staff/units/${f.units.sol}` });
    expect(finance.statusCode).toBe(401);
  });

  it('lets citizens browse units by age with distance from home', async () => {
    const anon = (await t.app.inject({ url: '/api/citizen/units?ageMonths=12' })).json();
    expect(anon.home).toBeNull();
    expect(anon.units.map((u: any) => u.name)).toEqual(['Børnehuset Solsikken']);
    const mette = await loginAs(t.app, f.users.mette);
    const mine = (await mette.call('GET', '/api/citizen/units?ageMonths=40')).json();
    expect(mine.units.map((u: any) => u.name)).toEqual(['Børnehuset Solsikken', 'Mælkebøtten Syd']);
    expect(mine.units[0].distanceKm).toBeLessThan(1);
    expect(mine.units[1].distanceKm).toBeGreaterThan(14);
    expect((await t.app.inject({ url: '/api/citizen/units?type=castle' })).statusCode).toBe(400);
  });

  it('lets only an administrator search the audit log and set the demo date', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    expect((await cw.call('GET', '/api/staff/audit')).statusCode).toBe(403);
    expect((await cw.call('PUT', '/api/staff/clock', { today: '2027-01-01' })).statusCode).toBe(403);
    const admin = await loginAs(t.app, f.users.admin);
    await cw.call('GET', `/api/staff/children/${f.children.ida}`);
    const byId = (await admin.call('GET', `/api/staff/audit?person=${f.children.ida}`)).json();
    expect(byId.rows.length).toBeGreaterThan(0);
    expect(byId.rows.every((r: any) => r.subjects.some((s: any) => s.id === f.children.ida))).toBe(true);
    // By name, as an administrator would search: the child's reads name the child and the caseworker who read.
    const byName = (
      await admin.call('GET', '/api/staff/audit?person=ida%20holm&user=pladsanvisning&action=child.read')
    ).json();
    expect(byName.people).toEqual([{ id: f.children.ida, name: 'Ida Holm' }]);
    expect(byName.rows[0]).toMatchObject({
      action: 'child.read',
      user: { name: 'Pladsanvisning', role: 'caseworker' },
      subjects: expect.arrayContaining([{ id: f.children.ida, name: 'Ida Holm' }]),
    });
    expect(byName.total).toBe(byName.rows.length);
    expect((await admin.call('GET', '/api/staff/audit?person=nobody%20at%20all')).json()).toMatchObject({
      rows: [],
      total: 0,
    });
    expect((await admin.call('PUT', '/api/staff/clock', { today: '2027-02-01' })).json().today).toBe('2027-02-01');
    expect((await t.app.inject({ url: '/api/health' })).json().today).toBe('2027-02-01');
    await admin.call('PUT', '/api/staff/clock', { today: '2026-11-23' });
  });

  it('gives each role its work for today on the staff home, and a family none', async () => {
    const leader = await loginAs(t.app, f.users.leader);
    const day = (await leader.call('GET', '/api/staff/work')).json() as any[];
    expect(day.find((w) => w.key === 'work.unitPlaced')).toMatchObject({
      module: 'attendance',
      count: 1,
      link: `/staff/fremmoede/${f.units.sol}`,
      params: { unit: 'Børnehuset Solsikken', present: 0 },
    });
    expect(day.some((w) => w.module === 'placement')).toBe(false);
    const cw = await loginAs(t.app, f.users.caseworker);
    const work = (await cw.call('GET', '/api/staff/work')).json() as any[];
    expect(work.map((w) => w.key)).toEqual(
      expect.arrayContaining(['work.inbox', 'work.guaranteeRisk', 'work.offersPending']),
    );
    expect(work.some((w) => w.module === 'attendance')).toBe(false);
    const mette = await loginAs(t.app, f.users.mette);
    expect((await mette.call('GET', '/api/staff/work')).statusCode).toBe(403);
  });

  it('publishes an integration contract: every operation has a summary, a tag and a success response schema', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const missing: string[] = [];
    let n = 0;
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths))
      for (const [method, op] of Object.entries<any>(ops)) {
        n++;
        const ok = Object.entries<any>(op.responses ?? {}).some(
          ([status, r]) => status.startsWith('2') && (r.content || status === '204'),
        );
        if (!ok || !op.summary || !op.tags?.length) missing.push(`${method.toUpperCase()} ${path}`);
      }
    expect(n).toBeGreaterThan(150);
    expect(missing).toEqual([]);
  });

  it('rate-limits logins', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 14; i++) {
      codes.push(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/auth/demo-login',
            payload: { userId: f.users.hidden },
            remoteAddress: '10.9.9.9',
          })
        ).statusCode,
      );
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });
});

describe(`register entries (${engine})`, () => {
  it('creates a daginstitution and a unit top-down, refuses reused numbers, and closes only an empty unit', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const d = await cw.call('POST', '/api/staff/daginstitutioner', {
      number: 'g20001',
      name: 'Dagtilbud Nord',
      ejerform: 'kommunal',
      isCluster: true,
    });
    expect(d.statusCode).toBe(201);
    const unit = await cw.call('POST', '/api/staff/units', {
      daginstitutionId: d.json().id,
      number: 'A20001',
      name: 'Spiren',
      type: 'vuggestue',
      street: 'Nørregade 2',
      postalCode: '9800',
      city: 'Hjørring',
    });
    expect(unit.statusCode).toBe(201);
    expect(unit.json()).toMatchObject({ name: 'Spiren', daginstitution: { number: 'G20001', isCluster: true } });
    const reused = await cw.call('POST', '/api/staff/units', {
      daginstitutionId: d.json().id,
      number: 'A20001',
      name: 'Kopi',
      type: 'vuggestue',
      street: 'X 1',
      postalCode: '9800',
      city: 'Hjørring',
    });
    expect(reused.statusCode).toBe(409);
    expect(
      (
        await cw.call('POST', '/api/staff/units', {
          daginstitutionId: d.json().id,
          number: 'A2',
          name: 'Kort',
          type: 'vuggestue',
          street: 'X 1',
          postalCode: '9800',
          city: 'Hjørring',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await cw.call('POST', `/api/staff/units/${unit.json().id}/close`, { closedOn: '2027-06-30' })).json().id,
    ).toBe(unit.json().id);
    const busy = await cw.call('POST', `/api/staff/units/${f.units.sol}/close`, { closedOn: '2027-06-30' });
    expect(busy.statusCode).toBe(400);
    expect(busy.json().error).toBe('registry.children-after-closing');
    const leader = await loginAs(t.app, f.users.leader);
    expect(
      (await leader.call('POST', '/api/staff/daginstitutioner', { number: 'G20002', name: 'X', ejerform: 'privat' }))
        .statusCode,
    ).toBe(403);
  });
});
