// The monthly fee of each child in a household, in the order the law gives:
// rate → økonomisk friplads → søskendetilskud → behandlingsmæssig / socialpædagogisk friplads.
import { percentOf, type Oere } from '../../shared/index.js';
import { fripladsPercent, type FripladsHousehold, type FripladsScale } from './friplads.js';

export type PlaceKind = 'dagpleje' | 'vuggestue' | 'boernehave' | 'integreret' | 'sfo' | 'fritidshjem' | 'klub';

export interface ChildPlace {
  childId: string;
  kind: PlaceKind;
  /** The municipality's monthly rate for this place, hours and age band (øre). */
  rate: Oere;
  /** Monthly lunch price (øre); 0 where the board opted out. */
  lunch: Oere;
  /** A caseworker's treatment or social-pedagogical friplads: percent of the remaining fee waived (0–100). */
  socialFripladsPercent?: number;
}

export interface FeeLine {
  code: 'rate' | 'lunch' | 'friplads' | 'sibling' | 'social_friplads';
  text: string;
  amount: Oere;
}
export interface ChildFee {
  childId: string;
  lines: FeeLine[];
  total: Oere;
}
export interface HouseholdFees {
  payPercent: number;
  fripladsStep: number;
  children: ChildFee[];
  total: Oere;
}

/** Clubs get no sibling subsidy and do not count as the most expensive place. */
const SIBLING_KINDS = new Set<PlaceKind>(['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'sfo', 'fritidshjem']);

export function monthlyFees(
  scale: FripladsScale,
  household: FripladsHousehold,
  places: readonly ChildPlace[],
): HouseholdFees {
  const { payPercent, step } = fripladsPercent(scale, household);
  for (const p of places) {
    if (!(p.rate >= 0 && p.lunch >= 0)) throw new RangeError('Takst og frokostpris kan ikke være negative.');
    const s = p.socialFripladsPercent ?? 0;
    if (!(s >= 0 && s <= 100)) throw new RangeError('En friplads skal være mellem 0 og 100 %.');
  }
  // The most expensive place (rate + lunch) is paid in full; ties go to the first child id for determinism.
  const sibling = places.filter((p) => SIBLING_KINDS.has(p.kind));
  const fullPrice = [...sibling].sort(
    (a, b) => b.rate + b.lunch - (a.rate + a.lunch) || a.childId.localeCompare(b.childId),
  )[0];

  const children = places.map((p): ChildFee => {
    const lines: FeeLine[] = [{ code: 'rate', text: 'Takst', amount: p.rate }];
    if (p.lunch) lines.push({ code: 'lunch', text: 'Frokostordning', amount: p.lunch });
    // Each reduction is its own line: the exact percentage of what is still due, rounded half away from zero to whole
    // øre (percentOf). The child's total is the sum of its lines, so nothing is rounded twice.
    let due = p.rate + p.lunch;
    if (payPercent < 100) {
      const reduction = percentOf(due, 100 - payPercent);
      lines.push({ code: 'friplads', text: `Økonomisk friplads (betaler ${payPercent} %)`, amount: -reduction });
      due -= reduction;
    }
    // Siblings are other children: a child's own second place in a month (a transfer on change day 15) is no sibling.
    if (SIBLING_KINDS.has(p.kind) && fullPrice && p.childId !== fullPrice.childId) {
      const reduction = percentOf(due, 50);
      lines.push({ code: 'sibling', text: 'Søskendetilskud (50 %)', amount: -reduction });
      due -= reduction;
    }
    if (p.socialFripladsPercent) {
      const waived = percentOf(due, p.socialFripladsPercent);
      lines.push({
        code: 'social_friplads',
        text: `Social-/behandlingsmæssig friplads (${p.socialFripladsPercent} %)`,
        amount: -waived,
      });
      due -= waived;
    }
    return { childId: p.childId, lines, total: due };
  });
  return { payPercent, fripladsStep: step, children, total: children.reduce((s, c) => s + c.total, 0) };
}
