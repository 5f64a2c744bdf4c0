// Billing's answers for other modules about a household's own share of a parent payment, and claims other modules
// raise on a household for the debtor export (subsidies: a grant paid to a private provider passes friplads on to
// the parents; a subsidy paid without right is recovered as a debtor claim).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { fripladsPercent } from './friplads.js';
import { scaleFor } from './engine.js';
import { scalesOf } from './load.js';
import { childrenUnder18InMany, payersAndHouseholds } from '../people/index.js';

/**
 * The percent of a full parent payment each household pays on the first of `month` by the økonomisk friplads scale
 * (0, 5…99 or 100), by billing's own rule: the household's registered income that day, its children under 18, the
 * single-provider supplement; no registered income or no scale for the year: 100. One query per table.
 */
export async function fripladsPayPercents(db: Db, householdIds: readonly string[], month: LocalDate) {
  const out = new Map<string, number>();
  const ids = [...new Set(householdIds)];
  if (!ids.length) return out;
  const d = month.firstOfMonth().toString();
  const [scales, incomes, members] = await Promise.all([
    scalesOf(db),
    sql<{ household_id: string; yearly_oere: string; single_provider: boolean }>`
      select household_id, yearly_oere, single_provider from household_income
      where household_id = any(${ids}::uuid[]) and valid @> ${d}::date`.execute(db),
    childrenUnder18InMany(db, ids, d),
  ]);
  const scale = scaleFor(scales, Number(d.slice(0, 4)));
  const income = new Map(incomes.rows.map((r) => [r.household_id, r]));
  const under18 = members;
  for (const h of ids) {
    const inc = income.get(h);
    out.set(
      h,
      !scale || !inc
        ? 100
        : fripladsPercent(scale, {
            income: Number(inc.yearly_oere),
            childrenUnder18: Math.max(1, under18.get(h) ?? 1),
            singleProvider: inc.single_provider,
          }).payPercent,
    );
  }
  return out;
}

export interface DebtorClaimInput {
  municipality: string;
  /** The row in the raising module the claim comes from: a claim is stored once per source row. */
  source: 'subsidy_recovery';
  sourceId: string;
  payerId: string;
  householdId: string | null;
  /** The month whose debtor export carries the claim (first of month). */
  month: LocalDate;
  amountOere: number;
  text: string;
}
/** Adds claims on households for the debtor export; a claim already raised for its source row is not added again.
 *  Returns the number added. */
export async function addDebtorClaims(trx: Db, claims: readonly DebtorClaimInput[]): Promise<number> {
  if (!claims.length) return 0;
  const col = <T>(f: (c: DebtorClaimInput) => T) => claims.map(f);
  const r =
    await sql`insert into debtor_claim (municipality_code, source, source_id, payer_id, household_id, month, amount_oere, text)
    select * from unnest(${col((c) => c.municipality)}::text[], ${col((c) => c.source)}::text[],
      ${col((c) => c.sourceId)}::uuid[], ${col((c) => c.payerId)}::uuid[], ${col((c) => c.householdId)}::uuid[],
      ${col((c) => c.month.firstOfMonth().toString())}::date[], ${col((c) => c.amountOere)}::bigint[], ${col((c) => c.text)}::text[])
    on conflict (source, source_id) do nothing`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** The claims of a month's debtor export (docs/formats/debtor-export.md, "claims"). */
export async function debtorClaims(db: Db, municipality: string, month: string) {
  const rows = await sql<{
    id: string;
    source: string;
    month: string;
    payer_id: string;
    household_id: string | null;
    amount_oere: string;
    text: string;
    raised_on: string;
  }>`select c.id, c.source, to_char(c.month, 'YYYY-MM') as month, c.payer_id, c.household_id, c.amount_oere, c.text,
      to_char(c.created_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD') as raised_on
    from debtor_claim c
    where c.municipality_code = ${municipality} and c.month = ${month}::date order by c.created_at, c.id`.execute(db);
  const { people, homes } = await payersAndHouseholds(
    db,
    [...new Set(rows.rows.map((r) => r.payer_id))],
    [...new Set(rows.rows.flatMap((r) => (r.household_id ? [r.household_id] : [])))],
  );
  return rows.rows.map((r) => {
    const p = people.get(r.payer_id);
    const h = r.household_id ? homes.get(r.household_id) : undefined;
    return {
      claimId: r.id,
      source: r.source,
      month: r.month,
      municipality,
      payerId: r.payer_id,
      payerCpr: p?.cpr ?? '',
      payerName: p ? `${p.first_name} ${p.last_name}` : '',
      // A protected payer's address stays out of the export (the debtor system has it from CPR itself).
      address: h && p && !p.address_protected ? `${h.street}, ${h.postal_code} ${h.city}` : null,
      householdId: r.household_id,
      amountOere: Number(r.amount_oere),
      text: r.text,
      raisedOn: r.raised_on,
    };
  });
}
