// A new installation without the demo: the first administrator (as `spire admin create` makes it) logs in through the
// local development identity provider, which is off unless switched on, and loads the municipality's families from
// the CPR stand-in in batches (a repeat changes nothing).
import { cprLike } from '../../../test/cpr.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.js';
import { AppClock } from '../clock.js';
import { openTestDatabase } from '../../../test/db.js';
import type { Database } from '../db/database.js';
import { LocalDate } from '../../shared/index.js';
import { MODULES } from '../../modules.js';
import { createAdministrator } from './users/index.js';
import { ensureMunicipality } from '../../modules/registry/index.js';
import { LocalCprRegister } from '../../modules/people/cpr/index.js';

let d: Database, clock: AppClock;
const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
const today = LocalDate.of(2026, 11, 23);

// One database for the file (a fresh PGlite migration per test would be most of the run time).
beforeAll(async () => {
  d = await openTestDatabase();
  clock = new AppClock();
  await clock.setToday(d.db, today);
  await ensureMunicipality(d.db, '0860');
  await createAdministrator(d.db, today, {
    name: 'Sofie Lund',
    oidcSubject: 'sofie@hjoerring',
    email: null,
    municipalityCode: '0860',
  });
});
afterAll(async () => {
  for (const a of apps.splice(0)) await a.close();
  await d.close();
});

async function app(localIdp: boolean) {
  const a = await buildApp({ modules: MODULES, database: d, clock, demo: false, localIdp });
  apps.push(a);
  return a;
}

async function localLogin(a: Awaited<ReturnType<typeof app>>, subject: string) {
  return a.inject({
    method: 'POST',
    url: '/api/auth/local-login',
    payload: { subject },
    remoteAddress: `10.1.0.${Math.floor(Math.random() * 250)}`,
  });
}

describe('the local development identity provider', () => {
  it('is off unless the installation switches it on, and says which logins exist', async () => {
    const off = await app(false);
    expect((await localLogin(off, 'sofie@hjoerring')).statusCode).toBe(404);
    expect((await off.inject({ url: '/api/auth/me' })).json().login).toEqual({ oidc: false, localIdp: false });
    const on = await app(true);
    expect((await on.inject({ url: '/api/auth/me' })).json().login).toEqual({ oidc: false, localIdp: true });
    expect((await on.inject({ url: '/api/auth/personas' })).statusCode).toBe(404);
  });

  it('logs in a user by its OIDC subject and refuses an unknown subject', async () => {
    const a = await app(true);
    expect((await localLogin(a, 'nobody')).statusCode).toBe(403);
    const res = await localLogin(a, 'sofie@hjoerring');
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: 'Sofie Lund', role: 'admin', municipality: { code: '0860' } });
    const login = await d.db.selectFrom('audit_log').select('subject_ids').where('action', '=', 'auth.login').execute();
    expect(login.map((l) => l.subject_ids)).toEqual([[res.json().user.id]]);
  });
});

describe('the CPR initial load', () => {
  it("brings the municipality's children and custody holders in, and a repeat changes nothing", async () => {
    const a = await app(true);
    const res = await localLogin(a, 'sofie@hjoerring');
    const session = res.cookies.find((c) => c.name === 'spire_session')!.value;
    const csrf = res.json().csrfToken as string;
    const load = (offset: number) =>
      a.inject({
        method: 'POST',
        url: '/api/staff/cpr/initial-load',
        payload: { offset },
        cookies: { spire_session: session },
        headers: { 'x-csrf-token': csrf },
      });
    const expected = await new LocalCprRegister().initialLoad('0860', today);
    expect(expected.length).toBeGreaterThan(0);
    const first = await load(0);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ total: expected.length, done: expected.length, next: null });
    expect(first.json().created).toBeGreaterThan(expected.length);
    const children = await d.db.selectFrom('person').select('cpr').where('cpr', 'in', expected).execute();
    expect(children).toHaveLength(expected.length);
    const custody = await d.db.selectFrom('custody').select('child_id').execute();
    expect(custody.length).toBeGreaterThanOrEqual(expected.length);
    const audited = await d.db.selectFrom('audit_log').select('details').where('action', '=', 'cpr.import').execute();
    expect(audited).toHaveLength(1);
    expect(cprLike(JSON.stringify(audited[0]!.details))).toEqual([]);

    const again = await load(0);
    expect(again.json()).toMatchObject({ total: expected.length, created: 0, changes: 0 });
    // Beyond the end: nothing more to do.
    expect((await load(expected.length)).json()).toMatchObject({ done: expected.length, next: null, created: 0 });
  });
});
