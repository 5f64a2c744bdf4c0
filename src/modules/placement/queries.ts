// Placement's own tables read and written by the routes (application, offer, placement, staff_inbox); unit names come
// from registry, user names from auth.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { userNames } from '../../platform/auth/users.js';
import { unitNames } from '../registry/index.js';

/** The children's active applications, oldest first. */
export async function activeApplicationsOf(db: Db, childIds: string[]) {
  return db
    .selectFrom('application')
    .selectAll()
    .where('child_id', 'in', childIds)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .execute();
}

/** The children's offers waiting for an answer, with the unit's name. */
export async function pendingOffersOf(db: Db, childIds: string[]) {
  const rows = await db
    .selectFrom('offer')
    .innerJoin('application as a', 'a.id', 'offer.application_id')
    .select([
      'offer.id',
      'a.child_id',
      'offer.unit_id',
      'offer.start_date',
      'offer.hours_per_week',
      'offer.deadline',
      'offer.status',
      'offer.explanation',
      'offer.guarantee',
    ])
    .where('a.child_id', 'in', childIds)
    .where('offer.status', '=', 'pending')
    .execute();
  const names = await unitNames(db, [...new Set(rows.map((r) => r.unit_id))]);
  return rows.filter((r) => names.has(r.unit_id)).map((r) => ({ ...r, unitName: names.get(r.unit_id)! }));
}

/** A placement a guardian gives notice on (the child is checked for custody by the caller), or undefined. */
export async function placementToWithdraw(db: Db, placementId: string) {
  return db
    .selectFrom('placement')
    .select(['id', 'child_id', 'kind', 'unit_id'])
    .where('id', '=', placementId)
    .executeTakeFirst();
}

/** The children of applications (distinct), e.g. for the audit of a round's view. */
export async function childIdsOfApplications(db: Db, applicationIds: string[]): Promise<string[]> {
  if (!applicationIds.length) return [];
  const rows = await db
    .selectFrom('application')
    .select('child_id')
    .distinct()
    .where('id', 'in', applicationIds)
    .execute();
  return rows.map((r) => r.child_id);
}

/** Sets an application's priority flags (special needs, moving in); the child's id, or undefined if there is no such application. */
export async function setApplicationPriority(
  trx: Db,
  id: string,
  change: { specialNeeds?: boolean; movingIn?: boolean },
): Promise<string | undefined> {
  const a = await trx
    .updateTable('application')
    .set({
      ...(change.specialNeeds !== undefined ? { special_needs: change.specialNeeds } : {}),
      ...(change.movingIn !== undefined ? { moving_in: change.movingIn } : {}),
    })
    .where('id', '=', id)
    .returning('child_id')
    .executeTakeFirst();
  return a?.child_id;
}

/** The staff inbox, newest first (at most 200): open tasks, or all; who handled a task by name. */
export async function inboxTasks(db: Db, all: boolean) {
  let q = db
    .selectFrom('staff_inbox')
    .select([
      'id',
      'kind',
      'child_id as childId',
      'text',
      'created_on as createdOn',
      'handled_at as handledAt',
      'handled_by',
    ])
    .orderBy('created_at', 'desc')
    .limit(200);
  if (!all) q = q.where('handled_at', 'is', null);
  const rows = await q.execute();
  const names = await userNames(db, [...new Set(rows.map((r) => r.handled_by).filter((u): u is string => !!u))]);
  return rows.map(({ handled_by, ...r }) => ({ ...r, handledBy: handled_by ? (names.get(handled_by) ?? null) : null }));
}

/** Marks an open inbox task handled by the user; false if there is no such open task. */
export async function markTaskHandled(db: Db, id: string, userId: string): Promise<boolean> {
  const r = await db
    .updateTable('staff_inbox')
    .set({ handled_by: userId, handled_at: sql`now()` })
    .where('id', '=', id)
    .where('handled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

/** Pending offers into the units awaiting the family's answer, and the earliest answer deadline among them. */
export async function pendingOfferSummary(
  db: Db,
  unitIds: readonly string[],
): Promise<{ n: number; firstDeadline: string | null }> {
  if (!unitIds.length) return { n: 0, firstDeadline: null };
  return db
    .selectFrom('offer')
    .select([sql<number>`count(*)::int`.as('n'), sql<string | null>`min(deadline)::text`.as('firstDeadline')])
    .where('status', '=', 'pending')
    .where('unit_id', 'in', [...unitIds])
    .executeTakeFirstOrThrow();
}

/** The dagtilbud placements of a unit on a date, with the dagplejer each child is placed with (dagpleje units). */
export async function placementsInUnitOn(db: Db, unitId: string, date: string) {
  return db
    .selectFrom('placement')
    .select(['id', 'child_id as childId', 'dagplejer_id as dagplejerId'])
    .where('unit_id', '=', unitId)
    .where(sql<boolean>`valid @> ${date}::date`)
    .execute();
}

/** One placement's unit and period (null: no such placement). */
export async function placementUnit(db: Db, placementId: string) {
  const r = await db
    .selectFrom('placement')
    .select(['unit_id as unitId', 'child_id as childId', sql<string>`lower(valid)::text`.as('start')])
    .where('id', '=', placementId)
    .executeTakeFirst();
  return r ?? null;
}

/** Names the dagplejer a child is placed with (null: none); the database refuses one of another unit. */
export async function setDagplejer(trx: Db, placementId: string, employeeId: string | null) {
  await trx.updateTable('placement').set({ dagplejer_id: employeeId }).where('id', '=', placementId).execute();
}

/** A task in the staff inbox for a child (e.g. people's CPR changes: a placed child moved out of the municipality). */
export async function addInboxTask(
  db: Db,
  task: { kind: 'address' | 'withdrawal'; childId: string; text: string; today: LocalDate },
): Promise<void> {
  await db
    .insertInto('staff_inbox')
    .values({ kind: task.kind, child_id: task.childId, text: task.text, created_on: task.today.toString() })
    .execute();
}

/** The places held on a day in the units (one set-based statement over all of them): for the statistics. */
export async function placementsOnDay(db: Db, unitIds: readonly string[], day: string) {
  const rows = await sql<{
    placement_id: string;
    child_id: string;
    unit_id: string;
    kind: 'dagtilbud' | 'fritidstilbud' | 'klub';
    hours: number;
    dagplejer_id: string | null;
  }>`select * from ${placementsOnDaySql(unitIds, day)} pl`.execute(db);
  return rows.rows;
}

/** Units up to this many (a municipality's) are read by an index scan per unit; more (the country's) by one scan. */
const PER_UNIT_SCAN_MAX = 1000;

/** placementsOnDay as a relation for another module's set-based statement (placement_id, child_id, unit_id, kind,
 *  hours, dagplejer_id). For one municipality's units it looks each unit up by index: joined to the array, the planner
 *  (not knowing that a municipality's units hold few of the country's placements) scans the whole table. */
export function placementsOnDaySql(unitIds: readonly string[], day: string) {
  const columns = sql`p.id as placement_id, p.child_id, p.unit_id, p.kind, p.hours_per_week as hours, p.dagplejer_id`;
  return unitIds.length <= PER_UNIT_SCAN_MAX
    ? sql`(select ${columns} from unnest(${[...unitIds]}::uuid[]) as x(id)
        cross join lateral (select * from placement p where p.unit_id = x.id and p.valid @> ${day}::date offset 0) p)`
    : sql`(select ${columns} from unnest(${[...unitIds]}::uuid[]) as x(id) join placement p on p.unit_id = x.id
        where p.valid @> ${day}::date)`;
}

/** The municipality a round allocates for (null: no such round, or one made before rounds had one). */
export async function roundMunicipality(db: Db, id: string): Promise<string | null | undefined> {
  const r = await db.selectFrom('allocation_round').select('municipality_code').where('id', '=', id).executeTakeFirst();
  return r ? r.municipality_code : undefined;
}

/** The child an inbox task is about (null: none; undefined: no such task). */
export async function taskChild(db: Db, id: string): Promise<string | null | undefined> {
  const r = await db.selectFrom('staff_inbox').select('child_id').where('id', '=', id).executeTakeFirst();
  return r ? r.child_id : undefined;
}

/** A child's places, oldest first, with the reason a caseworker gave for waiving the notice on one (if any). */
export async function placesOfChild(db: Db, childId: string) {
  const rows = await db
    .selectFrom('placement as p')
    .select([
      'p.id',
      'p.unit_id',
      'p.kind',
      'p.hours_per_week',
      sql<string>`lower(p.valid)::text`.as('start'),
      sql<string | null>`(upper(p.valid) - 1)::text`.as('end'),
      (eb) =>
        eb
          .selectFrom('placement_withdrawal as w')
          .select('w.notice_waived_reason')
          .whereRef('w.placement_id', '=', 'p.id')
          .where('w.notice_waived_reason', 'is not', null)
          .orderBy('w.created_at', 'desc')
          .limit(1)
          .as('noticeWaived'),
    ])
    .where('p.child_id', '=', childId)
    .orderBy(sql`lower(p.valid)`)
    .execute();
  const names = await unitNames(db, [...new Set(rows.map((r) => r.unit_id))]);
  return rows.map((r) => ({ ...r, unitName: names.get(r.unit_id) ?? '' }));
}

/** A child's active applications with their wishes in rank order (unit names from registry). */
export async function applicationsOfChild(db: Db, childId: string) {
  const apps = await activeApplicationsOf(db, [childId]);
  if (!apps.length) return [];
  const wishes = await db
    .selectFrom('application_wish')
    .select(['application_id', 'unit_id'])
    .where(
      'application_id',
      'in',
      apps.map((a) => a.id),
    )
    .orderBy('rank')
    .execute();
  const names = await unitNames(db, [...new Set(wishes.map((w) => w.unit_id))]);
  return apps.map((a) => ({
    ...a,
    wishes: wishes
      .filter((w) => w.application_id === a.id)
      .map((w) => ({ unitId: w.unit_id, unitName: names.get(w.unit_id) ?? '' })),
  }));
}

/** What caseworkers did for the child, newest first (at most 100), with who did it by name. */
export async function caseworkLog(db: Db, childId: string) {
  const rows = await db
    .selectFrom('casework_action')
    .select(['id', 'action', 'reason', 'created_on as on', 'created_by'])
    .where('child_id', '=', childId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  const names = await userNames(db, [...new Set(rows.map((r) => r.created_by))]);
  return rows.map(({ created_by, ...r }) => ({ ...r, by: names.get(created_by) ?? null }));
}

/** Retention (issue 16): what placement holds about the children with a place at, or an application for, these units:
 *  per child the end (exclusive) of its last ended place, whether it has a current or future place (anywhere) and
 *  whether a case is open (an active application or a pending offer); and the applications withdrawn without a place. */
export async function placementRetentionFacts(db: Db, unitIds: string[], today: LocalDate) {
  if (!unitIds.length) return { children: new Map<string, ChildRetention>(), withdrawn: [] };
  const t = today.toString();
  const rows = await sql<{ child_id: string; last_end: string | null; current: boolean; open: boolean }>`
    with kids as (
      select child_id from placement where unit_id = any(${unitIds}::uuid[])
      union select a.child_id from application a join application_wish w on w.application_id = a.id
       where w.unit_id = any(${unitIds}::uuid[]))
    select k.child_id,
      (select max(upper(p.valid))::text from placement p where p.child_id = k.child_id and not upper_inf(p.valid)) as last_end,
      exists (select from placement p where p.child_id = k.child_id and (upper_inf(p.valid) or upper(p.valid) > ${t}::date)) as current,
      (exists (select from application a where a.child_id = k.child_id and a.status = 'active')
        or exists (select from offer o join application a on a.id = o.application_id
                    where a.child_id = k.child_id and o.status = 'pending')) as open
    from kids k`.execute(db);
  const withdrawn = await sql<{ id: string; child_id: string; closed_on: string }>`
    select a.id, a.child_id, coalesce(a.closed_on, a.created_at::date)::text as closed_on from application a
     where a.status = 'withdrawn'
       and exists (select from application_wish w where w.application_id = a.id and w.unit_id = any(${unitIds}::uuid[]))`.execute(
    db,
  );
  return {
    children: new Map(
      rows.rows.map((r) => [r.child_id, { lastEnd: r.last_end, current: r.current, open: r.open }] as const),
    ),
    withdrawn: withdrawn.rows.map((r) => ({ id: r.id, childId: r.child_id, closedOn: r.closed_on })),
  };
}
export interface ChildRetention {
  /** The day after the child's last ended place (ISO), null when it never had one that ended. */
  lastEnd: string | null;
  current: boolean;
  open: boolean;
}

/** Erases a child's case data (applications, offers, casework reasons, inbox notes, waived-notice reasons); the places
 *  themselves stay as statistics rows of the anonymised child. Returns the rows deleted. */
export async function erasePlacementCaseData(trx: Db, childIds: string[]): Promise<number> {
  if (!childIds.length) return 0;
  const apps = await trx.selectFrom('application').select('id').where('child_id', 'in', childIds).execute();
  let n = await eraseApplications(
    trx,
    apps.map((a) => a.id),
  );
  n += Number(
    (await trx.deleteFrom('casework_action').where('child_id', 'in', childIds).executeTakeFirst()).numDeletedRows,
  );
  n += Number(
    (await trx.deleteFrom('staff_inbox').where('child_id', 'in', childIds).executeTakeFirst()).numDeletedRows,
  );
  await sql`update placement_withdrawal set notice_waived_reason = null
             where notice_waived_reason is not null
               and placement_id in (select id from placement where child_id = any(${childIds}::uuid[]))`.execute(trx);
  return n;
}

/** Deletes applications with their wishes, offers and the casework rows that name them. Returns the rows deleted. */
export async function eraseApplications(trx: Db, applicationIds: string[]): Promise<number> {
  if (!applicationIds.length) return 0;
  const cw = await trx.deleteFrom('casework_action').where('application_id', 'in', applicationIds).executeTakeFirst();
  const offers = await trx.deleteFrom('offer').where('application_id', 'in', applicationIds).executeTakeFirst();
  const apps = await trx.deleteFrom('application').where('id', 'in', applicationIds).executeTakeFirst();
  return Number(cw.numDeletedRows) + Number(offers.numDeletedRows) + Number(apps.numDeletedRows);
}
