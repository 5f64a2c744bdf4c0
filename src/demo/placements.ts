// Placements (dagtilbud, SFO, klub) for the generated children, and capacity sized to the resulting occupancy.
import type { Insertable } from 'kysely';
import type { AgeBand, DB, PlacementKind } from '../platform/db/schema.js';
import { LocalDate } from '../shared/index.js';
import type { Family, PersonModel } from './families.js';
import type { Rng, UuidGen } from './prng.js';
import type { Band, Register, UnitModel } from './register.js';

export interface CurrentPlacement {
  unit: UnitModel;
  kind: PlacementKind;
  start: LocalDate;
}

export interface PlacementResult {
  /** The placement each child holds on `today` (absent: no place, e.g. waiting). */
  current: Map<string, CurrentPlacement>;
  /** Children whose current place followed an earlier one (e.g. vuggestue → børnehave). */
  transferred: Set<string>;
  rows: { placement: Insertable<DB['placement']>[]; capacity: Insertable<DB['capacity']>[] };
}

const CAPACITY_FROM = '2024-01-01';

export function ageBand(birth: LocalDate, on: LocalDate): AgeBand {
  const y = birth.ageInYears(on);
  return y <= 2 ? '0-2' : y <= 5 ? '3-5' : y <= 9 ? '6-9' : y <= 13 ? '10-13' : '14-17';
}

const NATURAL_BANDS: Record<string, AgeBand[]> = {
  dagpleje: ['0-2'],
  vuggestue: ['0-2'],
  boernehave: ['3-5'],
  integreret: ['0-2', '3-5'],
  sfo: ['6-9'],
  klub: ['6-9'],
};

export function buildPlacements(
  families: Family[],
  register: Register,
  today: LocalDate,
  rng: Rng,
  ids: UuidGen,
): PlacementResult {
  const placement: PlacementResult['rows']['placement'] = [];
  const current = new Map<string, CurrentPlacement>();
  const transferred = new Set<string>();

  const byAreaBand = new Map<string, UnitModel[]>();
  const allBand = new Map<Band, UnitModel[]>();
  for (const u of register.units) {
    for (const b of ['nursery', 'kg', 'sfo', 'klub'] as Band[]) {
      if (u.weight[b] <= 0) continue;
      const key = `${u.area}|${b}`;
      byAreaBand.set(key, [...(byAreaBand.get(key) ?? []), u]);
      allBand.set(b, [...(allBand.get(b) ?? []), u]);
    }
  }
  const choose = (area: string, band: Band, localShare = 0.88): UnitModel | null => {
    const local = byAreaBand.get(`${area}|${band}`);
    const pool = local && rng.chance(localShare) ? local : allBand.get(band);
    return pool?.length ? rng.weighted(pool, (u) => u.weight[band]) : null;
  };
  const add = (
    child: PersonModel,
    unit: UnitModel,
    kind: PlacementKind,
    start: LocalDate,
    end: LocalDate | null,
    hours: number,
  ) => {
    placement.push({
      id: ids.next(),
      child_id: child.id,
      unit_id: unit.id,
      kind,
      hours_per_week: hours,
      valid: `[${start},${end ?? ''})`,
    });
    if (end === null) current.set(child.id, { unit, kind, start });
  };
  const daycareHours = () => (rng.chance(0.88) ? 40 : rng.chance(0.6) ? 30 : 25);

  for (const fam of families) {
    let siblingUnit: UnitModel | null = null;
    for (const child of fam.children) {
      const years = child.birth.ageInYears(today);
      if (years <= 5) {
        // Start at 6–10 months, on the first of a month; babies below that age are still waiting.
        const s = child.birth.plusMonths(rng.int(6, 10));
        const start = s.day === 1 ? s : s.firstOfMonth().plusMonths(1);
        if (start.isAfter(today) || rng.chance(0.02)) continue;
        const third = child.birth.plusYears(3);
        const band: Band = years < 3 ? 'nursery' : 'kg';
        const unit: UnitModel | null =
          siblingUnit && siblingUnit.weight[band] > 0 && rng.chance(0.5) ? siblingUnit : choose(fam.area, band);
        if (!unit) continue;
        const hours = daycareHours();
        if (band === 'kg' && start.isBefore(third) && (unit.type !== 'integreret' || rng.chance(0.25))) {
          // Began in a nursery (dagpleje/vuggestue/another integreret) and moved on the third birthday.
          const nursery = choose(fam.area, 'nursery');
          if (nursery && nursery !== unit) {
            add(child, nursery, 'dagtilbud', start, third, hours);
            add(child, unit, 'dagtilbud', third, null, hours);
            transferred.add(child.id);
          } else add(child, unit, 'dagtilbud', start, null, hours);
        } else add(child, unit, 'dagtilbud', start, null, hours);
        if (unit.type === 'integreret' || unit.type === 'boernehave') siblingUnit ??= unit;
      } else if (years <= 9) {
        // School age: SFO from 1 May of the year the child starts school; some 9-year-olds moved on to a klub.
        const sfoStart = LocalDate.of(child.birth.year + 6, 5, 1);
        const klubStart = LocalDate.of(child.birth.year + 9, 8, 1);
        const klub =
          years === 9 && klubStart.isOnOrBefore(today) && rng.chance(0.5) ? choose(fam.area, 'klub', 0.8) : null;
        if (klub) {
          const sfo = rng.chance(0.85) ? choose(fam.area, 'sfo') : null;
          if (sfo) add(child, sfo, 'fritidstilbud', sfoStart, klubStart, 20);
          add(child, klub, 'klub', klubStart, null, 12);
          if (sfo) transferred.add(child.id);
        } else if (rng.chance(years === 9 ? 0.75 : 0.9)) {
          const sfo = choose(fam.area, 'sfo');
          if (sfo) add(child, sfo, 'fritidstilbud', sfoStart, null, 20);
        }
      }
    }
  }

  // Capacity from 2024 on, sized to today's occupancy per age band (on average ~5 % spare places).
  const occupied = new Map<string, Map<AgeBand, number>>();
  const birthOf = new Map<string, LocalDate>();
  for (const f of families) for (const c of f.children) birthOf.set(c.id, c.birth);
  for (const [childId, p] of current) {
    const band = ageBand(birthOf.get(childId)!, today);
    const m = occupied.get(p.unit.id) ?? new Map<AgeBand, number>();
    m.set(band, (m.get(band) ?? 0) + 1);
    occupied.set(p.unit.id, m);
  }
  const capacity: PlacementResult['rows']['capacity'] = [];
  for (const u of register.units) {
    const m = occupied.get(u.id) ?? new Map<AgeBand, number>();
    const bands = new Set<AgeBand>([...(NATURAL_BANDS[u.type] ?? []), ...m.keys()]);
    for (const band of ['0-2', '3-5', '6-9', '10-13', '14-17'] as AgeBand[]) {
      if (!bands.has(band)) continue;
      const n = m.get(band) ?? 0;
      const places = n === 0 ? 5 : Math.ceil(n * rng.float(1.0, 1.1));
      capacity.push({ id: ids.next(), unit_id: u.id, age_band: band, places, valid: `[${CAPACITY_FROM},)` });
    }
  }
  return { current, transferred, rows: { placement, capacity } };
}
