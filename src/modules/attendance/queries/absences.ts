// Parents' absence reports: a child's absences, recording one (it marks the days already registered), deleting one.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { LocalDate } from '../../../shared/index.js';
import { IN_CARE, STATUS } from '../rules.js';

/** A child's absences ending after `since`, latest start first. */
export async function absencesSince(db: Db, childId: string, since: LocalDate) {
  return db
    .selectFrom('absence')
    .select(['id', 'type', 'valid', 'created_at'])
    .where('child_id', '=', childId)
    .where(sql<boolean>`upper(valid) > ${since.toString()}::date`)
    .orderBy(sql`lower(valid)`, 'desc')
    .execute();
}

type Touched = {
  id: string;
  unit_id: string;
  date: string;
  check_in: string | null;
  check_out: string | null;
  pickup_by: string | null;
};

/** A parent's absence report: the absence row, and the days it covers that already have a registration take its status
 *  (with an event each). Days without an arrival yet take the reported status, so the overview shows it at once; sick
 *  after arriving means sent home sick: shown as sick, checked out now if still in care, the check-in kept. */
export async function recordAbsence(
  trx: Db,
  a: {
    childId: string;
    range: string;
    type: 'sick' | 'day_off' | 'holiday';
    status: number;
    userId: string;
    now: string;
  },
) {
  const row = await trx
    .insertInto('absence')
    .values({ child_id: a.childId, valid: a.range, type: a.type, reported_by: a.userId, reported_by_role: 'guardian' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const touched: Touched[] = await trx
    .updateTable('attendance')
    .set({ status: a.status, updated_at: sql`now()`, version: sql`version + 1` })
    .where('child_id', '=', a.childId)
    .where('status', 'in', [STATUS.notArrived, STATUS.sick, STATUS.absent])
    .where(sql<boolean>`${a.range}::daterange @> date`)
    .returning([
      'id',
      'unit_id',
      'date',
      sql<string | null>`check_in::text`.as('check_in'),
      sql<string | null>`check_out::text`.as('check_out'),
      'pickup_by',
    ])
    .execute();
  for (const t of touched)
    await trx
      .insertInto('attendance_event')
      .values({ attendance_id: t.id, kind: 'status', status: a.status, user_id: a.userId, reason: 'Meldt af forælder' })
      .execute();
  if (a.type === 'sick') {
    const sentHome = await trx
      .updateTable('attendance')
      .set({
        status: a.status,
        check_out: sql`coalesce(check_out, greatest(check_in, ${a.now}::time))`,
        updated_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where('child_id', '=', a.childId)
      .where('status', 'in', [...IN_CARE, STATUS.checkedOut])
      .where('check_in', 'is not', null)
      .where(sql<boolean>`${a.range}::daterange @> date`)
      .returning([
        'id',
        'unit_id',
        'date',
        sql<string | null>`check_in::text`.as('check_in'),
        sql<string | null>`check_out::text`.as('check_out'),
        'pickup_by',
      ])
      .execute();
    for (const t of sentHome) {
      await trx
        .insertInto('attendance_event')
        .values({
          attendance_id: t.id,
          kind: 'status',
          status: a.status,
          check_in: t.check_in,
          check_out: t.check_out,
          pickup_by: t.pickup_by,
          user_id: a.userId,
          reason: 'Meldt syg af forælder efter indtjek: sendt hjem',
        })
        .execute();
    }
    touched.push(...sentHome);
  }
  return { id: row.id, touched };
}

export async function absenceById(db: Db, id: string) {
  return db.selectFrom('absence').select(['id', 'child_id', 'valid']).where('id', '=', id).executeTakeFirst();
}

export async function deleteAbsence(db: Db, id: string) {
  await db.deleteFrom('absence').where('id', '=', id).execute();
}
