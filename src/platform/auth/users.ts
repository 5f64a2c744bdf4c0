// Users' display names for other modules' lists (e.g. who handled a task): the only SQL outside auth's routes naming app_user.
import type { Db } from '../db/database.js';

/** Display names by user id. */
export async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
