// The two StilRegisterService adapters: STIL's SOAP services (production; needs the municipality's certificate and
// network access to STIL) and the local stand-in (demo and tests): the real snapshot as the export, and an import
// service that applies the register's rules and records what it accepted.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../../platform/db/database.js';
import { registerRules, type RegisterAnswer, type RegisterRequest, type StilRegisterService } from './delivery.js';
import { numberState } from './queries.js';

export const SNAPSHOT_FILE = fileURLToPath(new URL('../../../../data/institutions.json', import.meta.url));
let snapshot: unknown = null;
/** The real register snapshot shipped in data/ (4,810 anvisningsenheder of all 98 municipalities). */
export function readSnapshot(): unknown {
  snapshot ??= JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8'));
  return snapshot;
}

export class LocalStilRegister implements StilRegisterService {
  readonly name = 'local';
  /** Requests the stand-in accepted, in order. */
  readonly received: RegisterRequest[] = [];
  /** Leverance ids already answered: a repeated request is answered as before and not applied twice. */
  private readonly answered = new Map<string, RegisterAnswer>();
  constructor(
    private readonly db: Db,
    private readonly opts: { unreachable?: boolean } = {},
  ) {}

  fetchExport(): Promise<unknown> {
    return Promise.resolve(readSnapshot());
  }

  async deliver(request: RegisterRequest): Promise<RegisterAnswer> {
    if (this.opts.unreachable) throw new Error('forbindelsen blev afvist');
    const before = this.answered.get(request.leveranceId);
    if (before) return before;
    const errors = await registerRules(this.db, request, (level, number) => numberState(this.db, level, number));
    const answer: RegisterAnswer = errors.length ? { accepted: false, errors } : { accepted: true };
    this.answered.set(request.leveranceId, answer);
    if (answer.accepted) this.received.push(request);
    return answer;
  }
}

const xml = (v: unknown) =>
  String(v).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The SOAP envelope of one import-service request (docs/formats/dagtilbudsregister.md). */
export function soapEnvelope(r: RegisterRequest): string {
  const fields = Object.entries(r.data)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `<dtr:${k}>${xml(v)}</dtr:${k}>`)
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dtr="urn:stil:dagtilbudsregister:import">` +
    `<soap:Body><dtr:${r.operation}${r.element}Request>` +
    `<dtr:leveranceId>${xml(r.leveranceId)}</dtr:leveranceId><dtr:admKommuneKode>${xml(r.admKommuneKode)}</dtr:admKommuneKode>` +
    `<dtr:${r.element}>${fields}</dtr:${r.element}>` +
    `</dtr:${r.operation}${r.element}Request></soap:Body></soap:Envelope>`
  );
}

/** Reads the register's answer: accepted, or its <Fejl> elements (felt, kode, tekst). */
export function parseSoapAnswer(body: string): RegisterAnswer {
  const errors = [...body.matchAll(/<(?:\w+:)?Fejl>([\s\S]*?)<\/(?:\w+:)?Fejl>/g)].map((m) => {
    const get = (tag: string) =>
      new RegExp(`<(?:\\w+:)?${tag}>([\\s\\S]*?)</(?:\\w+:)?${tag}>`).exec(m[1]!)?.[1] ?? null;
    return { field: get('felt'), code: get('kode') ?? 'register', text: get('tekst') ?? 'Afvist af registeret.' };
  });
  if (errors.length || /<(?:\w+:)?Fault>/.test(body))
    return {
      accepted: false,
      errors: errors.length ? errors : [{ field: null, code: 'fault', text: 'Afvist af registeret.' }],
    };
  return { accepted: true };
}

/** STIL's import and export services over SOAP (endpoint from STIL_REGISTER_ENDPOINT). */
export class StilSoapRegister implements StilRegisterService {
  readonly name = 'stil';
  constructor(private readonly endpoint: string) {}

  fetchExport(): Promise<unknown> {
    return Promise.reject(
      new Error('the export service response is not read yet: fetch the export and run `spire register import --file`'),
    );
  }

  async deliver(request: RegisterRequest): Promise<RegisterAnswer> {
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `${request.operation}${request.element}` },
      body: soapEnvelope(request),
    });
    const body = await res.text();
    if (res.status >= 500 && !/<(?:\w+:)?Fault>/.test(body)) throw new Error(`STIL answered ${res.status}`);
    return parseSoapAnswer(body);
  }
}

/** The service this installation talks to: STIL when configured, else the local stand-in. */
export function stilRegisterFor(db: Db): StilRegisterService {
  const endpoint = process.env.STIL_REGISTER_ENDPOINT;
  return endpoint ? new StilSoapRegister(endpoint) : new LocalStilRegister(db);
}
