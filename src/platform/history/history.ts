// Reads the row history written by the database triggers, as field-level changes with the actor's name.
import type { Db } from '../db/database.js';

const HIDDEN = new Set(['cpr', 'search_name']);

export async function historyOf(db: Db, rows: { table: string; ids: string[] }[], limit = 100) {
  const pairs = rows.filter((r) => r.ids.length);
  if (!pairs.length) return [];
  const found = await db
    .selectFrom('row_history')
    .leftJoin('app_user', 'app_user.id', 'row_history.actor')
    .select([
      'row_history.at',
      'row_history.op',
      'row_history.table_name',
      'row_history.old',
      'row_history.new',
      'app_user.name as actorName',
    ])
    .where((eb) =>
      eb.or(
        pairs.map((p) => eb.and([eb('row_history.table_name', '=', p.table), eb('row_history.row_id', 'in', p.ids)])),
      ),
    )
    .orderBy('row_history.id', 'desc')
    .limit(limit)
    .execute();
  return found.map((h) => {
    const oldRow = (h.old ?? {}) as Record<string, unknown>,
      newRow = (h.new ?? {}) as Record<string, unknown>;
    const fields = new Set([...Object.keys(oldRow), ...Object.keys(newRow)]);
    const changes = [...fields]
      .filter((f) => f !== 'id' && !HIDDEN.has(f) && JSON.stringify(oldRow[f]) !== JSON.stringify(newRow[f]))
      .map((f) => ({ field: f, from: oldRow[f] ?? null, to: newRow[f] ?? null }));
    return { at: h.at, op: h.op, table: h.table_name, actorName: h.actorName, changes };
  });
}
