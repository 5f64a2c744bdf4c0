// The one capacity re-check for every path that adds load to a unit outside booking itself: pladsanvisning offers
// (rounds, manual, continuous allocation) and their acceptance. The caller holds the unit's load lock (lockUnitLoad,
// the unit_load_version row every placement/offer/capacity trigger also locks), so nothing can change the unit's
// load between this check and the caller's write. The check is booking's own: the unit's occupancy timeline read
// afresh (loadOccupancy) and earliestFit, without the share held back for the pladsanvisning.
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { policyOn } from './booking-policy.js';
import { childEpochs, DAYCARE_TYPES, loadOccupancy, unitTypeOf } from './store.js';
import { day, earliestFit } from './timeline.js';

/**
 * Does a child born `birth` fit into the unit from `start` until school start, on every day, next to everything the
 * unit holds now (placements, pending offers) except `exclude` (an offer or placement id being replaced)?
 * A placement or pending offer from the pladsanvisning holds its place until school start (nursery weight until
 * the transition, then 1). Units that are not dagtilbud units carry no weighted load: always true.
 */
export async function roomFor(
  trx: Db,
  unitId: string,
  birth: LocalDate,
  start: LocalDate,
  today: LocalDate,
  exclude?: string,
): Promise<boolean> {
  const unit = await unitTypeOf(trx, unitId);
  if (!unit || !DAYCARE_TYPES.includes(unit.type)) return true;
  const policy = await policyOn(trx, unit.municipalityCode, today);
  const occ = (await loadOccupancy(trx, [{ id: unit.id, type: unit.type }], policy, today, exclude)).get(unit.id)!;
  const e = childEpochs(birth.toString(), policy.transitionAgeMonths);
  const from = day(start);
  if (from >= e.schoolStart) return true;
  return (
    earliestFit(occ.timeline, from, { transition: e.transition, end: e.schoolStart, weight: policy.nurseryWeight }) ===
    from
  );
}
