// The one door to the allocation engine (src/modules/allocation has no index.ts yet; when it gets one, import from
// there instead and this file is the only place to change).
export { allocate } from '../allocation/engine.js';
export { tieBreak } from '../allocation/model.js';
export type { AllocationInput, AllocationResult, AllocationUnit, AllocationApplicant, PlacesPeriod } from '../allocation/types.js';
