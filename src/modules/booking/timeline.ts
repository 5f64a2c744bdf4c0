// A unit's occupancy over time as a change-point list: between two consecutive points the weighted capacity and
// the weighted load are constant, so a question about a date range is answered segment by segment, never day by
// day. Days are epoch days (integers); ranges are half-open [from, to).
import { epochDay, fromEpochDay } from '../../shared/index.js';
import type { LocalDate } from '../../shared/index.js';

export { epochDay, fromEpochDay };
export const EPS = 1e-9;

/** Weighted places (kindergarten equivalents) over [from, to); `to` may be Infinity. */
export interface CapacityPeriod {
  from: number;
  to: number;
  places: number;
}

/** A child's placement in the unit: weight `nurseryWeight` before the transition, 1 after, 0 from school start. */
export interface LoadItem {
  id: string;
  from: number;
  to: number;
  transition: number;
  schoolStart: number;
}

export interface Timeline {
  points: number[]; // segment i is [points[i], points[i+1]); points[0] = -Infinity
  cap: number[];
  load: number[];
}

/** What a child needs from a unit: `weight` places before `transition`, 1 place from it until `end`. */
export interface Demand {
  transition: number;
  end: number;
  weight: number;
}

export function loadSegments(item: LoadItem, nurseryWeight: number): { from: number; to: number; w: number }[] {
  const end = Math.min(item.to, item.schoolStart);
  const out: { from: number; to: number; w: number }[] = [];
  const nurseryEnd = Math.min(end, item.transition);
  if (item.from < nurseryEnd) out.push({ from: item.from, to: nurseryEnd, w: nurseryWeight });
  const kgFrom = Math.max(item.from, item.transition);
  if (kgFrom < end) out.push({ from: kgFrom, to: end, w: 1 });
  return out;
}

export function buildTimeline(capacity: CapacityPeriod[], items: LoadItem[], nurseryWeight: number): Timeline {
  const deltas = new Map<number, [number, number]>();
  const add = (d: number, c: number, l: number) => {
    if (d === Infinity) return;
    const x = deltas.get(d);
    if (x) {
      x[0] += c;
      x[1] += l;
    } else deltas.set(d, [c, l]);
  };
  for (const p of capacity)
    if (p.from < p.to) {
      add(p.from, p.places, 0);
      add(p.to, -p.places, 0);
    }
  for (const it of items)
    for (const s of loadSegments(it, nurseryWeight)) {
      add(s.from, 0, s.w);
      add(s.to, 0, -s.w);
    }
  const keys = [...deltas.keys()].sort((a, b) => a - b);
  const points = [-Infinity],
    cap = [0],
    load = [0];
  let c = 0,
    l = 0;
  for (const k of keys) {
    const [dc, dl] = deltas.get(k)!;
    c += dc;
    l += dl;
    points.push(k);
    cap.push(c);
    load.push(l);
  }
  return { points, cap, load };
}

/**
 * Adds `w` places of load on [from, to) to the timeline in place (splitting the segments at `from` and `to`), as
 * buildTimeline would with one more load segment: a set-based check (a round's approval) takes each accepted
 * child's load into the timeline before checking the next one.
 */
export function addLoad(t: Timeline, from: number, to: number, w: number): void {
  if (!(from < to) || w === 0) return;
  minFreeFrom.set(t, null);
  const split = (d: number) => {
    const i = segmentAt(t, d);
    if (t.points[i] === d) return i;
    t.points.splice(i + 1, 0, d);
    t.cap.splice(i + 1, 0, t.cap[i]!);
    t.load.splice(i + 1, 0, t.load[i]!);
    return i + 1;
  };
  const a = split(from);
  const b = to === Infinity ? t.points.length : split(to);
  for (let i = a; i < b; i++) t.load[i]! += w;
}

/** Adds a child's demand from `from` (`weight` before the transition, 1 from it until `end`), like a pending offer. */
export function addDemand(t: Timeline, from: number, demand: Demand): void {
  for (const s of loadSegments(
    { id: '', from, to: Infinity, transition: demand.transition, schoolStart: demand.end },
    demand.weight,
  ))
    addLoad(t, s.from, s.to, s.w);
}

/** Index of the segment containing day d. */
export function segmentAt(t: Timeline, d: number): number {
  let lo = 0,
    hi = t.points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.points[mid]! <= d) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Places free on day d for a booker, with `heldShare` of the capacity kept back for the pladsanvisning. */
export function freeAt(t: Timeline, d: number, heldShare = 0): number {
  const i = segmentAt(t, d);
  return t.cap[i]! * (1 - heldShare) - t.load[i]!;
}

/**
 * The earliest start s ≥ from such that the child's demand fits on every day of [s, demand.end); null if none.
 * Demand does not depend on the start (weights follow the calendar), so feasibility is monotone in s: the answer is
 * the day after the last day in [from, end) that does not fit. One backward pass over the segments.
 */
export function earliestFit(t: Timeline, from: number, demand: Demand, heldShare = 0): number | null {
  if (from >= demand.end) return null;
  // Most units have room from `from` on for good: then no segment needs looking at.
  const minFree = suffixMinFree(t, heldShare);
  if (minFree && minFree[segmentAt(t, from)]! >= Math.max(demand.weight, 1) - EPS) return from;
  let i = segmentAt(t, demand.end - 1);
  for (; i >= 0; i--) {
    const a = Math.max(t.points[i]!, from),
      b = Math.min(i + 1 < t.points.length ? t.points[i + 1]! : Infinity, demand.end);
    if (a < b) {
      const free = t.cap[i]! * (1 - heldShare) - t.load[i]!;
      // Within the segment the demand is `weight` before the transition and 1 after.
      if (b > demand.transition && Math.max(a, demand.transition) < b && free < 1 - EPS)
        return nullIfEnd(b, demand.end);
      if (a < demand.transition && free < demand.weight - EPS)
        return nullIfEnd(Math.min(b, demand.transition), demand.end);
    }
    if (t.points[i]! <= from) break;
  }
  return from;
}
const minFreeFrom = new WeakMap<Timeline, Map<number, Float64Array> | null>();
/** The fewest places free from each segment on (suffix minima), per held-back share: computed once per timeline.
 *  None for a timeline changed in place (addLoad: a round's approval checks and adds one child at a time). */
function suffixMinFree(t: Timeline, heldShare: number): Float64Array | null {
  let byShare = minFreeFrom.get(t);
  if (byShare === null) return null;
  if (!byShare) minFreeFrom.set(t, (byShare = new Map()));
  let a = byShare.get(heldShare);
  if (!a) {
    a = new Float64Array(t.points.length);
    let min = Infinity;
    for (let i = t.points.length - 1; i >= 0; i--) a[i] = min = Math.min(min, t.cap[i]! * (1 - heldShare) - t.load[i]!);
    byShare.set(heldShare, a);
  }
  return a;
}

/** A timeline changed in place that will not change any more (a booking's new one): its suffix minima may be kept. */
export function settled(t: Timeline): Timeline {
  minFreeFrom.delete(t);
  return t;
}

const nullIfEnd = (s: number, end: number) => (s >= end ? null : s);

/** Does a booking starting exactly on `start` fit? */
export function fitsFrom(t: Timeline, start: number, demand: Demand, heldShare = 0): boolean {
  return earliestFit(t, start, demand, heldShare) === start;
}

export const day = (d: LocalDate) => epochDay(d);
