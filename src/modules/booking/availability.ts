// Pure booking rules over a unit's timeline: which start dates a child may book, and why not.
import type { UnitType } from '../../platform/db/schema.js';
import { LocalDate } from '../../shared/index.js';
import type { ChildDates } from './child-dates.js';
import type { BookingPolicy, BookingMode } from './booking-policy.js';
import { day, earliestFit, fromEpochDay, type Demand, type Timeline } from './timeline.js';

export interface UnitFacts {
  id: string;
  type: UnitType;
  nursery: boolean;
  kindergarten: boolean;
}

export const NURSERY_TYPES: readonly UnitType[] = ['dagpleje', 'vuggestue', 'integreret', 'landsbyordning'];
export const KINDERGARTEN_TYPES: readonly UnitType[] = ['boernehave', 'integreret', 'landsbyordning'];
export const unitFacts = (id: string, type: UnitType): UnitFacts => ({
  id,
  type,
  nursery: NURSERY_TYPES.includes(type),
  kindergarten: KINDERGARTEN_TYPES.includes(type),
});

export type Refusal =
  | 'too_young'
  | 'school_age'
  | 'age_band'
  | 'waitlist'
  | 'hybrid_too_soon'
  | 'past'
  | 'beyond_horizon'
  | 'closed_day'
  | 'full';

export interface Context {
  policy: BookingPolicy;
  today: LocalDate;
  child: ChildDates;
}

const modeAt = (ctx: Context, start: LocalDate): BookingMode =>
  start.isBefore(ctx.child.transition) ? ctx.policy.modeNursery : ctx.policy.modeKindergarten;

/** The child's demand at the unit for a start date, or why the unit cannot take the child then. */
export function demandFor(unit: UnitFacts, ctx: Context, start: LocalDate): Demand | Refusal {
  const { child, policy } = ctx;
  if (start.isBefore(child.earliestStart)) return 'too_young';
  if (start.isOnOrAfter(child.schoolStart)) return 'school_age';
  const nursery = start.isBefore(child.transition);
  if (nursery ? !unit.nursery : !unit.kindergarten) return 'age_band';
  // A nursery-only unit keeps the child until the transition; units with kindergarten places until school.
  const end = unit.kindergarten ? child.schoolStart : child.transition;
  return { transition: day(child.transition), end: day(end), weight: policy.nurseryWeight };
}

/** Policy checks on a concrete start date that do not depend on occupancy. */
export function policyRefusal(ctx: Context, start: LocalDate): Refusal | null {
  if (!start.isAfter(ctx.today)) return 'past';
  if (start.isAfter(ctx.today.plusMonths(ctx.policy.horizonMonths))) return 'beyond_horizon';
  const mode = modeAt(ctx, start);
  if (mode === 'waitlist') return 'waitlist';
  if (mode === 'hybrid' && start.isBefore(ctx.today.plusMonths(ctx.policy.hybridMonths))) return 'hybrid_too_soon';
  return null;
}

/** Why a start date is refused before looking at occupancy (policy, age, the unit's age bands), or null. */
export function refusalBeforeLoad(unit: UnitFacts, ctx: Context, start: LocalDate): Refusal | null {
  const d = demandFor(unit, ctx, start);
  return policyRefusal(ctx, start) ?? (typeof d === 'string' ? d : null);
}

/** Held-back places are kept for places starting later than the release window. */
export const heldShareFor = (ctx: Context, start: LocalDate) =>
  start.isOnOrAfter(ctx.today.plusWeeks(ctx.policy.releaseWeeks)) ? ctx.policy.heldShare : 0;

/** Can the child book this unit from exactly this date? null = yes. */
export function refusalAt(
  t: Timeline,
  unit: UnitFacts,
  ctx: Context,
  start: LocalDate,
  isOpen: (d: LocalDate) => boolean,
): Refusal | null {
  const p = policyRefusal(ctx, start);
  if (p) return p;
  const demand = demandFor(unit, ctx, start);
  if (typeof demand === 'string') return demand;
  if (!isOpen(start)) return 'closed_day';
  return earliestFit(t, day(start), demand, heldShareFor(ctx, start)) === day(start) ? null : 'full';
}

/**
 * The earliest bookable start on or after `wished` (an open day), with the end of the place; null if none within
 * the horizon. Candidates only move forward: first past policy and age limits, then past the last day that does
 * not fit, then to an open day (which still fits: feasibility is monotone in the start date).
 */
export function earliestBookable(
  t: Timeline,
  unit: UnitFacts,
  ctx: Context,
  wished: LocalDate,
  isOpen: (d: LocalDate) => boolean,
): { start: LocalDate; end: LocalDate } | null {
  const { policy, today, child } = ctx;
  let from = LocalDate.max(wished, today.plusDays(1), child.earliestStart);
  const horizon = today.plusMonths(policy.horizonMonths);
  for (let guard = 0; guard < 12; guard++) {
    if (from.isAfter(horizon) || from.isOnOrAfter(child.schoolStart)) return null;
    const mode = modeAt(ctx, from);
    if (mode === 'waitlist') {
      if (from.isBefore(child.transition) && policy.modeKindergarten !== 'waitlist' && unit.kindergarten) {
        from = child.transition;
        continue;
      }
      return null;
    }
    if (mode === 'hybrid') {
      const h = today.plusMonths(policy.hybridMonths);
      if (from.isBefore(h)) {
        from = h;
        continue;
      }
    }
    if (from.isBefore(child.transition) && !unit.nursery) {
      from = child.transition;
      continue;
    }
    const demand = demandFor(unit, ctx, from);
    if (typeof demand === 'string') return null;
    const held = heldShareFor(ctx, from);
    const s = earliestFit(t, day(from), demand, held);
    if (s === null) {
      // Not before the end of the place; past the release date the held-back share no longer applies earlier.
      return null;
    }
    let start = s === day(from) ? from : from.plusDays(s - day(from));
    let n = 0;
    while (!isOpen(start) && n++ < 366) start = start.plusDays(1);
    if (refusalAt(t, unit, ctx, start, isOpen) === null) return { start, end: LocalDate.parse(fromDay(demand.end)) };
    from = start.isEqual(from) ? from.plusDays(1) : start;
  }
  return null;
}

const fromDay = (n: number) => fromEpochDay(n).toString();
