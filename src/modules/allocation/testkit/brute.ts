// Brute force over every assignment of a tiny round: each single child or together-sibling group gets one of its
// eligible wishes or nothing. Keeps the feasible ones (pruned as soon as a unit overflows on some day), then
// classifies them with the independent checker: fair (no justified envy outside the sibling rule), non-wasteful.
import { evaluate, type Prepared } from './checker.js';

export interface BruteForce {
  feasible: number;
  fair: number;
  /** Most children placed by any feasible assignment (fair or not). */
  maxPlaced: number;
  /** Most children placed by a fair assignment. */
  maxFairPlaced: number;
  /** Most children placed by an assignment without priority-respecting (group) envy. */
  maxGroupFairPlaced: number;
  /** Is there an assignment that is both fair and non-wasteful? */
  fairAndNonWasteful: boolean;
}

export function bruteForce(p: Prepared): BruteForce {
  const out: BruteForce = {
    feasible: 0,
    fair: 0,
    maxPlaced: 0,
    maxFairPlaced: 0,
    maxGroupFairPlaced: 0,
    fairAndNonWasteful: false,
  };
  const at = new Int32Array(p.kids.length).fill(-1);
  const load = p.unitIds.map(() => new Float64Array(p.days));
  const fits = (u: number, dm: Float64Array) =>
    dm.every((x, d) => x === 0 || load[u]![d]! + x <= p.free[u]![d]! + 1e-9);
  const visit = (a: number, placed: number) => {
    if (a === p.agents.length) {
      out.feasible++;
      out.maxPlaced = Math.max(out.maxPlaced, placed);
      const e = evaluate(p, at);
      if (!e.groupEnvy.some((x) => !x.siblingExempt)) out.maxGroupFairPlaced = Math.max(out.maxGroupFairPlaced, placed);
      if (e.envy.some((x) => !x.siblingExempt)) return;
      out.fair++;
      out.maxFairPlaced = Math.max(out.maxFairPlaced, placed);
      if (e.waste.length === 0) out.fairAndNonWasteful = true;
      return;
    }
    const ag = p.agents[a]!;
    visit(a + 1, placed);
    ag.units.forEach((u, r) => {
      const dm = ag.demand[r]!;
      if (!fits(u, dm)) return;
      dm.forEach((x, d) => {
        load[u]![d]! += x;
      });
      for (const i of ag.kids) at[i] = p.kids[i]!.units.indexOf(u);
      visit(a + 1, placed + ag.kids.length);
      for (const i of ag.kids) at[i] = -1;
      dm.forEach((x, d) => {
        load[u]![d]! -= x;
      });
    });
  };
  visit(0, 0);
  return out;
}
