// Builds the register (areas, daginstitutioner, units, sections) from real units plus synthetic SFOs and klubber.
import type { Insertable } from 'kysely';
import type { DB, UnitType } from '../platform/db/schema.js';
import { derivedDaginstitutionNumber, INST_TYPE3, lovgrundlagFor, TYPE_OF_KIND } from '../modules/registry/index.js';
import { areaOf, FRITIDSHJEM_NAMES, SCHOOLS, streetsFor } from './addresses.js';
import type { InstitutionRecord } from './institutions.js';
import type { Rng, UuidGen } from './prng.js';

export type Band = 'nursery' | 'kg' | 'sfo' | 'klub';

export interface UnitModel {
  id: string;
  name: string;
  type: UnitType;
  area: string;
  /** Assignment weights per kind of place (0 = this unit does not take such children). */
  weight: Record<Band, number>;
  lat: number;
  lon: number;
  street: string;
  postalCode: string;
  city: string;
  synthetic: boolean;
  ownership: 'kommunal' | 'selvejende' | 'privat';
  daginstitutionId: string;
}

export interface Cluster {
  daginstitutionId: string;
  name: string;
  unitIds: string[];
}

export interface Register {
  areaIds: Map<string, string>;
  units: UnitModel[];
  clusters: Cluster[];
  /** Relative number of homes per area (by real daycare places there). */
  householdWeight: Map<string, number>;
  rows: {
    area: Insertable<DB['area']>[];
    daginstitution: Insertable<DB['daginstitution']>[];
    unit: Insertable<DB['unit']>[];
    unit_section: Insertable<DB['unit_section']>[];
  };
}

const TYPE_OF = TYPE_OF_KIND as Record<InstitutionRecord['kind'], UnitType>;

const SECTIONS: Record<string, [string, number, number][]> = {
  integreret: [
    ['Vuggestuegruppe', 0, 36],
    ['Børnehavegruppe', 36, 72],
  ],
  vuggestue: [['Vuggestuegruppe', 0, 36]],
  dagpleje: [['Dagplejere', 0, 36]],
  boernehave: [['Børnehavegruppe', 36, 72]],
  sfo: [
    ['Indskoling 0.–1. klasse', 60, 96],
    ['2.–3. klasse', 96, 120],
  ],
  klub: [
    ['Juniorklub', 96, 132],
    ['Fritidsklub', 132, 168],
  ],
};

function openingHours(type: UnitType): Record<string, [string, string]> {
  const [open, close, fri]: [string, string, string] =
    type === 'dagpleje'
      ? ['06:45', '16:30', '15:30']
      : type === 'klub'
        ? ['13:00', '18:00', '17:00']
        : type === 'sfo'
          ? ['06:30', '17:00', '16:30']
          : ['06:30', '17:00', '16:00'];
  return { mon: [open, close], tue: [open, close], wed: [open, close], thu: [open, close], fri: [open, fri] };
}

/** Locale-independent ordering, so the output does not depend on the ICU data Node was built with. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const VALID_NUMBER = /^[A-Z0-9]{6}$/;

/** A deterministic 6-character register number from a text, for records whose own number is unusable. */
export function deriveNumber(text: string, prefix: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return (prefix + h.toString(36).toUpperCase().padStart(7, '0')).slice(0, 6);
}

function uniqueNumber(taken: Set<string>, wanted: string, fallbackText: string, prefix: string): string {
  let n = VALID_NUMBER.test(wanted) && !taken.has(wanted) ? wanted : deriveNumber(fallbackText, prefix);
  for (let i = 1; taken.has(n); i++) n = deriveNumber(`${fallbackText}#${i}`, prefix);
  taken.add(n);
  return n;
}

export interface RegisterOptions {
  municipalityCode: string;
  institutions: InstitutionRecord[];
  schoolAgeTarget: number;
  rng: Rng;
  ids: UuidGen;
  /** Register numbers another municipality of the same demo already uses (numbers are unique nationally). */
  takenNumbers?: ReadonlySet<string>;
}

export function buildRegister({
  municipalityCode,
  institutions,
  schoolAgeTarget,
  rng,
  ids,
  takenNumbers = new Set(),
}: RegisterOptions): Register {
  const city = municipalityCode === '0101';
  const rows: Register['rows'] = { area: [], daginstitution: [], unit: [], unit_section: [] };
  const areaIds = new Map<string, string>();
  const areaId = (name: string) => {
    let id = areaIds.get(name);
    if (!id) {
      id = ids.next();
      areaIds.set(name, id);
      rows.area.push({ id, municipality_code: municipalityCode, name });
    }
    return id;
  };
  const instNumbers = new Set<string>(takenNumbers),
    unitNumbers = new Set<string>(takenNumbers);
  const units: UnitModel[] = [];

  const addUnit = (m: Omit<UnitModel, 'id' | 'daginstitutionId'>, number: string, daginstitutionId: string) => {
    const u: UnitModel = { ...m, id: ids.next(), daginstitutionId };
    units.push(u);
    rows.unit.push({
      id: u.id,
      number,
      daginstitution_id: daginstitutionId,
      name: u.name,
      type: u.type,
      inst_type3: INST_TYPE3[u.type],
      area_id: areaId(u.area),
      street: u.street,
      postal_code: u.postalCode,
      city: u.city,
      lat: u.lat,
      lon: u.lon,
      email: null,
      phone: null,
      opening_hours: JSON.stringify(openingHours(u.type)),
      opened_on: null,
      closed_on: null,
      synthetic: u.synthetic,
    });
    for (const [name, lo, hi] of SECTIONS[u.type] ?? []) {
      rows.unit_section.push({ id: ids.next(), unit_id: u.id, name, min_age_months: lo, max_age_months: hi });
    }
    return u;
  };

  // Clusters: up to 3 areas, 2–4 kommunal daycare units each; mid-sized areas first (a town's whole daycare).
  const byArea = new Map<string, InstitutionRecord[]>();
  for (const r of institutions) {
    if (r.ownership !== 'kommunal' || !['aldersintegreret', 'vuggestue', 'boernehave'].includes(r.kind)) continue;
    const a = areaOf(r);
    if (a !== 'Øvrige') byArea.set(a, [...(byArea.get(a) ?? []), r]);
  }
  const candidates = [...byArea]
    .filter(([, rs]) => rs.length >= 2)
    .sort(([a, x], [b, y]) => Number(x.length > 6) - Number(y.length > 6) || y.length - x.length || byCodeUnit(a, b));
  const clusterOf = new Map<string, { id: string; cluster: Cluster }>();
  for (const [area, rs] of candidates.slice(0, 3)) {
    const id = ids.next();
    const cluster: Cluster = { daginstitutionId: id, name: `Dagtilbud ${area}`, unitIds: [] };
    rows.daginstitution.push({
      id,
      number: uniqueNumber(
        instNumbers,
        `K${municipalityCode}${rows.daginstitution.length}`.slice(0, 6),
        cluster.name,
        'K',
      ),
      name: cluster.name,
      ejerform: 'kommunal',
      municipality_code: municipalityCode,
      is_cluster: true,
      closed_on: null,
    });
    for (const r of rs.slice(0, 4)) clusterOf.set(r.number, { id, cluster });
  }

  const dagplejeSize = city ? 30 : 80;
  for (const r of institutions) {
    const type = TYPE_OF[r.kind];
    const f = () => rng.float(0.6, 1.4);
    const weight: Record<Band, number> = {
      nursery:
        type === 'dagpleje'
          ? dagplejeSize * f()
          : type === 'vuggestue'
            ? 40 * f()
            : type === 'integreret'
              ? 30 * f()
              : 0,
      kg: type === 'boernehave' ? 60 * f() : type === 'integreret' ? 50 * f() : 0,
      sfo: type === 'sfo' ? 200 * f() : 0,
      klub: type === 'klub' ? 80 * f() : 0,
    };
    let instId: string;
    const cl = clusterOf.get(r.number);
    if (cl) instId = cl.id;
    else {
      // As the register import derives it: a daginstitution of its own, the register's number on the unit.
      instId = ids.next();
      rows.daginstitution.push({
        id: instId,
        number: uniqueNumber(instNumbers, derivedDaginstitutionNumber(r.number), r.name, 'D'),
        name: r.name,
        ejerform: r.ownership,
        lovgrundlag: lovgrundlagFor(type, r.ownership),
        municipality_code: municipalityCode,
        is_cluster: false,
        closed_on: null,
      });
    }
    const unitNumber = uniqueNumber(unitNumbers, r.number, r.name, 'A');
    const u = addUnit(
      {
        name: r.name,
        type,
        area: areaOf(r),
        weight,
        lat: r.lat,
        lon: r.lng,
        street: r.street,
        postalCode: r.postalCode,
        city: r.city,
        synthetic: false,
        ownership: r.ownership,
      },
      unitNumber,
      instId,
    );
    cl?.cluster.unitIds.push(u.id);
  }

  // Homes are spread like the real daycare places.
  const householdWeight = new Map<string, number>();
  for (const u of units) {
    if (u.area === 'Øvrige') continue;
    householdWeight.set(u.area, (householdWeight.get(u.area) ?? 0) + u.weight.nursery + u.weight.kg);
  }
  const totalWeight = [...householdWeight.values()].reduce((a, b) => a + b, 0);

  // Synthetic SFOs at schools and klubber where the register has none.
  let seq = 10001;
  const synthetic = (name: string, type: UnitType, area: string, weight: Record<Band, number>) => {
    const anchors = units.filter((u) => u.area === area && !u.synthetic && u.type !== 'dagpleje');
    const anchor = rng.pick(anchors.length ? anchors : units.filter((u) => u.area === area));
    const instId = ids.next();
    rows.daginstitution.push({
      id: instId,
      number: uniqueNumber(instNumbers, `F${seq}`, name, 'F'),
      name,
      ejerform: 'kommunal',
      municipality_code: municipalityCode,
      is_cluster: false,
      closed_on: null,
    });
    addUnit(
      {
        name,
        type,
        area,
        weight,
        synthetic: true,
        ownership: 'kommunal',
        lat: anchor.lat + rng.gauss() * 0.004,
        lon: anchor.lon + rng.gauss() * 0.007,
        street: `${rng.pick(streetsFor(area))} ${rng.int(1, 60)}`,
        postalCode: anchor.postalCode,
        city: anchor.city,
      },
      uniqueNumber(unitNumbers, `S${seq}`, name, 'S'),
      instId,
    );
    seq++;
  };
  const zero = { nursery: 0, kg: 0, sfo: 0, klub: 0 };
  const sfoSize = city ? 260 : 180;
  for (const [area, w] of [...householdWeight].sort(([a], [b]) => byCodeUnit(a, b))) {
    const demand = schoolAgeTarget * 0.85 * (w / totalWeight);
    const existing = units.filter((u) => u.area === area && u.type === 'sfo').length;
    const needed = Math.max(existing ? 0 : 1, Math.round(demand / sfoSize) - existing);
    const schools = SCHOOLS[area] ?? [`${area} Skole`];
    for (let i = 0; i < needed; i++) {
      const school = schools[i % schools.length]!;
      const name =
        i < schools.length
          ? city
            ? `Fritidshjemmet ved ${school}`
            : `SFO ved ${school}`
          : `Fritidshjemmet ${FRITIDSHJEM_NAMES[(i - schools.length) % FRITIDSHJEM_NAMES.length]} (${school})`;
      synthetic(name, 'sfo', area, { ...zero, sfo: 200 * rng.float(0.8, 1.2) });
    }
    const klubDemand = schoolAgeTarget * 0.12 * (w / totalWeight);
    if (!units.some((u) => u.area === area && u.type === 'klub') && klubDemand >= 15) {
      synthetic(`Fritidsklubben ${area.replace(/ \(.*\)$/, '')}`, 'klub', area, { ...zero, klub: 80 });
    }
  }
  return {
    areaIds,
    units,
    clusters: [...new Set([...clusterOf.values()].map((c) => c.cluster))],
    householdWeight,
    rows,
  };
}
