// Compiles an AllocationInput into flat arrays the engine can work on quickly.
//
// Time granularity: the period from the earliest wished start to the horizon is cut into *slots* at every date
// where anything changes: capacity and occupancy period bounds, wished start dates, nursery → kindergarten
// transition dates (when a child's weight drops) and the end of nursery-only placements. Within a slot every
// load and every free capacity is constant, so checking each slot's first day is exact for every day of every
// placement, whatever the start dates (1st, 15th or any other day).
import type {
  AgeGroup,
  AllocationApplicant,
  AllocationInput,
  FillMode,
  PriorityClass,
  RejectionCode,
} from './types.js';
import { buildClaims, type Claims } from './claims.js';
import { dayIn, transitionDay, type DayCache } from './days.js';
import { fits, type Demand } from './demand.js';

export { addDemand, EPS, fits, swapFits, type Demand } from './demand.js';
export type { Claims } from './claims.js';

const BOTH: AgeGroup[] = ['nursery', 'kindergarten'];
const NURSERY = 1,
  KINDERGARTEN = 2;

export interface ChildWish {
  unit: number; // -1: not in the round
  unitId: string;
  rank: number; // 0-based position in the child's own list
  cls: number; // index into policy.priorityClasses
  key: number; // priority at the unit: lower is better (class, then seniority, then tie-break)
  demand: Demand | null; // null: not eligible (code says why)
  code: RejectionCode | undefined; // set when demand is null
  fitsAlone: boolean; // fits next to the enrolled children alone, ignoring this round
  claim: number; // its index in model.claims as a single child's claim, else -1
}

export interface Child {
  index: number;
  input: AllocationApplicant;
  start: number;
  transition: number;
  globalRank: number; // seniority, then tie-break
  seniority: number; // epoch day
  agent: number;
  wishes: ChildWish[];
}

/** A single child, or a together-sibling group placed as one block. */
export interface Agent {
  index: number;
  members: number[];
  wishes: AgentWish[];
}
export interface AgentWish {
  unit: number;
  rank: number;
  cls: number;
  key: number;
  demand: Demand;
  fitsAlone: boolean;
  claim: number; // index in model.claims
}

export interface ModelUnit {
  index: number;
  id: string;
  name: string;
  free: Float64Array;
}
export interface Model {
  slots: Int32Array; // first day (epoch day) of each slot
  horizon: number;
  classes: PriorityClass[];
  nurseryWeight: number;
  fillMode: FillMode;
  units: ModelUnit[];
  children: Child[];
  agents: Agent[];
  claims: Claims;
}

/** FNV-1a: a deterministic tie-break that does not favour early ids. */
export function tieBreak(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function buildModel(input: AllocationInput): Model {
  const nw = input.policy.nurseryWeight ?? 2;
  const transitionMonths = input.policy.transitionAgeMonths ?? 34;
  const classes = input.policy.priorityClasses;
  if (classes.length === 0) throw new RangeError('policy.priorityClasses must name at least one class');
  const classIndex = new Map(classes.map((c, i) => [c.id, i]));
  const days: DayCache = new Map(),
    transitionDays: DayCache = new Map();
  const day = (s: string) => dayIn(days, s);
  const horizon = day(input.horizon);
  const unitsIn = [...input.units].sort((a, b) => cmp(a.id, b.id));
  const apps = [...input.applicants].sort((a, b) => cmp(a.id, b.id)); // input order must not matter
  unique(
    unitsIn.map((u) => u.id),
    'unit',
  );
  unique(
    apps.map((a) => a.id),
    'applicant',
  );

  // Slot boundaries.
  const starts = apps.map((a) => day(a.wishedStart));
  const transitions = apps.map((a) => transitionDay(transitionDays, a.birthDate, transitionMonths));
  const first = Math.min(...starts.filter((s) => s <= horizon), horizon);
  const cuts = new Set<number>([first]);
  const cut = (d: number) => {
    if (d > first && d <= horizon) cuts.add(d);
  };
  for (const u of unitsIn)
    for (const p of [...u.capacity, ...(u.occupancy ?? [])]) {
      cut(day(p.from));
      if (p.to) cut(day(p.to) + 1);
    }
  starts.forEach(cut);
  transitions.forEach(cut);
  const slots = Int32Array.from([...cuts].sort((a, b) => a - b));
  const slotOf = (d: number) => {
    // last slot starting on or before d
    let lo = 0,
      hi = slots.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (slots[mid]! <= d) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const units: ModelUnit[] = unitsIn.map((u, index) => {
    const free = new Float64Array(slots.length);
    const add = (ps: typeof u.capacity, sign: number) => {
      for (const p of ps) {
        const from = day(p.from),
          to = p.to ? day(p.to) : Infinity;
        for (let s = 0; s < slots.length; s++) if (slots[s]! >= from && slots[s]! <= to) free[s]! += sign * p.places;
      }
    };
    add(u.capacity, 1);
    add(u.occupancy ?? [], -1);
    return { index, id: u.id, name: u.name, free };
  });
  const unitIndex = new Map(unitsIn.map((u, i) => [u.id, i]));
  // Who each unit takes, as bits (NURSERY, KINDERGARTEN): read for every wish.
  const takes = Uint8Array.from(unitsIn, (u) =>
    (u.ageGroups ?? BOTH).reduce((m, g) => m | (g === 'nursery' ? NURSERY : KINDERGARTEN), 0),
  );

  // Global order: seniority, then the tie-break hash, then id (sorting indices on numbers, not an object each).
  const seniority = new Float64Array(apps.length),
    hash = new Float64Array(apps.length);
  apps.forEach((a, i) => {
    seniority[i] = day(a.seniorityDate);
    hash[i] = tieBreak(a.id);
  });
  const order = Int32Array.from(apps.keys()).sort(
    (x, y) => seniority[x]! - seniority[y]! || hash[x]! - hash[y]! || cmp(apps[x]!.id, apps[y]!.id),
  );
  const globalRank = new Int32Array(apps.length);
  order.forEach((i, r) => {
    globalRank[i] = r;
  });
  const N = apps.length;

  // A demand depends only on its first and last slot and the first slot after the transition: children alike share
  // one read-only profile (a round has a few hundred distinct ones, not one per child).
  const profiles = new Map<number, Demand>();
  const S = slots.length + 1;
  const children: Child[] = apps.map((a, index) => {
    const start = starts[index]!,
      transition = transitions[index]!;
    const profile = (end: number): Demand => {
      const from = slotOf(start),
        to = slotOf(end);
      let t = from; // first slot in from..to that starts on or after the transition
      while (t <= to && slots[t]! < transition) t++;
      const key = (from * S + to) * S + t;
      let d = profiles.get(key);
      if (d === undefined) {
        const w = new Float64Array(to - from + 1);
        for (let s = from; s <= to; s++) w[s - from] = s < t ? nw : 1;
        d = { from, w };
        profiles.set(key, d);
      }
      return d;
    };
    let full: Demand | undefined, nurseryOnly: Demand | undefined;
    const wishes: ChildWish[] = a.wishes.map((w, rank) => {
      const cls = w.priority === undefined ? classes.length - 1 : classIndex.get(w.priority);
      if (cls === undefined) throw new RangeError(`applicant ${a.id}: unknown priority class ${w.priority}`);
      const unit = unitIndex.get(w.unit) ?? -1;
      // Everything is worked out first and the object made once with its final values: one shape for every wish.
      let code: RejectionCode | undefined,
        demand: Demand | null = null;
      if (unit < 0) code = 'unknown-unit';
      else if (start > horizon) code = 'after-horizon';
      else {
        const groups = takes[unit]!;
        if (!(groups & (start < transition ? NURSERY : KINDERGARTEN))) code = 'age';
        else
          demand =
            groups & KINDERGARTEN
              ? (full ??= profile(horizon))
              : (nurseryOnly ??= profile(Math.min(horizon, transition - 1)));
      }
      const wish: ChildWish = {
        unit,
        unitId: w.unit,
        rank,
        cls,
        key: cls * N + globalRank[index]!,
        demand,
        code,
        fitsAlone: demand !== null && fits(units[unit]!.free, undefined, demand),
        claim: -1,
      };
      return wish;
    });
    for (let i = 1; i < a.wishes.length; i++)
      for (let j = 0; j < i; j++)
        if (a.wishes[i]!.unit === a.wishes[j]!.unit)
          throw new RangeError(`applicant ${a.id} wishes ${a.wishes[i]!.unit} twice`);
    return {
      index,
      input: a,
      start,
      transition,
      globalRank: globalRank[index]!,
      seniority: seniority[index]!,
      agent: -1,
      wishes,
    };
  });

  const agents = buildAgents(children, slots.length);
  const claims = buildClaims(agents, units.length, classes.length * N);
  return {
    slots,
    horizon,
    classes,
    nurseryWeight: nw,
    fillMode: input.policy.fillMode ?? 'strict-order',
    units,
    children,
    agents,
    claims,
  };
}

/**
 * The sibling rule: children sharing a siblingGroup who all say wantTogether form one block. The block's wishes
 * are the eldest child's eligible wishes that every member can take, in the eldest's order; its priority at a
 * unit is its best member's (the family's best claim); its demand is the members' sum.
 */
function buildAgents(children: Child[], nSlots: number): Agent[] {
  const groups = new Map<string, Child[]>();
  const agents: Agent[] = [];
  // Indexed loops here and in the other once-a-round passes: a for-of loop allocates an iterator result per step
  // until the function is optimised, which a round's single call rarely waits for.
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!,
      g = c.input.siblingGroup;
    if (g === undefined || !c.input.wantTogether) continue;
    const block = groups.get(g);
    if (block) block.push(c);
    else groups.set(g, [c]);
  }
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!,
      g = c.input.siblingGroup;
    const block = g !== undefined && c.input.wantTogether ? groups.get(g)! : undefined;
    if (c.agent >= 0 || (block && block.length > 1 && block[0] !== c)) continue;
    const index = agents.length;
    if (!block || block.length === 1) {
      // A single child: its eligible wishes as they are (the same fields: shared, not copied), the child's own list
      // when every wish is eligible.
      c.agent = index;
      let wishes = c.wishes as AgentWish[];
      for (let k = 0; k < c.wishes.length; k++)
        if (!c.wishes[k]!.demand) {
          wishes = c.wishes.filter((w) => w.demand) as AgentWish[];
          break;
        }
      agents.push({ index, members: [c.index], wishes });
      continue;
    }
    block.forEach((m) => {
      m.agent = index;
    });
    const eldest = [...block].sort(
      (x, y) => cmp(x.input.birthDate, y.input.birthDate) || cmp(x.input.id, y.input.id),
    )[0]!;
    const wishes: AgentWish[] = [];
    for (const w of eldest.wishes) {
      if (!w.demand) continue;
      const mine = block.map((m) => m.wishes.find((x) => x.unit === w.unit && x.demand));
      if (mine.some((x) => !x)) continue;
      const best = mine.reduce((a, b) => (b!.key < a!.key ? b : a))!;
      const demand =
        block.length === 1
          ? w.demand
          : sum(
              mine.map((x) => x!.demand!),
              nSlots,
            );
      wishes.push({
        unit: w.unit,
        rank: w.rank,
        cls: best.cls,
        key: best.key,
        demand,
        fitsAlone: mine.every((x) => x!.fitsAlone),
        claim: -1,
      });
    }
    agents.push({ index, members: block.map((m) => m.index), wishes });
  }
  return agents;
}

function sum(ds: Demand[], nSlots: number): Demand {
  const from = Math.min(...ds.map((d) => d.from)),
    to = Math.max(...ds.map((d) => d.from + d.w.length));
  const w = new Float64Array(Math.min(to, nSlots) - from);
  for (let i = 0; i < ds.length; i++) {
    const d = ds[i]!;
    for (let k = 0; k < d.w.length; k++) w[d.from + k - from]! += d.w[k]!;
  }
  return { from, w };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function unique(ids: string[], what: string) {
  const s = new Set<string>();
  for (const id of ids) {
    if (s.has(id)) throw new RangeError(`duplicate ${what} id ${id}`);
    s.add(id);
  }
}
