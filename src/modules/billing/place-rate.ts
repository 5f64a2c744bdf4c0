// The monthly rate of a dagtilbud place on a day, for other modules (subsidies' søskendetilskud across schemes, § 85):
// the same lookup the billing engine uses (rateOf: the child's age band, else the kind's home band), from fee_rate.
import type { Db } from '../../platform/db/database.js';
import type { PlacementKind, UnitType } from '../../platform/db/schema.js';
import { DateRange, type LocalDate, type Oere } from '../../shared/index.js';
import { ageBandOfYears, ageInYears, feeKindOf, hoursClassOf, rateOf, type BillingData } from './engine.js';

export interface PlaceForRate {
  kind: PlacementKind;
  unitType: UnitType;
  hoursPerWeek: number;
  birthDate: string;
}

/** A lookup of the municipality's place rates (one read of fee_rate): the monthly rate of a place on a day, or null. */
export async function placeRates(db: Db, municipality: string) {
  const rows = await db.selectFrom('fee_rate').selectAll().where('municipality_code', '=', municipality).execute();
  const rates: BillingData['rates'] = new Map();
  for (const r of rows) {
    const v = DateRange.fromPg(r.valid);
    const key = `${r.kind}|${r.age_band}|${r.hours}`;
    const list = rates.get(key) ?? [];
    list.push({
      lo: v.start.toString(),
      hi: v.end ? v.end.plusDays(1).toString() : null,
      amount: Number(r.monthly_oere),
    });
    rates.set(key, list);
  }
  return (p: PlaceForRate, on: LocalDate): Oere | null => {
    const years = ageInYears(p.birthDate, on.toString());
    const kind = feeKindOf(p.kind, p.unitType, years);
    return rateOf(rates, kind, ageBandOfYears(years), hoursClassOf(p.hoursPerWeek), on.toString())?.amount ?? null;
  };
}
