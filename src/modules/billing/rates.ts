// Rates, lunch schemes, paying months, friplads scales, incomes and social friplads: data with validity periods.
// A new open-ended value closes the open-ended one before it; any other overlap is refused by the database (409).
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { AgeBand, FeeHours, FeeKind } from '../../platform/db/schema.js';
import { DateRange, kroner, LocalDate } from '../../shared/index.js';

const rangeOf = (start: string, end: string | null) =>
  DateRange.of(LocalDate.parse(start), end ? LocalDate.parse(end) : null).toPgDaterange();
const period = (valid: string) => {
  const r = DateRange.fromPg(valid);
  return { start: r.start.toString(), end: r.end?.toString() ?? null };
};

type Closable = 'fee_rate' | 'lunch_scheme' | 'fee_calendar' | 'household_income' | 'social_friplads';
/** Ends the open-ended row of the same key the day before `start` (only if it began earlier). */
async function closeOpen(trx: Db, table: Closable, where: Record<string, string>, start: string) {
  let q = trx
    .updateTable(table as 'fee_rate')
    .set({ valid: sql`daterange(lower(valid), ${start}::date)` })
    .where(sql<boolean>`upper_inf(valid) and lower(valid) < ${start}::date`);
  for (const [k, v] of Object.entries(where)) q = q.where(sql.ref(k), '=', v);
  await q.execute();
}

export interface RateInput {
  municipality: string;
  kind: FeeKind;
  ageBand: AgeBand;
  hours: FeeHours;
  monthlyOere: number;
  start: string;
  end: string | null;
}
export async function addRate(trx: Db, r: RateInput) {
  if (r.end === null)
    await closeOpen(
      trx,
      'fee_rate',
      { municipality_code: r.municipality, kind: r.kind, age_band: r.ageBand, hours: r.hours },
      r.start,
    );
  return trx
    .insertInto('fee_rate')
    .values({
      municipality_code: r.municipality,
      kind: r.kind,
      age_band: r.ageBand,
      hours: r.hours,
      monthly_oere: r.monthlyOere,
      valid: rangeOf(r.start, r.end),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function listRates(db: Db, municipality: string) {
  const rows = await db
    .selectFrom('fee_rate')
    .selectAll()
    .where('municipality_code', '=', municipality)
    .orderBy('kind')
    .orderBy('age_band')
    .orderBy('hours')
    .orderBy(sql`lower(valid)`)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    ageBand: r.age_band,
    hours: r.hours,
    monthlyOere: Number(r.monthly_oere),
    ...period(r.valid),
  }));
}

export async function addLunch(
  trx: Db,
  l: { unitId: string; monthlyOere: number; optedOut: boolean; start: string; end: string | null },
) {
  if (l.end === null) await closeOpen(trx, 'lunch_scheme', { unit_id: l.unitId }, l.start);
  return trx
    .insertInto('lunch_scheme')
    .values({
      unit_id: l.unitId,
      monthly_oere: l.optedOut ? 0 : l.monthlyOere,
      opted_out: l.optedOut,
      valid: rangeOf(l.start, l.end),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function addCalendar(
  trx: Db,
  c: {
    municipality: string;
    kind: FeeKind;
    payingMonths: 11 | 12;
    changeDay: 1 | 15;
    start: string;
    end: string | null;
  },
) {
  if (c.end === null)
    await closeOpen(trx, 'fee_calendar', { municipality_code: c.municipality, kind: c.kind }, c.start);
  return trx
    .insertInto('fee_calendar')
    .values({
      municipality_code: c.municipality,
      kind: c.kind,
      paying_months: c.payingMonths,
      change_day: c.changeDay,
      valid: rangeOf(c.start, c.end),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function listCalendar(db: Db, municipality: string) {
  const rows = await db
    .selectFrom('fee_calendar')
    .selectAll()
    .where('municipality_code', '=', municipality)
    .orderBy('kind')
    .orderBy(sql`lower(valid)`)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    payingMonths: r.paying_months,
    changeDay: r.change_day,
    ...period(r.valid),
  }));
}
export async function addIncome(
  trx: Db,
  i: {
    householdId: string;
    yearlyOere: number;
    singleProvider: boolean;
    source: 'application' | 'regulation' | 'final' | 'estimate';
    start: string;
    end: string | null;
  },
) {
  if (i.end === null) await closeOpen(trx, 'household_income', { household_id: i.householdId }, i.start);
  return trx
    .insertInto('household_income')
    .values({
      household_id: i.householdId,
      yearly_oere: i.yearlyOere,
      single_provider: i.singleProvider,
      source: i.source,
      valid: rangeOf(i.start, i.end),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function addSocialFriplads(
  trx: Db,
  s: {
    childId: string;
    reason: 'behandling' | 'socialpaedagogisk';
    percent: number;
    start: string;
    end: string | null;
  },
) {
  if (s.end === null) await closeOpen(trx, 'social_friplads', { child_id: s.childId }, s.start);
  return trx
    .insertInto('social_friplads')
    .values({ child_id: s.childId, reason: s.reason, percent: s.percent, valid: rangeOf(s.start, s.end) })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function listScales(db: Db) {
  const rows = await db.selectFrom('friplads_scale').selectAll().orderBy('year').execute();
  return rows.map((s) => ({
    year: s.year,
    lowerLimit: Number(s.lower_limit),
    upperLimit: Number(s.upper_limit),
    perExtraChild: Number(s.per_extra_child),
    singleProviderSupplement: Number(s.single_provider_supplement),
    steps: s.steps,
    firstStepPercent: s.first_step_percent,
  }));
}

/** The real 2025 yearly rates (Danmarks Statistik) as monthly rates over 11 paying months, July free. */
export const RATES_2025: Record<
  string,
  Partial<Record<'dagpleje' | 'vuggestue' | 'boernehave' | 'sfo', number>>
> = JSON.parse(readFileSync(new URL('./data/rates-2025.json', import.meta.url), 'utf8')).rates;

export async function seedRates2025(trx: Db, municipality: string, start = '2025-01-01') {
  const y = RATES_2025[municipality];
  if (!y) return 0;
  const monthly = (kr: number) => Math.round(kroner(kr) / 11);
  const rows: { kind: FeeKind; band: AgeBand; kr: number | undefined }[] = [
    { kind: 'dagpleje', band: '0-2', kr: y.dagpleje },
    { kind: 'vuggestue', band: '0-2', kr: y.vuggestue },
    { kind: 'boernehave', band: '3-5', kr: y.boernehave },
    { kind: 'sfo', band: '6-9', kr: y.sfo },
    { kind: 'sfo', band: '10-13', kr: y.sfo },
  ];
  const valid = rangeOf(start, null);
  const values = rows
    .filter((r) => r.kr)
    .map((r) => ({
      municipality_code: municipality,
      kind: r.kind,
      age_band: r.band,
      hours: 'full' as const,
      monthly_oere: monthly(r.kr!),
      valid,
    }));
  await trx.insertInto('fee_rate').values(values).execute();
  await trx
    .insertInto('fee_calendar')
    .values(
      (['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'sfo', 'fritidshjem', 'klub'] as const).map((kind) => ({
        municipality_code: municipality,
        kind,
        paying_months: kind === 'klub' ? 12 : 11,
        change_day: 1,
        valid,
      })),
    )
    .execute();
  return values.length;
}
