// Loads everything a billing run needs for one municipality and a span of months in a few set-based queries.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { BillingData, Iv } from './engine.js';
import type { FripladsScale } from './friplads.js';

const push = <T>(m: Map<string, T[]>, k: string, v: T) => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
const iv = (r: { lo: string; hi: string | null }): Iv => ({ lo: r.lo, hi: r.hi });

/** Data for months [from, to) (ISO firsts of months) of the places in `municipality`'s units. */
export async function loadBillingData(db: Db, municipality: string, from: string, to: string, onlyChildren?: readonly string[]): Promise<BillingData> {
  const span = sql`daterange(${from}::date, ${to}::date)`;
  const childFilter = onlyChildren ? sql`and p.child_id = any(${[...onlyChildren]}::uuid[])` : sql``;
  // Step by step with id arrays, so each query reads only this municipality's rows (index lookups on a national database).
  const [places, rates, lunch, calendar, scales] = await Promise.all([
    sql<any>`select p.id, p.child_id, per.birth_date, p.unit_id, u.type as unit_type, p.kind, p.hours_per_week as hours, coalesce(t.leave30, false) as leave30, lower(p.valid)::text lo, upper(p.valid)::text hi
      from placement p join unit u on u.id = p.unit_id join daginstitution di on di.id = u.daginstitution_id join person per on per.id = p.child_id
      left join billing_place_terms t on t.placement_id = p.id
      where di.municipality_code = ${municipality} and p.valid && ${span} ${childFilter}`.execute(db),
    sql<any>`select kind, age_band, hours, monthly_oere, lower(valid)::text lo, upper(valid)::text hi from fee_rate where municipality_code = ${municipality} and valid && ${span}`.execute(db),
    sql<any>`select l.unit_id, l.monthly_oere, l.opted_out, lower(l.valid)::text lo, upper(l.valid)::text hi from lunch_scheme l join unit u on u.id = l.unit_id
      join daginstitution di on di.id = u.daginstitution_id where di.municipality_code = ${municipality} and l.valid && ${span}`.execute(db),
    sql<any>`select kind, paying_months, change_day, lower(valid)::text lo, upper(valid)::text hi from fee_calendar where municipality_code = ${municipality} and valid && ${span}`.execute(db),
    db.selectFrom('friplads_scale').selectAll().orderBy('year').execute(),
  ]);
  const childIds = [...new Set(places.rows.map((r) => r.child_id as string))];
  const [custody, social] = await Promise.all([
    sql<any>`select c.child_id, c.guardian_id, lower(c.valid)::text lo, upper(c.valid)::text hi from custody c where c.child_id = any(${childIds}::uuid[]) and c.valid && ${span}`.execute(db),
    sql<any>`select s.child_id, s.percent, lower(s.valid)::text lo, upper(s.valid)::text hi from social_friplads s where s.child_id = any(${childIds}::uuid[]) and s.valid && ${span}`.execute(db),
  ]);
  const people = [...new Set([...childIds, ...custody.rows.map((r) => r.guardian_id as string)])];
  const residences = await sql<any>`select r.person_id, r.household_id, lower(r.valid)::text lo, upper(r.valid)::text hi from residence r
    where r.person_id = any(${people}::uuid[]) and r.valid && ${span}`.execute(db);
  const placedSet = new Set(childIds);
  const households = [...new Set(residences.rows.filter((r) => placedSet.has(r.person_id)).map((r) => r.household_id as string))];
  const [members, incomes, homes, costs] = await Promise.all([
    sql<any>`select r.household_id, per.birth_date, lower(r.valid)::text lo, upper(r.valid)::text hi from residence r join person per on per.id = r.person_id
      where r.household_id = any(${households}::uuid[]) and r.valid && ${span} and per.birth_date > ${from}::date - interval '18 years'`.execute(db),
    sql<any>`select i.household_id, i.yearly_oere, i.single_provider, lower(i.valid)::text lo, upper(i.valid)::text hi from household_income i
      where i.household_id = any(${households}::uuid[]) and i.valid && ${span}`.execute(db),
    sql<any>`select id, municipality_code from household where id = any(${households}::uuid[]) and municipality_code <> ${municipality}`.execute(db),
    sql<any>`select * from place_cost where year between ${Number(from.slice(0, 4))} and ${Number(to.slice(0, 4))}`.execute(db),
  ]);

  const data: BillingData = {
    municipality, residences: new Map(), custody: new Map(), members: new Map(), incomes: new Map(), rates: new Map(), lunch: new Map(),
    calendar: new Map(), social: new Map(),
    places: places.rows.map((r) => ({ id: r.id, childId: r.child_id, birthDate: r.birth_date, unitId: r.unit_id, unitType: r.unit_type, kind: r.kind, hours: Number(r.hours), leave30: r.leave30 === true, lo: r.lo, hi: r.hi })),
    scales: scales.map((s): FripladsScale => ({ year: s.year, lowerLimit: Number(s.lower_limit), upperLimit: Number(s.upper_limit), perExtraChild: Number(s.per_extra_child),
      singleProviderSupplement: Number(s.single_provider_supplement), steps: s.steps, firstStepPercent: s.first_step_percent })),
  };
  // Deterministic order, whatever the plan: the engine picks the first matching row.
  data.places.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of residences.rows) push(data.residences, r.person_id, { ...iv(r), householdId: r.household_id });
  for (const r of custody.rows) push(data.custody, r.child_id, { ...iv(r), guardianId: r.guardian_id });
  for (const r of members.rows) push(data.members, r.household_id, { ...iv(r), birthDate: r.birth_date });
  for (const r of incomes.rows) push(data.incomes, r.household_id, { ...iv(r), yearly: Number(r.yearly_oere), singleProvider: r.single_provider });
  for (const r of rates.rows) push(data.rates, `${r.kind}|${r.age_band}|${r.hours}`, { ...iv(r), amount: Number(r.monthly_oere) });
  for (const r of lunch.rows) push(data.lunch, r.unit_id, { ...iv(r), amount: Number(r.monthly_oere), optedOut: r.opted_out });
  for (const r of calendar.rows) push(data.calendar, r.kind, { ...iv(r), payingMonths: r.paying_months, changeDay: r.change_day });
  data.householdMunicipality = new Map(homes.rows.map((r) => [r.id, r.municipality_code]));
  data.placeCosts = new Map(costs.rows.map((r) => [`${r.municipality_code}|${r.year}|${r.age_band}`, { net: Number(r.net_oere), gross: Number(r.gross_oere), subsidyPercent: r.subsidy_percent }]));
  for (const r of social.rows) push(data.social, r.child_id, { ...iv(r), percent: r.percent });
  return data;
}
