// Policy simulator: replays a year of demand (families registering for a place) over the units' occupancy under a
// proposed policy, and reports who got their first choice and how long they waited, by how late they registered.
// Booking families act on the day they register; waitlist families are allocated in seniority order (registration
// date) eight weeks before their wished start; families who cannot use the web always go through the waitlist and
// may use the held-back share. Pure: no database, deterministic.
import { buildTimeline, earliestFit, EPS, type CapacityPeriod, type LoadItem, type Timeline } from './timeline.js';

export interface SimUnit {
  id: string;
  nursery: boolean;
  kindergarten: boolean;
  capacity: CapacityPeriod[];
  items: LoadItem[];
}
export interface SimFamily {
  id: string;
  register: number;
  wished: number;
  transition: number;
  schoolStart: number;
  prefs: number[];
  digital: boolean;
}
export interface SimPolicy {
  mode: 'booking' | 'waitlist' | 'hybrid';
  hybridMonths: number;
  heldShare: number;
  releaseWeeks: number;
  nurseryWeight: number;
}

export const LATENESS_BUCKETS = ['>6', '3-6', '1-3', '<1'] as const; // months between registration and wished start
export interface BucketResult {
  bucket: (typeof LATENESS_BUCKETS)[number];
  families: number;
  firstChoice: number;
  placed: number;
  meanWaitDays: number;
}
export interface SimResult {
  families: number;
  firstChoiceShare: number;
  placedShare: number;
  meanWaitDays: number;
  byLateness: BucketResult[];
}

const WAITLIST_LEAD = 56; // days before the wished start a waitlist round allocates the place

export function bucketOf(leadDays: number): (typeof LATENESS_BUCKETS)[number] {
  return leadDays > 182 ? '>6' : leadDays > 91 ? '3-6' : leadDays > 30 ? '1-3' : '<1';
}

export function simulate(unitsIn: SimUnit[], families: SimFamily[], policy: SimPolicy): SimResult {
  const units = unitsIn.map((u) => ({
    ...u,
    items: [...u.items],
    t: buildTimeline(u.capacity, u.items, policy.nurseryWeight) as Timeline,
  }));
  // Each family acts once: booking families on registration; waitlist families at their round, by seniority.
  const acts = families
    .map((f) => {
      const viaBooking =
        f.digital &&
        (policy.mode === 'booking' ||
          (policy.mode === 'hybrid' && f.wished - f.register >= policy.hybridMonths * 30.4));
      return { f, viaBooking, day: viaBooking ? f.register : Math.max(f.register, f.wished - WAITLIST_LEAD) };
    })
    .sort((a, b) => a.day - b.day || a.f.register - b.f.register || (a.f.id < b.f.id ? -1 : 1));
  const outcome = new Map<string, { first: boolean; wait: number | null }>();
  for (const { f, viaBooking, day } of acts) {
    const held = viaBooking && f.wished >= day + policy.releaseWeeks * 7 ? policy.heldShare : 0;
    let best: { u: number; start: number; rank: number } | null = null;
    f.prefs.forEach((ui, rank) => {
      const u = units[ui]!;
      const from = Math.max(f.wished, day + 1);
      const nursery = from < f.transition;
      if (nursery ? !u.nursery : !u.kindergarten) return;
      const end = u.kindergarten ? f.schoolStart : f.transition;
      const s = earliestFit(u.t, from, { transition: f.transition, end, weight: policy.nurseryWeight }, held);
      if (s !== null && (!best || s < best.start - EPS)) best = { u: ui, start: s, rank };
    });
    if (!best) {
      outcome.set(f.id, { first: false, wait: null });
      continue;
    }
    const b = best as { u: number; start: number; rank: number };
    const u = units[b.u]!;
    u.items.push({
      id: f.id,
      from: b.start,
      to: u.kindergarten ? f.schoolStart : f.transition,
      transition: f.transition,
      schoolStart: f.schoolStart,
    });
    u.t = buildTimeline(u.capacity, u.items, policy.nurseryWeight);
    outcome.set(f.id, { first: b.rank === 0 && b.start === Math.max(f.wished, day + 1), wait: b.start - f.wished });
  }
  const summarize = (fs: SimFamily[]) => {
    const os = fs.map((f) => outcome.get(f.id)!);
    const placed = os.filter((o) => o.wait !== null);
    return {
      families: fs.length,
      firstChoice: os.filter((o) => o.first).length,
      placed: placed.length,
      meanWaitDays: placed.length
        ? Math.round(placed.reduce((s, o) => s + Math.max(0, o.wait!), 0) / placed.length)
        : 0,
    };
  };
  const all = summarize(families);
  return {
    families: all.families,
    firstChoiceShare: all.families ? all.firstChoice / all.families : 0,
    placedShare: all.families ? all.placed / all.families : 0,
    meanWaitDays: all.meanWaitDays,
    byLateness: LATENESS_BUCKETS.map((bucket) => ({
      bucket,
      ...summarize(families.filter((f) => bucketOf(f.wished - f.register) === bucket)),
    })),
  };
}
