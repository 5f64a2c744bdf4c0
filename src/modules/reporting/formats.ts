// The two delivery formats (docs/formats/danmarks-statistik.md, docs/formats/flis.md) and their validators. A payload
// is a pure function of the month's figures (no creation time, no version), so an unchanged month gives the same bytes
// and the same checksum: re-delivering it is a no-op.
import { createHash } from 'node:crypto';
import { JOB_TYPES, type UnitExtract } from './extracts.js';

export type ExtractKind = 'ds' | 'flis';

const PLACE_TYPES = [
  'dagpleje',
  'vuggestue',
  'boernehave',
  'integreret',
  'landsbyordning',
  'fritidshjem',
  'sfo',
  'klub',
  'fritidstilbud',
];
const RATE_TYPES = ['full', 'part', 'leave30'];
const DISCOUNTS = ['none', 'friplads', 'sibling', 'both'];

/** ×100 integer → "12.75" (a dot: the statistics read decimals with a point). */
const dec = (x100: number) => `${Math.trunc(x100 / 100)}.${String(Math.abs(x100) % 100).padStart(2, '0')}`;
const ratioText = (r: number | null) => (r === null ? '' : r.toFixed(2));

export function checksum(payload: string) {
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

/** Danmarks Statistik: semicolon-separated records, one record type per line (H, B, D, P, N, T). */
export function dsPayload(municipality: string, month: string, units: readonly UnitExtract[]): string {
  const lines: string[] = [`H;${municipality};${month.slice(0, 7)};SPIRE-BOERN;1`];
  let children = 0;
  for (const u of units) {
    const n = u.unit.number;
    for (const g of u.groups)
      lines.push(
        `B;${n};${g.placeType};${g.rateType};${g.discount};${g.ageYears};${g.ageMonths};${g.children};${dec(g.ftex100)}`,
      );
    for (const d of u.dagplejere) lines.push(`D;${n};${d.dagplejerId};${d.children}`);
    for (const s of u.staff) lines.push(`P;${n};${s.jobType};${s.persons};${dec(s.ftex100)}`);
    for (const a of ['0-2', '3-5'] as const) {
      const f = u.normering[a];
      if (f.childrenFtex100 || f.adultsFtex100)
        lines.push(`N;${n};${a};${dec(f.childrenFtex100)};${dec(f.adultsFtex100)};${ratioText(f.childrenPerAdult)}`);
    }
    children += u.children;
  }
  lines.push(`T;${lines.length + 1};${children}`);
  return lines.join('\r\n') + '\r\n';
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** FLIS: one XML document per municipality and month, the FLIS dagtilbud dimensions as attributes. */
export function flisPayload(municipality: string, month: string, units: readonly UnitExtract[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<FlisDagtilbud kommune="${municipality}" tidMaaned="${month.slice(0, 7)}" formatVersion="1">`,
  ];
  for (const u of units) {
    out.push(
      `  <Institution nummer="${esc(u.unit.number)}" navn="${esc(u.unit.name)}" type="${esc(u.unit.type)}" antalBoern="${u.children}" fuldtidsboern="${dec(u.ftex100)}">`,
    );
    for (const g of u.groups)
      out.push(
        `    <Boern pladstype="${g.placeType}" taksttype="${g.rateType}" rabatplads="${g.discount}" alderAar="${g.ageYears}" alderMaaned="${g.ageMonths}" antal="${g.children}" fuldtidsboern="${dec(g.ftex100)}"/>`,
      );
    for (const d of u.dagplejere) out.push(`    <Dagplejer id="${d.dagplejerId}" antalBoern="${d.children}"/>`);
    for (const s of u.staff)
      out.push(
        `    <Personale stilling="${s.jobType}" antalMedarbejdere="${s.persons}" fuldtidspersoner="${dec(s.ftex100)}"/>`,
      );
    for (const a of ['0-2', '3-5'] as const) {
      const f = u.normering[a];
      if (f.childrenFtex100 || f.adultsFtex100)
        out.push(
          `    <Normering aldersgruppe="${a}" fuldtidsboern="${dec(f.childrenFtex100)}" paedagogiskPersonale="${dec(f.adultsFtex100)}" boernPrVoksen="${ratioText(f.childrenPerAdult)}"/>`,
        );
    }
    out.push('  </Institution>');
  }
  out.push('</FlisDagtilbud>');
  return out.join('\n') + '\n';
}

export const payloadOf = (kind: ExtractKind, municipality: string, month: string, units: readonly UnitExtract[]) =>
  kind === 'ds' ? dsPayload(municipality, month, units) : flisPayload(municipality, month, units);

// ---- validators: read the payload back and name every problem (line or element, field, reason) ----

const isInt = (s: string | undefined) => s !== undefined && /^(0|[1-9][0-9]*)$/.test(s);
const isDec = (s: string | undefined) => s !== undefined && /^(0|[1-9][0-9]*)\.[0-9]{2}$/.test(s);
const isUnitNo = (s: string | undefined) => s !== undefined && /^[A-Z0-9]{6}$/.test(s);
const isUuid = (s: string | undefined) =>
  s !== undefined && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s);

const DS_FIELDS: Record<string, number> = { H: 5, B: 9, D: 4, P: 5, N: 6, T: 3 };

export function validateDs(payload: string): string[] {
  const errors: string[] = [];
  if (!payload.endsWith('\r\n')) errors.push('the file must end with CRLF');
  const lines = payload.split('\r\n').slice(0, -1);
  let children = 0;
  lines.forEach((line, i) => {
    const at = `line ${i + 1}`;
    const f = line.split(';');
    const type = f[0]!;
    if (!(type in DS_FIELDS)) return void errors.push(`${at}: unknown record type ${JSON.stringify(type)}`);
    if (f.length !== DS_FIELDS[type])
      return void errors.push(`${at}: ${type} has ${f.length} fields, not ${DS_FIELDS[type]}`);
    if ((type === 'H') !== (i === 0)) errors.push(`${at}: the H record is the first line and only there`);
    if ((type === 'T') !== (i === lines.length - 1)) errors.push(`${at}: the T record is the last line and only there`);
    if (type === 'H') {
      if (!/^[0-9]{4}$/.test(f[1]!)) errors.push(`${at}: kommune must be 4 digits`);
      if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(f[2]!)) errors.push(`${at}: maaned must be YYYY-MM`);
      if (f[3] !== 'SPIRE-BOERN' || f[4] !== '1') errors.push(`${at}: format must be SPIRE-BOERN version 1`);
    } else if (type !== 'T' && !isUnitNo(f[1])) errors.push(`${at}: enhed must be a 6-character register number`);
    if (type === 'B') {
      if (!PLACE_TYPES.includes(f[2]!)) errors.push(`${at}: unknown pladstype ${JSON.stringify(f[2])}`);
      if (!RATE_TYPES.includes(f[3]!)) errors.push(`${at}: unknown taksttype ${JSON.stringify(f[3])}`);
      if (!DISCOUNTS.includes(f[4]!)) errors.push(`${at}: unknown rabat ${JSON.stringify(f[4])}`);
      if (!isInt(f[5]) || Number(f[5]) > 17) errors.push(`${at}: alder_aar must be 0–17`);
      if (!isInt(f[6]) || Number(f[6]) > 11) errors.push(`${at}: alder_mdr must be 0–11`);
      if (!isInt(f[7]) || f[7] === '0') errors.push(`${at}: antal_boern must be a positive whole number`);
      if (!isDec(f[8])) errors.push(`${at}: fuldtidsboern must be a decimal with 2 places`);
      else if (Number(f[8]) > Number(f[7]) || Number(f[8]) < Number(f[7]) / 2)
        errors.push(`${at}: fuldtidsboern must lie between half and all of antal_boern`);
      children += Number(f[7]);
    }
    if (type === 'D' && (!isUuid(f[2]) || !isInt(f[3]) || f[3] === '0'))
      errors.push(`${at}: D needs a dagplejer id and a positive number of children`);
    if (type === 'P') {
      if (!JOB_TYPES.includes(f[2] as never)) errors.push(`${at}: unknown stilling ${JSON.stringify(f[2])}`);
      if (!isInt(f[3]) || f[3] === '0' || !isDec(f[4])) errors.push(`${at}: P needs persons and full-time persons`);
    }
    if (type === 'N') {
      if (f[2] !== '0-2' && f[2] !== '3-5') errors.push(`${at}: aldersgruppe must be 0-2 or 3-5`);
      if (!isDec(f[3]) || !isDec(f[4]) || (f[5] !== '' && !isDec(f[5])))
        errors.push(`${at}: N needs decimals with 2 places`);
    }
    if (type === 'T') {
      if (Number(f[1]) !== lines.length) errors.push(`${at}: antal_poster ${f[1]} but the file has ${lines.length}`);
      if (Number(f[2]) !== children) errors.push(`${at}: antal_boern ${f[2]} but the B records add up to ${children}`);
    }
  });
  if (!lines.length) errors.push('the file is empty');
  return errors;
}

const attrs = (tag: string) =>
  Object.fromEntries([...tag.matchAll(/([A-Za-z]+)="([^"<&]*(?:&[a-z]+;[^"<&]*)*)"/g)].map((m) => [m[1]!, m[2]!]));

export function validateFlis(payload: string): string[] {
  const errors: string[] = [];
  const lines = payload.split('\n').slice(0, -1);
  if (lines[0] !== '<?xml version="1.0" encoding="UTF-8"?>') errors.push('line 1: the XML declaration is missing');
  const root = lines[1] ?? '';
  if (!/^<FlisDagtilbud kommune="[0-9]{4}" tidMaaned="[0-9]{4}-(0[1-9]|1[0-2])" formatVersion="1">$/.test(root))
    errors.push('line 2: FlisDagtilbud needs kommune (4 digits), tidMaaned (YYYY-MM) and formatVersion 1');
  if (lines.at(-1) !== '</FlisDagtilbud>') errors.push('the document must end with </FlisDagtilbud>');
  let open = false,
    sum = 0,
    declared = 0;
  lines.slice(2, -1).forEach((line, i) => {
    const at = `line ${i + 3}`;
    const a = attrs(line);
    if (/^ {2}<Institution /.test(line)) {
      if (open) errors.push(`${at}: Institution inside Institution`);
      open = true;
      sum = 0;
      declared = Number(a.antalBoern);
      if (!isUnitNo(a.nummer) || !a.navn || !PLACE_TYPES.includes(a.type ?? ''))
        errors.push(`${at}: Institution needs nummer, navn and a known type`);
      if (!isInt(a.antalBoern) || !isDec(a.fuldtidsboern)) errors.push(`${at}: antalBoern/fuldtidsboern malformed`);
    } else if (line === '  </Institution>') {
      if (!open) errors.push(`${at}: </Institution> without Institution`);
      if (sum !== declared) errors.push(`${at}: the Boern elements add up to ${sum}, not antalBoern ${declared}`);
      open = false;
    } else if (!open) errors.push(`${at}: element outside an Institution`);
    else if (/^ {4}<Boern .*\/>$/.test(line)) {
      if (!PLACE_TYPES.includes(a.pladstype ?? '') || !RATE_TYPES.includes(a.taksttype ?? ''))
        errors.push(`${at}: unknown pladstype or taksttype`);
      if (!DISCOUNTS.includes(a.rabatplads ?? '')) errors.push(`${at}: unknown rabatplads`);
      if (!isInt(a.alderAar) || !isInt(a.alderMaaned) || Number(a.alderMaaned) > 11)
        errors.push(`${at}: alderAar/alderMaaned malformed`);
      if (!isInt(a.antal) || a.antal === '0' || !isDec(a.fuldtidsboern))
        errors.push(`${at}: antal/fuldtidsboern malformed`);
      sum += Number(a.antal);
    } else if (/^ {4}<Dagplejer .*\/>$/.test(line)) {
      if (!isUuid(a.id) || !isInt(a.antalBoern)) errors.push(`${at}: Dagplejer needs id and antalBoern`);
    } else if (/^ {4}<Personale .*\/>$/.test(line)) {
      if (!JOB_TYPES.includes(a.stilling as never) || !isInt(a.antalMedarbejdere) || !isDec(a.fuldtidspersoner))
        errors.push(`${at}: Personale needs a known stilling, antalMedarbejdere and fuldtidspersoner`);
    } else if (/^ {4}<Normering .*\/>$/.test(line)) {
      if (!['0-2', '3-5'].includes(a.aldersgruppe ?? '') || !isDec(a.fuldtidsboern) || !isDec(a.paedagogiskPersonale))
        errors.push(`${at}: Normering malformed`);
    } else errors.push(`${at}: unknown element`);
  });
  if (open) errors.push('an Institution is not closed');
  return errors;
}

export const validatePayload = (kind: ExtractKind, payload: string) =>
  kind === 'ds' ? validateDs(payload) : validateFlis(payload);
