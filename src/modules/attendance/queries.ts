// Attendance reads: the unit's children on a day with their registration and reported absence, closing days,
// enrolment checks, holiday questionnaires and the correction window setting (these read placements, units and people:
// listed crossings). Absences, terminals and retention are in queries/, re-exported.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { attendanceError as fail } from './contract.js';
import { LocalDate } from '../../shared/index.js';
import { ageBandOf } from '../registry/index.js';
import { defineSettingSchemas, settingOn } from '../settings/index.js';
import {
  type ClosingDay,
  closingReason,
  DEFAULT_CORRECTION_WINDOW_DAYS,
  derivedStatus,
  hhmm,
  initials,
} from './rules.js';
export * from './queries/absences.js';
export * from './queries/terminals.js';
export * from './queries/retention.js';

const NONE = ['00000000-0000-0000-0000-000000000000'];

export async function isEnrolled(db: Db, childId: string, unitId: string, date: LocalDate): Promise<boolean> {
  const row = await db
    .selectFrom('placement')
    .select('id')
    .where('child_id', '=', childId)
    .where('unit_id', '=', unitId)
    .where(sql<boolean>`valid @> ${date.toString()}::date`)
    .executeTakeFirst();
  return !!row;
}

export async function unitOf(db: Db, unitId: string) {
  const u = await db
    .selectFrom('unit')
    .innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id')
    .select(['unit.id', 'unit.name', 'd.municipality_code as municipalityCode'])
    .where('unit.id', '=', unitId)
    .executeTakeFirst();
  if (!u) throw fail('attendance.unit-not-found');
  return u;
}

/** The municipality's correction window (null: the default). */
defineSettingSchemas({ 'attendance.correction_window_days': z.number().int().min(0).max(60) });

export async function correctionWindowDays(db: Db, municipalityCode: string | null, today: LocalDate): Promise<number> {
  const v = municipalityCode
    ? await settingOn<number>(db, municipalityCode, 'attendance.correction_window_days', today)
    : undefined;
  return typeof v === 'number' ? v : DEFAULT_CORRECTION_WINDOW_DAYS;
}

/** Listed closing days of a unit (its own and its municipality's) in [from, to]. */
export async function listedClosingDays(db: Db, unitId: string, from: LocalDate, to: LocalDate): Promise<ClosingDay[]> {
  const rows = await db
    .selectFrom('closing_day')
    .select(['date', 'name'])
    .where('date', '>=', from.toString())
    .where('date', '<=', to.toString())
    .where((eb) =>
      eb.or([
        eb('unit_id', '=', unitId),
        eb(
          'municipality_code',
          '=',
          eb
            .selectFrom('unit')
            .innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id')
            .select('d.municipality_code')
            .where('unit.id', '=', unitId),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => ({ date: LocalDate.parse(r.date), name: r.name }));
}

export async function closingOn(db: Db, unitId: string, date: LocalDate): Promise<string | null> {
  return closingReason(date, await listedClosingDays(db, unitId, date, date));
}

export interface DayChild {
  id: string;
  initials: string;
  firstName: string;
  lastName: string;
  ageMonths: number;
  ageBand: string;
  group: string;
  status: number;
  checkIn: string | null;
  checkOut: string | null;
  pickupBy: string | null;
  absence: 'sick' | 'day_off' | 'holiday' | null;
  hoursPerWeek: number;
}

/** Every child placed in the unit on `date`, with group (section by age), registration and absence. One query each. */
export async function childrenOnDay(db: Db, unitId: string, date: LocalDate): Promise<DayChild[]> {
  const d = date.toString();
  const [rows, sections] = await Promise.all([
    db
      .selectFrom('placement')
      .innerJoin('person as c', 'c.id', 'placement.child_id')
      .leftJoin('attendance as a', (j) => j.onRef('a.child_id', '=', 'c.id').on('a.date', '=', d))
      .leftJoin('absence as ab', (j) => j.onRef('ab.child_id', '=', 'c.id').on(sql<boolean>`ab.valid @> ${d}::date`))
      .select([
        'c.id',
        'c.first_name',
        'c.last_name',
        'c.birth_date',
        'placement.hours_per_week',
        'a.status',
        'a.check_in',
        'a.check_out',
        'a.pickup_by',
        'ab.type as absence',
      ])
      .where('placement.unit_id', '=', unitId)
      .where(sql<boolean>`placement.valid @> ${d}::date`)
      .orderBy('c.first_name')
      .orderBy('c.last_name')
      .execute(),
    db
      .selectFrom('unit_section')
      .select(['name', 'min_age_months', 'max_age_months'])
      .where('unit_id', '=', unitId)
      .orderBy('min_age_months')
      .execute(),
  ]);
  return rows.map((r) => {
    const ageMonths = LocalDate.parse(r.birth_date).ageInMonths(date);
    const section = sections.find((s) => ageMonths >= s.min_age_months && ageMonths < s.max_age_months);
    return {
      id: r.id,
      initials: initials(r.first_name, r.last_name),
      firstName: r.first_name,
      lastName: r.last_name,
      ageMonths,
      ageBand: ageBandOf(ageMonths),
      group: section?.name ?? 'Alle børn',
      status: derivedStatus(r.status ?? null, r.absence ?? null),
      checkIn: hhmm(r.check_in ?? null),
      checkOut: hhmm(r.check_out ?? null),
      pickupBy: r.pickup_by ?? null,
      absence: r.absence ?? null,
      hoursPerWeek: r.hours_per_week,
    };
  });
}

/** Children grouped by section, sections in age order as first met. */
export function byGroup<T extends { group: string }>(children: T[]): { name: string; children: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const c of children) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups].map(([name, list]) => ({ name, children: list }));
}

/** Registrations and absences of one unit over a date range, for history, planned vs actual and export. */
export async function registrationsBetween(db: Db, unitId: string, from: LocalDate, to: LocalDate) {
  return db
    .selectFrom('attendance as a')
    .innerJoin('person as c', 'c.id', 'a.child_id')
    .select([
      'a.id',
      'a.date',
      'a.child_id',
      'c.first_name',
      'c.last_name',
      'a.status',
      'a.check_in',
      'a.check_out',
      'a.pickup_by',
      'a.updated_at',
    ])
    .where('a.unit_id', '=', unitId)
    .where('a.date', '>=', from.toString())
    .where('a.date', '<=', to.toString())
    .orderBy('a.date')
    .orderBy('c.first_name')
    .orderBy('c.last_name')
    .execute();
}

/** Placed and absent children per day of a unit in [from, to] (set-based, one query). */
export async function plannedPerDay(db: Db, unitId: string, from: LocalDate, to: LocalDate) {
  const rows = await sql<{ day: string; placed: number; absent: number; checked_in: number }>`
    select d::date::text as day,
      count(p.id)::int as placed,
      count(p.id) filter (where exists (select 1 from absence ab where ab.child_id = p.child_id and ab.valid @> d::date))::int as absent,
      (select count(*)::int from attendance a where a.unit_id = ${unitId} and a.date = d::date and a.check_in is not null) as checked_in
    from generate_series(${from.toString()}::date, ${to.toString()}::date, interval '1 day') d
    left join placement p on p.unit_id = ${unitId} and p.valid @> d::date
    group by d order by d`.execute(db);
  return rows.rows;
}

export const unitIdsOrNone = (ids: string[]) => (ids.length ? ids : NONE);

/** A listed closing day of one unit or of a whole municipality. */
export async function addClosingDay(
  db: Db,
  owner: { unitId: string } | { municipalityCode: string },
  date: string,
  name: string,
) {
  const who = 'unitId' in owner ? { unit_id: owner.unitId } : { municipality_code: owner.municipalityCode };
  return db
    .insertInto('closing_day')
    .values({ ...who, date, name })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A child's registrations in [from, to] with the unit's name, newest first. */
export async function registrationsOfChild(db: Db, childId: string, from: LocalDate, to: LocalDate) {
  return db
    .selectFrom('attendance as a')
    .innerJoin('unit', 'unit.id', 'a.unit_id')
    .select(['a.date', 'a.status', 'a.check_in', 'a.check_out', 'a.pickup_by', 'unit.name as unitName'])
    .where('a.child_id', '=', childId)
    .where('a.date', '>=', from.toString())
    .where('a.date', '<=', to.toString())
    .orderBy('a.date', 'desc')
    .execute();
}

/** The units where the child has a place some day in the daterange. */
export async function unitsPlacedIn(db: Db, childId: string, range: string): Promise<string[]> {
  const rows = await db
    .selectFrom('placement')
    .select('unit_id')
    .where('child_id', '=', childId)
    .where(sql<boolean>`valid && ${range}::daterange`)
    .execute();
  return rows.map((r) => r.unit_id);
}
/** First names of children (people's table; read here for the questionnaire list). */
export async function firstNames(db: Db, ids: string[]) {
  return ids.length ? db.selectFrom('person').select(['id', 'first_name']).where('id', 'in', ids).execute() : [];
}

// Holiday questionnaires and their answers.
const qCols = ['q.id', 'q.municipality_code', 'q.unit_id', 'q.title', 'q.question', 'q.period', 'q.deadline'] as const;

/** Questionnaires whose period ends after `today`, asked of a unit where one of the children has a place in the period
 *  (or of that unit's municipality), one row per child and questionnaire, earliest period first. */
export async function questionnaireRowsForChildren(db: Db, childIds: string[], today: LocalDate) {
  return db
    .selectFrom('holiday_questionnaire as q')
    .innerJoin('placement as p', (j) => j.on(sql<boolean>`p.valid && q.period`))
    .innerJoin('unit as u', 'u.id', 'p.unit_id')
    .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
    .select([...qCols, 'p.child_id', 'u.id as childUnitId', 'u.name as unitName'])
    .where('p.child_id', 'in', childIds)
    .where(sql<boolean>`upper(q.period) > ${today.toString()}::date`)
    .where((eb) =>
      eb.or([
        eb('q.unit_id', '=', eb.ref('p.unit_id')),
        eb.and([eb('q.unit_id', 'is', null), eb('q.municipality_code', '=', eb.ref('d.municipality_code'))]),
      ]),
    )
    .orderBy(sql`lower(q.period)`)
    .execute();
}

export async function answersOf(db: Db, childIds: string[], questionnaireIds: string[]) {
  return db
    .selectFrom('holiday_answer')
    .select(['questionnaire_id', 'child_id', 'date', 'needs_care'])
    .where('child_id', 'in', childIds)
    .where('questionnaire_id', 'in', unitIdsOrNone(questionnaireIds))
    .orderBy('date')
    .execute();
}

/** Every place the child has had or will have. */
export async function placementsOfChild(db: Db, childId: string) {
  return db
    .selectFrom('placement')
    .select(['child_id as childId', 'unit_id as unitId'])
    .where('child_id', '=', childId)
    .execute();
}

export async function questionnaireById(db: Db, id: string) {
  return db.selectFrom('holiday_questionnaire as q').select(qCols).where('q.id', '=', id).executeTakeFirst();
}

/** Replaces a child's answers to a questionnaire. */
export async function replaceAnswers(
  trx: Db,
  id: string,
  childId: string,
  days: { date: string; needsCare: boolean }[],
  userId: string,
) {
  await trx.deleteFrom('holiday_answer').where('questionnaire_id', '=', id).where('child_id', '=', childId).execute();
  await trx
    .insertInto('holiday_answer')
    .values(
      days.map((d) => ({
        questionnaire_id: id,
        child_id: childId,
        date: d.date,
        needs_care: d.needsCare,
        answered_by: userId,
      })),
    )
    .execute();
}

export async function insertQuestionnaire(
  db: Db,
  q: {
    municipality_code: string;
    unit_id: string | null;
    title: string;
    question: string;
    period: string;
    deadline: string;
    created_by: string;
  },
) {
  return db.insertInto('holiday_questionnaire').values(q).returning('id').executeTakeFirstOrThrow();
}

/** Every questionnaire of a municipality (its own and its units'). */
export async function allQuestionnaires(db: Db, municipalityCode: string) {
  return db
    .selectFrom('holiday_questionnaire as q')
    .select(qCols)
    .where('q.municipality_code', '=', municipalityCode)
    .orderBy(sql`lower(q.period)`, 'desc')
    .execute();
}

/** Questionnaires asked of the unit or of its whole municipality whose period ends after `since`. */
export async function questionnairesOfUnit(db: Db, unit: { id: string; municipalityCode: string }, since: LocalDate) {
  return db
    .selectFrom('holiday_questionnaire as q')
    .select(qCols)
    .where(sql<boolean>`upper(q.period) > ${since.toString()}::date`)
    .where((eb) =>
      eb.or([
        eb('q.unit_id', '=', unit.id),
        eb.and([eb('q.unit_id', 'is', null), eb('q.municipality_code', '=', unit.municipalityCode)]),
      ]),
    )
    .orderBy(sql`lower(q.period)`)
    .execute();
}

/** Per day of a questionnaire's period: children placed in the unit, how many answered, and how many are expected. */
export async function expectedPerDay(db: Db, questionnaireId: string, start: string, end: string, unitId: string) {
  const r = await sql<{ day: string; placed: number; answered: number; expected: number }>`
    select d::date::text as day, count(p.id)::int as placed,
      count(a.id)::int as answered, count(a.id) filter (where a.needs_care)::int as expected
    from generate_series(${start}::date, ${end}::date, interval '1 day') d
    left join placement p on p.unit_id = ${unitId} and p.valid @> d::date
    left join holiday_answer a on a.questionnaire_id = ${questionnaireId} and a.child_id = p.child_id and a.date = d::date
    group by d order by d`.execute(db);
  return r.rows;
}

/** One day's komme/gå of the units for Aula: each registration (status code 0–8, times) and the children among
 *  `childIds` with a reported absence that day (sick or day off/holiday), set-based. */
export async function presenceOnDay(db: Db, unitIds: readonly string[], childIds: readonly string[], date: LocalDate) {
  const d = date.toString();
  const [registrations, absences] = await Promise.all([
    unitIds.length
      ? sql<{ child_id: string; unit_id: string; status: number; check_in: string | null; check_out: string | null }>`
          select a.child_id, a.unit_id, a.status, a.check_in::text as check_in, a.check_out::text as check_out
          from unnest(${[...unitIds]}::uuid[]) as x(id) join attendance a on a.unit_id = x.id where a.date = ${d}::date`
          .execute(db)
          .then((r) => r.rows)
      : [],
    childIds.length
      ? sql<{ child_id: string; type: 'sick' | 'day_off' | 'holiday' }>`
          select b.child_id, b.type from unnest(${[...childIds]}::uuid[]) as x(id) join absence b on b.child_id = x.id
          where b.valid @> ${d}::date`
          .execute(db)
          .then((r) => r.rows)
      : [],
  ]);
  return { registrations, absences };
}
