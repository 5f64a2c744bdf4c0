// The allocation engine: deferred acceptance with weighted capacity, then waste recovery that never creates
// justified envy. Pure: no I/O, the same input in any order gives the same output.
//
// 1. Cutoff deferred acceptance. Agents (children, or together-sibling blocks) propose down their lists. A unit
//    keeps its proposers in priority order while they fit in every slot and rejects everyone from the first one
//    that does not fit (a cutoff, not a skip). That choice is path-independent, so the result does not depend on
//    the proposal order, and it is fair: anyone rejected ranks below a prefix that already left no room for them,
//    so swapping them in for any lower-ranked child cannot fit either (Kamada & Kojima's fairness).
// 2. Waste recovery. The cutoff leaves room a lower-ranked or smaller child could use. For each unit, the
//    best-ranked agent who prefers it to their current place and fits is moved in, provided leaving their old
//    unit gives nobody justified envy there. Adding the best-ranked fitting agent creates no envy at the unit
//    itself (anyone ranked above who wants it does not fit even without a swap). Every move makes one agent
//    strictly better off and nobody worse off, so the passes end. If the best fitting agent cannot leave, a vacancy
//    chain is tried: it moves anyway, its old unit is refilled with that unit's best fitting claimants (who may
//    leave units of their own, up to 8 links deep), and the chain is kept only if no unit left behind has envy.
//    Otherwise the room stays empty: filling it with someone ranked lower would give that agent justified envy.
//    "Envy" follows policy.fillMode (passedOver): under 'strict-order' (default, § 27) an agent is passed over when it
//    would fit without *all* the lower-ranked agents at the unit; under 'maximise-children' only when one swap fits.
//    Adding the best fitting agent never passes anyone over (those above it did not fit without the ones below them
//    before, and still do not); only leaving a unit can, so every leave is checked.
//
// The sibling rule: a together-block is admitted only if all its children fit, with its best member's priority.
// Envy that a child outside the block has toward a block member ranked lower on their own merits (or that a
// block member has toward a single place) is allowed and reported as sibling-exempt.
import { addDemand, fits, swapFits, type AgentWish, type Claim, type Model } from './model.js';
import { buildModel } from './model.js';
import { report } from './explain.js';
import type { AllocationInput, AllocationResult } from './types.js';

export function allocate(input: AllocationInput): AllocationResult {
  const model = buildModel(input);
  return report(model, assign(model));
}

/** Per agent, the position in its list of the unit it gets, or -1. */
export function assign(model: Model): Int32Array {
  const state = deferredAcceptance(model);
  recoverWaste(model, state);
  return state.pos;
}

interface State {
  pos: Int32Array; // agent → position in its list, -1 unplaced
  load: Float64Array[]; // per unit, per slot
  held: number[][]; // per unit, agents in priority order
  journal?: Journal; // while a vacancy chain is tried: what to put back if it fails
  left?: Uint8Array; // per unit: an agent left it since its last scan found nobody (waste recovery)
}
/** The moves of a tentative vacancy chain: old positions in order, and each touched unit as it was before. */
interface Journal {
  agents: number[];
  oldPos: number[];
  units: Map<number, { load: Float64Array; held: number[] }>;
}

export function deferredAcceptance(model: Model): State {
  const { agents, units, slots } = model;
  const pos = new Int32Array(agents.length).fill(-1);
  const next = new Int32Array(agents.length);
  const load = units.map(() => new Float64Array(slots.length));
  // Every proposal a unit ever received, best first; the held agents are the prefix before the first misfit.
  // Rejected proposals stay: a rejected agent must keep blocking everyone ranked below it, or a later, smaller
  // proposer from below could take room that the rejected one could use by a swap (justified envy).
  const received: Array<Array<{ agent: number; key: number }>> = units.map(() => []);
  const held = new Int32Array(units.length);
  const queue = agents.map((a) => a.index).reverse();
  while (queue.length) {
    const a = queue.pop()!;
    const ws = agents[a]!.wishes;
    while (next[a]! < ws.length && !ws[next[a]!]!.fitsAlone) next[a]!++; // can never get it: skip, no cutoff
    if (next[a]! >= ws.length) continue;
    const w = ws[next[a]!]!,
      u = w.unit,
      r = received[u]!;
    let at = r.length;
    while (at > 0 && r[at - 1]!.key > w.key) at--;
    r.splice(at, 0, { agent: a, key: w.key });
    if (at > held[u]!) {
      next[a]!++;
      queue.push(a);
      continue;
    } // below the cutoff
    pos[a] = next[a]!;
    const l = load[u]!;
    if (fits(units[u]!.free, l, w.demand)) {
      // The proposer fits on top of everyone held, so every held agent still fits on its (smaller) prefix and the
      // agent after the old cutoff was rejected here: the prefix simply grows by one.
      addDemand(l, w.demand, 1);
      held[u]!++;
      continue;
    }
    // The held prefix before the proposer stays; take the held agents after it off the load and re-check them.
    for (let j = at + 1; j <= held[u]!; j++) {
      const x = r[j]!.agent;
      addDemand(l, agents[x]!.wishes[pos[x]!]!.demand, -1);
    }
    let keep = at;
    for (; keep < r.length; keep++) {
      // An agent rejected here earlier (now unplaced or held elsewhere) marks the cutoff: stop there.
      const x = r[keep]!.agent,
        px = pos[x]!;
      const w = px >= 0 ? agents[x]!.wishes[px]! : undefined;
      if (!w || w.unit !== u || !fits(units[u]!.free, l, w.demand)) break;
      addDemand(l, w.demand, 1);
    }
    for (let i = keep; i <= held[u]! && i < r.length; i++) {
      // the old prefix and the proposer, from the cut on
      const x = r[i]!.agent;
      if (pos[x]! >= 0 && agents[x]!.wishes[pos[x]!]!.unit === u) {
        pos[x] = -1;
        next[x]!++;
        queue.push(x);
      }
    }
    held[u] = keep;
  }
  return { pos, load, held: received.map((r, u) => r.slice(0, held[u]!).map((x) => x.agent)) };
}

export function recoverWaste(model: Model, state: State): void {
  const { units } = model;
  // Moves only ever make agents better off, so a claimant who does not want a unit never wants it again, and one who
  // did not fit there fits only after someone left it. A unit whose scan found nobody is therefore skipped until an
  // agent leaves it (`state.left`): the scan would find nobody again. The passes and their order stay the same.
  const idle = new Uint8Array(units.length);
  state.left = new Uint8Array(units.length);
  for (let changed = true; changed;) {
    changed = false;
    for (const unit of units) {
      const u = unit.index;
      if (idle[u] && !state.left[u]) continue;
      idle[u] = 0;
      state.left[u] = 0;
      for (let start = 0; ;) {
        const c = bestFitting(model, state, u, start);
        if (!c) {
          idle[u] = 1;
          break;
        }
        const from = unitOf(model, state, c.agent);
        if (from < 0 || !envyIfLeaving(model, state, c.agent, from)) {
          // Only u's load grew: the claimants before c still do not fit (or want) it, so the scan resumes after c.
          move(model, state, c.agent, c.pos);
          start = c.index + 1;
          changed = true;
          continue;
        }
        start = 0;
        // Leaving `from` would let someone there envy: try a vacancy chain that refills `from` (and the units its
        // fillers leave) with their best fitting claimants, and keep it only if no unit left behind has envy.
        state.journal = { agents: [], oldPos: [], units: new Map() };
        const kept = chain(model, state, c.agent, c.pos, 0);
        const journal = state.journal;
        state.journal = undefined;
        if (kept) {
          changed = true;
          continue;
        }
        undo(state, journal);
        break; // the room stays empty: filling it with someone ranked lower would give c justified envy
      }
    }
  }
}

const MAX_CHAIN = 8;

/** The best-ranked agent (from claim `start` on) who prefers unit u to its current place and fits there as things stand. */
function bestFitting(model: Model, state: State, u: number, start = 0): (Claim & { index: number }) | undefined {
  const { pos } = state;
  const free = model.units[u]!.free,
    l = state.load[u]!,
    cs = model.claims[u]!;
  for (let i = start; i < cs.length; i++) {
    const cl = cs[i]!,
      p = pos[cl.agent]!;
    if ((p < 0 || cl.pos < p) && fits(free, l, cl.demand)) return { ...cl, index: i };
  }
  return undefined;
}

const unitOf = (model: Model, state: State, a: number) =>
  state.pos[a]! < 0 ? -1 : model.agents[a]!.wishes[state.pos[a]!]!.unit;

function move(model: Model, state: State, a: number, to: number): void {
  const { agents } = model;
  const { pos, load, held } = state;
  const from = unitOf(model, state, a);
  const j = state.journal;
  if (j) {
    j.agents.push(a);
    j.oldPos.push(pos[a]!);
    remember(state, j, from);
    remember(state, j, agents[a]!.wishes[to]!.unit);
  }
  if (from >= 0) {
    if (state.left) state.left[from] = 1;
    addDemand(load[from]!, agents[a]!.wishes[pos[a]!]!.demand, -1);
    held[from]!.splice(held[from]!.indexOf(a), 1);
  }
  pos[a] = to;
  const w = agents[a]!.wishes[to]!;
  addDemand(load[w.unit]!, w.demand, 1);
  held[w.unit]!.push(a);
}

/** Move `a`, refill the unit it left (recursively), and report whether that unit ends up free of envy. */
function chain(model: Model, state: State, a: number, to: number, depth: number): boolean {
  const from = unitOf(model, state, a);
  move(model, state, a, to);
  if (from < 0) return true;
  for (let c = bestFitting(model, state, from); c; c = bestFitting(model, state, from)) {
    if (depth >= MAX_CHAIN || !chain(model, state, c.agent, c.pos, depth + 1)) return false;
  }
  return !envyAt(model, state, from);
}

/** Does some agent who prefers unit u get passed over there (see passedOver)? */
function envyAt(model: Model, state: State, u: number): boolean {
  const { agents } = model;
  const { pos, load, held } = state;
  return passedOver(
    model,
    state,
    u,
    load[u]!,
    held[u]!.map((k) => agents[k]!.wishes[pos[k]!]!),
    -1,
  );
}

/**
 * Is some agent who prefers unit u to its own place (other than `skip`) passed over there for agents of lower priority?
 * 'strict-order' (the waiting-list order, the default): it would fit once *all* the agents placed there with lower
 * priority were removed, however many smaller or shorter placements that takes. 'maximise-children': one of them
 * swapped out would make room (pairwise justified envy), so several lower-ranked children may share the room.
 */
function passedOver(
  model: Model,
  state: State,
  u: number,
  load: Float64Array,
  placed: AgentWish[],
  skip: number,
): boolean {
  const { units, claims } = model;
  const { pos } = state;
  const free = units[u]!.free,
    cs = claims[u]!;
  const wants = (cl: Claim) => cl.agent !== skip && !(pos[cl.agent]! >= 0 && pos[cl.agent]! <= cl.pos);
  if (model.fillMode === 'maximise-children') {
    for (const cl of cs) {
      if (!wants(cl)) continue;
      const inn = cl.demand;
      for (const k of placed) if (k.key > cl.key && swapFits(free, load, k.demand, inn)) return true;
    }
    return false;
  }
  // Claimants from the worst up: `cut` is the load without every placed agent ranked below the current claimant.
  const lower = [...placed].sort((x, y) => y.key - x.key);
  const cut = Float64Array.from(load);
  for (let c = cs.length - 1, j = 0; c >= 0; c--) {
    const cl = cs[c]!;
    while (j < lower.length && lower[j]!.key > cl.key) addDemand(cut, lower[j++]!.demand, -1);
    if (j > 0 && wants(cl) && fits(free, cut, cl.demand)) return true;
  }
  return false;
}

function remember(state: State, j: Journal, u: number): void {
  if (u >= 0 && !j.units.has(u)) j.units.set(u, { load: state.load[u]!.slice(), held: state.held[u]!.slice() });
}
function undo(state: State, j: Journal): void {
  for (let i = j.agents.length - 1; i >= 0; i--) state.pos[j.agents[i]!] = j.oldPos[i]!;
  for (const [u, saved] of j.units) {
    state.load[u]!.set(saved.load);
    state.held[u] = saved.held;
  }
}

/** Would some agent be passed over at `u` once `leaver` has left it? */
function envyIfLeaving(model: Model, state: State, leaver: number, u: number): boolean {
  const { agents } = model;
  const { pos, load, held } = state;
  const after = Float64Array.from(load[u]!);
  addDemand(after, agents[leaver]!.wishes[pos[leaver]!]!.demand, -1);
  return passedOver(
    model,
    state,
    u,
    after,
    held[u]!.filter((k) => k !== leaver).map((k) => agents[k]!.wishes[pos[k]!]!),
    leaver,
  );
}
