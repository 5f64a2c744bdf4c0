// Staff users: an administrator creates, changes and ends them; unit roles need a unit; ending a user ends its
// sessions at once; nobody logs in outside the validity period; only administrators manage users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, loginAs, type TestApp } from '../../../../test/app.js';
import { aStaffUser, aUnit } from '../../../../test/builders.js';
import { engine } from '../../../../test/db.js';
import { createAdministrator } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t?.close();
});

const today = () => t.clock.today();
const asAdmin = async () => loginAs(t.app, await aStaffUser(t.database.db, 'admin'));
const newUser = (over: Record<string, unknown> = {}) => ({
  name: `Lise Leder ${Math.random().toString(36).slice(2, 8)}`,
  email: 'lise@kommune.dk',
  role: 'unit_leader',
  unitIds: [] as string[],
  oidcSubject: null,
  start: today().toString(),
  end: null,
  ...over,
});

describe(`staff users (${engine})`, () => {
  it('an administrator creates a unit leader scoped to a unit, who then sees the unit and logs in', async () => {
    const admin = await asAdmin();
    const unit = await aUnit(t.database.db);
    const body = newUser({ unitIds: [unit.id], oidcSubject: `entra-${Math.random()}` });
    const res = await admin.call('POST', '/api/staff/users', body);
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const list = (await admin.call('GET', `/api/staff/users?q=${encodeURIComponent(body.name.slice(-6))}`)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      id,
      role: 'unit_leader',
      unitIds: [unit.id],
      start: today().toString(),
      end: null,
      active: true,
      oidcSubject: body.oidcSubject,
    });
    expect(list.items[0].createdBy).toBeTruthy();
    // A created user is a real login (demo personas only in demo mode; here we mark it to log in through the picker).
    await t.database.db.updateTable('app_user').set({ demo_persona: true }).where('id', '=', id).execute();
    const leader = await loginAs(t.app, id);
    const me = (await leader.call('GET', '/api/auth/me')).json();
    expect(me.user.unitIds).toEqual([unit.id]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where(sql<boolean>`${id} = any(subject_ids)`)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.create', 'user.list']));
  });

  it('refuses a unit role without a unit scope with its code, and creates nothing', async () => {
    const admin = await asAdmin();
    const body = newUser({ role: 'unit_staff', unitIds: [] });
    const res = await admin.call('POST', '/api/staff/users', body);
    expect([res.statusCode, res.json().error]).toEqual([400, 'users.unit-scope-required']);
    expect((await admin.call('GET', `/api/staff/users?q=${encodeURIComponent(body.name)}`)).json().total).toBe(0);
    const bad = await admin.call('POST', '/api/staff/users', newUser({ unitIds: [crypto.randomUUID()] }));
    expect([bad.statusCode, bad.json().error]).toEqual([400, 'users.unit-not-found']);
    const backwards = await admin.call(
      'POST',
      '/api/staff/users',
      newUser({ role: 'caseworker', start: '2026-05-01', end: '2026-04-01' }),
    );
    expect(backwards.json().error).toBe('users.end-before-start');
  });

  it('refuses a subject another user has', async () => {
    const admin = await asAdmin();
    const sub = `entra-${Math.random()}`;
    expect(
      (await admin.call('POST', '/api/staff/users', newUser({ role: 'finance', oidcSubject: sub }))).statusCode,
    ).toBe(201);
    const again = await admin.call('POST', '/api/staff/users', newUser({ role: 'finance', oidcSubject: sub }));
    expect([again.statusCode, again.json().error]).toEqual([409, 'users.oidc-subject-taken']);
  });

  it('changes role and unit scopes; the next request of the user sees them', async () => {
    const admin = await asAdmin();
    const [a, b] = [await aUnit(t.database.db), await aUnit(t.database.db)];
    const id = await aStaffUser(t.database.db, 'unit_staff', [a.id]);
    const user = await loginAs(t.app, id);
    const changed = await admin.call(
      'PUT',
      `/api/staff/users/${id}`,
      newUser({ role: 'unit_leader', unitIds: [b.id] }),
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ role: 'unit_leader', unitIds: [b.id] });
    const me = (await user.call('GET', '/api/auth/me')).json();
    expect(me.user).toMatchObject({ role: 'unit_leader', unitIds: [b.id] });
    const noScope = await admin.call('PUT', `/api/staff/users/${id}`, newUser({ role: 'unit_leader', unitIds: [] }));
    expect(noScope.json().error).toBe('users.unit-scope-required');
  });

  it('ending a user revokes its sessions at once and refuses its next login', async () => {
    const admin = await asAdmin();
    const id = await aStaffUser(t.database.db, 'caseworker');
    const user = await loginAs(t.app, id);
    expect((await user.call('GET', '/api/staff/users')).statusCode).toBe(403); // not an admin
    expect((await user.call('GET', '/api/auth/me')).json().user.id).toBe(id);
    const ended = await admin.call('POST', `/api/staff/users/${id}/end`, {});
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ active: false, end: today().plusDays(-1).toString() });
    expect((await user.call('GET', '/api/auth/me')).json().user).toBeNull();
    expect(await t.database.db.selectFrom('session').select('token_hash').where('user_id', '=', id).execute()).toEqual(
      [],
    );
    await expect(loginAs(t.app, id)).rejects.toThrow(/403/);
    const personas = (await t.app.inject({ url: '/api/auth/personas' })).json();
    expect(personas.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('refuses a login before the first day and after the last', async () => {
    const db = t.database.db;
    const future = await aStaffUser(db, 'consultant');
    await db
      .updateTable('app_user')
      .set({ valid: `[${today().plusDays(1)},)` })
      .where('id', '=', future)
      .execute();
    await expect(loginAs(t.app, future)).rejects.toThrow(/403/);
    const past = await aStaffUser(db, 'consultant');
    await db
      .updateTable('app_user')
      .set({ valid: `[2020-01-01,${today()})` })
      .where('id', '=', past)
      .execute();
    await expect(loginAs(t.app, past)).rejects.toThrow(/403/);
    const lastDayToday = await aStaffUser(db, 'consultant');
    await db
      .updateTable('app_user')
      .set({ valid: `[2020-01-01,${today()}]` })
      .where('id', '=', lastDayToday)
      .execute();
    expect((await (await loginAs(t.app, lastDayToday)).call('GET', '/api/auth/me')).json().user.id).toBe(lastDayToday);
  });

  it('only administrators read and manage users; an administrator cannot end or demote themselves', async () => {
    const unit = await aUnit(t.database.db);
    for (const role of ['caseworker', 'management'] as const) {
      const u = await loginAs(t.app, await aStaffUser(t.database.db, role));
      expect((await u.call('GET', '/api/staff/users')).statusCode).toBe(403);
      expect((await u.call('POST', '/api/staff/users', newUser({ unitIds: [unit.id] }))).statusCode).toBe(403);
    }
    const leader = await loginAs(t.app, await aStaffUser(t.database.db, 'unit_leader', [unit.id]));
    expect((await leader.call('POST', '/api/staff/users', newUser({ unitIds: [unit.id] }))).statusCode).toBe(403);
    const adminId = await aStaffUser(t.database.db, 'admin');
    const admin = await loginAs(t.app, adminId);
    expect((await admin.call('POST', `/api/staff/users/${adminId}/end`, {})).json().error).toBe('users.not-yourself');
    expect((await admin.call('PUT', `/api/staff/users/${adminId}`, newUser({ role: 'caseworker' }))).json().error).toBe(
      'users.not-yourself',
    );
    expect((await admin.call('GET', '/api/auth/me')).json().permissions).toEqual(
      expect.arrayContaining(['users.read', 'users.manage']),
    );
  });

  it('bootstraps the first administrator from the command line, once per subject, audited', async () => {
    const sub = `entra-first-${Math.random()}`;
    const id = await createAdministrator(t.database.db, today(), {
      name: 'Første Admin',
      oidcSubject: sub,
      email: null,
      municipalityCode: '0860',
    });
    const admin = await asAdmin();
    const found = (await admin.call('GET', '/api/staff/users?q=F%C3%B8rste%20Admin')).json().items;
    expect(found).toEqual([expect.objectContaining({ id, role: 'admin', oidcSubject: sub, active: true })]);
    await expect(
      createAdministrator(t.database.db, today(), {
        name: 'Igen',
        oidcSubject: sub,
        email: null,
        municipalityCode: '0860',
      }),
    ).rejects.toMatchObject({ code: 'users.oidc-subject-taken' });
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where(sql<boolean>`${id} = any(subject_ids)`)
      .execute();
    expect(rows.map((r) => r.action)).toContain('user.create');
  });

  it("keeps each municipality's users to its own administrators", async () => {
    const db = t.database.db;
    const adminA = await asAdmin();
    const adminB = await loginAs(t.app, await aStaffUser(db, 'admin', [], '0813'));
    const tag = `Wall${Math.random().toString(36).slice(2, 7)}`;
    const created = await adminB.call('POST', '/api/staff/users', newUser({ role: 'caseworker', name: `Bo ${tag}` }));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    // The new user belongs to the creating administrator's municipality.
    const row = await db.selectFrom('app_user').select('municipality_code').where('id', '=', id).executeTakeFirst();
    expect(row?.municipality_code).toBe('0813');
    expect((await adminB.call('GET', `/api/staff/users?q=${tag}`)).json().total).toBe(1);
    // Another municipality's administrator neither finds, changes nor ends that user.
    expect((await adminA.call('GET', `/api/staff/users?q=${tag}`)).json()).toMatchObject({ total: 0, items: [] });
    const changed = await adminA.call('PUT', `/api/staff/users/${id}`, newUser({ role: 'admin', name: `Bo ${tag}` }));
    expect([changed.statusCode, changed.json().error]).toEqual([404, 'users.not-found']);
    const ended = await adminA.call('POST', `/api/staff/users/${id}/end`, {});
    expect([ended.statusCode, ended.json().error]).toEqual([404, 'users.not-found']);
    expect((await adminB.call('GET', `/api/staff/users?q=${tag}`)).json().items[0]).toMatchObject({
      role: 'caseworker',
      active: true,
    });
    // Unit scopes are the administrator's own municipality's units.
    const unitA = await aUnit(db, { municipalityCode: '0860' });
    const scoped = await adminB.call('POST', '/api/staff/users', newUser({ unitIds: [unitA.id] }));
    expect([scoped.statusCode, scoped.json().error]).toEqual([400, 'users.unit-not-found']);
  });

  it('pages through the list by name', async () => {
    const admin = await asAdmin();
    const tag = `Paging${Math.random().toString(36).slice(2, 7)}`;
    for (const n of ['Anna', 'Bo', 'Carl'])
      await admin.call('POST', '/api/staff/users', newUser({ role: 'consultant', name: `${n} ${tag}` }));
    const p1 = (await admin.call('GET', `/api/staff/users?q=${tag}&pageSize=2`)).json();
    const p2 = (await admin.call('GET', `/api/staff/users?q=${tag}&pageSize=2&page=2`)).json();
    expect(p1.total).toBe(3);
    expect([...p1.items, ...p2.items].map((u: { name: string }) => u.name)).toEqual([
      `Anna ${tag}`,
      `Bo ${tag}`,
      `Carl ${tag}`,
    ]);
  });
});
