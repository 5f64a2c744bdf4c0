// Offers, unplaced children and the reasons, in words a family can read (Danish and English).
import { fromEpochDay } from '../../shared/index.js';
import { addDemand, fits, swapFits, type AgentWish, type ChildWish, type Model } from './model.js';
import { childPositions, loads, metrics } from './metrics.js';
import type { AllocationResult, Offer, RejectionCode, Text, Unplaced, WishOutcome } from './types.js';

const MONTHS_DA = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** A date's text, made once per date: keyed by its epoch day (a small integer hashes faster than the string). */
const memo = (f: (s: string) => string) => {
  const m = new Map<number, string>();
  return (day: number, s: string) => {
    let r = m.get(day);
    if (r === undefined) {
      r = f(s);
      m.set(day, r);
    }
    return r;
  };
};
const dateDa = memo((s) => {
  const [y, m, d] = s.split('-').map(Number);
  return `${d}. ${MONTHS_DA[m! - 1]} ${y}`;
});
const dateEn = memo((s) => {
  const [y, m, d] = s.split('-').map(Number);
  return `${d} ${MONTHS_EN[m! - 1]} ${y}`;
});
const dateCache = new Map<number, string>();
/** Epoch day → 'YYYY-MM-DD'; a round has few distinct end dates, and Temporal is slow. */
const isoDay = (n: number) => {
  let s = dateCache.get(n);
  if (s === undefined) {
    s = fromEpochDay(n).toString();
    dateCache.set(n, s);
  }
  return s;
};

export function report(model: Model, agentPos: Int32Array): AllocationResult {
  const pos = childPositions(model, agentPos);
  const load = loads(model, pos);
  // Per unit, the agents placed there by priority: the unit's claims are in that order already.
  const { claims } = model;
  const placedAt: AgentWish[][] = model.units.map((_, u) => {
    const out: AgentWish[] = [];
    for (let i = claims.start[u]!; i < claims.start[u + 1]!; i++)
      if (agentPos[claims.agent[i]!] === claims.pos[i])
        out.push(model.agents[claims.agent[i]!]!.wishes[claims.pos[i]!]!);
    return out;
  });
  const { children } = model;
  // Seniority (epoch day) by global rank: the decisive comparison reads it without visiting two child objects.
  const seniorityByRank = new Float64Array(children.length);
  let maxRank = 1;
  for (let i = 0; i < children.length; i++) {
    seniorityByRank[children[i]!.globalRank] = children[i]!.seniority;
    maxRank = Math.max(maxRank, children[i]!.wishes.length);
  }
  const placedKeys = placedAt.map((p) => Float64Array.from(p, (w) => w.key));
  const ctx: Ctx = { model, placedAt, placedKeys, load, seniorityByRank, prefix: [], sentences: new Map(), maxRank };
  const offers: Offer[] = [];
  const unplaced: Unplaced[] = [];
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    const got = pos[c.index]! < 0 ? undefined : c.wishes[pos[c.index]!]!;
    const notOffered: WishOutcome[] = [];
    for (let r = 0, n = got ? got.rank : c.wishes.length; r < n; r++) notOffered.push(outcome(ctx, c.index, r));
    if (got) {
      const start = c.input.wishedStart,
        end = isoDay(
          got.demand!.from + got.demand!.w.length < model.slots.length
            ? model.slots[got.demand!.from + got.demand!.w.length]! - 1
            : model.horizon,
        );
      const unit = model.units[got.unit]!,
        cls = model.classes[got.cls]!;
      // The seniority date is when anciennitet counts from, which may lie after the round (e.g. from 4 months of age),
      // so it is not called the date of registration.
      const da = `Tilbudt ${unit.name}, dit ${got.rank + 1}. ønske, fra ${dateDa(c.start, start)}, fordi der var plads til dit barn efter prioritet (${cls.da}) og anciennitet (regnet fra ${dateDa(c.seniority, c.input.seniorityDate)}).`;
      const en = `Offered ${unit.name}, your ${ordinal(got.rank + 1)} wish, from ${dateEn(c.start, start)}, because there was room for your child by priority (${cls.en}) and seniority (counted from ${dateEn(c.seniority, c.input.seniorityDate)}).`;
      offers.push({
        applicant: c.input.id,
        unit: unit.id,
        rank: got.rank + 1,
        start,
        end,
        priority: cls.id,
        notOffered,
        explanation: explanation(ctx, c.index, da, en, notOffered, undefined),
      });
    } else {
      unplaced.push({
        applicant: c.input.id,
        notOffered,
        explanation: explanation(ctx, c.index, UNPLACED_HEAD.da, UNPLACED_HEAD.en, notOffered, UNPLACED_TAIL),
      });
    }
  }
  return { offers, unplaced, metrics: metrics(model, pos, load) };
}

const UNPLACED_HEAD = { da: 'Ingen plads tilbudt i denne runde.', en: 'No place offered in this round.' };
const UNPLACED_TAIL = { da: 'Dit barn står fortsat på ventelisten.', en: 'Your child stays on the waitlist.' };

/** The head, one sentence per wish not offered and the tail, separated by spaces. */
function explanation(ctx: Ctx, ci: number, da: string, en: string, outs: WishOutcome[], tail: Text | undefined): Text {
  for (let i = 0; i < outs.length; i++) {
    const s = sentence(ctx, ci, outs[i]!);
    da += ' ' + s.da;
    en += ' ' + s.en;
  }
  return tail ? { da: da + ' ' + tail.da, en: en + ' ' + tail.en } : { da, en };
}

interface Ctx {
  model: Model;
  placedAt: AgentWish[][];
  load: Float64Array[];
  placedKeys: Float64Array[]; // per unit, the keys of placedAt[u] (a binary search without visiting the wishes)
  seniorityByRank: Float64Array;
  prefix: Array<Float64Array[] | undefined>; // per unit, filled on first use: prefix[u][k] = load of placedAt[u][0..k)
  // Sentences repeat (the same unit, wish number and reason for many children): each is built once per round.
  sentences: Map<number, Text>;
  maxRank: number;
}

/** The load at unit u of the agents placed there before position k (by priority): the load without all after it. */
function prefixLoad(ctx: Ctx, u: number, k: number): Float64Array {
  let rows = ctx.prefix[u];
  if (!rows) {
    const placed = ctx.placedAt[u]!;
    rows = [new Float64Array(ctx.model.slots.length)];
    for (const p of placed) {
      const row = rows[rows.length - 1]!.slice();
      addDemand(row, p.demand, 1);
      rows.push(row);
    }
    ctx.prefix[u] = rows;
  }
  return rows[k]!;
}

const out = (w: ChildWish, code: RejectionCode): WishOutcome => ({ unit: w.unitId, rank: w.rank + 1, code });

/** Why child `ci` did not get its wish number `rank` (0-based). */
function outcome(ctx: Ctx, ci: number, rank: number): WishOutcome {
  const { model, placedAt, load, seniorityByRank } = ctx;
  const c = model.children[ci]!,
    w = c.wishes[rank]!;
  if (!w.demand) return out(w, w.code!);
  if (!w.fitsAlone) return out(w, 'no-vacancy');
  let aw: AgentWish | undefined;
  const aws = model.agents[c.agent]!.wishes;
  for (let k = 0; k < aws.length; k++)
    if (aws[k]!.unit === w.unit) {
      aw = aws[k];
      break;
    }
  if (!aw || !aw.fitsAlone) return out(w, 'sibling-group'); // the block as a whole cannot go there
  const u = w.unit,
    free = model.units[u]!.free;
  if (fits(free, load[u], aw.demand)) return out(w, 'held-for-priority');
  const placed = placedAt[u]!, // by priority
    keys = ctx.placedKeys[u]!;
  let lo = 0,
    hi = placed.length; // first placed with a key above this child's
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < aw.key) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < placed.length; k++) {
    if (placed[k]!.key > aw.key && swapFits(free, load[u]!, placed[k]!.demand, aw.demand))
      return out(w, 'sibling-rule');
  }
  if (lo < placed.length) {
    // Children of lower priority got places here. Would this child fit without all of them? Then the rule that
    // passed it over is the municipality's 'maximise-children' (never the default strict waiting-list order).
    if (fits(free, prefixLoad(ctx, u, lo), aw.demand)) return out(w, 'place-more-children');
  }
  if (lo < placed.length || lo === 0) return out(w, 'too-big');
  // The last place went to the lowest-ranked child above this one. The decisive comparison: class, then seniority,
  // then the lot; byLot only when class and seniority were equal.
  const last = placed[lo - 1]!,
    N = model.children.length;
  const o: WishOutcome = {
    unit: w.unitId,
    rank: rank + 1,
    code: 'lost-to-priority',
    byClass: model.classes[last.cls]!.id,
  };
  if (last.cls === aw.cls && seniorityByRank[last.key % N] === seniorityByRank[aw.key % N]) o.byLot = true;
  return o;
}

const CODES: RejectionCode[] = [
  'unknown-unit',
  'age',
  'after-horizon',
  'no-vacancy',
  'lost-to-priority',
  'too-big',
  'held-for-priority',
  'sibling-group',
  'sibling-rule',
  'place-more-children',
];

/** A number for everything the sentence depends on besides the unit and wish number, or -1 (not cached). */
function reasonKey(model: Model, ci: number, o: WishOutcome, w: ChildWish): number {
  if (o.code === 'no-vacancy')
    return CODES.length + 3 * model.classes.length + (model.children[ci]!.start - model.slots[0]!);
  if (o.code !== 'lost-to-priority') return CODES.indexOf(o.code);
  if (!o.byClass) return -1;
  const k = classIndex(model, o.byClass);
  return CODES.length + 3 * k + (k < w.cls ? 0 : o.byLot ? 1 : 2);
}

function sentence(ctx: Ctx, ci: number, o: WishOutcome): Text {
  const { model } = ctx;
  const w = model.children[ci]!.wishes[o.rank - 1]!;
  const rk = w.unit >= 0 ? reasonKey(model, ci, o, w) : -1;
  const key = rk < 0 ? -1 : (rk * model.units.length + w.unit) * ctx.maxRank + o.rank - 1;
  let s = key < 0 ? undefined : ctx.sentences.get(key);
  if (s === undefined) {
    const name = w.unit >= 0 ? model.units[w.unit]!.name : o.unit;
    const r = reason(model, ci, o);
    s = {
      da: `Ikke tilbudt ${name} (${o.rank}. ønske), fordi ${r.da}.`,
      en: `Not offered ${name} (${ordinal(o.rank)} wish), because ${r.en}.`,
    };
    if (key >= 0) ctx.sentences.set(key, s);
  }
  return s;
}

function reason(model: Model, ci: number, o: WishOutcome): Text {
  const c = model.children[ci]!;
  const nw = model.nurseryWeight;
  switch (o.code) {
    case 'unknown-unit':
      return { da: 'institutionen ikke er med i denne runde', en: 'the institution is not part of this round' };
    case 'age':
      return {
        da: 'institutionen ikke har pladser til dit barns alder ved start',
        en: "the institution has no places for your child's age at the start",
      };
    case 'after-horizon':
      return {
        da: 'behovsdatoen ligger efter rundens periode',
        en: 'the wished start is after the period of this round',
      };
    case 'no-vacancy':
      return {
        da: `der ikke er en ledig plads i hele perioden fra ${dateDa(c.start, c.input.wishedStart)}`,
        en: `there is no vacant place for the whole period from ${dateEn(c.start, c.input.wishedStart)}`,
      };
    case 'lost-to-priority':
      return lostTo(model, ci, o);
    case 'too-big':
      return {
        da: `den plads, der var tilbage efter børn med højere prioritet, ikke var stor nok til dit barn i hele perioden (et vuggestuebarn tæller ${nw} pladser)`,
        en: `the room left after children with higher priority was not enough for your child for the whole period (a nursery child counts ${nw} places)`,
      };
    case 'place-more-children':
      return {
        da: `kommunens regel om at placere flest mulige børn gav pladsen til flere børn med lavere prioritet, som tilsammen fylder det samme som dit barn (et vuggestuebarn tæller ${nw} pladser)`,
        en: `the municipality's rule to place as many children as possible gave the room to several children with lower priority who together take your child's room (a nursery child counts ${nw} places)`,
      };
    case 'held-for-priority':
      return {
        da: 'den ledige plads ikke kan gives til dit barn uden at springe et barn med højere prioritet over',
        en: 'the vacant place cannot go to your child without passing over a child with higher priority',
      };
    case 'sibling-group':
      return {
        da: 'søskende skal have plads sammen, og der ikke var plads til dem alle',
        en: 'siblings are to be placed together, and there was not room for all of them',
      };
    case 'sibling-rule':
      return {
        da: 'søskende, der søger sammen, fik pladserne efter søskendereglen',
        en: 'siblings applying together got the places under the sibling rule',
      };
  }
}

function lostTo(model: Model, ci: number, o: WishOutcome): Text {
  if (!o.byClass) return { da: '', en: '' };
  const c = model.children[ci]!,
    w = c.wishes[o.rank - 1]!;
  const k = classIndex(model, o.byClass),
    cls = model.classes[k]!;
  if (k < w.cls)
    return {
      da: `et barn med prioritet ${cls.da} fik den sidste plads`,
      en: `a child with priority ${cls.en} got the last place`,
    };
  if (o.byLot)
    return {
      da: `et barn med samme prioritet (${cls.da}) og samme anciennitet fik den sidste plads ved lodtrækning`,
      en: `a child with the same priority (${cls.en}) and the same seniority got the last place by lot`,
    };
  return {
    da: `et barn med samme prioritet (${cls.da}) og længere anciennitet fik den sidste plads`,
    en: `a child with the same priority (${cls.en}) and longer seniority got the last place`,
  };
}

function classIndex(model: Model, id: string): number {
  for (let k = 0; k < model.classes.length; k++) if (model.classes[k]!.id === id) return k;
  return -1;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}
