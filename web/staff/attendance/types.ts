// The attendance API's answers (types from the module's contract) and the live overview's bookkeeping.
import type { Overview } from '../../../src/modules/attendance/contract.js';

export type {
  Hour,
  Overview,
  OverviewChild,
  OverviewGroup as Group,
} from '../../../src/modules/attendance/contract.js';
export const IN_CARE = [3, 4, 5, 6, 7];
export interface Change {
  seq: number;
  childId: string;
  status: number;
  checkIn: string | null;
  checkOut: string | null;
  pickupBy: string | null;
  at: number;
}

/** Applies a live change to the overview and recounts who is here (per group and age band). */
export function applyChange(o: Overview, c: Change): Overview {
  const groups = o.groups.map((g) => {
    if (!g.children.some((x) => x.id === c.childId)) return g;
    const children = g.children.map((x) =>
      x.id === c.childId
        ? { ...x, status: c.status, checkIn: c.checkIn, checkOut: c.checkOut, pickupBy: c.pickupBy }
        : x,
    );
    const here = children.filter((x) => IN_CARE.includes(x.status));
    return {
      ...g,
      children,
      present: here.length,
      byAge: g.byAge.map((b) => ({ ...b, present: here.filter((x) => x.ageBand === b.band).length })),
    };
  });
  const all = groups.flatMap((g) => g.children);
  const here = all.filter((x) => IN_CARE.includes(x.status));
  const count = (s: number) => all.filter((x) => x.status === s).length;
  return {
    ...o,
    groups,
    totals: {
      ...o.totals,
      present: here.length,
      sick: count(1),
      absent: count(2),
      checkedOut: count(8),
      notArrived: count(0),
      fte: { ...o.totals.fte, present: here.reduce((s, x) => s + x.fte, 0) },
    },
  };
}
