// OpenID Connect login against a local provider speaking the protocol (code flow with PKCE).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.js';
import { AppClock } from '../clock.js';
import { openTestDatabase, engine } from '../../../test/db.js';
import { startLocalOidcProvider } from '../../../test/local-oidc-provider.js';
import type { Database } from '../db/database.js';

let d: Database, provider: Awaited<ReturnType<typeof startLocalOidcProvider>>, app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  d = await openTestDatabase();
  await d.db.insertInto('app_user').values({ role: 'caseworker', name: 'Sagsbehandler', oidc_subject: 'mitid-123' }).execute();
  provider = await startLocalOidcProvider({ clientId: 'spire', clientSecret: 's3cret', subject: 'mitid-123' });
  app = await buildApp({ database: d, clock: new AppClock(), demo: false,
    oidc: { issuer: provider.issuer, clientId: 'spire', clientSecret: 's3cret', redirectUri: 'http://localhost/api/auth/oidc/callback' } });
});
afterAll(async () => { await app?.close(); await provider?.close(); await d?.close(); });

describe(`OIDC login (${engine})`, () => {
  it('logs a user in through the provider and rejects a forged state', async () => {
    const start = await app.inject({ url: '/api/auth/oidc/login' });
    expect(start.statusCode).toBe(302);
    const stateCookie = start.cookies.find((c) => c.name === 'spire_oidc')!;
    const atProvider = await fetch(start.headers.location as string, { redirect: 'manual' });
    const back = new URL(atProvider.headers.get('location')!);

    const forged = await app.inject({ url: `/api/auth/oidc/callback?code=${back.searchParams.get('code')}&state=forged`, cookies: { spire_oidc: stateCookie.value } });
    expect(forged.statusCode).toBe(400);

    const done = await app.inject({ url: back.pathname + back.search, cookies: { spire_oidc: stateCookie.value } });
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/staff');
    const session = done.cookies.find((c) => c.name === 'spire_session')!;
    const me = (await app.inject({ url: '/api/auth/me', cookies: { spire_session: session.value } })).json();
    expect(me.user).toMatchObject({ name: 'Sagsbehandler', role: 'caseworker' });
    expect((await app.inject({ url: '/api/auth/personas' })).statusCode).toBe(404);
  });
});
