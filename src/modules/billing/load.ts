// Loads what a billing run needs, set-based: for one municipality (index lookups by id arrays, so a national
// database is not scanned), or for every municipality at once with a few full scans (the national monthly run,
// where 98 rounds of lookups would cost far more than reading each table once).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { BillingData, Iv } from './engine.js';
import type { FripladsScale } from './friplads.js';

const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
};
const iv = (r: { lo: string; hi: string | null }): Iv => ({ lo: r.lo, hi: r.hi });
type Rows = { rows: any[] };

// Rows come with the engine's field names (Place, Iv & …): each row is the engine's record as node-postgres built
// it, not copied into a second object (≈ 200,000 objects fewer per Copenhagen run, and less for the collector).
const PLACES = sql`select p.id, p.child_id as "childId", per.birth_date as "birthDate", p.unit_id as "unitId",
    u.type as "unitType", p.kind, p.hours_per_week as hours, coalesce(t.leave30, false) as leave30,
    lower(p.valid)::text lo, upper(p.valid)::text hi, di.municipality_code
  from placement p join unit u on u.id = p.unit_id join daginstitution di on di.id = u.daginstitution_id join person per on per.id = p.child_id
  left join billing_place_terms t on t.placement_id = p.id`;
const RATES = sql`select municipality_code, kind, age_band, hours, monthly_oere, lower(valid)::text lo, upper(valid)::text hi from fee_rate`;
const CALENDAR = sql`select municipality_code, kind, paying_months, change_day, lower(valid)::text lo, upper(valid)::text hi from fee_calendar`;

/** Data for months [from, to) (ISO firsts of months) of the places in `municipality`'s units. */
export async function loadBillingData(
  db: Db,
  municipality: string,
  from: string,
  to: string,
  onlyChildren?: readonly string[],
): Promise<BillingData> {
  const span = sql`daterange(${from}::date, ${to}::date)`;
  const childFilter = onlyChildren ? sql`and p.child_id = any(${[...onlyChildren]}::uuid[])` : sql``;
  // Every query at once, each reading only this municipality's rows (index lookups on a national database): who is
  // placed, their guardians and their households are subqueries, not id arrays sent back and forth in three rounds.
  const kids = sql`select p.child_id from placement p join unit u on u.id = p.unit_id join daginstitution di on di.id = u.daginstitution_id
    where di.municipality_code = ${municipality} and p.valid && ${span} ${childFilter}`;
  const guardians = sql`select c.guardian_id from custody c where c.child_id in (${kids}) and c.valid && ${span}`;
  const homes = sql`select r.household_id from residence r where r.person_id in (${kids}) and r.valid && ${span}`;
  const [places, rates, lunch, calendar, scales, costs, custody, social, residences, members, incomes, away] =
    await Promise.all([
      sql<any>`${PLACES} where di.municipality_code = ${municipality} and p.valid && ${span} ${childFilter} order by p.id`.execute(
        db,
      ),
      sql<any>`${RATES} where municipality_code = ${municipality} and valid && ${span}`.execute(db),
      sql<any>`select l.unit_id, l.monthly_oere as amount, l.opted_out as "optedOut", lower(l.valid)::text lo, upper(l.valid)::text hi from lunch_scheme l join unit u on u.id = l.unit_id
      join daginstitution di on di.id = u.daginstitution_id where di.municipality_code = ${municipality} and l.valid && ${span}`.execute(
        db,
      ),
      sql<any>`${CALENDAR} where municipality_code = ${municipality} and valid && ${span}`.execute(db),
      scalesOf(db),
      costsOf(db, from, to),
      sql<any>`select c.child_id, c.guardian_id as "guardianId", lower(c.valid)::text lo, upper(c.valid)::text hi from custody c
      where c.child_id in (${kids}) and c.valid && ${span}`.execute(db),
      sql<any>`select s.child_id, s.percent, lower(s.valid)::text lo, upper(s.valid)::text hi from social_friplads s
      where s.child_id in (${kids}) and s.valid && ${span}`.execute(db),
      sql<any>`select r.person_id, r.household_id as "householdId", lower(r.valid)::text lo, upper(r.valid)::text hi from residence r
      where r.person_id in (${kids} union ${guardians}) and r.valid && ${span}`.execute(db),
      sql<any>`select r.household_id, per.birth_date as "birthDate", lower(r.valid)::text lo, upper(r.valid)::text hi from residence r join person per on per.id = r.person_id
      where r.household_id in (${homes}) and r.valid && ${span} and per.birth_date > ${from}::date - interval '18 years'`.execute(
        db,
      ),
      sql<any>`select i.household_id, i.yearly_oere as yearly, i.single_provider as "singleProvider", lower(i.valid)::text lo, upper(i.valid)::text hi from household_income i
      where i.household_id in (${homes}) and i.valid && ${span}`.execute(db),
      sql<any>`select h.id, h.municipality_code from household h where h.id in (${homes}) and h.municipality_code <> ${municipality}`.execute(
        db,
      ),
    ]);
  const shared = sharedData({ lunch, custody, social, residences, members, incomes, homes: away, scales, costs });
  return ofMunicipality(municipality, shared, places.rows, rates.rows, calendar.rows);
}

/** Every municipality's data for months [from, to), keyed by municipality code (those with places in the span). */
export async function loadAllBillingData(db: Db, from: string, to: string): Promise<Map<string, BillingData>> {
  const span = sql`daterange(${from}::date, ${to}::date)`;
  const q = (text: ReturnType<typeof sql>) => sql<any>`${text}`.execute(db);
  const [places, rates, calendar, lunch, custody, social, residences, members, incomes, homes, scales, costs] =
    await Promise.all([
      q(sql`${PLACES} where p.valid && ${span} order by p.id`),
      q(sql`${RATES} where valid && ${span}`),
      q(sql`${CALENDAR} where valid && ${span}`),
      q(
        sql`select unit_id, monthly_oere as amount, opted_out as "optedOut", lower(valid)::text lo, upper(valid)::text hi from lunch_scheme where valid && ${span}`,
      ),
      q(
        sql`select child_id, guardian_id as "guardianId", lower(valid)::text lo, upper(valid)::text hi from custody where valid && ${span}`,
      ),
      q(
        sql`select child_id, percent, lower(valid)::text lo, upper(valid)::text hi from social_friplads where valid && ${span}`,
      ),
      q(
        sql`select person_id, household_id as "householdId", lower(valid)::text lo, upper(valid)::text hi from residence where valid && ${span}`,
      ),
      q(sql`select r.household_id, per.birth_date as "birthDate", lower(r.valid)::text lo, upper(r.valid)::text hi from residence r join person per on per.id = r.person_id
      where r.valid && ${span} and per.birth_date > ${from}::date - interval '18 years'`),
      q(
        sql`select household_id, yearly_oere as yearly, single_provider as "singleProvider", lower(valid)::text lo, upper(valid)::text hi from household_income where valid && ${span}`,
      ),
      q(sql`select id, municipality_code from household`),
      scalesOf(db),
      costsOf(db, from, to),
    ]);
  const shared = sharedData({ lunch, custody, social, residences, members, incomes, homes, scales, costs });
  const byMunicipality = <T extends { municipality_code: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) push(m, r.municipality_code, r);
    return m;
  };
  const placesOf = byMunicipality(places.rows),
    ratesOf = byMunicipality(rates.rows),
    calendarOf = byMunicipality(calendar.rows);
  return new Map(
    [...placesOf].map(([code, rows]) => [
      code,
      ofMunicipality(code, shared, rows, ratesOf.get(code) ?? [], calendarOf.get(code) ?? []),
    ]),
  );
}

export const scalesOf = async (db: Db): Promise<FripladsScale[]> =>
  (await db.selectFrom('friplads_scale').selectAll().orderBy('year').execute()).map((s) => ({
    year: s.year,
    lowerLimit: Number(s.lower_limit),
    upperLimit: Number(s.upper_limit),
    perExtraChild: Number(s.per_extra_child),
    singleProviderSupplement: Number(s.single_provider_supplement),
    steps: s.steps,
    firstStepPercent: s.first_step_percent,
  }));
const costsOf = (db: Db, from: string, to: string) =>
  sql<any>`select * from place_cost where year between ${Number(from.slice(0, 4))} and ${Number(to.slice(0, 4))}`.execute(
    db,
  );

type Shared = Omit<BillingData, 'municipality' | 'places' | 'rates' | 'calendar'>;

/** The maps keyed by person, household or unit: the same for every municipality, so a national run shares them. */
function sharedData(r: {
  lunch: Rows;
  custody: Rows;
  social: Rows;
  residences: Rows;
  members: Rows;
  incomes: Rows;
  homes: Rows;
  scales: FripladsScale[];
  costs: Rows;
}): Shared {
  const d: Shared = {
    residences: new Map(),
    custody: new Map(),
    members: new Map(),
    incomes: new Map(),
    lunch: new Map(),
    social: new Map(),
    scales: r.scales,
  };
  // int8 and int2 arrive as numbers (the database's type parsers), dates as ISO text.
  for (const x of r.residences.rows) push(d.residences, x.person_id, x);
  for (const x of r.custody.rows) push(d.custody, x.child_id, x);
  for (const x of r.members.rows) push(d.members, x.household_id, x);
  for (const x of r.incomes.rows) push(d.incomes, x.household_id, x);
  for (const x of r.lunch.rows) push(d.lunch, x.unit_id, x);
  for (const x of r.social.rows) push(d.social, x.child_id, x);
  d.householdMunicipality = new Map(r.homes.rows.map((x) => [x.id, x.municipality_code]));
  d.placeCosts = new Map(
    r.costs.rows.map((x) => [
      `${x.municipality_code}|${x.year}|${x.age_band}`,
      { net: Number(x.net_oere), gross: Number(x.gross_oere), subsidyPercent: x.subsidy_percent },
    ]),
  );
  return d;
}

function ofMunicipality(
  municipality: string,
  shared: Shared,
  places: any[],
  rates: any[],
  calendar: any[],
): BillingData {
  const data: BillingData = {
    ...shared,
    municipality,
    rates: new Map(),
    calendar: new Map(),
    places,
  };
  // Deterministic order, whatever the plan: the engine picks the first matching row. The queries ask PostgreSQL for
  // this order (uuid order is the text's), so this sort only checks it (one pass over a sorted array).
  data.places.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of rates)
    push(data.rates, `${r.kind}|${r.age_band}|${r.hours}`, { ...iv(r), amount: Number(r.monthly_oere) });
  for (const r of calendar)
    push(data.calendar, r.kind, { ...iv(r), payingMonths: r.paying_months, changeDay: r.change_day });
  return data;
}
