// Small builders for fresh test data: each call makes new rows with unique numbers, so a test sets up exactly what it
// needs and can run alone (`vitest -t`). Defaults are sensible; pass only what the test is about.
import { randomInt } from 'node:crypto';
import type { Db } from '../src/platform/db/database.js';
import type { Role } from '../src/platform/db/schema.js';
import { LocalDate, municipalityByCode } from '../src/shared/index.js';

let seq = randomInt(1, 400_000);
/** A 6-character register number unique within the test database. */
const number = (prefix: string) => `${prefix}${String(++seq % 100_000).padStart(5, '0')}`;
const day = (d: LocalDate | string) => d.toString();

export async function aMunicipality(db: Db, code = '0860', name = municipalityByCode(code)?.name ?? code) {
  await db
    .insertInto('municipality')
    .values({ code, name })
    .onConflict((c) => c.doNothing())
    .execute();
  return code;
}

export interface UnitSpec {
  municipalityCode?: string;
  name?: string;
  type?: 'dagpleje' | 'vuggestue' | 'boernehave' | 'integreret' | 'fritidshjem' | 'sfo' | 'klub';
  /** Places per age band from 2020-01-01, e.g. { '0-2': 12, '3-5': 20 }. */
  places?: Partial<Record<'0-2' | '3-5' | '6-9' | '10-13' | '14-17', number>>;
}

export async function aUnit(db: Db, spec: UnitSpec = {}) {
  const municipalityCode = await aMunicipality(db, spec.municipalityCode);
  const name = spec.name ?? `Børnehuset ${seq}`;
  const inst = await db
    .insertInto('daginstitution')
    .values({ number: number('G'), name, ejerform: 'kommunal', municipality_code: municipalityCode })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unit = await db
    .insertInto('unit')
    .values({
      number: number('A'),
      daginstitution_id: inst.id,
      name,
      type: spec.type ?? 'integreret',
      street: 'Vestergade 1',
      postal_code: '9800',
      city: 'Hjørring',
      lat: 57.46,
      lon: 9.98,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const places = spec.places ?? { '0-2': 12, '3-5': 20 };
  const rows = Object.entries(places).map(([band, n]) => ({
    unit_id: unit.id,
    age_band: band as '0-2',
    places: n!,
    valid: '[2020-01-01,)',
  }));
  if (rows.length) await db.insertInto('capacity').values(rows).execute();
  return { id: unit.id, daginstitutionId: inst.id, municipalityCode };
}

export async function aHousehold(db: Db, municipalityCode = '0860') {
  await aMunicipality(db, municipalityCode);
  const h = await db
    .insertInto('household')
    .values({
      street: `Skolegade ${++seq % 200}`,
      postal_code: '9800',
      city: 'Hjørring',
      municipality_code: municipalityCode,
      lat: 57.457,
      lon: 9.985,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return h.id;
}

/** A CPR-shaped number for a birth date (fictitious: the serial is random). */
function cprFor(birth: LocalDate, sex: 'female' | 'male') {
  const dd = String(birth.day).padStart(2, '0');
  const mm = String(birth.month).padStart(2, '0');
  const yy = String(birth.year % 100).padStart(2, '0');
  let serial = randomInt(0, 10_000);
  if ((serial % 2 === 0) !== (sex === 'female')) serial = (serial + 1) % 10_000;
  return `${dd}${mm}${yy}${String(serial).padStart(4, '0')}`;
}

export interface PersonSpec {
  firstName?: string;
  lastName?: string;
  birthDate?: LocalDate;
  sex?: 'female' | 'male';
  householdId?: string;
}

async function aPerson(db: Db, spec: PersonSpec, defaultBirth: LocalDate) {
  const birth = spec.birthDate ?? defaultBirth;
  const sex = spec.sex ?? (seq % 2 ? 'female' : 'male');
  for (let attempt = 0; ; attempt++) {
    try {
      const p = await db
        .insertInto('person')
        .values({
          cpr: cprFor(birth, sex),
          first_name: spec.firstName ?? 'Test',
          last_name: spec.lastName ?? `Person${++seq}`,
          birth_date: day(birth),
          sex,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const householdId = spec.householdId ?? (await aHousehold(db));
      await db
        .insertInto('residence')
        .values({ person_id: p.id, household_id: householdId, valid: `[${day(birth)},)` })
        .execute();
      return { id: p.id, householdId };
    } catch (e: any) {
      if (attempt > 5 || !/person_cpr_key|unique/.test(String(e.message))) throw e;
    }
  }
}

/** A child, by default two years old on 2026-01-01, living in a new household. */
export const aChild = (db: Db, spec: PersonSpec = {}) => aPerson(db, spec, LocalDate.of(2024, 1, 1));

/** A guardian with custody of the child from its birth, in the child's household unless told otherwise. */
export async function aGuardianOf(db: Db, child: { id: string; householdId: string }, spec: PersonSpec = {}) {
  const g = await aPerson(db, { householdId: child.householdId, ...spec }, LocalDate.of(1990, 5, 5));
  const birth = await db.selectFrom('person').select('birth_date').where('id', '=', child.id).executeTakeFirstOrThrow();
  await db
    .insertInto('custody')
    .values({ child_id: child.id, guardian_id: g.id, valid: `[${String(birth.birth_date).slice(0, 10)},)` })
    .execute();
  const user = await db
    .insertInto('app_user')
    .values({ role: 'guardian', name: `${spec.firstName ?? 'Test'} Forælder`, person_id: g.id, demo_persona: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: g.id, userId: user.id };
}

/** A place for the child in the unit from `start` (open-ended unless `end`). */
export async function aPlacement(
  db: Db,
  childId: string,
  unitId: string,
  start: LocalDate,
  opts: { end?: LocalDate; hours?: number; kind?: 'dagtilbud' | 'fritidstilbud' | 'klub'; dagplejerId?: string } = {},
) {
  const p = await db
    .insertInto('placement')
    .values({
      child_id: childId,
      unit_id: unitId,
      kind: opts.kind ?? 'dagtilbud',
      hours_per_week: opts.hours ?? 40,
      valid: `[${day(start)},${opts.end ? day(opts.end) : ''})`,
      ...(opts.dagplejerId && { dagplejer_id: opts.dagplejerId }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return p.id;
}

/** A staff user of a municipality (a demo persona, so tests can log in as it); unit roles are scoped to `unitIds`. */
export async function aStaffUser(
  db: Db,
  role: Exclude<Role, 'guardian'>,
  unitIds: string[] = [],
  municipalityCode = '0860',
) {
  await aMunicipality(db, municipalityCode);
  const u = await db
    .insertInto('app_user')
    .values({ role, name: `${role} ${++seq}`, demo_persona: true, municipality_code: municipalityCode })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (unitIds.length)
    await db
      .insertInto('user_unit')
      .values(unitIds.map((unit_id) => ({ user_id: u.id, unit_id })))
      .execute();
  return u.id;
}

export interface EmployeeSpec {
  jobType?: 'leder' | 'paedagog' | 'paedagogisk_assistent' | 'medhjaelper' | 'dagplejer';
  /** Contracted hours a week (37 = one full-time person). */
  hours?: number;
  from?: LocalDate;
  to?: LocalDate;
  firstName?: string;
}

/** An employee of the unit, by default a full-time pædagog from 2020-01-01. */
export async function anEmployee(db: Db, unitId: string, spec: EmployeeSpec = {}) {
  const e = await db
    .insertInto('employee')
    .values({
      unit_id: unitId,
      first_name: spec.firstName ?? 'Ansat',
      last_name: `Nr${++seq}`,
      job_type: spec.jobType ?? 'paedagog',
      weekly_minutes: Math.round((spec.hours ?? 37) * 60),
      valid: `[${day(spec.from ?? LocalDate.of(2020, 1, 1))},${spec.to ? day(spec.to) : ''})`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return e.id;
}

/** A household's registered yearly income (øre) from a day (billing's friplads basis). */
export async function anIncome(db: Db, householdId: string, yearlyOere: number, from: LocalDate) {
  await db
    .insertInto('household_income')
    .values({ household_id: householdId, yearly_oere: yearlyOere, valid: `[${day(from)},)` })
    .execute();
}

/** An approved case of tilskud til privat pasning from a day (default 1 December 2026, open-ended) at a carer of its
 *  own: the payee is the applicant, the expense (default 4.000 kr. a month) is the family's. */
export async function aPrivatPasningCase(
  db: Db,
  child: { id: string; householdId: string },
  payeeId: string,
  spec: { municipalityCode?: string; expenseOere?: number; from?: LocalDate } = {},
) {
  const m = await aMunicipality(db, spec.municipalityCode ?? '0860');
  const from = spec.from ?? LocalDate.of(2026, 12, 1);
  const carer = await db
    .insertInto('subsidy_carer')
    .values({
      municipality_code: m,
      name: `Privat pasningsordning ${++seq}`,
      street: 'Havnegade 3',
      postal_code: '9800',
      city: 'Hjørring',
      approved_on: '2025-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const c = await db
    .insertInto('subsidy_case')
    .values({
      municipality_code: m,
      scheme: 'privat_pasning',
      child_id: child.id,
      household_id: child.householdId,
      applicant_id: payeeId,
      carer_id: carer.id,
      expense_oere: spec.expenseOere ?? 400_000,
      hours_per_week: 40,
      children_in_care: 4,
      valid: `[${day(from)},)`,
      status: 'approved',
      submitted_on: day(from.plusMonths(-1)),
      deadline: day(from.plusMonths(-1).plusDays(30)),
      decided_on: day(from.plusMonths(-1).plusDays(7)),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return c.id;
}

/** A section of the unit for children of an age in months, [min, max). */
export async function aSection(db: Db, unitId: string, name: string, minAgeMonths: number, maxAgeMonths: number) {
  await db
    .insertInto('unit_section')
    .values({ unit_id: unitId, name, min_age_months: minAgeMonths, max_age_months: maxAgeMonths })
    .execute();
}
