// Custody over time: a guardian's children and a child's guardians on a date.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { LocalDate } from '../../../shared/index.js';

const on = (d: LocalDate) => sql<boolean>`valid @> ${d.toString()}::date`;

export async function childIdsInCustody(db: Db, guardianId: string, today: LocalDate): Promise<string[]> {
  const rows = await db
    .selectFrom('custody')
    .select('child_id')
    .where('guardian_id', '=', guardianId)
    .where(on(today))
    .execute();
  return rows.map((r) => r.child_id);
}

/** The child's guardians with custody on a date. */
export async function guardianIdsOf(db: Db, childId: string, date: LocalDate): Promise<string[]> {
  const rows = await db
    .selectFrom('custody')
    .select('guardian_id')
    .where('child_id', '=', childId)
    .where(on(date))
    .execute();
  return rows.map((r) => r.guardian_id);
}

/** Several children's guardians with custody on a date, per child (a child without any is left out). */
export async function guardianIdsOfMany(db: Db, childIds: string[], date: LocalDate): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < childIds.length; i += 5000) {
    const rows = await db
      .selectFrom('custody')
      .select(['child_id', 'guardian_id'])
      .where('child_id', 'in', childIds.slice(i, i + 5000))
      .where(on(date))
      .execute();
    for (const r of rows) out.set(r.child_id, [...(out.get(r.child_id) ?? []), r.guardian_id]);
  }
  return out;
}

/** Every guardian the children ever had custody of, per guardian the children (any period). */
export async function custodyOfGuardians(db: Db, childIds: string[]) {
  if (!childIds.length) return new Map<string, string[]>();
  const rows = await sql<{ guardian_id: string; children: string[] }>`
    select c.guardian_id, array_agg(distinct c2.child_id) as children from custody c
      join custody c2 on c2.guardian_id = c.guardian_id
     where c.child_id = any(${childIds}::uuid[]) group by c.guardian_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.guardian_id, r.children]));
}
