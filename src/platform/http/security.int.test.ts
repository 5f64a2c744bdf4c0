// Security at the HTTP edge (issue 12): CSRF and content type on the matched route, proxies trusted only when
// configured, one input policy (control characters, depth, UTF-8, plausible dates), headers and cookies, demo mode.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { buildApp } from './app.js';
import { createTerminal } from '../../modules/attendance/terminals.js';
import { demoTerminalToken } from '../../demo/seed-attendance.js';
import { demoModeFromEnv, DemoUsersPresentError, leaveDemoMode } from '../../demo/mode.js';
import { AppClock } from '../clock.js';
import { MODULES } from '../../modules.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof smallFixture>>;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
});
afterAll(async () => {
  await t?.close();
});

describe(`CSRF and content type (${engine})`, () => {
  it('checks CSRF on a percent-encoded API path too', async () => {
    const admin = await loginAs(t.app, f.users.admin);
    for (const url of ['/%61pi/staff/clock', '/api/staff/%63lock', '/api/staff/clock']) {
      const res = await t.app.inject({
        method: 'PUT',
        url,
        payload: { today: '2027-01-01' },
        cookies: { spire_session: admin.cookie },
      });
      expect(res.statusCode, url).toBe(403);
    }
    expect(t.clock.today().toString()).toBe('2026-11-23');
  });

  it('refuses non-JSON bodies on JSON routes, with or without a session', async () => {
    const admin = await loginAs(t.app, f.users.admin);
    const plain = await t.app.inject({
      method: 'PUT',
      url: '/api/staff/clock',
      payload: '{"today":"2027-01-01"}',
      headers: { 'content-type': 'text/plain', 'x-csrf-token': admin.csrf },
      cookies: { spire_session: admin.cookie },
    });
    expect(plain.statusCode).toBe(415);
    const form = await t.app.inject({
      method: 'PUT',
      url: '/api/staff/clock',
      payload: 'today=2027-01-01',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': admin.csrf },
      cookies: { spire_session: admin.cookie },
    });
    expect(form.statusCode).toBe(415);
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      payload: JSON.stringify({ userId: f.users.admin }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(anon.statusCode).toBe(415);
    expect(anon.json().message).toBe('Forespørgslen skal være JSON.');
    expect(t.clock.today().toString()).toBe('2026-11-23');
  });
});

describe(`proxies (${engine})`, () => {
  it('ignores X-Forwarded-For unless a proxy is configured: logins are rate limited and the real address audited', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/demo-login',
        payload: { userId: f.users.hidden },
        remoteAddress: '10.77.0.1',
        headers: { 'x-forwarded-for': `192.0.2.${i}` },
      });
      codes.push(res.statusCode);
    }
    expect(codes.filter((c) => c === 429).length).toBe(20);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo-login',
      payload: { userId: f.users.caseworker },
      remoteAddress: '10.77.0.2',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    const row = await t.database.db
      .selectFrom('audit_log')
      .select(['ip'])
      .where('action', '=', 'auth.login')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.ip).toBe('10.77.0.2');
  });

  it('believes X-Forwarded-* only from a configured proxy', async () => {
    const app = await buildApp({
      modules: MODULES,
      database: t.database,
      clock: t.clock,
      demo: true,
      trustProxy: ['10.77.0.3'],
    });
    try {
      const viaProxy = await app.inject({
        method: 'POST',
        url: '/api/auth/demo-login',
        payload: { userId: f.users.caseworker },
        remoteAddress: '10.77.0.3',
        headers: { 'x-forwarded-for': '203.0.113.10', 'x-forwarded-proto': 'https', host: 'spire.kommune.dk' },
      });
      expect(viaProxy.statusCode).toBe(200);
      expect(viaProxy.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      const row = await t.database.db
        .selectFrom('audit_log')
        .select(['ip'])
        .where('action', '=', 'auth.login')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(row.ip).toBe('203.0.113.10');
      const spoofed = await app.inject({
        url: '/api/health',
        remoteAddress: '10.77.0.4',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe(`input policy (${engine})`, () => {
  it('refuses control characters in any string with a 400, never a 500', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    for (const name of ['Sol\u0000sikken', 'Sol\u001bsikken', 'Sol\u202Esikken', 'Sol\ud800sikken']) {
      const res = await cw.call('PATCH', `/api/staff/units/${f.units.mael}`, { name });
      expect(res.statusCode, JSON.stringify(name)).toBe(400);
      expect(res.json().message).toMatch(/kontroltegn/);
    }
    expect((await cw.call('POST', '/api/staff/people/search', { query: 'ho\u0000lm' })).statusCode).toBe(400);
    expect((await cw.call('GET', '/api/citizen/units?type=%00')).statusCode).toBe(400);
    expect((await cw.call('PATCH', `/api/staff/units/${f.units.mael}`, { name: 'Mælkebøtten\tNord' })).statusCode).toBe(
      200,
    );
    expect((await cw.call('GET', `/api/staff/units/${f.units.mael}`)).json().name).toBe('Mælkebøtten\tNord');
  });

  it('refuses JSON nested too deep and invalid UTF-8 with a 400', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const headers = { 'content-type': 'application/json', 'x-csrf-token': cw.csrf };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/staff/people/search',
      payload: deep,
      headers,
      cookies: { spire_session: cw.cookie },
    });
    expect(res.statusCode).toBe(400);
    const deepObject = '{"query":'.repeat(50) + '"x"' + '}'.repeat(50);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/staff/people/search',
          payload: deepObject,
          headers,
          cookies: { spire_session: cw.cookie },
        })
      ).statusCode,
    ).toBe(400);
    const bad = Buffer.concat([Buffer.from('{"name":"Sol'), Buffer.from([0xff, 0xfe]), Buffer.from('sikken"}')]);
    const utf = await t.app.inject({
      method: 'PATCH',
      url: `/api/staff/units/${f.units.mael}`,
      payload: bad,
      headers,
      cookies: { spire_session: cw.cookie },
    });
    expect(utf.statusCode).toBe(400);
    expect(utf.json().message).toMatch(/UTF-8/);
    expect((await cw.call('GET', `/api/staff/units/${f.units.mael}`)).json().name).not.toMatch(/\uFFFD/);
  });

  it('refuses implausible years and a CPR number born in the future', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    for (const start of ['0001-01-01', '9999-12-31', '1899-12-31', '2101-01-01']) {
      const res = await cw.call('POST', `/api/staff/units/${f.units.mael}/capacity`, {
        ageBand: '0-2',
        places: 5,
        start,
        end: null,
      });
      expect(res.statusCode, start).toBe(400);
    }
    const today = t.clock.today();
    const future = today.plusDays(400);
    const yy = String(future.year % 100).padStart(2, '0');
    const cpr = `${String(future.day).padStart(2, '0')}${String(future.month).padStart(2, '0')}${yy}-4001`;
    const res = await cw.call('POST', '/api/staff/people/search', { query: cpr });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('people.invalid-cpr');
  });
});

describe(`headers and cookies (${engine})`, () => {
  it('sends CSP, nosniff, frame and referrer policies, and no-store on API answers', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    const res = await mette.call('GET', '/api/citizen/children');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const missing = await t.app.inject({ url: '/api/nothing-here' });
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('makes the session cookie Secure except on localhost', async () => {
    const login = (host: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/demo-login',
        payload: { userId: f.users.caseworker },
        remoteAddress: `10.78.0.${host.length}`,
        headers: { host },
      });
    const cookieOf = (res: Awaited<ReturnType<typeof login>>) => res.cookies.find((c) => c.name === 'spire_session')!;
    expect(cookieOf(await login('spire.hjoerring.dk')).secure).toBe(true);
    expect(cookieOf(await login('localhost:8080')).secure).toBeFalsy();
    expect(cookieOf(await login('127.0.0.1:8080')).secure).toBeFalsy();
  });
});

describe(`demo mode (${engine})`, () => {
  it('is on by default only with the embedded database', () => {
    expect(demoModeFromEnv({})).toEqual({ demo: true, production: false });
    expect(demoModeFromEnv({ SPIRE_DEMO: 'false' })).toEqual({ demo: false, production: false });
    expect(demoModeFromEnv({ DATABASE_URL: 'postgres://x/y' })).toEqual({ demo: false, production: true });
    expect(demoModeFromEnv({ DATABASE_URL: 'postgres://x/y', SPIRE_DEMO: 'true' })).toEqual({
      demo: true,
      production: false,
    });
    expect(demoModeFromEnv({ SPIRE_DEMO: 'false', NODE_ENV: 'production' })).toEqual({ demo: false, production: true });
  });

  it('switching it off revokes demo sessions, demo terminals and the demo clock; production refuses demo users', async () => {
    const d = await testApp();
    try {
      const g = await smallFixture(d.database);
      const terminal = await createTerminal(
        d.database.db,
        g.units.sol,
        'Indgang (demo)',
        g.users.leader,
        demoTerminalToken('A10001'),
      );
      const own = await createTerminal(d.database.db, g.units.sol, 'Indgang', null);
      const admin = await loginAs(d.app, g.users.admin);
      await admin.call('PUT', '/api/staff/clock', { today: '2027-02-01' });
      expect(
        (await d.app.inject({ url: '/api/terminal/children', headers: { 'x-terminal-token': terminal.token } }))
          .statusCode,
      ).toBe(200);

      const r = await leaveDemoMode(d.database, { production: false });
      expect(r).toMatchObject({ terminals: 1, demoUsers: 5 });
      expect(r.sessions).toBeGreaterThan(0);
      const off = await buildApp({ modules: MODULES, database: d.database, clock: d.clock, demo: false });
      try {
        await d.clock.load(d.database.db);
        expect(
          (await off.inject({ url: '/api/terminal/children', headers: { 'x-terminal-token': terminal.token } }))
            .statusCode,
        ).toBe(401);
        expect(
          (await off.inject({ url: '/api/terminal/children', headers: { 'x-terminal-token': own.token } })).statusCode,
        ).toBe(200);
        expect(
          (await off.inject({ url: '/api/auth/me', cookies: { spire_session: admin.cookie } })).json().user,
        ).toBeNull();
        expect(
          (await off.inject({ method: 'POST', url: '/api/auth/demo-login', payload: { userId: g.users.admin } }))
            .statusCode,
        ).toBe(404);
        expect((await off.inject({ url: '/api/health' })).json().today).toBe(new AppClock().today().toString());
      } finally {
        await off.close();
      }
      await expect(leaveDemoMode(d.database, { production: true })).rejects.toBeInstanceOf(DemoUsersPresentError);
    } finally {
      await d.close();
    }
  });
});

describe(`delivery of the web app (${engine})`, () => {
  it('serves hashed assets compressed and cached for a year, the page revalidated, HEAD included', async () => {
    const web = mkdtempSync(join(tmpdir(), 'spire-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Spire</title><div id="root"></div>');
    const js = 'console.log("spire");'.repeat(200);
    writeFileSync(join(web, 'assets', 'index-abc123.js'), js);
    writeFileSync(join(web, 'assets', 'index-abc123.js.br'), brotliCompressSync(js));
    const app = await buildApp({ modules: MODULES, database: t.database, clock: t.clock, demo: true, webDir: web });
    try {
      const asset = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-encoding']).toBe('br');
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(asset.rawPayload).toString()).toBe(js);
      const page = await app.inject({ url: '/staff/boern' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(page.headers['x-frame-options']).toBe('DENY');
      const head = await app.inject({ method: 'HEAD', url: '/staff' });
      expect(head.statusCode).toBe(200);
      expect(head.body).toBe('');
    } finally {
      await app.close();
      rmSync(web, { recursive: true });
    }
  });
});
