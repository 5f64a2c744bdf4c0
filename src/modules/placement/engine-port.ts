// The one door to the allocation engine's public API.
export { allocate } from '../allocation/index.js';
export type {
  AllocationInput,
  AllocationResult,
  AllocationUnit,
  AllocationApplicant,
  PlacesPeriod,
} from '../allocation/index.js';
