// Employees: who works at a unit, in which job and for how many hours (migration 019). The only SQL that names the
// employee table; reporting reads staffing through employeesOn.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { JobType } from '../../platform/db/schema.js';

/** The employees of the units employed on a date (one statement over all the units). */
export async function employeesOn(db: Db, unitIds: readonly string[], date: string) {
  const rows = await sql<{ id: string; unit_id: string; job_type: JobType; weekly_minutes: number }>`
    select e.id, e.unit_id, e.job_type, e.weekly_minutes
    from unnest(${[...unitIds]}::uuid[]) as x(id) join employee e on e.unit_id = x.id where e.valid @> ${date}::date`.execute(
    db,
  );
  return rows.rows.map((r) => ({ id: r.id, unitId: r.unit_id, jobType: r.job_type, weeklyMinutes: r.weekly_minutes }));
}

/** Employees' names by id ("Fornavn Efternavn"). */
export async function employeeNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await sql<{ id: string; name: string }>`select id, first_name || ' ' || last_name as name from employee
    where id = any(${[...ids]}::uuid[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r.name]));
}
