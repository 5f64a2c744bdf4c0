// Staff users (app_user, user_unit, session are platform/auth's tables): list, create, change, end, and the validity
// check every login and session makes.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { LocalDate } from '../../../shared/index.js';
import { UNIT_ROLES } from '../actor.js';
import type { StaffUser, UserFields } from './contract.js';
import { usersError } from './contract.js';

/** The SQL condition "the user may log in on `date`" (app_user.valid contains it). */
export const validOn = (date: LocalDate) => sql<boolean>`app_user.valid @> ${date.toString()}::date`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** A municipality's staff users a page at a time, by name; `today` decides `active`. */
export async function listUsers(
  db: Db,
  today: LocalDate,
  f: { municipality: string; q?: string; page: number; pageSize: number },
): Promise<{ items: StaffUser[]; total: number }> {
  let base = db
    .selectFrom('app_user')
    .where('app_user.role', '!=', 'guardian')
    .where('app_user.municipality_code', '=', f.municipality);
  if (f.q) base = base.where(sql<boolean>`lower(app_user.name) like ${'%' + escapeLike(f.q.toLowerCase()) + '%'}`);
  const { n } = await base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['app_user.id'])
    .orderBy(sql`lower(app_user.name)`)
    .orderBy('app_user.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    items: await usersByIds(
      db,
      today,
      f.municipality,
      rows.map((r) => r.id),
    ),
    total: Number(n),
  };
}

/** The municipality's users by id (staff roles only), in the order given. */
export async function usersByIds(db: Db, today: LocalDate, municipality: string, ids: string[]): Promise<StaffUser[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('app_user')
    .leftJoin('app_user as creator', 'creator.id', 'app_user.created_by')
    .select([
      'app_user.id',
      'app_user.name',
      'app_user.email',
      'app_user.role',
      'app_user.oidc_subject',
      'creator.name as creator',
      sql<string | null>`lower(app_user.valid)::text`.as('start'),
      sql<string | null>`(upper(app_user.valid) - 1)::text`.as('end'),
      sql<boolean>`app_user.valid @> ${today.toString()}::date`.as('active'),
    ])
    .where('app_user.id', 'in', ids)
    .where('app_user.role', '!=', 'guardian')
    .where('app_user.municipality_code', '=', municipality)
    .execute();
  const units = await db.selectFrom('user_unit').select(['user_id', 'unit_id']).where('user_id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        name: r.name,
        email: r.email,
        role: r.role as StaffUser['role'],
        unitIds: units.filter((u) => u.user_id === id).map((u) => u.unit_id),
        oidcSubject: r.oidc_subject,
        start: r.start,
        end: r.end,
        active: r.active,
        createdBy: r.creator,
      },
    ];
  });
}

/** Checks the fields of a new or changed user; unit roles need at least one unit, other roles have none. */
export function checkFields(f: UserFields): UserFields {
  const isUnitRole = UNIT_ROLES.includes(f.role);
  if (isUnitRole && f.unitIds.length === 0) throw usersError('users.unit-scope-required', { role: f.role });
  if (f.end && f.end < f.start) throw usersError('users.end-before-start');
  return { ...f, unitIds: isUnitRole ? [...new Set(f.unitIds)] : [] };
}

/** The app_user columns of the fields (one place, so a new field such as the municipality is one more line). */
const columns = (f: UserFields) => ({
  name: f.name,
  email: f.email,
  role: f.role,
  oidc_subject: f.oidcSubject,
  valid: sql<string>`daterange(${f.start}::date, ${f.end}::date, '[]')`,
});

async function withRefusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e: any) {
    if (e?.code === '23505' && String(e.constraint ?? e.message).includes('oidc_subject'))
      throw usersError('users.oidc-subject-taken');
    if (e?.code === '23503' && String(e.constraint ?? e.message).includes('unit'))
      throw usersError('users.unit-not-found');
    throw e;
  }
}

/** Creates a staff user of the municipality (the creating administrator's). */
export async function createUser(
  trx: Db,
  f: UserFields,
  municipality: string,
  createdBy: string | null,
): Promise<string> {
  return withRefusals(async () => {
    const u = await trx
      .insertInto('app_user')
      .values({ ...columns(f), municipality_code: municipality, created_by: createdBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (f.unitIds.length)
      await trx
        .insertInto('user_unit')
        .values(f.unitIds.map((unit_id) => ({ user_id: u.id, unit_id })))
        .execute();
    return u.id;
  });
}

/** Changes a staff user of the municipality; false when it has no such staff user. */
export async function updateUser(trx: Db, id: string, municipality: string, f: UserFields): Promise<boolean> {
  return withRefusals(async () => {
    const r = await trx
      .updateTable('app_user')
      .set(columns(f))
      .where('id', '=', id)
      .where('role', '!=', 'guardian')
      .where('municipality_code', '=', municipality)
      .executeTakeFirst();
    if (!r.numUpdatedRows) return false;
    await trx.deleteFrom('user_unit').where('user_id', '=', id).execute();
    if (f.unitIds.length)
      await trx
        .insertInto('user_unit')
        .values(f.unitIds.map((unit_id) => ({ user_id: id, unit_id })))
        .execute();
    return true;
  });
}

/** Ends a staff user of the municipality after `lastDay` (never valid if before its start); deletes its sessions when
 *  that is already past. Returns the number of sessions revoked, or null when it has no such staff user. */
export async function endUser(
  trx: Db,
  id: string,
  municipality: string,
  lastDay: LocalDate,
  today: LocalDate,
): Promise<number | null> {
  const r = await trx
    .updateTable('app_user')
    .set({
      valid: sql<string>`case when lower(valid) > ${lastDay.toString()}::date then 'empty'::daterange
        else valid * daterange(null, ${lastDay.toString()}::date, '(]') end`,
    })
    .where('id', '=', id)
    .where('role', '!=', 'guardian')
    .where('municipality_code', '=', municipality)
    .executeTakeFirst();
  if (!r.numUpdatedRows) return null;
  if (!lastDay.isBefore(today)) return 0;
  const del = await trx.deleteFrom('session').where('user_id', '=', id).executeTakeFirst();
  return Number(del.numDeletedRows);
}

/** Every staff user a municipality ever had (retention of the audit rows they wrote). */
export async function staffUserIdsOf(db: Db, municipality: string): Promise<string[]> {
  const rows = await db.selectFrom('app_user').select('id').where('municipality_code', '=', municipality).execute();
  return rows.map((r) => r.id);
}
