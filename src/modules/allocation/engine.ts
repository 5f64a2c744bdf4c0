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
import { addDemand, fits, swapFits, type AgentWish, type Model } from './model.js';
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
  const { agents, units, slots, claims } = model;
  const pos = new Int32Array(agents.length).fill(-1);
  const next = new Int32Array(agents.length);
  const load = units.map(() => new Float64Array(slots.length));
  // Every proposal a unit ever received: a flag per claim, so a unit's proposals in priority order are its flagged
  // claims. The held agents are those before the first misfit, the unit's cutoff (a claim index; the unit's end
  // while nobody was rejected). Rejected proposals stay: a rejected agent must keep blocking everyone ranked below
  // it, or a later, smaller proposer from below could take room that the rejected one could use by a swap (justified
  // envy).
  const proposed = new Uint8Array(claims.agent.length);
  const cut = claims.start.slice(1);
  const queue = agents.map((a) => a.index).reverse();
  while (queue.length) {
    const a = queue.pop()!;
    const ws = agents[a]!.wishes;
    while (next[a]! < ws.length && !ws[next[a]!]!.fitsAlone) next[a]!++; // can never get it: skip, no cutoff
    if (next[a]! >= ws.length) continue;
    const w = ws[next[a]!]!,
      u = w.unit,
      ci = w.claim;
    proposed[ci] = 1;
    if (ci > cut[u]!) {
      next[a]!++;
      queue.push(a);
      continue;
    } // below the cutoff
    pos[a] = next[a]!;
    const l = load[u]!,
      free = units[u]!.free;
    if (fits(free, l, w.demand)) {
      // The proposer fits on top of everyone held, so every held agent still fits on its (smaller) prefix and the
      // agent at the cutoff was rejected here: the held prefix simply grows by one.
      addDemand(l, w.demand, 1);
      continue;
    }
    // The held prefix before the proposer stays; take the held agents after it off the load and re-check them.
    const oldCut = cut[u]!,
      end = claims.start[u + 1]!;
    for (let j = ci + 1; j < oldCut; j++) if (proposed[j]) addDemand(l, claims.demand[j]!, -1);
    let keep = ci;
    for (; keep < end; keep++) {
      if (!proposed[keep]) continue;
      // An agent rejected here earlier (now unplaced or held elsewhere) marks the cutoff: stop there.
      const px = pos[claims.agent[keep]!]!;
      if (px !== claims.pos[keep]! || !fits(free, l, claims.demand[keep]!)) break;
      addDemand(l, claims.demand[keep]!, 1);
    }
    for (let i = keep; i < oldCut; i++) {
      // the old prefix and the proposer, from the cut on
      const x = claims.agent[i]!;
      if (proposed[i] && pos[x] === claims.pos[i]!) {
        pos[x] = -1;
        next[x]!++;
        queue.push(x);
      }
    }
    cut[u] = keep;
  }
  const held = units.map((_, u) => {
    const out: number[] = [];
    for (let i = claims.start[u]!; i < cut[u]!; i++) if (proposed[i]) out.push(claims.agent[i]!);
    return out;
  });
  return { pos, load, held };
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
        if (c < 0) {
          idle[u] = 1;
          break;
        }
        const ci = model.claims.start[u]! + c,
          agent = model.claims.agent[ci]!,
          to = model.claims.pos[ci]!;
        const from = unitOf(model, state, agent);
        if (from < 0 || !envyIfLeaving(model, state, agent, from)) {
          // Only u's load grew: the claimants before c still do not fit (or want) it, so the scan resumes after c.
          move(model, state, agent, to);
          start = c + 1;
          changed = true;
          continue;
        }
        start = 0;
        // Leaving `from` would let someone there envy: try a vacancy chain that refills `from` (and the units its
        // fillers leave) with their best fitting claimants, and keep it only if no unit left behind has envy.
        state.journal = { agents: [], oldPos: [], units: new Map() };
        const kept = chain(model, state, agent, to, 0);
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

/**
 * The best-ranked agent (counting unit u's claims from `start`) who prefers unit u to its current
 * place and fits there as things stand: the claim's index within the unit, or -1.
 */
function bestFitting(model: Model, state: State, u: number, start = 0): number {
  const { pos } = state;
  const free = model.units[u]!.free,
    l = state.load[u]!,
    cs = model.claims,
    first = cs.start[u]!,
    end = cs.start[u + 1]!;
  for (let i = first + start; i < end; i++) {
    const p = pos[cs.agent[i]!]!;
    if ((p < 0 || cs.pos[i]! < p) && fits(free, l, cs.demand[i]!)) return i - first;
  }
  return -1;
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
  for (let c = bestFitting(model, state, from); c >= 0; c = bestFitting(model, state, from)) {
    const ci = model.claims.start[from]! + c;
    if (depth >= MAX_CHAIN || !chain(model, state, model.claims.agent[ci]!, model.claims.pos[ci]!, depth + 1))
      return false;
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
    first = claims.start[u]!,
    end = claims.start[u + 1]!;
  // Claim i's agent wants u: it is not `skip` and is unplaced or placed at a wish it likes less.
  const wants = (i: number) => {
    const a = claims.agent[i]!;
    return a !== skip && !(pos[a]! >= 0 && pos[a]! <= claims.pos[i]!);
  };
  if (model.fillMode === 'maximise-children') {
    for (let i = first; i < end; i++) {
      if (!wants(i)) continue;
      const inn = claims.demand[i]!;
      for (const k of placed) if (k.key > claims.key[i]! && swapFits(free, load, k.demand, inn)) return true;
    }
    return false;
  }
  // Claimants from the worst up: `cut` is the load without every placed agent ranked below the current claimant.
  const lower = [...placed].sort((x, y) => y.key - x.key);
  const cut = Float64Array.from(load);
  for (let i = end - 1, j = 0; i >= first; i--) {
    while (j < lower.length && lower[j]!.key > claims.key[i]!) addDemand(cut, lower[j++]!.demand, -1);
    if (j > 0 && wants(i) && fits(free, cut, claims.demand[i]!)) return true;
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
