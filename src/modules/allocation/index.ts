// Public API of the allocation engine (pure, no database): one waitlist round in, offers with explanations out.
// Format: docs/formats/allocation.md. The caller maps units, capacity, enrolled children and applications to an
// AllocationInput, validates it with parseAllocationInput (or builds it in code), and calls allocate().
export { allocate } from './engine.js';
/** The deterministic tie-break between applicants of equal class and seniority (see docs/formats/allocation.md). */
export { tieBreak } from './model.js';
export { allocationInputSchema, parseAllocationInput } from './schema.js';
export { allocateCli } from './cli.js';
export type {
  AgeGroup,
  AllocationApplicant,
  AllocationInput,
  AllocationMetrics,
  AllocationPolicy,
  AllocationResult,
  AllocationUnit,
  Offer,
  PlacesPeriod,
  PriorityClass,
  RejectionCode,
  Text,
  Unplaced,
  Wish,
  WishOutcome,
} from './types.js';
