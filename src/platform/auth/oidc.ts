// OpenID Connect login (authorization code flow with PKCE), e.g. through a MitID broker.
// The ID token is received directly from the token endpoint over TLS, so its claims are trusted as the
// spec allows (OIDC Core 3.1.3.7); the subject must match an app_user.oidc_subject.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { forbidden, badRequest } from '../http/errors.js';
import type { StartSession } from './routes.js';

const STATE_COOKIE = 'spire_oidc';

export const oidcRoutes: FastifyPluginAsync<{ startSession: StartSession }> = async (app, { startSession }) => {
  const cfg = app.config.oidc!;
  let discovery: { authorization_endpoint: string; token_endpoint: string } | null = null;
  const discover = async () => discovery ??= await (await fetch(`${cfg.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)).json() as any;

  app.get('/oidc/login', { schema: { tags: ['auth'] } }, async (_req, reply) => {
    const d = await discover();
    const state = randomBytes(16).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    reply.setCookie(STATE_COOKIE, `${state}.${verifier}`, { path: '/api/auth/oidc', httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies ?? false, maxAge: 600 });
    const url = new URL(d.authorization_endpoint);
    url.search = new URLSearchParams({ response_type: 'code', client_id: cfg.clientId, redirect_uri: cfg.redirectUri, scope: 'openid', state, code_challenge: challenge, code_challenge_method: 'S256' }).toString();
    return reply.redirect(url.toString());
  });

  app.get<{ Querystring: { code?: string; state?: string } }>('/oidc/callback', { schema: { tags: ['auth'] } }, async (req, reply) => {
    const [state, verifier] = (req.cookies[STATE_COOKIE] ?? '').split('.');
    if (!req.query.code || !state || req.query.state !== state) throw badRequest('Ugyldigt login-svar.');
    const d = await discover();
    const res = await fetch(d.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic ' + Buffer.from(`${cfg.clientId}:${cfg.clientSecret}`).toString('base64') },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code, redirect_uri: cfg.redirectUri, code_verifier: verifier! }),
    });
    if (!res.ok) throw forbidden('Login blev afvist.');
    const { id_token } = await res.json() as { id_token: string };
    const claims = JSON.parse(Buffer.from(id_token.split('.')[1]!, 'base64url').toString());
    if (claims.aud !== cfg.clientId && !(Array.isArray(claims.aud) && claims.aud.includes(cfg.clientId))) throw forbidden('Login blev afvist.');
    const user = await app.config.database.db.selectFrom('app_user').select(['id', 'role', 'name', 'person_id'])
      .where('oidc_subject', '=', String(claims.sub)).executeTakeFirst();
    if (!user) throw forbidden('Ingen bruger er knyttet til dette login.');
    reply.clearCookie(STATE_COOKIE, { path: '/api/auth/oidc' });
    await startSession(req, reply, user);
    return reply.redirect(user.role === 'guardian' ? '/mine-boern' : '/staff');
  });
};
