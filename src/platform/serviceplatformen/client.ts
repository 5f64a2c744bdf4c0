// One municipality's calls to Serviceplatformen: an https.Agent with its client certificate (mutual TLS), the service
// agreement's identifiers, a timeout, and retries with backoff on network errors and 5xx only. The certificate is
// checked when the client is made (a warning at start) and before every call (a clear refusal: missing, unreadable,
// not yet valid or expired). Certificate validity is wall-clock time, as TLS itself checks it, not Spire's clock.
import { Agent, request } from 'node:https';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { MunicipalityConfig } from './config.js';
import { serviceplatformenError as fail } from './errors.js';

export interface InvocationContext {
  serviceAgreementUuid: string;
  userSystemUuid: string;
  userUuid: string;
  serviceUuid: string;
}

interface Credentials {
  cert?: Buffer;
  key?: Buffer;
  pfx?: Buffer;
  passphrase?: string;
  ca?: Buffer;
  notAfter: number;
  notBefore: number;
}

const read = (path: string | undefined, municipality: string) => {
  if (!path) throw fail('serviceplatformen.certificate-missing', { municipality });
  try {
    return readFileSync(path);
  } catch (e: any) {
    throw fail(
      e?.code === 'ENOENT' ? 'serviceplatformen.certificate-missing' : 'serviceplatformen.certificate-unreadable',
      { municipality },
    );
  }
};

/** The PEM or PKCS#12 credentials of a municipality, read and checked (no value is ever put in an error). */
export function loadCredentials(municipality: string, c: MunicipalityConfig, env = process.env): Credentials {
  const ca = c.ca ? read(c.ca, municipality) : undefined;
  if (c.pkcs12) {
    const pfx = read(c.pkcs12, municipality);
    const passphrase = c.passphraseFile
      ? read(c.passphraseFile, municipality).toString('utf8').trim()
      : c.passphraseEnv
        ? env[c.passphraseEnv]
        : undefined;
    // Node reads PKCS#12 only inside a TLS context: make one to check the file and passphrase, and take its leaf.
    let cert: X509Certificate;
    try {
      const ctx = createSecureContext({ pfx, passphrase });
      const der = (ctx.context as { getCertificate(): Buffer | null }).getCertificate();
      if (!der) throw new Error('no certificate');
      cert = new X509Certificate(der);
    } catch {
      throw fail('serviceplatformen.certificate-unreadable', { municipality });
    }
    return { pfx, passphrase, ca, notAfter: Date.parse(cert.validTo), notBefore: Date.parse(cert.validFrom) };
  }
  if (!c.certificate || !c.key) throw fail('serviceplatformen.certificate-missing', { municipality });
  const certPem = read(c.certificate, municipality),
    keyPem = read(c.key, municipality);
  try {
    const cert = new X509Certificate(certPem);
    const key = createPrivateKey(keyPem);
    if (!cert.checkPrivateKey(key)) throw new Error('key does not match');
    return {
      cert: certPem,
      key: keyPem,
      ca,
      notAfter: Date.parse(cert.validTo),
      notBefore: Date.parse(cert.validFrom),
    };
  } catch {
    throw fail('serviceplatformen.certificate-unreadable', { municipality });
  }
}

export class ServiceplatformenUnavailable extends Error {
  constructor(readonly reason: 'timeout' | 'http' | 'network' | 'refused') {
    super(`Serviceplatformen unavailable (${reason})`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ServiceplatformenClient {
  private agent: Agent | null = null;
  private creds: Credentials | null = null;
  constructor(
    readonly municipality: string,
    private readonly config: MunicipalityConfig,
    private readonly now: () => number = Date.now,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  hasService(service: 'cpr' | 'digitalPost'): boolean {
    return !!this.config.services[service];
  }

  /** The invocation context of a service of the agreement (SF1520: 'cpr', SF1601: 'digitalPost'). */
  context(service: 'cpr' | 'digitalPost'): InvocationContext & { endpoint: string } {
    const s = this.config.services[service];
    if (!s) throw fail('serviceplatformen.not-configured', { municipality: this.municipality, service });
    return {
      endpoint: s.endpoint,
      serviceAgreementUuid: this.config.serviceAgreementUUID,
      userSystemUuid: this.config.userSystemUUID,
      userUuid: this.config.userUUID,
      serviceUuid: s.serviceUUID,
    };
  }

  /** Reads and checks the certificate (again after a failure, so a renewed file is picked up): throws a DomainError. */
  check(): void {
    if (!this.creds) {
      this.creds = loadCredentials(this.municipality, this.config, this.env);
      this.agent?.destroy();
      this.agent = null;
    }
    const t = this.now();
    if (t > this.creds.notAfter || t < this.creds.notBefore) {
      this.creds = null;
      throw fail('serviceplatformen.certificate-expired', { municipality: this.municipality });
    }
  }

  /** When the certificate stops being valid (ISO), after checking it. */
  validUntil(): string {
    this.check();
    return new Date(this.creds!.notAfter).toISOString();
  }

  private agentFor(): Agent {
    const c = this.creds!;
    return (this.agent ??= new Agent({
      keepAlive: true,
      cert: c.cert,
      key: c.key,
      pfx: c.pfx,
      passphrase: c.passphrase,
      ...(c.ca && { ca: c.ca }),
    }));
  }

  /** POSTs `body` with the client certificate; retries network errors, timeouts and 5xx (backoff 200, 400, 800 … ms);
   *  4xx and TLS refusals (a certificate the platform does not accept) are not retried. A SOAP fault (5xx with a
   *  Fault body) is an answer, returned as such. */
  async post(
    endpoint: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: string }> {
    for (let i = 1; ; i++) {
      this.check();
      try {
        const r = await this.once(endpoint, body, headers);
        if (r.status >= 500 && !/Fault/.test(r.body)) throw new ServiceplatformenUnavailable('http');
        return r;
      } catch (e) {
        const retry = e instanceof ServiceplatformenUnavailable && e.reason !== 'refused';
        if (!retry || i >= this.config.attempts) throw e;
        await sleep(200 * 2 ** (i - 1));
      }
    }
  }

  private once(endpoint: string, body: string, headers: Record<string, string>) {
    const url = new URL(endpoint);
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          hostname: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: 'POST',
          agent: this.agentFor(),
          headers,
          timeout: this.config.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', () => reject(new ServiceplatformenUnavailable('network')));
        },
      );
      // A TLS 1.3 server refuses a client certificate after the handshake: the client sees the connection reset
      // before any answer. A reset then, or a TLS alert during the handshake, is a refusal of our certificate.
      let secured = false;
      req.on('socket', (s) => s.once('secureConnect', () => (secured = true)));
      req.on('timeout', () => req.destroy(new ServiceplatformenUnavailable('timeout')));
      req.on('error', (e: NodeJS.ErrnoException) =>
        reject(
          e instanceof ServiceplatformenUnavailable
            ? e
            : /alert|certificate|SSL/i.test(`${e.code ?? ''} ${e.message}`) || (secured && e.code === 'ECONNRESET')
              ? new ServiceplatformenUnavailable('refused')
              : new ServiceplatformenUnavailable('network'),
        ),
      );
      req.end(body);
    });
  }

  close() {
    this.agent?.destroy();
    this.agent = null;
  }
}
