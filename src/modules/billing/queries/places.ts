// What a place costs and how it is billed: the municipality's rates, a placement's terms (30-hour leave), the units'
// lunch schemes, §41 place costs, and the fee facts of places for the statistics.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { AgeBand } from '../../../platform/db/schema.js';
import { hoursClassOf } from '../engine.js';

/** A municipality's rates (fee_rate), every period. */
export async function ratesOfMunicipality(db: Db, municipalityCode: string) {
  const r = await sql<{
    kind: string;
    age_band: string;
    hours: string;
    monthly_oere: string;
    lo: string;
    hi: string | null;
  }>`select kind, age_band, hours, monthly_oere, lower(valid)::text lo, upper(valid)::text hi
    from fee_rate where municipality_code = ${municipalityCode}`.execute(db);
  return r.rows;
}

export async function placeTermsOf(db: Db, placementId: string) {
  return db
    .selectFrom('billing_place_terms')
    .select('leave30')
    .where('placement_id', '=', placementId)
    .executeTakeFirst();
}
export async function setPlaceTerms(trx: Db, placementId: string, leave30: boolean) {
  await trx
    .insertInto('billing_place_terms')
    .values({ placement_id: placementId, leave30 })
    .onConflict((c) => c.column('placement_id').doUpdateSet({ leave30 }))
    .execute();
}

export async function lunchSchemes(db: Db, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .selectFrom('lunch_scheme')
    .select(['id', 'unit_id', 'opted_out', 'monthly_oere', 'valid'])
    .where('unit_id', 'in', unitIds)
    .orderBy(sql`lower(valid)`)
    .execute();
}

export async function setPlaceCost(
  trx: Db,
  c: {
    municipality: string;
    year: number;
    ageBand: AgeBand;
    netOere: number;
    grossOere: number;
    subsidyPercent: number;
  },
) {
  const row = {
    municipality_code: c.municipality,
    year: c.year,
    age_band: c.ageBand,
    net_oere: c.netOere,
    gross_oere: c.grossOere,
    subsidy_percent: c.subsidyPercent,
  };
  await trx
    .insertInto('place_cost')
    .values(row)
    .onConflict((x) => x.columns(['municipality_code', 'year', 'age_band']).doUpdateSet(row))
    .execute();
}
export async function placeCosts(db: Db, municipality: string) {
  return db
    .selectFrom('place_cost')
    .selectAll()
    .where('municipality_code', '=', municipality)
    .orderBy('year', 'desc')
    .orderBy('age_band')
    .execute();
}

/**
 * Billing facts of places for the statistics on a service month: the rate type (a 30-hour leave place, else full or
 * part time by hours, as billed) and the discounts billed for the child that month (økonomisk or social friplads,
 * sibling discount; reversed corrections cancel out).
 */
export async function feeFactsOf(
  db: Db,
  places: readonly { placementId: string; childId: string; hours: number }[],
  month: string,
) {
  const leave = await sql<{ placement_id: string }>`select t.placement_id
    from unnest(${places.map((p) => p.placementId)}::uuid[]) as x(id) join billing_place_terms t on t.placement_id = x.id
    where t.leave30`.execute(db);
  const lines = await sql<{ child_id: string; code: string }>`select l.child_id, l.code
    from (select distinct unnest(${places.map((p) => p.childId)}::uuid[]) as id) x
    join invoice_line l on l.child_id = x.id
    where l.service_month = ${month}::date and l.code in ('friplads', 'social_friplads', 'sibling')
    group by l.child_id, l.code having sum(l.amount_oere) <> 0`.execute(db);
  const leave30 = new Set(leave.rows.map((r) => r.placement_id));
  const friplads = new Set(lines.rows.filter((r) => r.code !== 'sibling').map((r) => r.child_id));
  const sibling = new Set(lines.rows.filter((r) => r.code === 'sibling').map((r) => r.child_id));
  return new Map(
    places.map((p) => [
      p.placementId,
      {
        rateType: leave30.has(p.placementId) ? ('leave30' as const) : hoursClassOf(p.hours),
        friplads: friplads.has(p.childId),
        sibling: sibling.has(p.childId),
      },
    ]),
  );
}

/** feeFactsOf as relations for another module's set-based statement: the placements on leave (placement_id) and the
 *  children with a friplads or sibling discount in the month (child_id, friplads, sibling). The rate type of a
 *  placement is then 'leave30' when on leave, else hoursClassOf(hours). */
export function feeFactsSql(month: string) {
  return {
    leave30: sql`(select placement_id from billing_place_terms where leave30)`,
    discounts: sql`(select child_id, bool_or(code <> 'sibling') as friplads, bool_or(code = 'sibling') as sibling
      from (select child_id, code from invoice_line where service_month = ${month}::date
        and code in ('friplads', 'social_friplads', 'sibling') group by child_id, code having sum(amount_oere) <> 0) l
      group by child_id)`,
  };
}
