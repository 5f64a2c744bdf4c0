// Employees (the employee table is this module's): who works at a unit, in which job and how many hours a week.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { JobType } from '../../platform/db/schema.js';
import type { LocalDate } from '../../shared/index.js';
import type { Employee } from './contract.js';

const columns = [
  'id',
  'unit_id',
  'first_name',
  'last_name',
  'job_type',
  'weekly_minutes',
  'user_id',
  sql<string>`lower(valid)::text`.as('start'),
  sql<string | null>`(upper(valid) - 1)::text`.as('end'),
] as const;

type Row = {
  id: string;
  unit_id: string;
  first_name: string;
  last_name: string;
  job_type: JobType;
  weekly_minutes: number;
  user_id: string | null;
  start: string;
  end: string | null;
};
const toEmployee = (r: Row): Employee & { unitId: string } => ({
  id: r.id,
  unitId: r.unit_id,
  firstName: r.first_name,
  lastName: r.last_name,
  jobType: r.job_type,
  weeklyMinutes: r.weekly_minutes,
  start: r.start,
  end: r.end,
  userId: r.user_id,
});

/** The employees of the units on a date with their job type and weekly minutes (normering builds on it). */
export async function employeesOn(
  db: Db,
  unitIds: readonly string[],
  date: LocalDate,
): Promise<{ id: string; unitId: string; jobType: JobType; weeklyMinutes: number }[]> {
  if (!unitIds.length) return [];
  // A join on unnest rather than `in (…)`: reporting asks for every unit of the country at once. A municipality's
  // units (up to a thousand) are looked up unit by unit (an index scan each): joined to the array, the planner scans
  // the country's employees for them.
  const d = date.toString(),
    ids = [...unitIds];
  const rows = await sql<{ id: string; unit_id: string; job_type: JobType; weekly_minutes: number }>`
    select e.id, e.unit_id, e.job_type, e.weekly_minutes from unnest(${ids}::uuid[]) as x(id) ${
      ids.length <= 1000
        ? sql`cross join lateral (select * from employee e where e.unit_id = x.id and e.valid @> ${d}::date offset 0) e`
        : sql`join employee e on e.unit_id = x.id where e.valid @> ${d}::date`
    }`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, unitId: r.unit_id, jobType: r.job_type, weeklyMinutes: r.weekly_minutes }));
}

/** Employees' names by id ("Fornavn Efternavn"). */
export async function employeeNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await sql<{ id: string; name: string }>`select id, first_name || ' ' || last_name as name from employee
    where id = any(${[...ids]}::uuid[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r.name]));
}

/** One unit's employees on a date, leader first, then by job and name. */
export async function unitEmployeesOn(db: Db, unitId: string, date: LocalDate) {
  const rows = await db
    .selectFrom('employee')
    .select(columns)
    .where('unit_id', '=', unitId)
    .where(sql<boolean>`valid @> ${date.toString()}::date`)
    .orderBy('job_type')
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
  return rows.map(toEmployee);
}

export async function employeeById(db: Db, id: string) {
  const r = await db.selectFrom('employee').select(columns).where('id', '=', id).executeTakeFirst();
  return r ? toEmployee(r) : null;
}

export async function addEmployee(
  trx: Db,
  e: {
    unitId: string;
    firstName: string;
    lastName: string;
    jobType: JobType;
    weeklyMinutes: number;
    start: string;
    end: string | null;
    userId: string | null;
  },
) {
  return trx
    .insertInto('employee')
    .values({
      unit_id: e.unitId,
      first_name: e.firstName,
      last_name: e.lastName,
      job_type: e.jobType,
      weekly_minutes: e.weeklyMinutes,
      user_id: e.userId,
      valid: sql<string>`daterange(${e.start}::date, ${e.end}::date, '[]')`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function setWeeklyMinutes(trx: Db, id: string, weeklyMinutes: number) {
  await trx.updateTable('employee').set({ weekly_minutes: weeklyMinutes }).where('id', '=', id).execute();
}

/** Ends the employment after `lastDay` (inclusive); the caller has checked it is not before the start. */
export async function endEmployee(trx: Db, id: string, lastDay: string) {
  await trx
    .updateTable('employee')
    .set({ valid: sql<string>`valid * daterange(null, ${lastDay}::date, '(]')` })
    .where('id', '=', id)
    .execute();
}

/** Whether the employee is a dagplejer of the unit employed during some of the period from `start`. */
export async function isDagplejerOf(db: Db, employeeId: string, unitId: string, start: string) {
  const r = await db
    .selectFrom('employee')
    .select('id')
    .where('id', '=', employeeId)
    .where('unit_id', '=', unitId)
    .where('job_type', '=', 'dagplejer')
    .where(sql<boolean>`(upper_inf(valid) or upper(valid) > ${start}::date)`)
    .executeTakeFirst();
  return !!r;
}

/** The employees of the units on a date with their names and job type (the Unilogin roster). */
export async function employeeRosterOn(db: Db, unitIds: readonly string[], date: LocalDate) {
  if (!unitIds.length) return [];
  const rows = await sql<{ id: string; unit_id: string; first_name: string; last_name: string; job_type: JobType }>`
    select e.id, e.unit_id, e.first_name, e.last_name, e.job_type
    from unnest(${[...unitIds]}::uuid[]) as x(id) join employee e on e.unit_id = x.id
    where e.valid @> ${date.toString()}::date`.execute(db);
  return rows.rows;
}
