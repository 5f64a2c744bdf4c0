// The real register: KOMBIT Serviceplatformen SF1520 (PersonBaseDataExtended v4, operation PersonLookup) over SOAP
// 1.1, with a client certificate (the IT system's FOCES/OCES certificate the service agreement names), a timeout
// and retries. SF6002 change files arrive over SFTP; an operator (or a mounted folder) drops them in `changeDir`.
// docs/formats/cpr.md describes both.
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ServiceplatformenUnavailable,
  serviceplatformenError,
  type ServiceplatformenClient,
} from '../../../platform/serviceplatformen/index.js';
import { CprUnavailable, PersonLookupResponse, personFromLookup, type CprPerson, type CprRegister } from './shapes.js';

export interface Sf1520Options {
  endpoint: string;
  /** The service agreement's invocation context (UUIDs from the Serviceplatform administration). */
  context: { serviceAgreementUuid: string; userSystemUuid: string; userUuid: string; serviceUuid: string };
  /** PKCS#12 client certificate. */
  pfx?: Buffer;
  passphrase?: string;
  timeoutMs?: number;
  attempts?: number;
  /** Folder where SF6002 change files (JSON, docs/formats/cpr.md) are delivered. */
  changeDir?: string;
  /** The municipality's Serviceplatformen client (mutual TLS with its certificate, timeouts and retries of its own):
   *  when given, requests go through it and `pfx`, `passphrase`, `timeoutMs` and `attempts` are not used. */
  transport?: ServiceplatformenClient;
}

const NS = 'http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/4/';
const esc = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The SOAP envelope of a PersonLookup request (InvocationContext, then the PNR). */
export function personLookupEnvelope(cpr: string, ctx: Sf1520Options['context']): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="${NS}"` +
    ` xmlns:invctx="http://serviceplatformen.dk/xml/schemas/InvocationContext/1/"` +
    ` xmlns:cpr="http://serviceplatformen.dk/xml/schemas/cpr/PNR/1/">` +
    `<soapenv:Header/><soapenv:Body><ns:PersonLookupRequest><invctx:InvocationContext>` +
    `<ServiceAgreementUUID>${esc(ctx.serviceAgreementUuid)}</ServiceAgreementUUID>` +
    `<UserSystemUUID>${esc(ctx.userSystemUuid)}</UserSystemUUID>` +
    `<UserUUID>${esc(ctx.userUuid)}</UserUUID>` +
    `<ServiceUUID>${esc(ctx.serviceUuid)}</ServiceUUID>` +
    `</invctx:InvocationContext><cpr:PNR>${esc(cpr)}</cpr:PNR></ns:PersonLookupRequest></soapenv:Body></soapenv:Envelope>`
  );
}

// A small reader for the answer's element tree: namespace prefixes dropped, repeated elements become arrays.
interface El {
  name: string;
  children: El[];
  text: string;
}
function parseXml(xml: string): El {
  const root: El = { name: '#root', children: [], text: '' };
  const stack = [root];
  const re = /<(\/?)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[^>]*?(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|([^<]+)/g;
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = re.exec(xml))) {
    seen += m[0].length;
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) top.text += m[5];
    else if (m[3] && m[1]) {
      if (top.name !== m[3] || stack.length === 1) throw new CprUnavailable('garbage');
      stack.pop();
    } else if (m[3]) {
      const el: El = { name: m[3], children: [], text: '' };
      top.children.push(el);
      if (!m[4]) stack.push(el);
    }
  }
  if (stack.length !== 1 || seen !== xml.length) throw new CprUnavailable('garbage');
  return root;
}
const decode = (s: string) =>
  s
    .trim()
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const find = (el: El | undefined, ...path: string[]): El | undefined =>
  path.reduce<El | undefined>((e, n) => e?.children.find((c) => c.name === n), el);
const all = (el: El | undefined, name: string) => el?.children.filter((c) => c.name === name) ?? [];
const text = (el: El | undefined, ...path: string[]) => {
  const e = find(el, ...path);
  return e ? decode(e.text) || undefined : undefined;
};
const day = (s: string | undefined) => (s ? s.slice(0, 10) : undefined);

/** Reads a PersonLookupResponse (SOAP body) into the JSON shape; null for a SOAP fault saying the PNR is unknown. */
export function parsePersonLookupResponse(xml: string): PersonLookupResponse | null {
  const doc = parseXml(xml);
  const body = find(doc, 'Envelope', 'Body');
  if (!body) throw new CprUnavailable('garbage');
  const fault = find(body, 'Fault');
  if (fault) {
    if (/ikke fundet|not found|findes ikke|unknown/i.test(text(fault, 'faultstring') ?? '')) return null;
    throw new CprUnavailable('http');
  }
  const r = find(body, 'PersonLookupResponse');
  if (!r) throw new CprUnavailable('garbage');
  const p = find(r, 'persondata');
  if (!p) return null;
  const a = find(r, 'adresse', 'aktuelAdresse');
  const u = find(r, 'adresse', 'udrejseoplysninger');
  const rel = find(r, 'relationer');
  const mor = text(rel, 'mor', 'personnummer');
  const far = text(rel, 'far', 'personnummer');
  const shaped = {
    persondata: {
      personnummer: text(p, 'personnummer') ?? text(p, 'gaeldendePersonnummer'),
      navn: {
        fornavn: text(p, 'navn', 'fornavn'),
        mellemnavn: text(p, 'navn', 'mellemnavn') ?? null,
        efternavn: text(p, 'navn', 'efternavn'),
      },
      foedselsdato: day(text(p, 'foedselsdato', 'dato')),
      koen: text(p, 'koen'),
      status: {
        status: Number(text(p, 'status', 'status')),
        statusdato: day(text(p, 'status', 'statusdato', 'dato')) ?? null,
      },
      adressebeskyttelse: find(p, 'adressebeskyttelse')
        ? {
            beskyttet: text(p, 'adressebeskyttelse', 'beskyttet') === 'true',
            startdato: text(p, 'adressebeskyttelse', 'startdato') ?? null,
          }
        : null,
    },
    adresse: {
      aktuelAdresse: a
        ? {
            darId: null,
            kommunekode: text(a, 'kommunekode'),
            vejnavn: text(a, 'vejnavn') ?? text(a, 'vejadresseringsnavn'),
            husnummer: text(a, 'husnummer')?.replace(/^0+/, ''),
            etage: text(a, 'etage') ?? null,
            sidedoer: text(a, 'sidedoer') ?? null,
            postnummer: text(a, 'postnummer'),
            postdistrikt: text(a, 'postdistrikt'),
            tilflytningsdato: day(text(a, 'tilflytningsdato', 'dato')) ?? null,
          }
        : null,
      udrejseoplysninger: u
        ? { udrejselandekode: Number(text(u, 'udrejselandekode')), udrejsedato: day(text(u, 'udrejsedato', 'dato')) }
        : null,
    },
    relationer: {
      barn: all(rel, 'barn').map((b) => ({ personnummer: text(b, 'personnummer') })),
      foraeldremyndighed: all(rel, 'foraeldremyndighed').map((f) => {
        const type = Number(text(f, 'foraeldremyndighedtype'));
        return {
          foraeldremyndighedtype: type,
          relationPersonnummer: text(f, 'relationPersonnummer') ?? (type === 3 ? mor : type === 4 ? far : undefined),
          foraeldremyndighedStartdato: day(text(f, 'foraeldremyndighedStartdato', 'dato')) ?? null,
        };
      }),
    },
  };
  const parsed = PersonLookupResponse.safeParse(shaped);
  if (!parsed.success) throw new CprUnavailable('garbage');
  return parsed.data;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Sf1520CprRegister implements CprRegister {
  readonly name = 'sf1520';
  constructor(private readonly o: Sf1520Options) {}

  async lookup(cpr: string): Promise<CprPerson | null> {
    const attempts = this.o.transport ? 1 : (this.o.attempts ?? 3);
    for (let i = 1; ; i++) {
      try {
        const r = parsePersonLookupResponse(await this.post(personLookupEnvelope(cpr, this.o.context)));
        return r && personFromLookup(r);
      } catch (e) {
        // A garbled answer is not retried (it will be garbled again); timeouts and 5xx are, with backoff.
        if (!(e instanceof CprUnavailable) || e.reason === 'garbage' || i >= attempts) throw e;
        await sleep(200 * 2 ** (i - 1));
      }
    }
  }

  private async post(body: string): Promise<string> {
    const t = this.o.transport;
    if (t) {
      try {
        const r = await t.post(this.o.endpoint, body, {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"${NS}PersonLookup"`,
        });
        if (r.status >= 300 && r.status < 500) throw new CprUnavailable('http');
        return r.body;
      } catch (e) {
        if (!(e instanceof ServiceplatformenUnavailable)) throw e;
        if (e.reason === 'refused')
          throw serviceplatformenError('serviceplatformen.certificate-refused', { municipality: t.municipality });
        throw new CprUnavailable(e.reason === 'timeout' ? 'timeout' : e.reason === 'http' ? 'http' : 'network');
      }
    }
    return this.postDirect(body);
  }

  private postDirect(body: string): Promise<string> {
    const url = new URL(this.o.endpoint);
    return new Promise((resolve, reject) => {
      // Plain HTTP only for a local test double; the Serviceplatform is HTTPS with the client certificate.
      const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
      const req = request(
        {
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: 'POST',
          pfx: this.o.pfx,
          passphrase: this.o.passphrase,
          headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${NS}PersonLookup"` },
          timeout: this.o.timeoutMs ?? 10_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            // SOAP faults come as 500 with a Fault body: let the parser read them.
            if ((res.statusCode ?? 0) >= 500 && !/Fault/.test(text)) reject(new CprUnavailable('http'));
            else if ((res.statusCode ?? 0) >= 300 && (res.statusCode ?? 0) < 500) reject(new CprUnavailable('http'));
            else resolve(text);
          });
        },
      );
      req.on('timeout', () => req.destroy(new CprUnavailable('timeout')));
      req.on('error', (e) => reject(e instanceof CprUnavailable ? e : new CprUnavailable('network')));
      req.end(body);
    });
  }

  changeFiles(afterSequence: number): Promise<unknown[]> {
    const dir = this.o.changeDir;
    if (!dir) return Promise.resolve([]);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => {
        try {
          return JSON.parse(readFileSync(join(dir, f), 'utf8')) as { sequence?: unknown };
        } catch {
          return { sequence: null, malformed: f };
        }
      })
      .filter((f) => typeof f.sequence !== 'number' || f.sequence > afterSequence);
    return Promise.resolve(files.sort((a, b) => Number(a.sequence) - Number(b.sequence)));
  }
}
