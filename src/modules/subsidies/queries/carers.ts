// Carers of privat pasning: approval, stop, supervision visits, the children in their care.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { DateRange, type LocalDate } from '../../../shared/index.js';

export interface CarerInput {
  municipality: string;
  name: string;
  cvr: string | null;
  street: string;
  postalCode: string;
  city: string;
  carers: number;
}
/** The carer with this CVR in the municipality, or a new one (not yet approved). */
export async function findOrAddCarer(trx: Db, c: CarerInput): Promise<string> {
  if (c.cvr) {
    const hit = await trx
      .selectFrom('subsidy_carer')
      .select('id')
      .where('municipality_code', '=', c.municipality)
      .where('cvr', '=', c.cvr)
      .executeTakeFirst();
    if (hit) return hit.id;
  }
  const r = await trx
    .insertInto('subsidy_carer')
    .values({
      municipality_code: c.municipality,
      name: c.name,
      cvr: c.cvr,
      street: c.street,
      postal_code: c.postalCode,
      city: c.city,
      carers: c.carers,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
export async function carerById(db: Db, id: string) {
  return db.selectFrom('subsidy_carer').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function approveCarer(trx: Db, id: string, on: LocalDate) {
  await trx
    .updateTable('subsidy_carer')
    .set({ approved_on: on.toString() })
    .where('id', '=', id)
    .where('approved_on', 'is', null)
    .execute();
}
export async function stopCarer(trx: Db, id: string, on: LocalDate) {
  await trx.updateTable('subsidy_carer').set({ stopped_on: on.toString() }).where('id', '=', id).execute();
}
export async function addSupervision(trx: Db, carerId: string, visitDate: LocalDate, note: string, userId: string) {
  return trx
    .insertInto('subsidy_supervision')
    .values({ carer_id: carerId, visit_date: visitDate.toString(), note, user_id: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function supervisionsOf(db: Db, carerId: string) {
  return db
    .selectFrom('subsidy_supervision')
    .select(['id', 'visit_date', 'note'])
    .where('carer_id', '=', carerId)
    .orderBy('visit_date', 'desc')
    .execute();
}
/** Other children with a live subsidy (applied or approved) at the carer on a day. */
export async function childrenAtCarer(db: Db, carerId: string, on: LocalDate, exceptCase: string | null) {
  let q = db
    .selectFrom('subsidy_case')
    .select((e) => e.fn.count<number>('id').as('n'))
    .where('carer_id', '=', carerId)
    .where('status', 'in', ['applied', 'approved'])
    .where(sql<boolean>`valid @> ${on.toString()}::date`);
  if (exceptCase) q = q.where('id', '<>', exceptCase);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Other children of the household with a live egne børn case (applied or approved) in a period overlapping `period`
 *  (§ 87: at most three children of a household at the same time). */
export async function egneChildrenInHousehold(
  db: Db,
  householdId: string,
  period: DateRange,
  exceptCase: string | null,
) {
  let q = db
    .selectFrom('subsidy_case')
    .select((e) => e.fn.count<number>(sql`distinct child_id`).as('n'))
    .where('household_id', '=', householdId)
    .where('scheme', '=', 'egne_boern')
    .where('status', 'in', ['applied', 'approved'])
    .where(sql<boolean>`valid && ${period.toPgDaterange()}::daterange`);
  if (exceptCase) q = q.where('id', '<>', exceptCase);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
