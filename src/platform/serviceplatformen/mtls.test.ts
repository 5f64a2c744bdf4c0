// Serviceplatformen calls as a municipality, against a real local TLS server that requires client certificates: a CA,
// a server certificate and client certificates (good, from another CA, expired) made with openssl for the test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../http/errors.js';
import {
  Serviceplatformen,
  ServiceplatformenClient,
  ServiceplatformenUnavailable,
  type MunicipalityConfig,
} from './index.js';
import { cprRegister, useCprRegister } from '../../modules/people/cpr/index.js';
import { MunicipalDigitalPost, LocalDigitalPost } from '../letters/index.js';
import { useServiceplatformen } from './index.js';

let dir: string, server: Server, base: string;
const hits: { path: string; cn: string | null; headers: Record<string, unknown>; body: string }[] = [];
const flaky = { left: 0 };
const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
const file = (name: string) => join(dir, name);

function signedClient(name: string, caName: string) {
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  ssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${caName}.pem`,
    '-CAkey',
    `${caName}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    '30',
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spire-mtls-'));
  for (const ca of ['ca', 'otherca'])
    ssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${ca}.key`,
      '-out',
      `${ca}.pem`,
      '-days',
      '30',
      '-subj',
      `/CN=Test ${ca}`,
    );
  writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  ssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '30',
    '-extfile',
    'san.ext',
  );
  signedClient('client', 'ca');
  signedClient('stranger', 'otherca');
  ssl(
    'pkcs12',
    '-export',
    '-in',
    'client.pem',
    '-inkey',
    'client.key',
    '-out',
    'client.p12',
    '-passout',
    'pass:hemmelig',
  );
  // An expired client certificate from the right CA (openssl ca can date it in the past).
  writeFileSync(file('index.txt'), '');
  writeFileSync(file('serial'), '1000\n');
  writeFileSync(
    file('ca.cnf'),
    '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n',
  );
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'old.key', '-out', 'old.csr', '-subj', '/CN=old');
  ssl(
    'ca',
    '-batch',
    '-config',
    'ca.cnf',
    '-cert',
    'ca.pem',
    '-keyfile',
    'ca.key',
    '-in',
    'old.csr',
    '-out',
    'old.pem',
    '-startdate',
    '20200101000000Z',
    '-enddate',
    '20210101000000Z',
    '-notext',
  );
  writeFileSync(file('garbage.pem'), '-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n');

  server = createServer(
    {
      key: readFileSync(file('server.key')),
      cert: readFileSync(file('server.pem')),
      ca: readFileSync(file('ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const cn = (req.socket as TLSSocket).getPeerCertificate()?.subject?.CN ?? null;
        hits.push({ path: req.url ?? '', cn: typeof cn === 'string' ? cn : null, headers: req.headers, body });
        if (req.url === '/slow') return; // never answers
        if (req.url === '/flaky' && flaky.left-- > 0) return void res.writeHead(503).end('busy');
        if (req.url === '/bad') return void res.writeHead(400).end('bad request');
        if (req.url === '/cpr')
          return void res
            .writeHead(500, { 'content-type': 'text/xml' })
            .end(
              '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
                '<soapenv:Fault><faultcode>Client</faultcode><faultstring>PNR ikke fundet</faultstring></soapenv:Fault>' +
                '</soapenv:Body></soapenv:Envelope>',
            );
        res.writeHead(200, { 'content-type': 'application/xml' }).end('<ok/>');
      });
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 60_000);
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const AGREEMENT = {
  serviceAgreementUUID: '6f2b8f0a-1111-4c1e-9a4b-000000000001',
  userSystemUUID: '6f2b8f0a-2222-4c1e-9a4b-000000000002',
  userUUID: '6f2b8f0a-3333-4c1e-9a4b-000000000003',
};
const config = (c: Partial<MunicipalityConfig>): MunicipalityConfig => ({
  ...AGREEMENT,
  certificate: file('client.pem'),
  key: file('client.key'),
  ca: file('ca.pem'),
  services: {
    cpr: { endpoint: `${base}/cpr`, serviceUUID: '6f2b8f0a-4444-4c1e-9a4b-000000000004' },
    digitalPost: { endpoint: `${base}/post`, serviceUUID: '6f2b8f0a-5555-4c1e-9a4b-000000000005' },
  },
  timeoutMs: 2_000,
  attempts: 3,
  ...c,
});
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return null;
};

describe('Serviceplatformen with the municipality’s certificate (mutual TLS)', () => {
  it('calls with the PEM certificate and key, and with a PKCS#12 whose passphrase comes from the environment', async () => {
    const pem = new ServiceplatformenClient('0860', config({}));
    expect(await pem.post(`${base}/ok`, '<x/>', {})).toEqual({ status: 200, body: '<ok/>' });
    const p12 = new ServiceplatformenClient(
      '0860',
      config({ certificate: undefined, key: undefined, pkcs12: file('client.p12'), passphraseEnv: 'SF_TEST_PASS' }),
      Date.now,
      { SF_TEST_PASS: 'hemmelig' },
    );
    expect((await p12.post(`${base}/ok`, '<x/>', {})).status).toBe(200);
    expect(hits.filter((h) => h.path === '/ok').map((h) => h.cn)).toEqual(['client', 'client']);
    pem.close();
    p12.close();
  });

  it('a certificate from another CA and an expired one are refused by the server, and not retried', async () => {
    const before = hits.length;
    const stranger = new ServiceplatformenClient(
      '0860',
      config({ certificate: file('stranger.pem'), key: file('stranger.key') }),
    );
    const e1 = await stranger.post(`${base}/ok`, '<x/>', {}).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(ServiceplatformenUnavailable);
    expect((e1 as ServiceplatformenUnavailable).reason).toBe('refused');
    // The expired one, sent anyway by a client whose clock says 2020 (ours refuses it first: next test).
    const old = new ServiceplatformenClient(
      '0860',
      config({ certificate: file('old.pem'), key: file('old.key') }),
      () => Date.parse('2020-06-01T00:00:00Z'),
    );
    const e2 = await old.post(`${base}/ok`, '<x/>', {}).catch((e: unknown) => e);
    expect((e2 as ServiceplatformenUnavailable).reason).toBe('refused');
    expect(hits.length).toBe(before); // no request reached the service
    stranger.close();
    old.close();
  });

  it('refuses with a clear code when the certificate is missing, unreadable, has the wrong passphrase or is expired', () => {
    const check = (c: Partial<MunicipalityConfig>, env: NodeJS.ProcessEnv = {}) =>
      refusal(() => new ServiceplatformenClient('0860', config(c), Date.now, env).check());
    expect(check({ certificate: undefined })).toBe('serviceplatformen.certificate-missing');
    expect(check({ certificate: file('nowhere.pem') })).toBe('serviceplatformen.certificate-missing');
    expect(check({ certificate: file('garbage.pem') })).toBe('serviceplatformen.certificate-unreadable');
    expect(check({ key: file('stranger.key') })).toBe('serviceplatformen.certificate-unreadable');
    expect(
      check(
        { certificate: undefined, key: undefined, pkcs12: file('client.p12'), passphraseEnv: 'P' },
        { P: 'forkert' },
      ),
    ).toBe('serviceplatformen.certificate-unreadable');
    expect(check({ certificate: file('old.pem'), key: file('old.key') })).toBe('serviceplatformen.certificate-expired');
    // At start: every municipality checked, problems as codes (no paths, no secrets).
    const platform = new Serviceplatformen({
      '0860': config({}),
      '0851': config({ certificate: file('old.pem'), key: file('old.key') }),
    });
    expect(platform.check()).toEqual([
      { municipality: '0860', ok: true, validUntil: expect.any(String) },
      { municipality: '0851', ok: false, problem: 'serviceplatformen.certificate-expired' },
    ]);
    platform.close();
  });

  it('retries 5xx with backoff, not 4xx, and gives up after its attempts on a timeout', async () => {
    const client = new ServiceplatformenClient('0860', config({ timeoutMs: 300, attempts: 3 }));
    flaky.left = 2;
    expect((await client.post(`${base}/flaky`, '<x/>', {})).status).toBe(200);
    expect(hits.filter((h) => h.path === '/flaky')).toHaveLength(3);
    expect((await client.post(`${base}/bad`, '<x/>', {})).status).toBe(400);
    expect(hits.filter((h) => h.path === '/bad')).toHaveLength(1);
    const slow = new ServiceplatformenClient('0860', config({ timeoutMs: 300, attempts: 2 }));
    const e = await slow.post(`${base}/slow`, '<x/>', {}).catch((x: unknown) => x);
    expect((e as ServiceplatformenUnavailable).reason).toBe('timeout');
    expect(hits.filter((h) => h.path === '/slow')).toHaveLength(2);
    client.close();
    slow.close();
  });

  it('the CPR register and the Digital Post sender call as the municipality; others keep the stand-ins', async () => {
    const prev = useServiceplatformen(new Serviceplatformen({ '0860': config({}) }));
    const prevCpr = useCprRegister(undefined);
    try {
      const register = cprRegister('0860');
      expect(register.name).toBe('sf1520');
      expect(await register.lookup('0101901234')).toBeNull(); // the SOAP fault "ikke fundet", through mutual TLS
      const soap = hits.find((h) => h.path === '/cpr')!;
      expect(soap.cn).toBe('client');
      expect(soap.body).toContain(`<ServiceAgreementUUID>${AGREEMENT.serviceAgreementUUID}</ServiceAgreementUUID>`);
      expect(cprRegister('0851').name).toBe('local-standin'); // not configured: the stand-in

      const outbox = join(dir, 'outbox');
      const post = new MunicipalDigitalPost(
        new Serviceplatformen({ '0860': config({}) }),
        new LocalDigitalPost(outbox),
      );
      const message = {
        messageUUID: '6f2b8f0a-9999-4c1e-9a4b-000000000009',
        label: 'Tilbud om plads',
        sender: { cvr: '29189692', name: 'Hjørring Kommune' },
        recipientCpr: '0101901234',
        createdDateTime: '2026-11-23T10:00:00Z',
        pdf: new Uint8Array([37, 80, 68, 70]),
        filename: 'tilbud.pdf',
      };
      expect(await post.send({ ...message, municipalityCode: '0860' }, '<kombi_request/>')).toBe('sf1601');
      const sent = hits.find((h) => h.path === '/post')!;
      expect([sent.cn, sent.headers['x-serviceagreementuuid'], sent.body]).toEqual([
        'client',
        AGREEMENT.serviceAgreementUUID,
        '<kombi_request/>',
      ]);
      expect(await post.send({ ...message, municipalityCode: '0851' }, '<kombi_request/>')).toBe('local-outbox');
      expect(readFileSync(join(outbox, `${message.messageUUID}.xml`), 'utf8')).toBe('<kombi_request/>');
    } finally {
      useServiceplatformen(prev);
      useCprRegister(prevCpr);
    }
  });
});
