// The Unilogin import interface and Aula behind one adapter: the real client (SOAP over HTTPS to the endpoint
// configured for the municipality) and the local stand-in (demo and tests) that validates like the interface and
// records what it accepted. Format: docs/formats/unilogin.md.
import { randomUUID } from 'node:crypto';
import { validateMessage, type UniloginError, type UniloginMessage } from './roster.js';
import type { PresenceMessage } from './load.js';

export type UniloginAnswer = { accepted: true; receipt: string } | { accepted: false; errors: UniloginError[] };
export type AnyMessage = UniloginMessage | PresenceMessage;

export interface UniloginService {
  readonly name: string;
  /** Sends one message; resolves with the answer, rejects when the service could not be reached. */
  deliver(message: AnyMessage): Promise<UniloginAnswer>;
}

/** Spire's check of a komme/gå message (codes 0–8, times as HH:MM, check-out not before check-in). */
export function validatePresence(m: PresenceMessage): UniloginError[] {
  const e: UniloginError[] = [];
  for (const i of m.institutions)
    for (const c of i.children) {
      if (!Number.isInteger(c.status) || c.status < 0 || c.status > 8)
        e.push({ field: 'status', code: 'presence-code', text: `Ukendt fremmødekode ${c.status}.`, personId: c.id });
      if (c.checkIn && c.checkOut && c.checkOut < c.checkIn)
        e.push({ field: 'checkOut', code: 'times', text: 'Gået før komme-tidspunktet.', personId: c.id });
    }
  return e;
}

export const validateAny = (m: AnyMessage) => (m.kind === 'presence' ? validatePresence(m) : validateMessage(m));

/** The local stand-in for Unilogin's import interface and Aula: validates, answers with a receipt, records. */
export class LocalUniloginImport implements UniloginService {
  readonly name = 'local';
  /** Messages accepted, in order. */
  readonly received: AnyMessage[] = [];
  /** Per municipality: the LocalPersonIds the stand-in knows (a delta may only remove those). */
  private readonly known = new Map<string, Set<string>>();
  constructor(private readonly opts: { unreachable?: boolean } = {}) {}

  deliver(m: AnyMessage): Promise<UniloginAnswer> {
    if (this.opts.unreachable) return Promise.reject(new Error('forbindelsen blev afvist'));
    const errors = validateAny(m);
    if (!errors.length && m.kind !== 'presence') {
      const known = this.known.get(m.municipality) ?? new Set();
      if (m.kind === 'full') known.clear();
      for (const id of m.removed) known.delete(id);
      for (const p of m.persons) known.add(p.id);
      this.known.set(m.municipality, known);
    }
    const answer: UniloginAnswer = errors.length
      ? { accepted: false, errors }
      : { accepted: true, receipt: `LOCAL-UNILOGIN-${randomUUID()}` };
    if (answer.accepted) this.received.push(m);
    return Promise.resolve(answer);
  }
}

const xml = (v: unknown) =>
  String(v).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const el = (tag: string, v: unknown) => (v === null || v === undefined ? '' : `<uni:${tag}>${xml(v)}</uni:${tag}>`);

/** The SOAP envelope of a message (element names per docs/formats/unilogin.md). */
export function soapEnvelope(m: AnyMessage): string {
  const head =
    `<uni:SourceId>Spire</uni:SourceId><uni:DeliveryId>${xml(m.deliveryId)}</uni:DeliveryId>` +
    `<uni:MunicipalityCode>${xml(m.municipality)}</uni:MunicipalityCode><uni:EffectiveDate>${xml(m.date)}</uni:EffectiveDate>`;
  let body: string;
  if (m.kind === 'presence') {
    body = m.institutions
      .map(
        (i) =>
          `<uni:Institution><uni:InstitutionNumber>${xml(i.number)}</uni:InstitutionNumber>` +
          i.children
            .map(
              (c) =>
                `<uni:Presence>${el('LocalPersonId', c.id)}${el('PresenceCode', c.status)}` +
                `${el('CheckIn', c.checkIn)}${el('CheckOut', c.checkOut)}</uni:Presence>`,
            )
            .join('') +
          `</uni:Institution>`,
      )
      .join('');
    body = `<uni:PresenceImport>${head}${body}</uni:PresenceImport>`;
  } else {
    const persons = m.persons
      .map(
        (p) =>
          `<uni:InstitutionPerson protected="${p.protected}">${el('LocalPersonId', p.id)}${el('Role', p.role)}` +
          `${el('FirstName', p.firstName)}${el('FamilyName', p.lastName)}${el('CivilRegistrationNumber', p.cpr)}` +
          `${el('BirthDate', p.birthDate)}` +
          (p.address
            ? `<uni:Address>${el('StreetAddress', p.address.street)}${el('PostalCode', p.address.postalCode)}` +
              `${el('PostalDistrict', p.address.city)}</uni:Address>`
            : '') +
          p.institutions.map((n) => el('InstitutionNumber', n)).join('') +
          (p.custodyOf ?? [])
            .map((c) => `<uni:ContactPerson childCustody="true">${el('ChildLocalPersonId', c)}</uni:ContactPerson>`)
            .join('') +
          el('DagplejerLocalPersonId', p.dagplejerId) +
          `</uni:InstitutionPerson>`,
      )
      .join('');
    const institutions = m.institutions
      .map(
        (i) =>
          `<uni:Institution>${el('InstitutionNumber', i.number)}${el('InstitutionName', i.name)}</uni:Institution>`,
      )
      .join('');
    const removed = m.removed.map((id) => `<uni:Remove>${el('LocalPersonId', id)}</uni:Remove>`).join('');
    const root = m.kind === 'full' ? 'FullImport' : 'DeltaImport';
    body = `<uni:${root}>${head}${institutions}${persons}${removed}</uni:${root}>`;
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:uni="urn:spire:unilogin:import:1">` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

/** Reads the answer: a <Kvittering> (receipt) or <Fejl> elements (felt, kode, tekst). */
export function parseAnswer(body: string): UniloginAnswer {
  const get = (s: string, tag: string) =>
    new RegExp(`<(?:\\w+:)?${tag}>([\\s\\S]*?)</(?:\\w+:)?${tag}>`).exec(s)?.[1] ?? null;
  const errors = [...body.matchAll(/<(?:\w+:)?Fejl>([\s\S]*?)<\/(?:\w+:)?Fejl>/g)].map((m) => ({
    field: get(m[1]!, 'felt'),
    code: get(m[1]!, 'kode') ?? 'unilogin',
    text: get(m[1]!, 'tekst') ?? 'Afvist af Unilogin.',
  }));
  if (errors.length || /<(?:\w+:)?Fault>/.test(body))
    return {
      accepted: false,
      errors: errors.length ? errors : [{ field: null, code: 'fault', text: 'Afvist af Unilogin.' }],
    };
  return { accepted: true, receipt: get(body, 'Kvittering') ?? 'accepted' };
}

/** The import interface over SOAP (endpoint per municipality, docs/formats/unilogin.md). */
export class UniloginSoapClient implements UniloginService {
  readonly name = 'unilogin';
  constructor(private readonly endpoint: string) {}

  async deliver(m: AnyMessage): Promise<UniloginAnswer> {
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: m.kind === 'presence' ? 'Presence' : m.kind },
      body: soapEnvelope(m),
    });
    const body = await res.text();
    if (res.status >= 500 && !/<(?:\w+:)?Fault>/.test(body)) throw new Error(`Unilogin answered ${res.status}`);
    return parseAnswer(body);
  }
}

const local = new LocalUniloginImport();
let override: ((municipality: string) => UniloginService) | null = null;

/** Tests and hosts may put another service in place (null: back to the configuration). */
export function setUniloginService(f: ((municipality: string) => UniloginService) | null) {
  override = f;
}

/** The service a municipality delivers to: SPIRE_UNILOGIN_ENDPOINT_<kommunekode>, else SPIRE_UNILOGIN_ENDPOINT,
 *  else the local stand-in. */
export function uniloginFor(municipality: string): UniloginService {
  if (override) return override(municipality);
  const endpoint = process.env[`SPIRE_UNILOGIN_ENDPOINT_${municipality}`] ?? process.env.SPIRE_UNILOGIN_ENDPOINT;
  return endpoint ? new UniloginSoapClient(endpoint) : local;
}
