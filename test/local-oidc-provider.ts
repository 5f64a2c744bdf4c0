// LocalOidcProvider: a minimal OpenID Connect provider on loopback (discovery, authorize, token with PKCE),
// standing in for a MitID broker in tests. It logs in whichever subject the test names.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startLocalOidcProvider(opts: { clientId: string; clientSecret: string; subject: string }) {
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, issuer);
    const json = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token` });
    }
    if (url.pathname === '/authorize') {
      const code = 'code-' + Math.random().toString(36).slice(2);
      codes.set(code, { challenge: url.searchParams.get('code_challenge')!, redirectUri: url.searchParams.get('redirect_uri')! });
      res.writeHead(302, { location: `${url.searchParams.get('redirect_uri')}?code=${code}&state=${url.searchParams.get('state')}` });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const auth = Buffer.from(String(req.headers.authorization).replace('Basic ', ''), 'base64').toString();
      const grant = codes.get(form.get('code') ?? '');
      const verifierOk = grant && createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') === grant.challenge;
      if (auth !== `${opts.clientId}:${opts.clientSecret}` || !grant || !verifierOk || grant.redirectUri !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant' });
      codes.delete(form.get('code')!);
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      return json(200, { access_token: 'at', token_type: 'Bearer', id_token: `${b64({ alg: 'none' })}.${b64({ iss: issuer, sub: opts.subject, aud: opts.clientId })}.` });
    }
    json(404, {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, close: () => new Promise<void>((r) => server.close(() => r())) };
}
