// An independent checker of an allocation result, written from the definitions in docs/formats/allocation.md and
// deliberately sharing no code with the engine (not model.ts, not metrics.ts): dates are walked day by day, a
// child's weight is recomputed for every day from the birth date, and every pair is compared from the raw input.
import { LocalDate } from '../../../shared/index.js';
import type { AllocationApplicant, AllocationInput, AllocationResult } from '../types.js';

export interface Verdict {
  /** Structural errors: unknown or duplicate applicants, offers outside the wishes, wrong dates, split siblings. */
  invalid: string[];
  /** (unit, day) where the round's weighted load is positive and exceeds capacity − occupancy. */
  overCapacity: Array<{ unit: string; day: string; load: number; free: number }>;
  /** i passed over at `unit` for k with lower priority, and swapping k for i fits on every day of i's placement. */
  envy: Array<{ envious: string; envied: string; unit: string; siblingExempt: boolean }>;
  /**
   * Priority-respecting envy (stronger): i passed over at `unit` although removing *all* the children placed there
   * with lower priority than i would make room for i. Implies `envy` when one child is enough.
   */
  groupEnvy: Array<{ envious: string; unit: string; siblingExempt: boolean; passedOver: string[] }>;
  /** An applicant (or together-sibling group) wished `unit` above its outcome and fits there as things stand. */
  waste: Array<{ applicants: string[]; unit: string }>;
  placed: number;
  /**
   * Reasons that do not match the assignment: a child told `too-big`, `no-vacancy` or `lost-to-priority` at a unit
   * where it would fit without the lower-priority children placed there (the honest code is `place-more-children`,
   * and only under fillMode 'maximise-children'); `byLot` set when the last place above the child was not decided by
   * the lot (a better class or seniority), or left out when it was.
   */
  explanations: Array<{ applicant: string; unit: string; code: string; problem: string }>;
}

export const fnv1a = (s: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
};

export interface Kid {
  index: number;
  a: AllocationApplicant;
  start: number; // day index
  block: number; // index into `blocks`, -1 if none
  /** Per wish (in the applicant's order): the unit's index, or -1 when not eligible; and its day-by-day weight. */
  units: number[];
  demand: Array<Float64Array | null>;
  /** Per wish: priority as a tuple (class, seniority day, tie-break hash, id). */
  prio: Array<[number, number, number, string]>;
}

/** A single child, or a together-sibling group (placed together or not at all) with the eldest's list. */
export interface Agent {
  kids: number[];
  units: number[];
  demand: Float64Array[];
}

export interface Prepared {
  input: AllocationInput;
  days: number;
  dateOf(day: number): string;
  unitIds: string[];
  free: Float64Array[];
  kids: Kid[];
  byId: Map<string, number>;
  blocks: number[][];
  agents: Agent[];
}

export function prepare(input: AllocationInput): Prepared {
  const origin = LocalDate.parse(
    input.applicants.map((a) => a.wishedStart).reduce((x, y) => (y < x ? y : x), input.horizon),
  );
  const dayOf = (s: string) => origin.daysUntil(LocalDate.parse(s));
  const horizon = dayOf(input.horizon),
    days = Math.max(0, horizon + 1);
  const nw = input.policy.nurseryWeight ?? 2;
  const months = input.policy.transitionAgeMonths ?? 34;
  const classes = input.policy.priorityClasses.map((c) => c.id);
  const unitIds = input.units.map((u) => u.id);
  const unitIndex = new Map(unitIds.map((id, i) => [id, i]));
  const free = input.units.map((u) => {
    const f = new Float64Array(days);
    const add = (ps: typeof u.capacity, sign: number) => {
      for (const p of ps)
        for (let d = Math.max(0, dayOf(p.from)); d < (p.to ? Math.min(days, dayOf(p.to) + 1) : days); d++)
          f[d]! += sign * p.places;
    };
    add(u.capacity, 1);
    add(u.occupancy ?? [], -1);
    return f;
  });
  const together = new Map<string, number[]>();
  input.applicants.forEach((a, i) => {
    if (a.siblingGroup !== undefined && a.wantTogether)
      together.set(a.siblingGroup, [...(together.get(a.siblingGroup) ?? []), i]);
  });
  const blocks = [...together.values()].filter((g) => g.length > 1);
  const blockOf = new Map<number, number>();
  blocks.forEach((g, b) => g.forEach((i) => blockOf.set(i, b)));

  const kids: Kid[] = input.applicants.map((a, index) => {
    const start = dayOf(a.wishedStart);
    const transition = dayOf(LocalDate.parse(a.birthDate).plusMonths(months).firstOfMonth().toString());
    const units: number[] = [],
      demand: Array<Float64Array | null> = [],
      prio: Kid['prio'] = [];
    for (const w of a.wishes) {
      const u = unitIndex.get(w.unit) ?? -1;
      const groups = u < 0 ? [] : (input.units[u]!.ageGroups ?? ['nursery', 'kindergarten']);
      const ok = u >= 0 && start <= horizon && groups.includes(start < transition ? 'nursery' : 'kindergarten');
      // A placement runs to the horizon, or at a nursery-only unit to the day before the transition.
      const end = groups.includes('kindergarten') ? horizon : Math.min(horizon, transition - 1);
      let dm: Float64Array | null = null;
      if (ok) {
        dm = new Float64Array(days);
        for (let d = start; d <= end; d++) dm[d] = d < transition ? nw : 1;
      }
      units.push(ok ? u : -1);
      demand.push(dm);
      prio.push([
        w.priority === undefined ? classes.length - 1 : classes.indexOf(w.priority),
        dayOf(a.seniorityDate),
        fnv1a(a.id),
        a.id,
      ]);
    }
    return { index, a, start, block: blockOf.get(index) ?? -1, units, demand, prio };
  });

  const agents: Agent[] = kids
    .filter((k) => k.block < 0)
    .map((k) => ({
      kids: [k.index],
      units: k.units.filter((u) => u >= 0),
      demand: k.demand.filter((x) => x !== null),
    }));
  for (const g of blocks) {
    const ms = g.map((i) => kids[i]!);
    const eldest = [...ms].sort((x, y) =>
      x.a.birthDate < y.a.birthDate ? -1 : x.a.birthDate > y.a.birthDate ? 1 : x.a.id < y.a.id ? -1 : 1,
    )[0]!;
    const units = eldest.units.filter((u) => u >= 0 && ms.every((m) => m.units.includes(u)));
    agents.push({
      kids: g,
      units,
      demand: units.map((u) => {
        const s = new Float64Array(days);
        for (const m of ms)
          m.demand[m.units.indexOf(u)]!.forEach((x, d) => {
            s[d]! += x;
          });
        return s;
      }),
    });
  }
  return {
    input,
    days,
    dateOf: (d) => origin.plusDays(d).toString(),
    unitIds,
    free,
    kids,
    blocks,
    agents,
    byId: new Map(kids.map((k) => [k.a.id, k.index])),
  };
}

const before = (p: Kid['prio'][number], q: Kid['prio'][number]) =>
  p[0] !== q[0] ? p[0] < q[0] : p[1] !== q[1] ? p[1] < q[1] : p[2] !== q[2] ? p[2] < q[2] : p[3] < q[3];

/** `at[kid]` = the wish index the child got, or -1. Over capacity, envy and waste of that assignment. */
export function evaluate(p: Prepared, at: Int32Array, stopAtFirst = false): Omit<Verdict, 'invalid' | 'explanations'> {
  const out: Omit<Verdict, 'invalid' | 'explanations'> = {
    overCapacity: [],
    envy: [],
    groupEnvy: [],
    waste: [],
    placed: 0,
  };
  const load = p.unitIds.map(() => new Float64Array(p.days));
  const placedAt: number[][] = p.unitIds.map(() => []);
  for (const k of p.kids) {
    if (at[k.index]! < 0) continue;
    out.placed++;
    const u = k.units[at[k.index]!]!;
    placedAt[u]!.push(k.index);
    k.demand[at[k.index]!]!.forEach((x, d) => {
      load[u]![d]! += x;
    });
  }
  load.forEach((l, u) =>
    l.forEach((x, d) => {
      // Enrolled children alone may exceed a lowered capacity; the round must then add nobody on that day.
      if (x > 0 && x > p.free[u]![d]! + 1e-9)
        out.overCapacity.push({ unit: p.unitIds[u]!, day: p.dateOf(d), load: x, free: p.free[u]![d]! });
    }),
  );
  const fits = (u: number, add: Float64Array[], remove?: Float64Array) => {
    const l = load[u]!,
      f = p.free[u]!;
    for (let d = 0; d < p.days; d++) {
      let x = 0;
      for (const a of add) x += a[d]!;
      if (x === 0) continue; // only the days of the newcomer's placement
      if (l[d]! + x - (remove ? remove[d]! : 0) > f[d]! + 1e-9) return false;
    }
    return true;
  };
  for (const i of p.kids) {
    const own = at[i.index]! < 0 ? Infinity : at[i.index]!;
    for (let r = 0; r < Math.min(own, i.units.length); r++) {
      const u = i.units[r]!;
      if (u < 0) continue;
      for (const kk of placedAt[u]!) {
        const k = p.kids[kk]!,
          ku = at[kk]!;
        if (before(i.prio[r]!, k.prio[ku]!) && fits(u, [i.demand[r]!], k.demand[ku]!)) {
          out.envy.push({
            envious: i.a.id,
            envied: k.a.id,
            unit: p.unitIds[u]!,
            siblingExempt: i.block >= 0 || k.block >= 0,
          });
          if (stopAtFirst) return out;
        }
      }
      const lower = placedAt[u]!.filter((kk) => before(i.prio[r]!, p.kids[kk]!.prio[at[kk]!]!));
      const without = (ks: number[]) => {
        const s = new Float64Array(p.days);
        for (const kk of ks)
          p.kids[kk]!.demand[at[kk]!]!.forEach((x, d) => {
            s[d]! += x;
          });
        return s;
      };
      const singles = lower.filter((kk) => p.kids[kk]!.block < 0);
      // passedOver: the lower-priority children placed there (none: the room is simply empty, i.e. waste).
      const ids = (ks: number[]) => ks.map((kk) => p.kids[kk]!.a.id);
      if (i.block < 0 && fits(u, [i.demand[r]!], without(singles)))
        out.groupEnvy.push({ envious: i.a.id, unit: p.unitIds[u]!, siblingExempt: false, passedOver: ids(singles) });
      else if (fits(u, [i.demand[r]!], without(lower)))
        out.groupEnvy.push({ envious: i.a.id, unit: p.unitIds[u]!, siblingExempt: true, passedOver: ids(lower) });
    }
  }
  for (const ag of p.agents) {
    const k0 = p.kids[ag.kids[0]!]!;
    const own = at[k0.index]! < 0 ? Infinity : ag.units.indexOf(k0.units[at[k0.index]!]!);
    for (let r = 0; r < Math.min(own, ag.units.length); r++) {
      if (fits(ag.units[r]!, [ag.demand[r]!]))
        out.waste.push({ applicants: ag.kids.map((i) => p.kids[i]!.a.id), unit: p.unitIds[ag.units[r]!]! });
    }
  }
  return out;
}

export function check(input: AllocationInput, result: AllocationResult): Verdict {
  const p = prepare(input);
  const invalid: string[] = [];
  const at = new Int32Array(p.kids.length).fill(-1);
  const seen = new Set<string>();
  for (const o of result.offers) {
    const i = p.byId.get(o.applicant);
    if (i === undefined) {
      invalid.push(`offer to unknown applicant ${o.applicant}`);
      continue;
    }
    if (seen.has(o.applicant)) invalid.push(`applicant ${o.applicant} appears twice`);
    seen.add(o.applicant);
    const k = p.kids[i]!,
      r = k.a.wishes.findIndex((w) => w.unit === o.unit);
    if (r < 0 || k.units[r]! < 0) {
      invalid.push(`${o.applicant} offered ${o.unit}, not an eligible wish`);
      continue;
    }
    if (o.rank !== r + 1) invalid.push(`${o.applicant}: rank ${o.rank} is not the wish's position ${r + 1}`);
    if (o.start !== k.a.wishedStart) invalid.push(`${o.applicant}: start ${o.start} is not the wished start`);
    const dm = k.demand[r]!;
    let end = p.days - 1;
    while (end > 0 && dm[end] === 0) end--;
    if (o.end !== p.dateOf(end)) invalid.push(`${o.applicant}: end ${o.end}, expected ${p.dateOf(end)}`);
    at[i] = r;
  }
  for (const u of result.unplaced) {
    if (!p.byId.has(u.applicant)) invalid.push(`unknown unplaced applicant ${u.applicant}`);
    if (seen.has(u.applicant)) invalid.push(`applicant ${u.applicant} appears twice`);
    seen.add(u.applicant);
  }
  for (const k of p.kids) if (!seen.has(k.a.id)) invalid.push(`applicant ${k.a.id} missing from the result`);
  p.blocks.forEach((g) => {
    const where = new Set(g.map((i) => (at[i]! < 0 ? '-' : p.unitIds[p.kids[i]!.units[at[i]!]!])));
    if (where.size > 1) invalid.push(`sibling group ${p.kids[g[0]!]!.a.siblingGroup} split: ${[...where].join(', ')}`);
  });
  return { invalid, ...evaluate(p, at), explanations: explanations(p, at, result) };
}

/** The family's reasons against the assignment, from the raw input (see Verdict.explanations). Single children only. */
function explanations(p: Prepared, at: Int32Array, result: AllocationResult): Verdict['explanations'] {
  const out: Verdict['explanations'] = [];
  const placedAt: number[][] = p.unitIds.map(() => []);
  const load = p.unitIds.map(() => new Float64Array(p.days));
  for (const k of p.kids) {
    if (at[k.index]! < 0) continue;
    const u = k.units[at[k.index]!]!;
    placedAt[u]!.push(k.index);
    k.demand[at[k.index]!]!.forEach((x, d) => {
      load[u]![d]! += x;
    });
  }
  const maximise = p.input.policy.fillMode === 'maximise-children';
  for (const x of [...result.offers, ...result.unplaced]) {
    const i = p.kids[p.byId.get(x.applicant) ?? -1];
    if (!i || i.block >= 0) continue;
    for (const o of x.notOffered) {
      const r = o.rank - 1,
        u = i.units[r] ?? -1;
      if (u < 0) continue;
      const others = placedAt[u]!.map((kk) => p.kids[kk]!);
      // Together-groups rank by their best member (the sibling rule): only single children count as lower here.
      const lower = others.filter((k) => k.block < 0 && before(i.prio[r]!, k.prio[at[k.index]!]!));
      const room = Float64Array.from(load[u]!);
      for (const k of lower)
        k.demand[at[k.index]!]!.forEach((v, d) => {
          room[d]! -= v;
        });
      const fitsWithout =
        lower.length > 0 && i.demand[r]!.every((v, d) => v === 0 || room[d]! + v <= p.free[u]![d]! + 1e-9);
      const say = (problem: string) => out.push({ applicant: x.applicant, unit: o.unit, code: o.code, problem });
      if (['too-big', 'no-vacancy', 'lost-to-priority'].includes(o.code) && fitsWithout) {
        say(`passed over for ${lower.length} lower-priority children without whom it fits, told ${o.code}`);
      }
      if (o.code === 'place-more-children' && (!maximise || !fitsWithout))
        say('place-more-children without that policy or without such children');
      if (o.code === 'lost-to-priority') {
        const above = others.filter((k) => before(k.prio[at[k.index]!]!, i.prio[r]!));
        const last = above.reduce<Kid | undefined>(
          (m, k) => (!m || before(m.prio[at[m.index]!]!, k.prio[at[k.index]!]!) ? k : m),
          undefined,
        );
        if (!last || last.block >= 0) continue; // a together-group ranks by its best member: not judged here
        const lp = last.prio[at[last.index]!]!,
          lot = lp[0] === i.prio[r]![0] && lp[1] === i.prio[r]![1];
        if (!!o.byLot !== lot)
          say(
            `byLot ${!!o.byLot}, but the last place above went to ${last.a.id} with class ${lp[0]} and seniority ${lp[1]} against ${i.prio[r]![0]} and ${i.prio[r]![1]}`,
          );
      }
    }
  }
  return out;
}
