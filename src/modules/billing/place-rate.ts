// The dagtilbud places of a municipality's children by guardian, with each place's monthly rate, for other modules
// (subsidies' søskendetilskud across schemes, § 85). Billing's own loader and rate lookup (loadBillingData, rateOf),
// so one month costs a handful of set-based queries, whatever the number of families.
import type { Db } from '../../platform/db/database.js';
import type { LocalDate, Oere } from '../../shared/index.js';
import { ageInYears } from '../../shared/iso-day.js';
import { ageBandOfYears, covers, feeKindOf, hoursClassOf, rateOf } from './engine.js';
import { loadBillingData } from './load.js';

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
