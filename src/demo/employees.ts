// Demo staff for every unit, from the municipality's real staffing ratios (Danmarks Statistik normering: children per
// adult for 0–2, 3–5 and dagpleje, data/normering.json): a leader, then pædagoger, pædagogiske assistenter and
// medhjælpere (about 60/25/15) for the children placed today; dagplejere in dagpleje units, each child placed with
// one. School-age units (SFO, klub) have no national ratio: one adult per 12 children there (an assumption).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Insertable } from 'kysely';
import type { DB, JobType } from '../platform/db/schema.js';
import type { LocalDate } from '../shared/index.js';
import type { Family } from './families.js';
import { LAST_NAMES } from './last-names.js';
import { ADULT_FIRST_NAMES } from './names.js';
import { ageBand, type PlacementResult } from './placements.js';
import type { Rng, UuidGen } from './prng.js';
import type { Register } from './register.js';

const FILE = fileURLToPath(new URL('../../data/normering.json', import.meta.url));
const SCHOOL_AGE_CHILDREN_PER_ADULT = 12;
const FULL_TIME = 37 * 60;
/** A dagplejer's contracted week (48 hours, the usual full-time week of dagpleje). */
const DAGPLEJER_WEEK = 48 * 60;
const EMPLOYED_FROM = '2015-01-01';

interface Ratio {
  dagpleje: number;
  '0-2': number;
  '3-5': number;
}

/** The latest year's children per adult for the municipality (by name, as Danmarks Statistik lists it). */
export function normeringOf(municipality: string): Ratio {
  const rows = (
    JSON.parse(readFileSync(FILE, 'utf8')) as { rows: { m: string; ag: string; y: number; r: number }[] }
  ).rows.filter((r) => r.m === municipality);
  const latest = (ag: string, fallback: number) =>
    rows.filter((r) => r.ag === ag).sort((a, b) => b.y - a.y)[0]?.r ?? fallback;
  return { dagpleje: latest('dagpleje', 3.3), '0-2': latest('0-2', 3), '3-5': latest('3-5', 6) };
}

export function buildEmployees(
  families: Family[],
  register: Register,
  placements: PlacementResult,
  ratio: Ratio,
  today: LocalDate,
  rng: Rng,
  ids: UuidGen,
): Insertable<DB['employee']>[] {
  const birth = new Map(families.flatMap((f) => f.children.map((c) => [c.id, c.birth] as const)));
  const adults = new Map<string, number>();
  for (const [childId, p] of placements.current) {
    const b = birth.get(childId);
    if (!b) continue;
    const band = ageBand(b, today);
    const per =
      p.unit.type === 'dagpleje'
        ? ratio.dagpleje
        : band === '0-2'
          ? ratio['0-2']
          : band === '3-5'
            ? ratio['3-5']
            : SCHOOL_AGE_CHILDREN_PER_ADULT;
    adults.set(p.unit.id, (adults.get(p.unit.id) ?? 0) + 1 / per);
  }
  const rows: Insertable<DB['employee']>[] = [];
  const add = (unitId: string, jobType: JobType, weeklyMinutes: number) => {
    const sex = rng.chance(0.8) ? 'female' : 'male';
    rows.push({
      id: ids.next(),
      unit_id: unitId,
      first_name: rng.pick(ADULT_FIRST_NAMES[sex]),
      last_name: rng.pick(LAST_NAMES),
      job_type: jobType,
      weekly_minutes: weeklyMinutes,
      valid: `[${EMPLOYED_FROM},)`,
    });
  };
  for (const unit of register.units) {
    const need = Math.max(1, Math.ceil(adults.get(unit.id) ?? 0));
    add(unit.id, 'leder', FULL_TIME);
    if (unit.type === 'dagpleje') {
      for (let i = 0; i < need; i++) add(unit.id, 'dagplejer', DAGPLEJER_WEEK);
      continue;
    }
    for (let i = 0; i < need; i++) {
      const x = rng.next();
      const job: JobType = x < 0.6 ? 'paedagog' : x < 0.85 ? 'paedagogisk_assistent' : 'medhjaelper';
      // Most work full time; some 30–36 hours (in half hours).
      add(unit.id, job, rng.chance(0.6) ? FULL_TIME : rng.int(60, 72) * 30);
    }
  }
  return rows;
}

/** Places every current dagpleje child with one of the unit's dagplejere, in turn (changes the placement rows). */
export function assignDagplejere(
  placementRows: Insertable<DB['placement']>[],
  employees: Insertable<DB['employee']>[],
  dagplejeUnits: Set<string>,
) {
  const byUnit = new Map<string, string[]>();
  for (const e of employees)
    if (e.job_type === 'dagplejer') byUnit.set(e.unit_id, [...(byUnit.get(e.unit_id) ?? []), e.id!]);
  const turn = new Map<string, number>();
  for (const p of placementRows) {
    const list = dagplejeUnits.has(p.unit_id) ? byUnit.get(p.unit_id) : undefined;
    if (!list?.length) continue;
    const i = turn.get(p.unit_id) ?? 0;
    p.dagplejer_id = list[i % list.length];
    turn.set(p.unit_id, i + 1);
  }
}
