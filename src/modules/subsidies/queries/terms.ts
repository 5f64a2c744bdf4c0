// Scheme terms and age-group rates as dated data: the standard rows and a municipality's own periods.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { DateRange, type LocalDate } from '../../../shared/index.js';
import type { SubsidyScheme } from '../../../platform/db/schema.js';
import type { AgeRate, SchemeTerms } from '../rules.js';

export interface Terms extends SchemeTerms {
  id: string;
  offered: boolean;
  siblingPercent: number;
  decisionDays: number;
  valid: DateRange;
}
export interface DatedRate extends AgeRate {
  valid: DateRange;
}

/** Every terms and rate row a municipality uses: its own, and the standard rows (no municipality). */
export async function schemeData(db: Db, municipality: string) {
  const [terms, rates] = await Promise.all([
    db
      .selectFrom('subsidy_terms')
      .selectAll()
      .where((w) => w.or([w('municipality_code', '=', municipality), w('municipality_code', 'is', null)]))
      .execute(),
    db
      .selectFrom('subsidy_rate')
      .selectAll()
      .where((w) => w.or([w('municipality_code', '=', municipality), w('municipality_code', 'is', null)]))
      .execute(),
  ]);
  return new SchemeBook(
    terms.map((t) => ({
      own: t.municipality_code !== null,
      scheme: t.scheme,
      v: {
        id: t.id,
        scheme: t.scheme,
        offered: t.offered,
        minAgeWeeks: t.min_age_weeks,
        maxAgeMonths: t.max_age_months,
        sharePercent: Number(t.share_percent),
        maxChildrenPerCarer: t.max_children_per_carer,
        maxChildrenTwoCarers: t.max_children_two_carers,
        minWeeks: t.min_weeks,
        maxMonths: t.max_months,
        maxChildrenPerHousehold: t.max_children_household,
        householdCapOere: t.household_cap_oere === null ? null : Number(t.household_cap_oere),
        siblingPercent: t.sibling_percent,
        decisionDays: t.decision_days,
        valid: DateRange.fromPg(t.valid),
      } satisfies Terms,
    })),
    rates.map((r) => ({
      own: r.municipality_code !== null,
      scheme: r.scheme,
      v: {
        id: r.id,
        fromMonths: r.from_months,
        toMonths: r.to_months,
        monthlyOere: Number(r.monthly_oere),
        valid: DateRange.fromPg(r.valid),
      } satisfies DatedRate,
    })),
  );
}

type Row<T> = { own: boolean; scheme: SubsidyScheme; v: T };
/** Terms and rates by date: a municipality's own rows win on the days they cover; else the standard rows. */
export class SchemeBook {
  constructor(
    private readonly terms: Row<Terms>[],
    private readonly rates: Row<DatedRate>[],
  ) {}
  termsOn(scheme: SubsidyScheme, on: LocalDate): Terms | null {
    const hits = this.terms.filter((t) => t.scheme === scheme && t.v.valid.includes(on));
    return (hits.find((t) => t.own) ?? hits[0])?.v ?? null;
  }
  ratesOn(scheme: SubsidyScheme, on: LocalDate): DatedRate[] {
    const hits = this.rates.filter((r) => r.scheme === scheme && r.v.valid.includes(on));
    const own = hits.filter((r) => r.own);
    return (own.length ? own : hits).map((r) => r.v);
  }
}

// Rates admin: a municipality's own periods win over the standard rows on the days they cover.
export async function ratesAndTermsOf(db: Db, municipality: string) {
  const own = (w: any) => w.or([w('municipality_code', '=', municipality), w('municipality_code', 'is', null)]);
  const [rates, terms] = await Promise.all([
    db
      .selectFrom('subsidy_rate')
      .selectAll()
      .select([sql<string>`lower(valid)::text`.as('lo'), sql<string | null>`upper(valid)::text`.as('hi')])
      .where(own)
      .orderBy('scheme')
      .orderBy(sql`lower(valid)`)
      .orderBy('from_months')
      .execute(),
    db
      .selectFrom('subsidy_terms')
      .selectAll()
      .select([sql<string>`lower(valid)::text`.as('lo'), sql<string | null>`upper(valid)::text`.as('hi')])
      .where(own)
      .orderBy('scheme')
      .orderBy(sql`lower(valid)`)
      .execute(),
  ]);
  return { rates, terms };
}
/** A municipality's own rate for an age group from a day: its open period of the same group that started earlier
 *  ends the day before; any other overlap is refused by the exclusion constraint. */
export async function addOwnRate(
  trx: Db,
  r: {
    municipality: string;
    scheme: SubsidyScheme;
    fromMonths: number;
    toMonths: number;
    monthlyOere: number;
    from: LocalDate;
    userId: string | null;
  },
) {
  await trx
    .updateTable('subsidy_rate')
    .set({ valid: sql`daterange(lower(valid), ${r.from.toString()}::date)` })
    .where('municipality_code', '=', r.municipality)
    .where('scheme', '=', r.scheme)
    .where('from_months', '=', r.fromMonths)
    .where('to_months', '=', r.toMonths)
    .where(sql<boolean>`upper_inf(valid) and lower(valid) < ${r.from.toString()}::date`)
    .execute();
  return trx
    .insertInto('subsidy_rate')
    .values({
      municipality_code: r.municipality,
      scheme: r.scheme,
      from_months: r.fromMonths,
      to_months: r.toMonths,
      monthly_oere: r.monthlyOere,
      valid: DateRange.of(r.from, null).toPgDaterange(),
      created_by: r.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
/** A municipality's own terms from a day: a copy of `base` with the share and household cap changed; its own open
 *  terms that started earlier end the day before. */
export async function addOwnTerms(
  trx: Db,
  t: {
    municipality: string;
    base: Terms;
    sharePercent: number;
    householdCapOere: number | null;
    from: LocalDate;
    userId: string | null;
  },
) {
  await trx
    .updateTable('subsidy_terms')
    .set({ valid: sql`daterange(lower(valid), ${t.from.toString()}::date)` })
    .where('municipality_code', '=', t.municipality)
    .where('scheme', '=', t.base.scheme)
    .where(sql<boolean>`upper_inf(valid) and lower(valid) < ${t.from.toString()}::date`)
    .execute();
  const b = t.base;
  return trx
    .insertInto('subsidy_terms')
    .values({
      municipality_code: t.municipality,
      scheme: b.scheme,
      offered: b.offered,
      min_age_weeks: b.minAgeWeeks,
      max_age_months: b.maxAgeMonths,
      share_percent: t.sharePercent,
      max_children_per_carer: b.maxChildrenPerCarer,
      max_children_two_carers: b.maxChildrenTwoCarers,
      min_weeks: b.minWeeks,
      max_months: b.maxMonths,
      max_children_household: b.maxChildrenPerHousehold,
      household_cap_oere: t.householdCapOere,
      sibling_percent: b.siblingPercent,
      decision_days: b.decisionDays,
      valid: DateRange.of(t.from, null).toPgDaterange(),
      created_by: t.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
