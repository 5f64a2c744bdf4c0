// The register export in STIL's export-service shape (three levels as flat lists), the snapshot file's unit-level
// shape, and the row-by-row validation that turns either into typed rows or per-row errors. Pure: no I/O.
import { z } from 'zod';
import { MUNICIPALITIES } from '../../../shared/index.js';
import type { Ejerform, Lovgrundlag, UnitType } from '../../../platform/db/schema.js';
import {
  EJERFORM_CODE,
  EJERFORM_OF_CODE,
  INST_TYPE3,
  LOVGRUNDLAG_CODE,
  LOVGRUNDLAG_OF_CODE,
  REGISTER_NUMBER,
  TYPE_OF_INST_TYPE3,
  TYPE_OF_KIND,
  derivedDaginstitutionNumber,
  lovgrundlagFor,
} from './codes.js';

/** An address as the register writes it. */
export interface ExportAddress {
  vejOgHusnummer: string;
  postnummer: string;
  postdistrikt: string;
  darId?: string | null;
}
/** The export: what STIL's export service returns, one list per level (JSON rendering of its response). */
export interface RegisterExport {
  udtraeksDato?: string;
  daginstitutioner: unknown[];
  anvisningsenheder: unknown[];
  alternativeAdresser?: unknown[];
}

export type ImportErrorCode =
  | 'invalid-field'
  | 'unknown-code'
  | 'duplicate-number'
  | 'missing-parent'
  | 'other-municipality'
  | 'number-taken'
  | 'children-after-closing'
  | 'unknown-format';
export interface ImportError {
  level: 'daginstitution' | 'anvisningsenhed' | 'alternativ_adresse' | 'fil';
  /** Position in its list (from 1), or null for the file. */
  row: number | null;
  number: string | null;
  code: ImportErrorCode;
  field: string | null;
  value: string | null;
}

export interface DaginstitutionRow {
  number: string;
  name: string;
  ejerform: Ejerform;
  lovgrundlag: Lovgrundlag;
  municipalityCode: string;
  /** True when the export had no daginstitution level and Spire derived it from the unit (the snapshot). */
  derived: boolean;
}
export interface UnitRow {
  number: string;
  daginstitutionNumber: string;
  name: string;
  type: UnitType;
  instType3: number;
  street: string;
  postalCode: string;
  city: string;
  darId: string | undefined;
  email: string | undefined;
  phone: string | undefined;
  cvr: string | undefined;
  pNumber: string | undefined;
  lat: number | undefined;
  lon: number | undefined;
}
export interface AltAddressRow {
  number: string | null;
  unitNumber: string;
  street: string;
  postalCode: string;
  city: string;
  darId: string | undefined;
}
export interface ParsedExport {
  daginstitutioner: DaginstitutionRow[];
  units: UnitRow[];
  alternativeAddresses: AltAddressRow[];
  errors: ImportError[];
}

const municipalityCodes = new Set(MUNICIPALITIES.map((m) => m.code));
const number = z.string().regex(REGISTER_NUMBER);
const name = z.string().trim().min(1).max(132);
const address = z.object({
  vejOgHusnummer: z.string().trim().min(1).max(200),
  postnummer: z.string().regex(/^\d{4}$/),
  postdistrikt: z.string().trim().min(1).max(100),
  darId: z.uuid().nullish(),
});
const DaginstitutionSchema = z.object({
  daginstitutionsNummer: number,
  daginstitutionsNavn: name,
  ejerformKode: z.number().int(),
  lovgrundlagKode: z.number().int(),
  admKommuneKode: z.string().regex(/^\d{4}$/),
  afledt: z.boolean().optional(),
});
const UnitSchema = z.object({
  enhedsNummer: number,
  daginstitutionsNummer: number,
  enhedsNavn: name,
  instType3: z.number().int(),
  adresse: address,
  email: z.string().max(132).nullish(),
  telefonNummer: z.string().max(20).nullish(),
  cvrNummer: z
    .string()
    .regex(/^\d{8}$/)
    .nullish(),
  pNummer: z
    .string()
    .regex(/^\d{10}$/)
    .nullish(),
  geo: z.object({ lat: z.number().min(54).max(58), lng: z.number().min(7).max(16) }).nullish(),
});
const AltSchema = z.object({ nummer: number.nullish(), enhedsNummer: number, adresse: address });

const str = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** Validates every row of an export: codes, formats, numbers unique per level, every parent present. */
export function parseExport(file: unknown): ParsedExport {
  const out: ParsedExport = { daginstitutioner: [], units: [], alternativeAddresses: [], errors: [] };
  const f = file as Partial<RegisterExport> | null;
  if (!f || typeof f !== 'object' || !Array.isArray(f.daginstitutioner) || !Array.isArray(f.anvisningsenheder)) {
    out.errors.push({ level: 'fil', row: null, number: null, code: 'unknown-format', field: null, value: null });
    return out;
  }
  const fieldError = (
    level: ImportError['level'],
    row: number,
    num: unknown,
    issues: z.core.$ZodIssue[],
    raw: Record<string, unknown>,
  ) => {
    for (const i of issues) {
      const field = i.path.join('.');
      let v: unknown = raw;
      for (const p of i.path) v = (v as Record<PropertyKey, unknown> | undefined)?.[p];
      out.errors.push({ level, row, number: str(num), code: 'invalid-field', field, value: str(v) });
    }
  };
  const unknownCode = (level: ImportError['level'], row: number, num: unknown, field: string, value: unknown) =>
    out.errors.push({ level, row, number: str(num), code: 'unknown-code', field, value: str(value) });

  const dagNumbers = new Set<string>();
  f.daginstitutioner.forEach((raw0, i) => {
    const raw = (raw0 ?? {}) as Record<string, unknown>;
    const row = i + 1;
    let ok = true;
    if (typeof raw.ejerformKode !== 'number' || !EJERFORM_OF_CODE.has(raw.ejerformKode)) {
      unknownCode('daginstitution', row, raw.daginstitutionsNummer, 'ejerformKode', raw.ejerformKode);
      ok = false;
    }
    if (typeof raw.lovgrundlagKode !== 'number' || !LOVGRUNDLAG_OF_CODE.has(raw.lovgrundlagKode)) {
      unknownCode('daginstitution', row, raw.daginstitutionsNummer, 'lovgrundlagKode', raw.lovgrundlagKode);
      ok = false;
    }
    if (typeof raw.admKommuneKode === 'string' && !municipalityCodes.has(raw.admKommuneKode)) {
      unknownCode('daginstitution', row, raw.daginstitutionsNummer, 'admKommuneKode', raw.admKommuneKode);
      ok = false;
    }
    const p = DaginstitutionSchema.safeParse(raw);
    if (!p.success) {
      const issues = p.error.issues.filter((x) => !['ejerformKode', 'lovgrundlagKode'].includes(String(x.path[0])));
      if (issues.length) fieldError('daginstitution', row, raw.daginstitutionsNummer, issues, raw);
      return;
    }
    const d = p.data;
    if (dagNumbers.has(d.daginstitutionsNummer)) {
      out.errors.push({
        level: 'daginstitution',
        row,
        number: d.daginstitutionsNummer,
        code: 'duplicate-number',
        field: 'daginstitutionsNummer',
        value: d.daginstitutionsNummer,
      });
      return;
    }
    dagNumbers.add(d.daginstitutionsNummer);
    if (!ok) return;
    out.daginstitutioner.push({
      number: d.daginstitutionsNummer,
      name: d.daginstitutionsNavn,
      ejerform: EJERFORM_OF_CODE.get(d.ejerformKode)!,
      lovgrundlag: LOVGRUNDLAG_OF_CODE.get(d.lovgrundlagKode)!,
      municipalityCode: d.admKommuneKode,
      derived: d.afledt ?? false,
    });
  });

  const unitNumbers = new Set<string>();
  f.anvisningsenheder.forEach((raw0, i) => {
    const raw = (raw0 ?? {}) as Record<string, unknown>;
    const row = i + 1;
    let ok = true;
    if (typeof raw.instType3 !== 'number' || !TYPE_OF_INST_TYPE3.has(raw.instType3)) {
      unknownCode('anvisningsenhed', row, raw.enhedsNummer, 'instType3', raw.instType3);
      ok = false;
    }
    const p = UnitSchema.safeParse(raw);
    if (!p.success) {
      const issues = p.error.issues.filter((x) => x.path[0] !== 'instType3');
      if (issues.length) fieldError('anvisningsenhed', row, raw.enhedsNummer, issues, raw);
      return;
    }
    const u = p.data;
    if (unitNumbers.has(u.enhedsNummer)) {
      out.errors.push({
        level: 'anvisningsenhed',
        row,
        number: u.enhedsNummer,
        code: 'duplicate-number',
        field: 'enhedsNummer',
        value: u.enhedsNummer,
      });
      return;
    }
    unitNumbers.add(u.enhedsNummer);
    if (!dagNumbers.has(u.daginstitutionsNummer)) {
      out.errors.push({
        level: 'anvisningsenhed',
        row,
        number: u.enhedsNummer,
        code: 'missing-parent',
        field: 'daginstitutionsNummer',
        value: u.daginstitutionsNummer,
      });
      return;
    }
    if (!ok) return;
    out.units.push({
      number: u.enhedsNummer,
      daginstitutionNumber: u.daginstitutionsNummer,
      name: u.enhedsNavn,
      type: TYPE_OF_INST_TYPE3.get(u.instType3)!,
      instType3: u.instType3,
      street: u.adresse.vejOgHusnummer,
      postalCode: u.adresse.postnummer,
      city: u.adresse.postdistrikt,
      darId: u.adresse.darId ?? undefined,
      email: u.email ?? undefined,
      phone: u.telefonNummer ?? undefined,
      cvr: u.cvrNummer ?? undefined,
      pNumber: u.pNummer ?? undefined,
      lat: u.geo?.lat,
      lon: u.geo?.lng,
    });
  });

  const altNumbers = new Set<string>();
  (f.alternativeAdresser ?? []).forEach((raw0, i) => {
    const raw = (raw0 ?? {}) as Record<string, unknown>;
    const row = i + 1;
    const p = AltSchema.safeParse(raw);
    if (!p.success) return fieldError('alternativ_adresse', row, raw.nummer, p.error.issues, raw);
    const a = p.data;
    if (a.nummer && altNumbers.has(a.nummer)) {
      out.errors.push({
        level: 'alternativ_adresse',
        row,
        number: a.nummer,
        code: 'duplicate-number',
        field: 'nummer',
        value: a.nummer,
      });
      return;
    }
    if (a.nummer) altNumbers.add(a.nummer);
    if (!unitNumbers.has(a.enhedsNummer)) {
      out.errors.push({
        level: 'alternativ_adresse',
        row,
        number: a.nummer ?? null,
        code: 'missing-parent',
        field: 'enhedsNummer',
        value: a.enhedsNummer,
      });
      return;
    }
    out.alternativeAddresses.push({
      number: a.nummer ?? null,
      unitNumber: a.enhedsNummer,
      street: a.adresse.vejOgHusnummer,
      postalCode: a.adresse.postnummer,
      city: a.adresse.postdistrikt,
      darId: a.adresse.darId ?? undefined,
    });
  });
  // A unit whose parent was refused is not imported either: nothing half-imported.
  const okDag = new Set(out.daginstitutioner.map((d) => d.number));
  out.units = out.units.filter((u) => okDag.has(u.daginstitutionNumber));
  return out;
}

/** One unit-level row of the snapshot file (data/institutions.json). */
export interface SnapshotUnit {
  number: string;
  name: string;
  kind: string;
  ownership: string;
  municipality?: string;
  municipalityCode: string;
  street: string;
  postalCode: string;
  city: string;
  lat?: number | null;
  lng?: number | null;
}

/** The snapshot (unit-level rows only) in the export's shape: each unit keeps its own number on the
 *  anvisningsenhed level, under a derived daginstitution of its own (number `I` + the unit number's last five, its
 *  name, ejerform from `ownership`, lovgrundlag from kind and ownership). Unknown kinds and ownerships are passed
 *  on as they are, so validation reports them. */
export function snapshotToExport(snapshot: { units: SnapshotUnit[] }, municipalityCode?: string): RegisterExport {
  const units = municipalityCode
    ? snapshot.units.filter((u) => u.municipalityCode === municipalityCode)
    : snapshot.units;
  return {
    daginstitutioner: units.map((u) => {
      const type = TYPE_OF_KIND[u.kind];
      const ejerform = u.ownership in EJERFORM_CODE ? (u.ownership as Ejerform) : undefined;
      return {
        daginstitutionsNummer: typeof u.number === 'string' ? derivedDaginstitutionNumber(u.number) : u.number,
        daginstitutionsNavn: u.name,
        ejerformKode: ejerform ? EJERFORM_CODE[ejerform] : u.ownership,
        // An unknown kind is reported once, on the unit; the derived level falls back to § 19.
        lovgrundlagKode: ejerform ? LOVGRUNDLAG_CODE[lovgrundlagFor(type ?? 'integreret', ejerform)] : 0,
        admKommuneKode: u.municipalityCode,
        afledt: true,
      };
    }),
    anvisningsenheder: units.map((u) => {
      const type = TYPE_OF_KIND[u.kind];
      return {
        enhedsNummer: u.number,
        daginstitutionsNummer: typeof u.number === 'string' ? derivedDaginstitutionNumber(u.number) : u.number,
        enhedsNavn: u.name,
        instType3: type ? INST_TYPE3[type] : u.kind,
        adresse: { vejOgHusnummer: u.street, postnummer: u.postalCode, postdistrikt: u.city },
        geo: typeof u.lat === 'number' && typeof u.lng === 'number' ? { lat: u.lat, lng: u.lng } : null,
      };
    }),
    alternativeAdresser: [],
  };
}

/** Either shape: the export service's (three lists) or the snapshot's (`units`), for one municipality or all. */
export function toExport(file: unknown, municipalityCode?: string): RegisterExport {
  const f = file as { units?: SnapshotUnit[] } & Partial<RegisterExport>;
  if (f && Array.isArray(f.units)) return snapshotToExport({ units: f.units }, municipalityCode);
  if (!f || !municipalityCode || !Array.isArray(f.daginstitutioner) || !Array.isArray(f.anvisningsenheder))
    return f as RegisterExport;
  const dag = (f.daginstitutioner as { daginstitutionsNummer?: string; admKommuneKode?: string }[]).filter(
    (d) => d?.admKommuneKode === municipalityCode,
  );
  const dagNumbers = new Set(dag.map((d) => d.daginstitutionsNummer));
  const everyDag = new Set(
    (f.daginstitutioner as { daginstitutionsNummer?: string }[]).map((d) => d?.daginstitutionsNummer),
  );
  // Units whose parent is nowhere in the file stay in, so their missing parent is reported.
  const units = (f.anvisningsenheder as { daginstitutionsNummer?: string; enhedsNummer?: string }[]).filter(
    (u) => dagNumbers.has(u?.daginstitutionsNummer) || !everyDag.has(u?.daginstitutionsNummer),
  );
  const unitNumbers = new Set(units.map((u) => u.enhedsNummer));
  return {
    udtraeksDato: f.udtraeksDato,
    daginstitutioner: dag,
    anvisningsenheder: units,
    alternativeAdresser: ((f.alternativeAdresser ?? []) as { enhedsNummer?: string }[]).filter((a) =>
      unitNumbers.has(a?.enhedsNummer),
    ),
  };
}
