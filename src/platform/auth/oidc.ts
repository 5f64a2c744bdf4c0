// OpenID Connect login (authorization code flow with PKCE and nonce), e.g. MitID through NemLog-in.
// The maintained client `openid-client` does the protocol: discovery, the token request and the ID token checks
// (signature against the provider's JWKS, iss, aud/azp, exp/iat, nonce). Spire adds: an https issuer outside
// tests, the MitID assurance level (`acr`) at or above the configured minimum, and a 4xx for every refusal.
// The subject must match an app_user.oidc_subject.
import type { FastifyPluginAsync } from 'fastify';
import * as client from 'openid-client';
import { forbidden, badRequest, HttpError } from '../http/errors.js';
import { secureCookie } from '../http/app.js';
import type { StartSession } from './routes.js';
import { validOn } from './users/queries.js';
import { APP_USER_COLUMNS } from './sessions.js';

const STATE_COOKIE = 'spire_oidc';

/** NSIS levels of assurance as NemLog-in sends them in `acr`, lowest first. */
export const NSIS_LOA = {
  low: 'https://data.gov.dk/concept/core/nsis/loa/Low',
  substantial: 'https://data.gov.dk/concept/core/nsis/loa/Substantial',
  high: 'https://data.gov.dk/concept/core/nsis/loa/High',
} as const;
export type Assurance = keyof typeof NSIS_LOA;
const RANK: Record<string, number> = { [NSIS_LOA.low]: 1, [NSIS_LOA.substantial]: 2, [NSIS_LOA.high]: 3 };

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Lowest accepted assurance level (default substantial, as MitID logins to personal data require). */
  minAssurance?: Assurance;
  /** Tests only: a loopback provider on plain http. Production issuers must be https. */
  allowHttpIssuer?: boolean;
}

export function checkIssuer(cfg: OidcConfig): URL {
  const url = new URL(cfg.issuer);
  if (url.protocol !== 'https:' && !cfg.allowHttpIssuer)
    throw new Error(`OIDC_ISSUER must be an https URL (got ${url.protocol})`);
  return url;
}

export const oidcRoutes: FastifyPluginAsync<{ startSession: StartSession }> = async (app, { startSession }) => {
  const cfg = app.config.oidc!;
  const issuer = checkIssuer(cfg);
  const minAssurance = cfg.minAssurance ?? 'substantial';
  let config: Promise<client.Configuration> | null = null;
  const configuration = () =>
    (config ??= client
      .discovery(
        issuer,
        cfg.clientId,
        { id_token_signed_response_alg: 'RS256' },
        client.ClientSecretBasic(cfg.clientSecret),
        {
          execute: [...(cfg.allowHttpIssuer ? [client.allowInsecureRequests] : []), client.enableNonRepudiationChecks],
        },
      )
      .catch((e) => {
        config = null;
        throw e;
      }));

  app.get('/oidc/login', { schema: { tags: ['auth'] } }, async (req, reply) => {
    const c = await configuration();
    const state = client.randomState(),
      verifier = client.randomPKCECodeVerifier(),
      nonce = client.randomNonce();
    reply.setCookie(STATE_COOKIE, `${state}.${verifier}.${nonce}`, {
      path: '/api/auth/oidc',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie(req),
      maxAge: 600,
    });
    const url = client.buildAuthorizationUrl(c, {
      redirect_uri: cfg.redirectUri,
      scope: 'openid',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      acr_values: NSIS_LOA[minAssurance],
    });
    return reply.redirect(url.toString());
  });

  app.get<{ Querystring: Record<string, string> }>(
    '/oidc/callback',
    { schema: { tags: ['auth'] } },
    async (req, reply) => {
      const [state, verifier, nonce] = (req.cookies[STATE_COOKIE] ?? '').split('.');
      if (!req.query.code || !state || !verifier || !nonce || req.query.state !== state)
        throw badRequest('Ugyldigt login-svar.');
      const current = new URL(cfg.redirectUri);
      current.search = new URLSearchParams(req.query).toString();
      let claims: client.IDToken;
      try {
        const c = await configuration();
        const tokens = await client.authorizationCodeGrant(c, current, {
          pkceCodeVerifier: verifier,
          expectedState: state,
          expectedNonce: nonce,
          idTokenExpected: true,
        });
        const found = tokens.claims();
        if (!found) throw new Error('no ID token');
        claims = found;
      } catch (e) {
        if (e instanceof HttpError) throw e;
        req.log.warn(
          { err: { name: (e as Error).name, message: (e as Error).message, code: (e as any).code } },
          'OIDC login refused',
        );
        throw forbidden('Login blev afvist.');
      }
      if ((RANK[typeof claims.acr === 'string' ? claims.acr : ''] ?? 0) < RANK[NSIS_LOA[minAssurance]]!)
        throw forbidden('Login med MitID kræver et højere sikringsniveau.');
      const user = await app.config.database.db
        .selectFrom('app_user')
        .select([...APP_USER_COLUMNS, validOn(app.config.clock.today()).as('active')])
        .where('oidc_subject', '=', String(claims.sub))
        .executeTakeFirst();
      if (!user) throw forbidden('Ingen bruger er knyttet til dette login.');
      if (!user.active) throw forbidden('Din bruger er ikke aktiv. Kontakt kommunens administrator.');
      reply.clearCookie(STATE_COOKIE, { path: '/api/auth/oidc' });
      await startSession(req, reply, user);
      return reply.redirect(user.role === 'guardian' ? '/mine-boern' : '/staff');
    },
  );
};
