// The dagtilbud places of a municipality's children by guardian, with each place's monthly rate, for other modules
// (subsidies' søskendetilskud across schemes, § 85). Billing's own loader and rate lookup (loadBillingData, rateOf),
// so one month costs a handful of set-based queries, whatever the number of families.
import type { Db } from '../../platform/db/database.js';
import type { LocalDate, Oere } from '../../shared/index.js';
import { ageInYears } from '../../shared/iso-day.js';
import type { PlacementKind, UnitType } from '../../platform/db/schema.js';
import { ageBandOfYears, covers, feeKindOf, hoursClassOf, rateOf, type BillingData } from './engine.js';
import { loadBillingData } from './load.js';
import { ratesOfMunicipality } from './queries.js';

export interface GuardianPlace {
  childId: string;
  /** The place's monthly rate (før friplads and søskendetilskud). */
  monthlyOere: Oere;
}

/** Places (not clubs) in the municipality's units running on the first of the month, keyed by each guardian with
 *  custody of the child that day. */
export async function placesByGuardian(db: Db, municipality: string, month: LocalDate) {
  const first = month.firstOfMonth();
  const d = first.toString();
  const data = await loadBillingData(db, municipality, d, first.plusMonths(1).toString());
  const out = new Map<string, GuardianPlace[]>();
  for (const p of data.places) {
    if (p.kind === 'klub' || !covers(p, d)) continue;
    const years = ageInYears(p.birthDate, d);
    const kind = feeKindOf(p.kind, p.unitType, years);
    const rate = rateOf(data.rates, kind, ageBandOfYears(years), p.leave30 ? 'leave30' : hoursClassOf(p.hours), d);
    if (!rate) continue;
    for (const c of data.custody.get(p.childId) ?? [])
      if (covers(c, d))
        out.set(c.guardianId, [...(out.get(c.guardianId) ?? []), { childId: p.childId, monthlyOere: rate.amount }]);
  }
  return out;
}

export interface RateQuestion {
  /** The municipality of the unit (its rates apply). */
  municipalityCode: string;
  placementKind: PlacementKind;
  unitType: UnitType;
  birthDate: string;
  hours: number;
  /** The day the rate is wanted for (ISO). */
  day: string;
}

/**
 * The monthly rate (takst, før friplads and søskendetilskud) of a place with these facts on a day, by billing's own
 * rule (rateOf: the kind, the child's age band, full or part time by the hours); null when no rate is in force.
 * Other modules show it when a place or its hours change (placement's casework).
 */
export async function monthlyRateOf(db: Db, q: RateQuestion): Promise<Oere | null> {
  const rows = await ratesOfMunicipality(db, q.municipalityCode);
  const rates: BillingData['rates'] = new Map();
  for (const r of rows) {
    const key = `${r.kind}|${r.age_band}|${r.hours}`;
    rates.set(key, [...(rates.get(key) ?? []), { lo: r.lo, hi: r.hi, amount: Number(r.monthly_oere) }]);
  }
  const years = ageInYears(q.birthDate, q.day);
  const kind = feeKindOf(q.placementKind, q.unitType, years);
  return rateOf(rates, kind, ageBandOfYears(years), hoursClassOf(q.hours), q.day)?.amount ?? null;
}
