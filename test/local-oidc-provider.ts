// LocalOidcProvider: a small OpenID Connect provider on loopback (discovery, JWKS, authorize, token with PKCE),
// standing in for NemLog-in/MitID in tests. It logs in whichever subject the test names, signs ID tokens with RS256
// and echoes the nonce; `state.subject` is who logs in next; `next` lets a test make the next ID token wrong in one way (claims, key, missing token).
import { createHash, createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const LOA_SUBSTANTIAL = 'https://data.gov.dk/concept/core/nsis/loa/Substantial';

export interface NextToken {
  /** Changes to the ID token's claims (undefined removes a claim). */
  claims?: Record<string, unknown>;
  /** Sign with a key the provider does not publish, or send an unsigned token. */
  signature?: 'foreign-key' | 'none';
  /** Leave id_token out of the token response. */
  omitIdToken?: boolean;
}

export async function startLocalOidcProvider(opts: {
  clientId: string;
  clientSecret: string;
  subject: string;
  acr?: string;
}) {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const codes = new Map<string, { challenge: string; redirectUri: string; nonce: string | null }>();
  const state = { next: {} as NextToken, subject: opts.subject };
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const sign = (claims: Record<string, unknown>, how: NextToken['signature']) => {
    if (how === 'none') return `${b64({ alg: 'none' })}.${b64(claims)}.`;
    const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
    const s = createSign('RSA-SHA256')
      .update(input)
      .sign(how === 'foreign-key' ? foreign.privateKey : key.privateKey);
    return `${input}.${s.toString('base64url')}`;
  };
  // oxlint-disable-next-line typescript/no-misused-promises -- every request is answered inside, errors included
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (url.pathname === '/jwks')
      return json(200, { keys: [{ ...key.publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] });
    if (url.pathname === '/authorize') {
      const code = 'code-' + randomUUID();
      codes.set(code, {
        challenge: url.searchParams.get('code_challenge')!,
        redirectUri: url.searchParams.get('redirect_uri')!,
        nonce: url.searchParams.get('nonce'),
      });
      res.writeHead(302, {
        location: `${url.searchParams.get('redirect_uri')}?code=${code}&state=${url.searchParams.get('state')}`,
      });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const [id, secret] = Buffer.from(String(req.headers.authorization).replace('Basic ', ''), 'base64')
        .toString()
        .split(':')
        .map(decodeURIComponent);
      const grant = codes.get(form.get('code') ?? '');
      const verifierOk =
        grant &&
        createHash('sha256')
          .update(form.get('code_verifier') ?? '')
          .digest('base64url') === grant.challenge;
      if (
        id !== opts.clientId ||
        secret !== opts.clientSecret ||
        !grant ||
        !verifierOk ||
        grant.redirectUri !== form.get('redirect_uri')
      )
        return json(400, { error: 'invalid_grant' });
      codes.delete(form.get('code')!);
      const next = state.next;
      state.next = {};
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        iss: issuer,
        sub: state.subject,
        aud: opts.clientId,
        iat: now,
        exp: now + 300,
        acr: opts.acr ?? LOA_SUBSTANTIAL,
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
        ...next.claims,
      };
      for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
      return json(200, {
        access_token: 'at',
        token_type: 'Bearer',
        expires_in: 300,
        ...(next.omitIdToken ? {} : { id_token: sign(claims, next.signature) }),
      });
    }
    json(404, {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}
