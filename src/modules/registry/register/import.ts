// The register import: validate the whole export, compare it with Spire (create / update / unchanged / close per
// row, with field diffs), then apply everything in one transaction. A second import of the same file changes nothing.
import { randomUUID } from 'node:crypto';
import { setActor, type Db } from '../../../platform/db/database.js';
import type { RegisterLevel } from '../../../platform/db/schema.js';
import { MUNICIPALITIES, type LocalDate } from '../../../shared/index.js';
import { hasPlacementsAfter } from '../queries.js';
import { parseExport, toExport, type ImportError } from './format.js';
import {
  closeDaginstitution,
  endAlternativeAddress,
  ensureMunicipalities,
  insertAlternativeAddresses,
  insertDaginstitutioner,
  insertUnits,
  markClosedInRegister,
  markRegistered,
  registerState,
  updateAltRow,
  updateDaginstitutionRow,
  updateUnitRow,
  type AltInsert,
  type DagInsert,
  type UnitInsert,
} from './queries.js';
import { closeUnit } from '../queries.js';

export type PlanAction = 'create' | 'update' | 'unchanged' | 'close';
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}
export interface PlanRow {
  level: RegisterLevel;
  number: string;
  name: string;
  municipalityCode: string;
  action: PlanAction;
  changes: FieldChange[];
}
export type PlanCounts = Record<PlanAction, number>;
export interface ImportPlan {
  municipalityCode: string | null;
  counts: PlanCounts;
  rows: PlanRow[];
  errors: ImportError[];
  /** What apply does, in order (not sent to the browser). */
  ops: {
    dagCreate: DagInsert[];
    dagUpdate: { id: string; set: Partial<DagInsert> }[];
    unitCreate: UnitInsert[];
    unitUpdate: { id: string; set: Partial<UnitInsert> }[];
    altCreate: AltInsert[];
    altUpdate: { id: string; set: Partial<AltInsert> }[];
    altEnd: { id: string; number: string | null }[];
    unitClose: { id: string; number: string }[];
    dagClose: { id: string; number: string }[];
    registered: Record<RegisterLevel, string[]>;
  };
}

const s = (v: unknown) =>
  v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number);
/** Field diffs: only fields the file gives (undefined = the register says nothing, Spire's value stays). */
function diff<T extends Record<string, unknown>>(
  current: T,
  wanted: Partial<T>,
  names: Partial<Record<keyof T, string>>,
) {
  const set: Partial<T> = {};
  const changes: FieldChange[] = [];
  for (const [k, v] of Object.entries(wanted) as [keyof T & string, unknown][]) {
    if (v === undefined) continue;
    const cur = current[k];
    const same = typeof v === 'number' && typeof cur === 'number' ? Math.abs(v - cur) < 1e-6 : s(cur) === s(v);
    if (same) continue;
    (set as Record<string, unknown>)[k] = v;
    changes.push({ field: names[k] ?? k, from: s(cur), to: s(v) });
  }
  return { set, changes };
}

/** Compares the export with Spire. `file` is the export-service shape or the snapshot; `municipalityCode` null = all. */
export async function planImport(db: Db, file: unknown, municipalityCode: string | null, today: LocalDate) {
  const parsed = parseExport(toExport(file, municipalityCode ?? undefined));
  const state = await registerState(db, today.toString());
  const errors = [...parsed.errors];
  const rows: PlanRow[] = [];
  const ops: ImportPlan['ops'] = {
    dagCreate: [],
    dagUpdate: [],
    unitCreate: [],
    unitUpdate: [],
    altCreate: [],
    altUpdate: [],
    altEnd: [],
    unitClose: [],
    dagClose: [],
    registered: { daginstitution: [], anvisningsenhed: [], alternativ_adresse: [] },
  };
  const issued = new Set(state.numbers.map((n) => `${n.level}:${n.number}`));
  const registered = new Set(state.numbers.filter((n) => n.registered).map((n) => `${n.level}:${n.number}`));
  const dagByNumber = new Map(state.dag.map((d) => [d.number, d]));
  const dagById = new Map(state.dag.map((d) => [d.id, d]));
  const unitByNumber = new Map(state.units.map((u) => [u.number, u]));
  const unitsPerDag = new Map<string, number>();
  for (const u of state.units) unitsPerDag.set(u.daginstitution_id, (unitsPerDag.get(u.daginstitution_id) ?? 0) + 1);
  const inScope = (m: string) => municipalityCode === null || m === municipalityCode;
  const rowError = (level: ImportError['level'], number: string, code: ImportError['code'], field: string | null) =>
    errors.push({ level, row: null, number, code, field, value: number });

  // Level 1. The daginstitution each file number stands for in Spire (its id), new or existing.
  const dagIdOf = new Map<string, string>();
  const matchedDag = new Set<string>();
  const unitOfDerived = new Map(parsed.units.map((u) => [u.daginstitutionNumber, u]));
  for (const d of parsed.daginstitutioner) {
    const existingUnit = d.derived ? unitByNumber.get(unitOfDerived.get(d.number)?.number ?? '') : undefined;
    const existing = d.derived
      ? existingUnit
        ? dagById.get(existingUnit.daginstitution_id)
        : undefined
      : dagByNumber.get(d.number);
    const base = { level: 'daginstitution' as const, name: d.name, municipalityCode: d.municipalityCode };
    if (existing) {
      if (existing.municipality_code !== d.municipalityCode) {
        rowError('daginstitution', d.number, 'other-municipality', 'admKommuneKode');
        continue;
      }
      dagIdOf.set(d.number, existing.id);
      matchedDag.add(existing.id);
      ops.registered.daginstitution.push(existing.number);
      // A derived daginstitution only speaks for a Spire daginstitution that has this one unit (not a cluster).
      const speaks = !d.derived || (!existing.is_cluster && unitsPerDag.get(existing.id) === 1);
      const { set, changes } = speaks
        ? diff(
            existing as unknown as Record<string, unknown>,
            { name: d.name, ejerform: d.ejerform, lovgrundlag: d.lovgrundlag },
            {},
          )
        : { set: {}, changes: [] };
      rows.push({ ...base, number: existing.number, action: changes.length ? 'update' : 'unchanged', changes });
      if (changes.length) ops.dagUpdate.push({ id: existing.id, set: set as Partial<DagInsert> });
    } else {
      if (issued.has(`daginstitution:${d.number}`)) {
        rowError('daginstitution', d.number, 'number-taken', 'daginstitutionsNummer');
        continue;
      }
      const id = randomUUID();
      dagIdOf.set(d.number, id);
      ops.dagCreate.push({
        id,
        number: d.number,
        name: d.name,
        ejerform: d.ejerform,
        lovgrundlag: d.lovgrundlag,
        municipality_code: d.municipalityCode,
      });
      ops.registered.daginstitution.push(d.number);
      rows.push({ ...base, number: d.number, action: 'create', changes: [] });
    }
  }

  // Level 2.
  const fileUnits = new Set<string>();
  const unitIdOf = new Map<string, string>();
  const dagOfFileRow = new Map(parsed.daginstitutioner.map((d) => [d.number, d]));
  for (const u of parsed.units) {
    const parentId = dagIdOf.get(u.daginstitutionNumber);
    const parent = dagOfFileRow.get(u.daginstitutionNumber)!;
    if (!parentId) continue; // its daginstitution was refused above
    fileUnits.add(u.number);
    const existing = unitByNumber.get(u.number);
    const base = {
      level: 'anvisningsenhed' as const,
      number: u.number,
      name: u.name,
      municipalityCode: parent.municipalityCode,
    };
    const wanted: Partial<UnitInsert> = {
      name: u.name,
      type: u.type,
      inst_type3: u.instType3,
      street: u.street,
      postal_code: u.postalCode,
      city: u.city,
      lat: u.lat,
      lon: u.lon,
      email: u.email,
      phone: u.phone,
      cvr: u.cvr,
      p_number: u.pNumber,
      dar_id: u.darId,
    };
    if (existing) {
      if (existing.municipality_code !== parent.municipalityCode) {
        rowError('anvisningsenhed', u.number, 'other-municipality', 'admKommuneKode');
        continue;
      }
      unitIdOf.set(u.number, existing.id);
      ops.registered.anvisningsenhed.push(u.number);
      // A real daginstitution level may move a unit; a derived one never does (the municipality's clusters stay).
      if (!parent.derived) wanted.daginstitution_id = parentId;
      const { set, changes } = diff(existing as unknown as Record<string, unknown>, wanted, {
        daginstitution_id: 'daginstitution',
        inst_type3: 'instType3',
      });
      rows.push({ ...base, action: changes.length ? 'update' : 'unchanged', changes });
      if (changes.length) ops.unitUpdate.push({ id: existing.id, set });
    } else {
      if (issued.has(`anvisningsenhed:${u.number}`)) {
        rowError('anvisningsenhed', u.number, 'number-taken', 'enhedsNummer');
        continue;
      }
      const id = randomUUID();
      unitIdOf.set(u.number, id);
      ops.unitCreate.push({
        id,
        number: u.number,
        daginstitution_id: parentId,
        name: u.name,
        type: u.type,
        inst_type3: u.instType3,
        street: u.street,
        postal_code: u.postalCode,
        city: u.city,
        lat: u.lat ?? null,
        lon: u.lon ?? null,
        email: u.email ?? null,
        phone: u.phone ?? null,
        cvr: u.cvr ?? null,
        p_number: u.pNumber ?? null,
        dar_id: u.darId ?? null,
      });
      ops.registered.anvisningsenhed.push(u.number);
      rows.push({ ...base, action: 'create', changes: [] });
    }
  }

  // Level 3.
  const keptAlts = new Set<string>();
  const altsOfUnit = new Map<string, typeof state.alts>();
  for (const a of state.alts) if (a.open) altsOfUnit.set(a.unitNumber, [...(altsOfUnit.get(a.unitNumber) ?? []), a]);
  for (const a of parsed.alternativeAddresses) {
    const unitId = unitIdOf.get(a.unitNumber);
    if (!unitId) continue;
    const candidates = altsOfUnit.get(a.unitNumber) ?? [];
    const existing = a.number
      ? candidates.find((x) => x.number === a.number)
      : candidates.find((x) => x.street === a.street && x.postal_code === a.postalCode);
    const base = {
      level: 'alternativ_adresse' as const,
      number: a.number ?? a.unitNumber,
      name: `${a.street}, ${a.postalCode} ${a.city}`,
      municipalityCode: unitByNumber.get(a.unitNumber)?.municipality_code ?? municipalityCode ?? '',
    };
    if (existing) {
      keptAlts.add(existing.id);
      if (a.number) ops.registered.alternativ_adresse.push(a.number);
      const { set, changes } = diff(
        existing as unknown as Record<string, unknown>,
        { street: a.street, city: a.city, dar_id: a.darId },
        {},
      );
      rows.push({ ...base, action: changes.length ? 'update' : 'unchanged', changes });
      if (changes.length) ops.altUpdate.push({ id: existing.id, set });
    } else {
      if (a.number && issued.has(`alternativ_adresse:${a.number}`)) {
        rowError('alternativ_adresse', a.number, 'number-taken', 'nummer');
        continue;
      }
      ops.altCreate.push({
        id: randomUUID(),
        number: a.number,
        unit_id: unitId,
        street: a.street,
        postal_code: a.postalCode,
        city: a.city,
        dar_id: a.darId ?? null,
        valid: `[${today.toString()},)`,
      });
      if (a.number) ops.registered.alternativ_adresse.push(a.number);
      rows.push({ ...base, action: 'create', changes: [] });
    }
  }

  // Closing, bottom-up: what the register knew and no longer has (entries Spire made and has not delivered stay).
  const lastDay = today.minusDays(1);
  for (const a of state.alts) {
    if (!a.open || !a.number || keptAlts.has(a.id) || !inScope(a.municipality_code)) continue;
    if (!registered.has(`alternativ_adresse:${a.number}`) || !fileUnits.has(a.unitNumber)) continue;
    ops.altEnd.push({ id: a.id, number: a.number });
    rows.push({
      level: 'alternativ_adresse',
      number: a.number,
      name: `${a.street}, ${a.postal_code} ${a.city}`,
      municipalityCode: a.municipality_code,
      action: 'close',
      changes: [],
    });
  }
  const closingUnits = new Set<string>();
  for (const u of state.units) {
    if (u.closed_on || fileUnits.has(u.number) || !inScope(u.municipality_code)) continue;
    if (!registered.has(`anvisningsenhed:${u.number}`)) continue;
    if (await hasPlacementsAfter(db, u.id, lastDay)) {
      rowError('anvisningsenhed', u.number, 'children-after-closing', null);
      continue;
    }
    closingUnits.add(u.id);
    ops.unitClose.push({ id: u.id, number: u.number });
    for (const a of state.alts.filter((x) => x.unit_id === u.id && x.open))
      ops.altEnd.push({ id: a.id, number: a.number });
    rows.push({
      level: 'anvisningsenhed',
      number: u.number,
      name: u.name,
      municipalityCode: u.municipality_code,
      action: 'close',
      changes: [],
    });
  }
  for (const d of state.dag) {
    if (d.closed_on || matchedDag.has(d.id) || !inScope(d.municipality_code)) continue;
    if (!registered.has(`daginstitution:${d.number}`)) continue;
    const open = state.units.some((u) => u.daginstitution_id === d.id && !u.closed_on && !closingUnits.has(u.id));
    if (open) continue;
    ops.dagClose.push({ id: d.id, number: d.number });
    rows.push({
      level: 'daginstitution',
      number: d.number,
      name: d.name,
      municipalityCode: d.municipality_code,
      action: 'close',
      changes: [],
    });
  }

  const counts: PlanCounts = { create: 0, update: 0, unchanged: 0, close: 0 };
  for (const r of rows) counts[r.action]++;
  const order: Record<PlanAction, number> = { create: 0, update: 1, close: 2, unchanged: 3 };
  rows.sort((a, b) => order[a.action] - order[b.action] || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  return { municipalityCode, counts, rows, errors, ops } satisfies ImportPlan;
}

/** Applies a plan in the caller's transaction. Refused (nothing written) while the plan has errors. `actor`: the
 *  staff user's id for the row history, or null for the command line (history without a user). */
export async function applyImport(trx: Db, plan: ImportPlan, today: LocalDate, actor: string | null) {
  if (plan.errors.length) throw new Error('an import with errors is never applied');
  if (actor) await setActor(trx, actor);
  const o = plan.ops;
  const codes = new Set(o.dagCreate.map((d) => d.municipality_code));
  await ensureMunicipalities(
    trx,
    MUNICIPALITIES.filter((m) => codes.has(m.code)).map((m) => ({ code: m.code, name: m.name })),
  );
  await insertDaginstitutioner(trx, o.dagCreate);
  for (const u of o.dagUpdate) await updateDaginstitutionRow(trx, u.id, u.set);
  await insertUnits(trx, o.unitCreate);
  for (const u of o.unitUpdate) await updateUnitRow(trx, u.id, u.set);
  await insertAlternativeAddresses(trx, o.altCreate);
  for (const a of o.altUpdate) await updateAltRow(trx, a.id, a.set);
  const lastDay = today.minusDays(1).toString();
  for (const a of o.altEnd) {
    await endAlternativeAddress(trx, a.id, lastDay);
    if (a.number) await markClosedInRegister(trx, 'alternativ_adresse', a.number, lastDay);
  }
  for (const u of o.unitClose) {
    await closeUnit(trx, u.id, today.minusDays(1));
    await markClosedInRegister(trx, 'anvisningsenhed', u.number, lastDay);
  }
  for (const d of o.dagClose) {
    await closeDaginstitution(trx, d.id, lastDay);
    await markClosedInRegister(trx, 'daginstitution', d.number, lastDay);
  }
  for (const level of ['daginstitution', 'anvisningsenhed', 'alternativ_adresse'] as const)
    await markRegistered(trx, level, o.registered[level]);
  return plan.counts;
}
