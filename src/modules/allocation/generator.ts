// Seeded synthetic allocation rounds for tests, the oracle and the benchmark: families with 1–3 children on a
// map, Mallows-style preferences around distance, registration delays with a long tail, special needs, nursery
// children at weight 2, siblings, and vacancies that grow when the kindergarten children leave for school.
import { LocalDate } from '../../shared/index.js';
import type { AgeGroup, AllocationApplicant, AllocationInput, AllocationUnit, Wish } from './types.js';
import { mulberry32 } from '../../demo/prng.js'; // the demo's seeded generator: same seed, same instance

export interface GeneratorOptions {
  seed: number;
  applicants: number;
  units: number;
  wishes?: number; // default 5
  nurseryShare?: number; // default 0.6
  siblingShare?: number; // share of children with a sibling in the round, default 0.15
  specialNeeds?: number; // default 0.03
  capacityRatio?: number; // free weighted places / weighted demand, default 0.9
  /** Everyone starts on the round date and the horizon is that day: the single-time-point variant (oracle). */
  singleDate?: boolean;
  roundDate?: string; // default 2026-03-01
}

export const PRIORITY_CLASSES = [
  { id: 'special', da: 'særlige behov', en: 'special needs' },
  { id: 'sibling', da: 'søskende', en: 'sibling' },
  { id: 'district', da: 'distrikt', en: 'district' },
  { id: 'none', da: 'ingen', en: 'none' },
];

export function generateInstance(o: GeneratorOptions): AllocationInput {
  const rnd = mulberry32(o.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const k = o.wishes ?? 5,
    nurseryShare = o.nurseryShare ?? 0.6;
  const round = LocalDate.parse(o.roundDate ?? '2026-03-01');
  const horizon = o.singleDate ? round : round.plusMonths(10).minusDays(1);
  const side = Math.sqrt(o.units / 4.5); // km, about Copenhagen's density of units
  const pad = (n: number, w: number) => String(n).padStart(w, '0');

  const sites = Array.from({ length: o.units }, (_, i) => {
    const r = rnd();
    const ageGroups: AgeGroup[] = r < 0.2 ? ['nursery'] : r < 0.4 ? ['kindergarten'] : ['nursery', 'kindergarten'];
    return {
      id: `U${pad(i + 1, 4)}`,
      name: `Enhed ${i + 1}`,
      x: rnd() * side,
      y: rnd() * side,
      ageGroups,
      pull: 0.5 + rnd(),
    };
  });

  // Two-child families with probability q, three-child with q/4: q solves 2.75q / (1 + 1.5q) = siblingShare.
  const share = o.siblingShare ?? 0.15,
    q = share / (2.75 - 1.5 * share);
  const applicants: AllocationApplicant[] = [];
  for (let f = 0; applicants.length < o.applicants; f++) {
    const r = rnd(),
      size = Math.min(r < q / 4 ? 3 : r < q * 1.25 ? 2 : 1, o.applicants - applicants.length);
    const x = rnd() * side,
      y = rnd() * side;
    const together = size > 1 && rnd() < 0.5;
    const start = o.singleDate
      ? round
      : round
          .plusDays(0)
          .plusMonths(int(0, 4))
          .plusDays(rnd() < 0.5 ? 0 : 14);
    let birth = start.minusDays(rnd() < nurseryShare ? int(180, 1000) : int(1050, 1800));
    // The 15 nearest sites taking every group, nearest first (a bounded insertion: 4,000 sites × 60,000 children).
    const byDistance = (groups: AgeGroup[]) => {
      const top: Array<{ s: (typeof sites)[number]; d: number }> = [];
      for (const s of sites) {
        if (!groups.every((g) => s.ageGroups.includes(g))) continue;
        const d = Math.hypot(s.x - x, s.y - y);
        if (top.length === 15 && d >= top[14]!.d) continue;
        let at = top.length;
        while (at > 0 && top[at - 1]!.d > d) at--;
        top.splice(at, 0, { s, d });
        if (top.length > 15) top.pop();
      }
      return top;
    };
    const shared = together ? mallows(byDistance(['nursery', 'kindergarten']), k, rnd) : undefined;
    for (let c = 0; c < size; c++) {
      if (c > 0) birth = rnd() < 0.2 ? birth : birth.plusDays(int(420, 900)); // twins or a younger sibling
      if (birth.isAfter(start.minusDays(180))) birth = start.minusDays(180);
      const nursery = birth.plusMonths(34).firstOfMonth().isAfter(start);
      const list = shared ?? mallows(byDistance([nursery ? 'nursery' : 'kindergarten']), k, rnd);
      const special = rnd() < (o.specialNeeds ?? 0.03);
      const olderSibling = rnd() < 0.1 ? int(0, Math.max(0, list.length - 1)) : -1;
      const wishes: Wish[] = list.map(({ s, d }, i) => ({
        unit: s.id,
        priority: special ? 'special' : i === olderSibling ? 'sibling' : d < 0.8 ? 'district' : 'none',
      }));
      // Registration from 4 months of age, after a delay with a long tail; always before the round.
      const tail = rnd() < 0.15 ? 200 * (Math.pow(rnd(), -1 / 1.5) - 1) : -Math.log(1 - rnd()) * 40;
      let seniority = birth.plusDays(120 + Math.floor(tail));
      if (!seniority.isBefore(round)) seniority = LocalDate.max(birth, round.minusDays(int(1, 30)));
      applicants.push({
        id: `A${pad(applicants.length + 1, 6)}`,
        birthDate: birth.toString(),
        seniorityDate: seniority.toString(),
        wishedStart: start.toString(),
        wishes,
        ...(size > 1 ? { siblingGroup: `F${pad(f + 1, 6)}`, wantTogether: together } : {}),
      });
    }
  }

  // Weighted demand at each child's start, spread as vacancies over the units by their pull.
  const demand = applicants.reduce(
    (s, a) =>
      s + (LocalDate.parse(a.birthDate).plusMonths(34).firstOfMonth().isAfter(LocalDate.parse(a.wishedStart)) ? 2 : 1),
    0,
  );
  const pulls = sites.reduce((s, u) => s + u.pull, 0);
  const august = LocalDate.of(round.month >= 8 ? round.year + 1 : round.year, 8, 1);
  const units: AllocationUnit[] = sites.map((s) => {
    const vacant = Math.round(((o.capacityRatio ?? 0.9) * demand * s.pull) / pulls);
    const places = vacant + int(20, 60);
    const leavers = o.singleDate || !s.ageGroups.includes('kindergarten') ? 0 : Math.round(vacant * 0.4);
    const before = places - (vacant - leavers);
    const occupancy =
      leavers && august.isOnOrBefore(horizon)
        ? [
            { from: round.toString(), to: august.minusDays(1).toString(), places: before },
            { from: august.toString(), to: null, places: before - leavers },
          ]
        : [{ from: round.toString(), to: null, places: places - vacant }];
    return {
      id: s.id,
      name: s.name,
      ageGroups: s.ageGroups,
      capacity: [{ from: round.toString(), to: null, places }],
      occupancy,
    };
  });
  return {
    horizon: horizon.toString(),
    policy: { priorityClasses: PRIORITY_CLASSES, nurseryWeight: 2, transitionAgeMonths: 34 },
    units,
    applicants,
  };
}

/** Mallows-style noise: repeated insertion around the distance order, dispersion 0.5, first `k` kept. */
function mallows<T>(ref: T[], k: number, rnd: () => number, phi = 0.5): T[] {
  const out: T[] = [];
  ref.forEach((item, i) => {
    let r = rnd() * ((1 - Math.pow(phi, i + 1)) / (1 - phi)),
      j = i; // weight phi^(i-j) for insertion at j
    for (let w = 1; j > 0 && r > w; w *= phi) {
      r -= w;
      j--;
    }
    out.splice(j, 0, item);
  });
  return out.slice(0, k);
}
