// The CPR register behind one interface: a person as SF1520 (PersonBaseDataExtended, "CPR replika opslag") answers,
// and a change file as SF6002 (CPR abonnement) delivers, both as JSON with the register's own element names
// (docs/formats/cpr.md). The real adapter (sf1520.ts) reads the SOAP/XML answer into the same shape; the stand-in
// (local.ts) serves fictitious people from data/cpr-standin.json.
import { z } from 'zod';
import { LocalDate, isMunicipalityCode, parseCpr } from '../../../shared/index.js';

const pnr = z.string().refine((s) => /^\d{10}$/.test(s) && parseCpr(s).ok, 'personnummer: 10 digits, a valid date');
const date = z.iso.date();
const kommunekode = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).padStart(4, '0'))
  .refine(isMunicipalityCode, 'kommunekode: one of the 98 municipalities');

/** SF1520 adresseType (aktuelAdresse), with the DAR address id the Datafordeler adds. */
export const AktuelAdresse = z.object({
  darId: z.guid().nullish(), // DAR ids are 8-4-4-4-12 hex but not RFC 4122 variants
  kommunekode,
  vejnavn: z.string().trim().min(1).max(100),
  husnummer: z.string().trim().min(1).max(10),
  etage: z.string().trim().max(10).nullish(),
  sidedoer: z.string().trim().max(10).nullish(),
  postnummer: z.string().regex(/^\d{4}$/),
  postdistrikt: z.string().trim().min(1).max(100),
  tilflytningsdato: date.nullish(),
});
export type AktuelAdresse = z.infer<typeof AktuelAdresse>;

/** SF1520 PersonLookupResponse: persondata, adresse, relationer. */
export const PersonLookupResponse = z.object({
  persondata: z.object({
    personnummer: pnr,
    navn: z.object({
      fornavn: z.string().trim().min(1).max(100),
      mellemnavn: z.string().trim().max(100).nullish(),
      efternavn: z.string().trim().min(1).max(100),
    }),
    foedselsdato: date,
    koen: z.enum(['K', 'M']),
    /** 1/3/5/7 active, 80 udrejst, 90 død (statusTypeType). */
    status: z.object({ status: z.number().int(), statusdato: date.nullish() }),
    adressebeskyttelse: z.object({ beskyttet: z.boolean(), startdato: date.nullish() }).nullish(),
  }),
  adresse: z
    .object({
      aktuelAdresse: AktuelAdresse.nullish(),
      udrejseoplysninger: z.object({ udrejselandekode: z.number().int(), udrejsedato: date }).nullish(),
    })
    .nullish(),
  relationer: z
    .object({
      barn: z.array(z.object({ personnummer: pnr })).default([]),
      /** On a child: who holds custody (3 mor, 4 far, 5–6 anden indehaver) and since when. */
      foraeldremyndighed: z
        .array(
          z.object({
            foraeldremyndighedtype: z.union([z.literal(3), z.literal(4), z.literal(5), z.literal(6)]),
            relationPersonnummer: pnr,
            foraeldremyndighedStartdato: date.nullish(),
          }),
        )
        .default([]),
    })
    .nullish(),
});
export type PersonLookupResponse = z.infer<typeof PersonLookupResponse>;

/** One record of a change file: an event for one person from a date. */
export const ChangeRecord = z.discriminatedUnion('haendelse', [
  z.object({
    recordNo: z.number().int().positive(),
    haendelse: z.literal('flytning'),
    personnummer: pnr,
    dato: date,
    aktuelAdresse: AktuelAdresse,
  }),
  z.object({
    recordNo: z.number().int().positive(),
    haendelse: z.literal('foraeldremyndighed'),
    personnummer: pnr,
    dato: date,
    /** The complete set of custody holders from `dato` (an empty list ends custody, e.g. at 18 or adoption). */
    indehavere: z.array(pnr).max(2),
  }),
  z.object({ recordNo: z.number().int().positive(), haendelse: z.literal('doedsfald'), personnummer: pnr, dato: date }),
  z.object({
    recordNo: z.number().int().positive(),
    haendelse: z.literal('navneaendring'),
    personnummer: pnr,
    dato: date,
    navn: z.object({ fornavn: z.string().trim().min(1).max(100), efternavn: z.string().trim().min(1).max(100) }),
  }),
  z.object({
    recordNo: z.number().int().positive(),
    haendelse: z.literal('adressebeskyttelse'),
    personnummer: pnr,
    dato: date,
    beskyttet: z.boolean(),
  }),
  z.object({
    recordNo: z.number().int().positive(),
    haendelse: z.literal('udrejse'),
    personnummer: pnr,
    dato: date,
    udrejselandekode: z.number().int().min(0).max(9999),
  }),
]);
export type ChangeRecord = z.infer<typeof ChangeRecord>;
export const CHANGE_EVENTS = [
  'flytning',
  'foraeldremyndighed',
  'doedsfald',
  'navneaendring',
  'adressebeskyttelse',
  'udrejse',
] as const;

/** The envelope of a change file; records are checked one by one so a report can name each bad one. */
export const ChangeFileEnvelope = z.object({
  fileId: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/),
  sequence: z.number().int().positive(),
  created: date,
  kommunekode,
  records: z.array(z.unknown()).min(1).max(100_000),
});
export type ChangeFileEnvelope = z.infer<typeof ChangeFileEnvelope>;

/** A person as Spire uses the register's answer. */
export interface CprPerson {
  cpr: string;
  firstName: string;
  lastName: string;
  birthDate: LocalDate;
  sex: 'female' | 'male';
  status: 'active' | 'emigrated' | 'dead' | 'inactive';
  statusDate: LocalDate | null;
  protected: boolean;
  address: (AktuelAdresse & { since: LocalDate }) | null;
  children: string[];
  custodyHolders: { cpr: string; since: LocalDate }[];
}

export function personFromLookup(r: PersonLookupResponse): CprPerson {
  const p = r.persondata;
  const birthDate = LocalDate.parse(p.foedselsdato);
  const s = p.status.status;
  const address = r.adresse?.aktuelAdresse;
  return {
    cpr: p.personnummer,
    firstName: [p.navn.fornavn, p.navn.mellemnavn].filter(Boolean).join(' '),
    lastName: p.navn.efternavn,
    birthDate,
    sex: p.koen === 'K' ? 'female' : 'male',
    status: [1, 3, 5, 7].includes(s) ? 'active' : s === 80 ? 'emigrated' : s === 90 ? 'dead' : 'inactive',
    statusDate: p.status.statusdato ? LocalDate.parse(p.status.statusdato) : null,
    protected: p.adressebeskyttelse?.beskyttet ?? false,
    address: address
      ? { ...address, since: address.tilflytningsdato ? LocalDate.parse(address.tilflytningsdato) : birthDate }
      : null,
    children: (r.relationer?.barn ?? []).map((b) => b.personnummer),
    custodyHolders: (r.relationer?.foraeldremyndighed ?? []).map((f) => ({
      cpr: f.relationPersonnummer,
      since: f.foraeldremyndighedStartdato ? LocalDate.parse(f.foraeldremyndighedStartdato) : birthDate,
    })),
  };
}

/** The register could not answer (timeout, refusal, garbage): retry later; nothing was changed. */
export class CprUnavailable extends Error {
  constructor(readonly reason: 'timeout' | 'http' | 'garbage' | 'network') {
    super(`CPR register unavailable (${reason})`);
  }
}

/** The national person register, as Spire asks it. */
export interface CprRegister {
  readonly name: string;
  /** SF1520: one person with address and relations; null when the register does not know the number. */
  lookup(cpr: string): Promise<CprPerson | null>;
  /** SF6002: the change files delivered after `sequence` (raw JSON, checked when applied), oldest first. */
  changeFiles(afterSequence: number): Promise<unknown[]>;
}
