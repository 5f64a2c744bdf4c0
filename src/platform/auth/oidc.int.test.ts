// OpenID Connect login against a local provider speaking the protocol (code flow with PKCE, nonce, RS256 ID tokens).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.js';
import { AppClock } from '../clock.js';
import { openTestDatabase, engine } from '../../../test/db.js';
import { startLocalOidcProvider, type NextToken } from '../../../test/local-oidc-provider.js';
import type { Database } from '../db/database.js';
import { NSIS_LOA } from './oidc.js';
import { MODULES } from '../../modules.js';

let d: Database,
  provider: Awaited<ReturnType<typeof startLocalOidcProvider>>,
  app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  d = await openTestDatabase();
  await d.db.insertInto('municipality').values({ code: '0860', name: 'Hjørring' }).execute();
  await d.db
    .insertInto('app_user')
    .values({ role: 'caseworker', name: 'Sagsbehandler', oidc_subject: 'mitid-123', municipality_code: '0860' })
    .execute();
  provider = await startLocalOidcProvider({ clientId: 'spire', clientSecret: 's3cret', subject: 'mitid-123' });
  app = await buildApp({
    modules: MODULES,
    database: d,
    clock: new AppClock(),
    demo: false,
    oidc: {
      issuer: provider.issuer,
      clientId: 'spire',
      clientSecret: 's3cret',
      redirectUri: 'http://localhost/api/auth/oidc/callback',
      allowHttpIssuer: true,
    },
  });
});
afterAll(async () => {
  await app?.close();
  await provider?.close();
  await d?.close();
});

/** Starts a login, lets the provider answer, and returns the callback's response (the next ID token as given). */
async function login(next: NextToken = {}, tamper?: (q: URLSearchParams) => void) {
  const start = await app.inject({ url: '/api/auth/oidc/login' });
  expect(start.statusCode).toBe(302);
  const authorize = new URL(start.headers.location as string);
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  expect(authorize.searchParams.get('acr_values')).toBe(NSIS_LOA.substantial);
  const stateCookie = start.cookies.find((c) => c.name === 'spire_oidc')!;
  const atProvider = await fetch(authorize, { redirect: 'manual' });
  const back = new URL(atProvider.headers.get('location')!);
  tamper?.(back.searchParams);
  provider.state.next = next;
  return app.inject({ url: back.pathname + back.search, cookies: { spire_oidc: stateCookie.value } });
}

describe(`OIDC login (${engine})`, () => {
  it('logs a user in through the provider with a signed ID token', async () => {
    const done = await login();
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/staff');
    const session = done.cookies.find((c) => c.name === 'spire_session')!;
    const me = (await app.inject({ url: '/api/auth/me', cookies: { spire_session: session.value } })).json();
    expect(me.user).toMatchObject({ name: 'Sagsbehandler', role: 'caseworker' });
    expect((await app.inject({ url: '/api/auth/personas' })).statusCode).toBe(404);
  });

  it('refuses a known subject whose user has ended, with no session', async () => {
    await d.db
      .insertInto('app_user')
      .values({
        role: 'caseworker',
        name: 'Fratrådt',
        oidc_subject: 'entra-ended',
        valid: '[2020-01-01,2021-01-01)',
        municipality_code: '0860',
      })
      .execute();
    const res = await login({ claims: { sub: 'entra-ended' } });
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === 'spire_session')).toBeUndefined();
  });

  it('rejects a forged state', async () => {
    expect((await login({}, (q) => q.set('state', 'forged'))).statusCode).toBe(400);
  });

  const refused: [string, NextToken][] = [
    ['a wrong nonce', { claims: { nonce: 'replayed' } }],
    ['no nonce', { claims: { nonce: undefined } }],
    ['another issuer', { claims: { iss: 'https://evil.example' } }],
    ['another audience', { claims: { aud: 'someone-else' } }],
    ['several audiences without azp', { claims: { aud: ['spire', 'someone-else'] } }],
    ['a foreign azp', { claims: { aud: ['spire', 'someone-else'], azp: 'someone-else' } }],
    [
      'an expired token',
      { claims: { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 } },
    ],
    ['a signature by another key', { signature: 'foreign-key' }],
    ['an unsigned token (alg none)', { signature: 'none' }],
    ['a too low MitID assurance level', { claims: { acr: NSIS_LOA.low } }],
    ['no assurance level', { claims: { acr: undefined } }],
    ['no id_token at all', { omitIdToken: true }],
  ];
  for (const [what, next] of refused) {
    it(`refuses ${what} with a 4xx and no session`, async () => {
      const res = await login(next);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.cookies.find((c) => c.name === 'spire_session')).toBeUndefined();
    });
  }

  it('refuses a plain http issuer outside tests', async () => {
    await expect(
      buildApp({
        modules: MODULES,
        database: d,
        clock: new AppClock(),
        demo: false,
        oidc: {
          issuer: provider.issuer,
          clientId: 'spire',
          clientSecret: 's3cret',
          redirectUri: 'https://spire.example/api/auth/oidc/callback',
        },
      }),
    ).rejects.toThrow(/https/);
  });
});
