// Friplads: the yearly scales, households' registered incomes and the applications for a friplads.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

export async function addScale(
  trx: Db,
  s: { year: number; lowerLimit: number; upperLimit: number; perExtraChild: number; singleProviderSupplement: number },
) {
  await trx
    .insertInto('friplads_scale')
    .values({
      year: s.year,
      lower_limit: s.lowerLimit,
      upper_limit: s.upperLimit,
      per_extra_child: s.perExtraChild,
      single_provider_supplement: s.singleProviderSupplement,
    })
    .execute();
}

export async function incomesOf(db: Db, householdIds: string[]) {
  if (!householdIds.length) return [];
  return db
    .selectFrom('household_income')
    .selectAll()
    .where('household_id', 'in', householdIds)
    .orderBy(sql`lower(valid)`)
    .execute();
}
/** The household's registered income on a day. */
export async function incomeOn(db: Db, householdId: string, on: string) {
  return db
    .selectFrom('household_income')
    .select(['yearly_oere', 'single_provider'])
    .where('household_id', '=', householdId)
    .where(sql<boolean>`valid @> ${on}::date`)
    .executeTakeFirst();
}

export async function openApplicationOf(db: Db, householdId: string) {
  return db
    .selectFrom('friplads_application')
    .select('id')
    .where('household_id', '=', householdId)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
}
export async function addApplication(
  trx: Db,
  a: {
    householdId: string;
    applicantId: string;
    yearlyOere: number;
    childrenUnder18: number;
    singleProvider: boolean;
    wantedFrom: string;
  },
) {
  return trx
    .insertInto('friplads_application')
    .values({
      household_id: a.householdId,
      applicant_id: a.applicantId,
      yearly_oere: a.yearlyOere,
      children_under18: a.childrenUnder18,
      single_provider: a.singleProvider,
      wanted_from: a.wantedFrom,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function applicationsOfHousehold(db: Db, householdId: string) {
  return db
    .selectFrom('friplads_application')
    .select(['id', 'yearly_oere', 'wanted_from', 'status', 'pay_percent', 'submitted_at', 'letter_id'])
    .where('household_id', '=', householdId)
    .orderBy('submitted_at', 'desc')
    .execute();
}
export async function applicationsByStatus(db: Db, status: 'submitted' | 'granted' | 'rejected') {
  return db
    .selectFrom('friplads_application')
    .select([
      'id',
      'household_id',
      'applicant_id',
      'yearly_oere',
      'children_under18',
      'single_provider',
      'wanted_from',
      'status',
      'pay_percent',
    ])
    .where('status', '=', status)
    .orderBy('submitted_at')
    .limit(200)
    .execute();
}

/** The household a friplads application is about (undefined: no such application). */
export async function householdOfApplication(db: Db, id: string): Promise<string | undefined> {
  const r = await db.selectFrom('friplads_application').select('household_id').where('id', '=', id).executeTakeFirst();
  return r?.household_id;
}
