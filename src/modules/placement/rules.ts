// Pure placement rules: garantidato (dagtilbudsloven §23), seniority, earliest start, school start, notice periods,
// which unit types a kind of place may be wished at. The numbers come from the municipality's policy (policy.ts).
import { isGuaranteeDay, LocalDate } from '../../shared/index.js';
import type { PlacementKind, UnitType } from '../../platform/db/schema.js';
import type { PlaceKind } from './schema.js';

export const PLACE_KINDS: readonly PlaceKind[] = [
  'dagpleje',
  'vuggestue',
  'boernehave',
  'integreret',
  'sfo',
  'fritidshjem',
  'klub',
];

export function placementKindOf(k: PlaceKind): PlacementKind {
  return k === 'sfo' || k === 'fritidshjem' ? 'fritidstilbud' : k === 'klub' ? 'klub' : 'dagtilbud';
}

/** Unit types a family may wish for a kind of place. */
export const UNIT_TYPES_FOR: Record<PlaceKind, readonly UnitType[]> = {
  dagpleje: ['dagpleje'],
  vuggestue: ['vuggestue', 'integreret', 'landsbyordning'],
  boernehave: ['boernehave', 'integreret', 'landsbyordning'],
  integreret: ['integreret'],
  sfo: ['sfo', 'landsbyordning'],
  fritidshjem: ['fritidshjem'],
  klub: ['klub'],
};

/** The first guarantee day on or after `d`. */
export function nextGuaranteeDay(d: LocalDate): LocalDate {
  let x = d;
  while (!isGuaranteeDay(x)) x = x.plusDays(1);
  return x;
}

/**
 * Garantidato (§23): the municipality must offer a place from the behovsdato, but at the earliest the child may be
 * offered one is 26 weeks, and a place wanted at 26 weeks may come up to 4 weeks later; it need never come earlier
 * than 3 months after the application. The date moves to the next guarantee day (not a weekend, public holiday,
 * 5 June or 24 December). Only dagtilbud (0 to school start) has a statutory guarantee.
 */
export function guaranteeDate(
  birth: LocalDate,
  neededFrom: LocalDate,
  appliedOn: LocalDate,
  kind: PlacementKind,
): LocalDate | null {
  if (kind !== 'dagtilbud') return null;
  const at26 = birth.plusWeeks(26),
    at30 = birth.plusWeeks(30);
  let g = LocalDate.max(neededFrom, at26);
  if (g.isBefore(at30)) g = at30; // wanted from 26 weeks: 4 more weeks
  g = LocalDate.max(g, appliedOn.plusMonths(3));
  return nextGuaranteeDay(g);
}

export type GuaranteeReason = 'needed' | 'age' | 'three-months' | 'guarantee-day';
/** The garantidato with the rule that set it, for telling the family why it differs from the behovsdato. */
export function guaranteeExplained(
  birth: LocalDate,
  neededFrom: LocalDate,
  appliedOn: LocalDate,
  kind: PlacementKind,
): { date: LocalDate; reason: GuaranteeReason } | null {
  const date = guaranteeDate(birth, neededFrom, appliedOn, kind);
  if (!date) return null;
  let g = LocalDate.max(neededFrom, birth.plusWeeks(26));
  if (g.isBefore(birth.plusWeeks(30))) g = birth.plusWeeks(30);
  const byAge = g.isAfter(neededFrom);
  const three = appliedOn.plusMonths(3);
  if (three.isAfter(g)) return { date, reason: 'three-months' };
  if (byAge) return { date, reason: 'age' };
  return { date, reason: date.isEqual(neededFrom) ? 'needed' : 'guarantee-day' };
}

/** The kind of place that fits the child's age at the behovsdato, in the usual order (never nursery for a school
 *  child); null when none fits. */
export function suggestedKind(
  birth: LocalDate,
  neededFrom: LocalDate,
  transitionMonths: number,
  clubFromGrade: number,
): PlaceKind | null {
  const order: PlaceKind[] = ['vuggestue', 'boernehave', 'sfo', 'klub', 'dagpleje', 'integreret', 'fritidshjem'];
  return order.find((k) => kindFitsAge(k, birth, neededFrom, transitionMonths, clubFromGrade)) ?? null;
}

/** Anciennitet counts from the application, but not before the child reaches the municipality's age (e.g. 4 months). */
export function seniorityDate(birth: LocalDate, appliedOn: LocalDate, fromMonths: number): LocalDate {
  return LocalDate.max(appliedOn, birth.plusMonths(fromMonths));
}

export type EarliestStart = { weeks: number } | { months: number };
export function earliestStart(birth: LocalDate, rule: EarliestStart): LocalDate {
  return 'weeks' in rule ? birth.plusWeeks(rule.weeks) : birth.plusMonths(rule.months);
}

/** School start: 1 August in the year the child turns 6. */
export function schoolStart(birth: LocalDate): LocalDate {
  return LocalDate.of(birth.year + 6, 8, 1);
}

/** Whole months of age on a date. */
export const ageMonths = (birth: LocalDate, on: LocalDate) => birth.ageInMonths(on);

/** Nursery → kindergarten on the 1st of the month the child reaches `months` (default 2 years 10 months). */
export function transitionDate(birth: LocalDate, months: number): LocalDate {
  return birth.plusMonths(months).firstOfMonth();
}

export type NoticeRule = { months: number; to: 'month_end' | '15_or_month_end' };
/** Last day of a placement withdrawn today: the notice period, then the next 15th or month end (if allowed). */
export function noticeLastDay(today: LocalDate, rule: NoticeRule): LocalDate {
  const min = today.plusMonths(rule.months);
  if (rule.to === '15_or_month_end' && min.day <= 15) return LocalDate.of(min.year, min.month, 15);
  return min.lastOfMonth();
}

/** How many wishes an application may rank, by the child's age band at the behovsdato. */
export function maxWishes(limits: Record<string, number>, ageMonthsAtStart: number): number {
  const band = ageMonthsAtStart < 36 ? '0-2' : ageMonthsAtStart < 72 ? '3-5' : ageMonthsAtStart < 120 ? '6-9' : '10-13';
  return limits[band] ?? 3;
}

/** Which kinds of place fit a child's age at the behovsdato (before school start: daycare kinds only). */
export function kindFitsAge(
  kind: PlaceKind,
  birth: LocalDate,
  neededFrom: LocalDate,
  transitionMonths: number,
  clubFromGrade: number,
): boolean {
  const school = schoolStart(birth);
  const beforeSchool = neededFrom.isBefore(school);
  switch (kind) {
    case 'dagpleje':
    case 'vuggestue':
      return neededFrom.isBefore(transitionDate(birth, transitionMonths));
    case 'boernehave':
      return beforeSchool && ageMonths(birth, neededFrom) >= 30;
    case 'integreret':
      return beforeSchool;
    case 'sfo':
    case 'fritidshjem':
      return (
        !neededFrom.isBefore(LocalDate.of(school.year, 4, 1)) && neededFrom.isBefore(school.plusYears(clubFromGrade))
      );
    case 'klub':
      return !neededFrom.isBefore(school.plusYears(clubFromGrade));
  }
}
