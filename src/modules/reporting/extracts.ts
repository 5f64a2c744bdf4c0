// The pure extract engine: from plain rows (the register units, the placements on the 1st of a month with the child's
// birth date and hours, billing's fee facts, the employees) the figures Danmarks Statistik and FLIS ask for, per
// register unit. No I/O; the rules (FTE hours, leader weight, minimum normering) come in as data.
import { LocalDate } from '../../shared/index.js';

export type AgeGroup = '0-2' | '3-5' | '6+';
export type RateType = 'full' | 'part' | 'leave30';
export type Discount = 'none' | 'friplads' | 'sibling' | 'both';
export type JobType = 'leder' | 'paedagog' | 'paedagogisk_assistent' | 'medhjaelper' | 'dagplejer';
export const JOB_TYPES: readonly JobType[] = ['leder', 'paedagog', 'paedagogisk_assistent', 'medhjaelper', 'dagplejer'];

/** The rules in force on the 1st of the month (report_rule). */
export interface ReportRules {
  fullAboveHours: number;
  partFromHours: number;
  partWeightPercent: number;
  lowWeightPercent: number;
  fullTimeMinutes: number;
  leaderWeightPercent: number;
  minChildrenPerAdult: { '0-2': number; '3-5': number };
}

export interface UnitRow {
  id: string;
  number: string;
  name: string;
  type: string;
  municipality: string;
}
export interface PlacementRow {
  placementId: string;
  childId: string;
  unitId: string;
  kind: 'dagtilbud' | 'fritidstilbud' | 'klub';
  hours: number;
  birthDate: string;
  dagplejerId: string | null;
  /** Children this row stands for (a grouped row of the set-based load); 1 when absent. */
  count?: number;
  /** Age in whole months on the day, when the load computed it (grouped rows carry no birth date). */
  ageMonths?: number;
  /** The fee facts of a grouped row's placements (else looked up by placementId). */
  fee?: FeeFacts;
}
export interface FeeFacts {
  rateType: RateType;
  friplads: boolean;
  sibling: boolean;
}
export interface EmployeeRow {
  id: string;
  unitId: string;
  jobType: JobType;
  weeklyMinutes: number;
}

/** A full-time-equivalent child in quarters (4 = 1, 3 = 0.75, 2 = 0.5) under the default rule; in general percent. */
export function childFtePercent(hours: number, r: ReportRules): number {
  if (hours > r.fullAboveHours) return 100;
  if (hours >= r.partFromHours) return r.partWeightPercent;
  return r.lowWeightPercent;
}

export const ageGroupOf = (years: number): AgeGroup => (years < 3 ? '0-2' : years < 6 ? '3-5' : '6+');

export interface ChildGroup {
  placeType: string;
  rateType: RateType;
  discount: Discount;
  ageYears: number;
  ageMonths: number;
  children: number;
  /** Full-time-equivalent children × 100 (integer, exact). */
  ftex100: number;
}
export interface StaffGroup {
  jobType: JobType;
  persons: number;
  /** Full-time persons × 100 (unweighted), rounded to whole hundredths at the unit. */
  ftex100: number;
}
export interface UnitExtract {
  unit: UnitRow;
  children: number;
  ftex100: number;
  groups: ChildGroup[];
  dagplejere: { dagplejerId: string; children: number }[];
  staff: StaffGroup[];
  /** Per age group 0–2 and 3–5: FTE children and pedagogical adults (leaders weighted) × 100, and the ratio. */
  normering: Record<'0-2' | '3-5', NormeringFigure>;
}
export interface NormeringFigure {
  childrenFtex100: number;
  adultsFtex100: number;
  /** Children per adult, 2 decimals; null without adults or children. */
  childrenPerAdult: number | null;
}

const discountOf = (f: FeeFacts | undefined): Discount =>
  !f ? 'none' : f.friplads && f.sibling ? 'both' : f.friplads ? 'friplads' : f.sibling ? 'sibling' : 'none';

export const ratio = (childrenX100: number, adultsX100: number) =>
  adultsX100 > 0 && childrenX100 > 0 ? Math.round((childrenX100 / adultsX100) * 100) / 100 : null;

/** Whole months from a 'YYYY-MM-DD' birth date to `day` (LocalDate.ageInMonths; read from the string, as it runs
 *  for every child in the country). Only a day at the end of a short month needs LocalDate's month-end rule. */
export function ageInMonthsOn(birth: string, day: LocalDate): number {
  const by = +birth.slice(0, 4),
    bm = +birth.slice(5, 7),
    bd = +birth.slice(8, 10);
  if (day.day < bd && day.day >= 28) return LocalDate.parse(birth).ageInMonths(day);
  return (day.year - by) * 12 + (day.month - bm) - (day.day < bd ? 1 : 0);
}

/** The place type: the placement kind, and for day care the unit type (dagpleje, vuggestue, børnehave, integreret …). */
export const placeTypeOf = (p: PlacementRow, unit: UnitRow) => (p.kind === 'dagtilbud' ? unit.type : p.kind);

/**
 * Every register unit's figures on `day` (the 1st of a month). Staff of a unit count towards its 0–2 and 3–5 groups in
 * proportion to its FTE children of each group (a dagplejer's to 0–2 at a dagpleje); leaders count at the leader
 * weight; a unit without children 0–5 has no normering.
 */
export function computeExtract(
  day: LocalDate,
  rules: ReportRules,
  units: readonly UnitRow[],
  placements: readonly PlacementRow[],
  fees: ReadonlyMap<string, FeeFacts>,
  employees: readonly EmployeeRow[],
): UnitExtract[] {
  const byUnit = new Map<string, UnitExtract>();
  const groupIndex = new Map<string, Map<string, ChildGroup>>();
  const dagplejer = new Map<string, Map<string, number>>();
  for (const u of units) {
    byUnit.set(u.id, {
      unit: u,
      children: 0,
      ftex100: 0,
      groups: [],
      dagplejere: [],
      staff: [],
      normering: {
        '0-2': { childrenFtex100: 0, adultsFtex100: 0, childrenPerAdult: null },
        '3-5': { childrenFtex100: 0, adultsFtex100: 0, childrenPerAdult: null },
      },
    });
    groupIndex.set(u.id, new Map());
  }
  for (const p of placements) {
    const e = byUnit.get(p.unitId);
    if (!e) continue;
    const months = p.ageMonths ?? ageInMonthsOn(p.birthDate, day);
    if (months < 0) continue;
    const years = Math.floor(months / 12),
      n = p.count ?? 1;
    const fte = childFtePercent(p.hours, rules) * n,
      f = p.fee ?? fees.get(p.placementId);
    const g = {
      placeType: placeTypeOf(p, e.unit),
      rateType: f?.rateType ?? 'full',
      discount: discountOf(f),
      ageYears: years,
      ageMonths: months % 12,
    } as const;
    const key = `${g.placeType}|${g.rateType}|${g.discount}|${g.ageYears}|${g.ageMonths}`;
    const idx = groupIndex.get(p.unitId)!;
    let group = idx.get(key);
    if (!group) idx.set(key, (group = { ...g, children: 0, ftex100: 0 }));
    group.children += n;
    group.ftex100 += fte;
    e.children += n;
    e.ftex100 += fte;
    const age = ageGroupOf(years);
    if (age !== '6+' && p.kind === 'dagtilbud') e.normering[age].childrenFtex100 += fte;
    if (p.dagplejerId) {
      let m = dagplejer.get(p.unitId);
      if (!m) dagplejer.set(p.unitId, (m = new Map()));
      m.set(p.dagplejerId, (m.get(p.dagplejerId) ?? 0) + n);
    }
  }
  // Staff: persons and full-time persons per job type (×100 from minutes, exact until the one rounding per unit),
  // and the weighted pedagogical adults (leaders at the leader weight) split over 0–2 and 3–5.
  const staffMinutes = new Map<string, Map<JobType, { persons: number; minutes: number }>>();
  const weightedMinutes = new Map<string, { dagplejer: number; other: number }>();
  for (const em of employees) {
    if (!byUnit.has(em.unitId)) continue;
    let m = staffMinutes.get(em.unitId);
    if (!m) staffMinutes.set(em.unitId, (m = new Map()));
    const s = m.get(em.jobType) ?? { persons: 0, minutes: 0 };
    s.persons++;
    s.minutes += em.weeklyMinutes;
    m.set(em.jobType, s);
    const w = weightedMinutes.get(em.unitId) ?? { dagplejer: 0, other: 0 };
    const weight = em.jobType === 'leder' ? rules.leaderWeightPercent : 100;
    if (em.jobType === 'dagplejer') w.dagplejer += em.weeklyMinutes * weight;
    else w.other += em.weeklyMinutes * weight;
    weightedMinutes.set(em.unitId, w);
  }
  const toX100 = (minutesTimesPercent: number) => Math.round(minutesTimesPercent / rules.fullTimeMinutes);
  for (const e of byUnit.values()) {
    e.groups = [...groupIndex.get(e.unit.id)!.values()].sort(
      (a, b) =>
        a.placeType.localeCompare(b.placeType) ||
        a.rateType.localeCompare(b.rateType) ||
        a.discount.localeCompare(b.discount) ||
        a.ageYears - b.ageYears ||
        a.ageMonths - b.ageMonths,
    );
    e.dagplejere = [...(dagplejer.get(e.unit.id) ?? new Map<string, number>()).entries()]
      .map(([dagplejerId, children]) => ({ dagplejerId, children }))
      .sort((a, b) => a.dagplejerId.localeCompare(b.dagplejerId));
    const sm = staffMinutes.get(e.unit.id);
    e.staff = JOB_TYPES.filter((j) => sm?.has(j)).map((j) => ({
      jobType: j,
      persons: sm!.get(j)!.persons,
      ftex100: toX100(sm!.get(j)!.minutes * 100),
    }));
    const w = weightedMinutes.get(e.unit.id) ?? { dagplejer: 0, other: 0 };
    const young = e.normering['0-2'].childrenFtex100,
      old = e.normering['3-5'].childrenFtex100;
    // Dagplejere care for 0–2; other pedagogical staff are split by the unit's FTE children 0–2 and 3–5.
    const adultsYoung = w.dagplejer + (young + old > 0 ? (w.other * young) / (young + old) : 0);
    const adultsOld = young + old > 0 ? (w.other * old) / (young + old) : 0;
    e.normering['0-2'].adultsFtex100 = toX100(adultsYoung);
    e.normering['3-5'].adultsFtex100 = toX100(adultsOld);
    for (const a of ['0-2', '3-5'] as const)
      e.normering[a].childrenPerAdult = ratio(e.normering[a].childrenFtex100, e.normering[a].adultsFtex100);
  }
  return [...byUnit.values()].sort((a, b) => a.unit.number.localeCompare(b.unit.number));
}

/** The municipality's figures for one month: the sums over its units. */
export function municipalityNormering(units: readonly UnitExtract[]): Record<'0-2' | '3-5', NormeringFigure> {
  const sum = (a: '0-2' | '3-5') => {
    const c = units.reduce((s, u) => s + u.normering[a].childrenFtex100, 0),
      ad = units.reduce((s, u) => s + u.normering[a].adultsFtex100, 0);
    return { childrenFtex100: c, adultsFtex100: ad, childrenPerAdult: ratio(c, ad) };
  };
  return { '0-2': sum('0-2'), '3-5': sum('3-5') };
}

/** The yearly normering: total FTE children over total adults across the months (the average month). */
export function yearlyNormering(months: readonly Record<'0-2' | '3-5', NormeringFigure>[]) {
  const sum = (a: '0-2' | '3-5') => {
    const c = months.reduce((s, m) => s + m[a].childrenFtex100, 0),
      ad = months.reduce((s, m) => s + m[a].adultsFtex100, 0);
    return ratio(c, ad);
  };
  return { '0-2': sum('0-2'), '3-5': sum('3-5') };
}
