// The availability search's hot path on integers (epoch days): the same rules as availability.ts's
// earliestBookable/refusalAt, without date objects per unit, so one search over hundreds of units stays fast.
import { danishPublicHolidays, type LocalDate } from '../../shared/index.js';
import type { ChildDates } from './child-dates.js';
import type { BookingPolicy } from './booking-policy.js';
import { day, earliestFit, type Timeline } from './timeline.js';
import type { UnitFacts } from './availability.js';

export interface FastContext {
  tomorrow: number;
  earliest: number;
  horizon: number;
  transition: number;
  school: number;
  hybridFrom: number;
  release: number;
  modeN: BookingPolicy['modeNursery'];
  modeK: BookingPolicy['modeKindergarten'];
  nw: number;
  held: number;
}

export function fastContext(policy: BookingPolicy, today: LocalDate, child: ChildDates): FastContext {
  return {
    tomorrow: day(today) + 1,
    earliest: day(child.earliestStart),
    horizon: day(today.plusMonths(policy.horizonMonths)),
    transition: day(child.transition),
    school: day(child.schoolStart),
    hybridFrom: day(today.plusMonths(policy.hybridMonths)),
    release: day(today.plusWeeks(policy.releaseWeeks)),
    modeN: policy.modeNursery,
    modeK: policy.modeKindergarten,
    nw: policy.nurseryWeight,
    held: policy.heldShare,
  };
}

const holidayCache = new Map<number, Set<number>>();
function holidays(year: number): Set<number> {
  let s = holidayCache.get(year);
  if (!s) holidayCache.set(year, (s = new Set(danishPublicHolidays(year).map((h) => day(h.date)))));
  return s;
}
/** Weekend or public holiday (epoch day 0 was a Thursday). */
export function isNonWorkingDay(d: number, yearOf: (d: number) => number): boolean {
  const dow = (((d + 3) % 7) + 7) % 7; // 0 = Monday
  return dow >= 5 || holidays(yearOf(d)).has(d);
}

/** Why a start on exactly day `s` is refused, or null (mirrors refusalAt). */
function refused(t: Timeline, u: UnitFacts, c: FastContext, s: number, closed: (d: number) => boolean): boolean {
  if (s < c.tomorrow || s > c.horizon || s < c.earliest || s >= c.school) return true;
  const nursery = s < c.transition;
  const mode = nursery ? c.modeN : c.modeK;
  if (mode === 'waitlist' || (mode === 'hybrid' && s < c.hybridFrom)) return true;
  if (nursery ? !u.nursery : !u.kindergarten) return true;
  if (closed(s)) return true;
  const end = u.kindergarten ? c.school : c.transition;
  return earliestFit(t, s, { transition: c.transition, end, weight: c.nw }, s >= c.release ? c.held : 0) !== s;
}

/** Earliest bookable start on or after `wished` with the place's end (exclusive), or null (mirrors earliestBookable). */
export function earliestBookableFast(
  t: Timeline,
  u: UnitFacts,
  c: FastContext,
  wished: number,
  closed: (d: number) => boolean,
): { start: number; end: number } | null {
  let from = Math.max(wished, c.tomorrow, c.earliest);
  for (let guard = 0; guard < 12; guard++) {
    if (from > c.horizon || from >= c.school) return null;
    const mode = from < c.transition ? c.modeN : c.modeK;
    if (mode === 'waitlist') {
      if (from < c.transition && c.modeK !== 'waitlist' && u.kindergarten) {
        from = c.transition;
        continue;
      }
      return null;
    }
    if (mode === 'hybrid' && from < c.hybridFrom) {
      from = c.hybridFrom;
      continue;
    }
    if (from < c.transition && !u.nursery) {
      from = c.transition;
      continue;
    }
    if (from >= c.transition && !u.kindergarten) return null;
    const end = u.kindergarten ? c.school : c.transition;
    const s = earliestFit(t, from, { transition: c.transition, end, weight: c.nw }, from >= c.release ? c.held : 0);
    if (s === null) return null;
    let start = s,
      n = 0;
    while (closed(start) && n++ < 366) start++;
    if (!refused(t, u, c, start, closed)) return { start, end };
    from = start === from ? from + 1 : start;
  }
  return null;
}
