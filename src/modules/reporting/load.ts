// Loading a month's rows for the extract engine through the owning modules' functions: set-based (one statement per
// part over all the units) for the fast path, and the naive per-unit loop the benchmark compares it with.
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { reportUnits } from '../registry/index.js';
import { placementsOnDay } from '../placement/index.js';
import { birthDatesOf } from '../people/index.js';
import { feeFactsOf } from '../billing/index.js';
import { employeesOn } from '../employees/index.js';
import { computeExtract, type EmployeeRow, type FeeFacts, type PlacementRow, type UnitRow } from './extracts.js';
import { rulesOn } from './queries.js';
import { reportingError } from './contract.js';

export async function unitsOf(db: Db, municipalities?: readonly string[]): Promise<UnitRow[]> {
  return reportUnits(db, municipalities);
}

/** The month's rows for the units, in five statements whatever their number. */
export async function loadRows(db: Db, units: readonly UnitRow[], day: LocalDate, withFees: boolean) {
  const d = day.toString(),
    ids = units.map((u) => u.id);
  const [places, employees] = await Promise.all([placementsOnDay(db, ids, d), employeesOn(db, ids, day)]);
  const [births, fees] = await Promise.all([
    birthDatesOf(db, [...new Set(places.map((p) => p.child_id))]),
    withFees
      ? feeFactsOf(
          db,
          places.map((p) => ({ placementId: p.placement_id, childId: p.child_id, hours: p.hours })),
          d,
        )
      : Promise.resolve(new Map<string, FeeFacts>()),
  ]);
  const placements: PlacementRow[] = places.map((p) => ({
    placementId: p.placement_id,
    childId: p.child_id,
    unitId: p.unit_id,
    kind: p.kind,
    hours: p.hours,
    birthDate: births.get(p.child_id)!,
    dagplejerId: p.dagplejer_id,
  }));
  return { placements, fees, employees: employees as EmployeeRow[] };
}

/** Every unit's extract on the 1st of the month (`day`), for the municipalities named (all when none). */
export async function extractOn(db: Db, day: LocalDate, units: readonly UnitRow[], withFees = true) {
  const rules = await rulesOn(db, day.toString());
  if (!rules) throw reportingError('reporting.no-rules', { month: day.toString().slice(0, 7) });
  const rows = await loadRows(db, units, day, withFees);
  return { rules, units: computeExtract(day, rules, units, rows.placements, rows.fees, rows.employees) };
}

/** The naive way (benchmark baseline): the same facts, queried unit by unit in a loop. */
export async function extractOnNaive(db: Db, day: LocalDate, units: readonly UnitRow[]) {
  const rules = (await rulesOn(db, day.toString()))!;
  const placements: PlacementRow[] = [],
    employees: EmployeeRow[] = [],
    fees = new Map<string, FeeFacts>();
  for (const u of units) {
    const rows = await loadRows(db, [u], day, true);
    placements.push(...rows.placements);
    employees.push(...rows.employees);
    for (const [k, v] of rows.fees) fees.set(k, v);
  }
  return computeExtract(day, rules, units, placements, fees, employees);
}
