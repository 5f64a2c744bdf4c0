// The one capacity re-check for every path that adds load to a unit outside booking itself: pladsanvisning offers
// (rounds, manual, continuous allocation) and their acceptance. The caller holds the unit's load lock (lockUnitLoad,
// the unit_load_version row every placement/offer/capacity trigger also locks), so nothing can change the unit's
// load between this check and the caller's write. The check is booking's own: the unit's occupancy timeline read
// afresh (loadOccupancy) and earliestFit, without the share held back for the pladsanvisning.
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { policyOn, type BookingPolicy } from './booking-policy.js';
import { childEpochs, DAYCARE_TYPES, loadOccupancy, unitTypeOf, unitTypesOf, type UnitOccupancy } from './store.js';
import { addDemand, day, earliestFit } from './timeline.js';

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

/** roomFor for many children at once: see roomsFor. */
export interface RoomLedger {
  /** roomFor's answer against the timeline as loaded plus every child taken so far; a child that fits is taken. */
  take(unitId: string, birth: LocalDate, start: LocalDate): boolean;
}

/**
 * The set-based roomFor (a round's approval): the occupancy timelines of all `unitIds` read once (one statement per
 * municipality's policy), then each child is checked in the caller's order against the timeline with every child
 * taken before it, as if each had been written as a pending offer and roomFor asked again. The caller holds the
 * units' load lock (lockUnitLoad) for as long as it writes what it took.
 */
export async function roomsFor(trx: Db, unitIds: string[], today: LocalDate): Promise<RoomLedger> {
  const units = (await unitTypesOf(trx, [...new Set(unitIds)])).filter((u) => DAYCARE_TYPES.includes(u.type));
  const byMunicipality = new Map<string, typeof units>();
  for (const u of units) byMunicipality.set(u.municipalityCode, [...(byMunicipality.get(u.municipalityCode) ?? []), u]);
  const occ = new Map<string, { o: UnitOccupancy; policy: BookingPolicy }>();
  for (const [code, us] of byMunicipality) {
    const policy = await policyOn(trx, code, today);
    for (const o of (await loadOccupancy(trx, us, policy, today)).values()) occ.set(o.id, { o, policy });
  }
  return {
    take(unitId, birth, start) {
      const u = occ.get(unitId);
      if (!u) return true; // not a dagtilbud unit: no weighted load (as roomFor)
      const e = childEpochs(birth.toString(), u.policy.transitionAgeMonths);
      const from = day(start);
      if (from >= e.schoolStart) return true;
      const demand = { transition: e.transition, end: e.schoolStart, weight: u.policy.nurseryWeight };
      if (earliestFit(u.o.timeline, from, demand) !== from) return false;
      addDemand(u.o.timeline, from, demand);
      return true;
    },
  };
}
