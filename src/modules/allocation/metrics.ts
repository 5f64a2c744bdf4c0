// Independent counters over a finished assignment: loads recomputed from scratch, justified envy per child pair,
// waste per agent. Used for the result's metrics, the tests and the benchmark (also on the baseline).
import { addDemand, fits, swapFits, type ChildWish, type Model } from './model.js';
import type { AllocationMetrics } from './types.js';

/** Per child, the index into its own wishes of the unit it gets, or -1. */
export function childPositions(model: Model, agentPos: Int32Array): Int32Array {
  const out = new Int32Array(model.children.length).fill(-1);
  for (let a = 0; a < model.agents.length; a++) {
    const ag = model.agents[a]!;
    if (agentPos[a]! < 0) continue;
    const u = ag.wishes[agentPos[a]!]!.unit;
    for (let k = 0; k < ag.members.length; k++) {
      const m = ag.members[k]!,
        ws = model.children[m]!.wishes;
      let p = 0;
      while (p < ws.length && (ws[p]!.unit !== u || !ws[p]!.demand)) p++;
      out[m] = p < ws.length ? p : -1;
    }
  }
  return out;
}

export function loads(model: Model, childPos: Int32Array): Float64Array[] {
  const load = model.units.map(() => new Float64Array(model.slots.length));
  model.children.forEach((c, i) => {
    if (childPos[i]! >= 0) {
      const w = c.wishes[childPos[i]!]!;
      addDemand(load[w.unit]!, w.demand!, 1);
    }
  });
  return load;
}

export function overCapacity(model: Model, childPos: Int32Array): number {
  let over = 0;
  loads(model, childPos).forEach((l, u) =>
    l.forEach((x, s) => {
      if (x > model.units[u]!.free[s]! + 1e-9) over++;
    }),
  );
  return over;
}

export interface EnvyPair {
  envious: number;
  envied: number;
  unit: number;
  siblingExempt: boolean;
}

/**
 * Justified envy: child i wishes unit u above its own outcome, ranks above child k placed at u, and
 * the unit's load without k and with i fits on every slot of i's placement.
 */
export function envyPairs(model: Model, childPos: Int32Array, load = loads(model, childPos)): EnvyPair[] {
  const out: EnvyPair[] = [];
  scanEnvy(model, childPos, load, (envious, envied, unit, siblingExempt) => {
    out.push({ envious, envied, unit, siblingExempt });
  });
  return out;
}

/** Calls `pair` for every justified-envy pair (see envyPairs), without building a list. */
function scanEnvy(
  model: Model,
  childPos: Int32Array,
  load: Float64Array[],
  pair: (envious: number, envied: number, unit: number, siblingExempt: boolean) => void,
): void {
  // Per unit, the children placed there with their wish, by priority: only those after i's key can be envied.
  const at: Array<Array<{ k: number; w: ChildWish }>> = model.units.map(() => []);
  const { children } = model;
  for (let i = 0; i < children.length; i++)
    if (childPos[i]! >= 0) {
      const w = children[i]!.wishes[childPos[i]!]!;
      at[w.unit]!.push({ k: i, w });
    }
  for (let u = 0; u < at.length; u++) at[u]!.sort((x, y) => x.w.key - y.w.key);
  const inBlock = (i: number) => model.agents[model.children[i]!.agent]!.members.length > 1;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    const own = childPos[i]! < 0 ? Infinity : c.wishes[childPos[i]!]!.rank;
    for (let r = 0; r < c.wishes.length; r++) {
      const w = c.wishes[r]!;
      if (!w.demand || w.rank >= own) continue;
      const list = at[w.unit]!,
        free = model.units[w.unit]!.free;
      let lo = 0,
        hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.w.key <= w.key) lo = mid + 1;
        else hi = mid;
      }
      for (let j = lo; j < list.length; j++) {
        const { k, w: wk } = list[j]!;
        if (swapFits(free, load[w.unit]!, wk.demand!, w.demand)) pair(i, k, w.unit, inBlock(i) || inBlock(k));
      }
    }
  }
}

/** (agent, unit) pairs: the agent wishes the unit above its outcome and would fit there as things stand. */
export function wastePairs(
  model: Model,
  childPos: Int32Array,
  load = loads(model, childPos),
): Array<{ agent: number; unit: number }> {
  const out: Array<{ agent: number; unit: number }> = [];
  scanWaste(model, childPos, load, (agent, unit) => out.push({ agent, unit }));
  return out;
}

/** Calls `pair` for every waste pair (see wastePairs) and returns their number. */
function scanWaste(
  model: Model,
  childPos: Int32Array,
  load: Float64Array[],
  pair?: (agent: number, unit: number) => void,
): number {
  let n = 0;
  for (let a = 0; a < model.agents.length; a++) {
    const ag = model.agents[a]!;
    // An agent's outcome: the position in its list of the unit all members share; split or partly unplaced = none.
    let u0 = -2;
    for (let k = 0; k < ag.members.length; k++) {
      const m = ag.members[k]!;
      const u = childPos[m]! < 0 ? -1 : model.children[m]!.wishes[childPos[m]!]!.unit;
      u0 = u0 === -2 || u0 === u ? u : -1;
    }
    let own = -1;
    if (u0 >= 0) for (let p = 0; p < ag.wishes.length && own < 0; p++) if (ag.wishes[p]!.unit === u0) own = p;
    for (let p = 0; p < ag.wishes.length; p++) {
      const w = ag.wishes[p]!;
      if ((own < 0 || p < own) && fits(model.units[w.unit]!.free, load[w.unit], w.demand)) {
        n++;
        pair?.(ag.index, w.unit);
      }
    }
  }
  return n;
}

export function metrics(model: Model, childPos: Int32Array, load = loads(model, childPos)): AllocationMetrics {
  const n = model.children.length;
  const byRank: number[] = [];
  let placed = 0;
  model.children.forEach((c, i) => {
    if (childPos[i]! < 0) return;
    placed++;
    const r = c.wishes[childPos[i]!]!.rank;
    while (byRank.length <= r) byRank.push(0);
    byRank[r]!++;
  });
  let justifiedEnvy = 0,
    siblingExemptEnvy = 0;
  scanEnvy(model, childPos, load, (_i, _k, _u, exempt) => {
    if (exempt) siblingExemptEnvy++;
    else justifiedEnvy++;
  });
  const groups = new Map<string, number[]>();
  model.children.forEach((c, i) => {
    const g = c.input.siblingGroup;
    if (g === undefined) return;
    const members = groups.get(g);
    if (members) members.push(i);
    else groups.set(g, [i]);
  });
  const multi = [...groups.values()].filter((g) => g.length > 1);
  const together = multi.filter((g) => {
    const us = new Set(g.map((i) => (childPos[i]! < 0 ? -1 : model.children[i]!.wishes[childPos[i]!]!.unit)));
    return us.size === 1 && !us.has(-1);
  }).length;
  return {
    applicants: n,
    placed,
    unplaced: n - placed,
    firstChoiceShare: round(n ? (byRank[0] ?? 0) / n : 0),
    byRank,
    justifiedEnvy,
    siblingExemptEnvy,
    waste: scanWaste(model, childPos, load),
    siblingGroups: multi.length,
    siblingCoLocation: round(multi.length ? together / multi.length : 1),
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/**
 * The naive baseline: first come, first served by seniority, each child takes the first wish with room,
 * ignoring priority classes and siblings.
 */
export function firstComeFirstServed(model: Model): Int32Array {
  const load = model.units.map(() => new Float64Array(model.slots.length));
  const pos = new Int32Array(model.children.length).fill(-1);
  const order = [...model.children].sort((a, b) => a.globalRank - b.globalRank);
  for (const c of order) {
    const p = c.wishes.findIndex((w) => w.demand && fits(model.units[w.unit]!.free, load[w.unit], w.demand));
    if (p >= 0) {
      pos[c.index] = p;
      addDemand(load[c.wishes[p]!.unit]!, c.wishes[p]!.demand!, 1);
    }
  }
  return pos;
}
