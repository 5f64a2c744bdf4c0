// Loading a month's rows for the extract engine through the owning modules' functions: set-based (one statement per
// part over all the units) for the fast path, and the naive per-unit loop the benchmark compares it with.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { reportUnits } from '../registry/index.js';
import { placementsOnDay, placementsOnDaySql } from '../placement/index.js';
import { birthDatesOf, birthDatesSql } from '../people/index.js';
import { feeFactsOf, feeFactsSql, hoursClassOf } from '../billing/index.js';
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

/**
 * The month's children for the units as one aggregation in the database: the owners' relations (placement's places on
 * the day, people's birth dates, billing's leave and discounts) composed into one statement, grouped by unit, place,
 * hours, age in months, fee facts and dagplejer; a few rows per unit instead of one per child, and no id lists sent
 * back and forth. The age is whole months as ageInMonthsOn counts them (valid for days before the 28th: the 1st).
 */
export async function loadGroups(db: Db, units: readonly UnitRow[], day: LocalDate, withFees: boolean) {
  const d = day.toString();
  const fees = feeFactsSql(d);
  const rows = await sql<{
    unit_id: string;
    kind: PlacementRow['kind'];
    hours: number;
    months: number;
    leave30: boolean;
    friplads: boolean;
    sibling: boolean;
    dagplejer_id: string | null;
    n: number;
  }>`select pl.unit_id, pl.kind, pl.hours,
      ((${day.year}::int - extract(year from b.birth_date)::int) * 12 + ${day.month}::int - extract(month from b.birth_date)::int
        - (case when ${day.day}::int < extract(day from b.birth_date)::int then 1 else 0 end)) as months,
      (lv.placement_id is not null) as leave30, coalesce(dc.friplads, false) as friplads,
      coalesce(dc.sibling, false) as sibling, pl.dagplejer_id, count(*)::int as n
    from ${placementsOnDaySql(
      units.map((u) => u.id),
      d,
    )} pl
    join ${birthDatesSql()} b on b.id = pl.child_id
    left join ${fees.leave30} lv on lv.placement_id = pl.placement_id
    left join ${fees.discounts} dc on dc.child_id = pl.child_id
    group by 1, 2, 3, 4, 5, 6, 7, 8`.execute(db);
  return rows.rows.map((r): PlacementRow => ({
    placementId: '',
    childId: '',
    unitId: r.unit_id,
    kind: r.kind,
    hours: r.hours,
    birthDate: '',
    dagplejerId: r.dagplejer_id,
    count: r.n,
    ageMonths: r.months,
    ...(withFees && {
      fee: { rateType: r.leave30 ? 'leave30' : hoursClassOf(r.hours), friplads: r.friplads, sibling: r.sibling },
    }),
  }));
}

/** Every unit's extract on the 1st of the month (`day`), for the municipalities named (all when none): one aggregation
 *  for the children and one statement for the staff. */
export async function extractOn(db: Db, day: LocalDate, units: readonly UnitRow[], withFees = true) {
  const rules = await rulesOn(db, day.toString());
  if (!rules) throw reportingError('reporting.no-rules', { month: day.toString().slice(0, 7) });
  if (day.day >= 28) {
    // LocalDate's month-end rule for ages is not in the SQL; no extract is taken this late in a month.
    const rows = await loadRows(db, units, day, withFees);
    return { rules, units: computeExtract(day, rules, units, rows.placements, rows.fees, rows.employees) };
  }
  const [groups, employees] = await Promise.all([
    loadGroups(db, units, day, withFees),
    employeesOn(
      db,
      units.map((u) => u.id),
      day,
    ),
  ]);
  return { rules, units: computeExtract(day, rules, units, groups, new Map(), employees as EmployeeRow[]) };
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
