// The allocation round's input and output, exactly as in docs/formats/allocation.md (dates as 'YYYY-MM-DD').

/** A priority class of the municipality's published rules; `policy.priorityClasses` lists them best first. */
export interface PriorityClass {
  id: string;
  da: string;
  en: string;
}

/** Places in kindergarten-equivalents (a nursery child counts `nurseryWeight`), `from`–`to` inclusive. */
export interface PlacesPeriod {
  from: string;
  to?: string | null;
  places: number;
}

export type AgeGroup = 'nursery' | 'kindergarten';

export interface AllocationUnit {
  id: string;
  name: string;
  /** Who the unit takes; default both (integrated institution). A nursery-only placement ends at the transition. */
  ageGroups?: AgeGroup[];
  /** Normed capacity over time. */
  capacity: PlacesPeriod[];
  /** Places already taken by enrolled children (weighted), over time: leavers show up as a lower figure. */
  occupancy?: PlacesPeriod[];
}

export interface Wish {
  unit: string;
  /** Priority class id for this applicant at this unit; omitted = the last (lowest) class. */
  priority?: string;
}

export interface AllocationApplicant {
  id: string;
  birthDate: string;
  /** Anciennitet: the date the child was put on the waitlist. Earlier is better. */
  seniorityDate: string;
  /** Behovsdato: the offered placement starts on this day. */
  wishedStart: string;
  /** Ranked, best first. */
  wishes: Wish[];
  siblingGroup?: string;
  /** Siblings of the group with this flag are placed together or not at all (see engine.ts, the sibling rule). */
  wantTogether?: boolean;
}

export interface AllocationPolicy {
  priorityClasses: PriorityClass[];
  /** Kindergarten places a nursery child counts; default 2. */
  nurseryWeight?: number;
  /** Nursery → kindergarten on the 1st of the month the child reaches this age; default 34 (2 years 10 months). */
  transitionAgeMonths?: number;
  /**
   * 'strict-order' (default, dagtilbudsloven § 27: the waiting-list order is followed): a place never goes to children
   * of lower priority at a unit when, without them, a child of higher priority who wished the unit would fit.
   * 'maximise-children': a municipality's published choice to place more children; a child of higher priority may then
   * be passed over for several smaller (or shorter) placements of lower priority, and is told so.
   */
  fillMode?: FillMode;
}

export type FillMode = 'strict-order' | 'maximise-children';

export interface AllocationInput {
  /** Last day every offered placement must fit (inclusive). */
  horizon: string;
  policy: AllocationPolicy;
  units: AllocationUnit[];
  applicants: AllocationApplicant[];
}

export interface Text {
  da: string;
  en: string;
}

export type RejectionCode =
  | 'unknown-unit'
  | 'age'
  | 'after-horizon'
  | 'no-vacancy'
  | 'lost-to-priority'
  | 'too-big'
  | 'held-for-priority'
  | 'sibling-group'
  | 'sibling-rule'
  | 'place-more-children';

export interface WishOutcome {
  unit: string;
  rank: number; // 1-based
  code: RejectionCode;
  /** For lost-to-priority: the class of the child who got the last place. */
  byClass?: string;
  /** For lost-to-priority: true only when the decisive comparison was the lottery (same class and same seniority). */
  byLot?: boolean;
}

export interface Offer {
  applicant: string;
  unit: string;
  rank: number;
  start: string;
  /** Last day of the placement the round checked (the transition for nursery-only units, else the horizon). */
  end: string;
  priority: string;
  explanation: Text;
  notOffered: WishOutcome[];
}

export interface Unplaced {
  applicant: string;
  explanation: Text;
  notOffered: WishOutcome[];
}

export interface AllocationMetrics {
  applicants: number;
  placed: number;
  unplaced: number;
  firstChoiceShare: number;
  /** Count of placed children by wish rank (index 0 = 1st wish). */
  byRank: number[];
  /** Pairs (i, k): i wanted k's unit more than its own, ranks above k there, and swapping k for i fits. */
  justifiedEnvy: number;
  /** The same, where i or k belongs to a together-sibling group: allowed by the sibling rule. */
  siblingExemptEnvy: number;
  /** (applicant or together-group, unit) pairs: wished above the current offer and it would fit as is. */
  waste: number;
  siblingGroups: number;
  /** Share of sibling groups (≥ 2 in the round) with all children placed, in one unit. */
  siblingCoLocation: number;
}

export interface AllocationResult {
  offers: Offer[];
  unplaced: Unplaced[];
  metrics: AllocationMetrics;
}
