// Deterministic demo municipality: real register units of Hjørring (small) or København (city), synthetic SFOs and
// klubber, households with guardians and children, placements, capacity and demo personas. Same seed, same data.
import { type Insertable, type Kysely, sql } from 'kysely';
import { MAX_PARAMETERS, type Database } from '../platform/db/database.js';
import type { DB } from '../platform/db/schema.js';
import { LocalDate, MUNICIPALITIES, municipalityByCode } from '../shared/index.js';
import { addSetting } from '../modules/settings/index.js';
import { buildFamilies } from './families.js';
import { loadInstitutions } from './institutions.js';
import { buildPlacements } from './placements.js';
import { deriveSeed, Rng, UuidGen } from './prng.js';
import { buildSeparatedFamilies } from './separated.js';
import { buildRegister } from './register.js';
import { buildUsers } from './users.js';
import { markRegistered } from '../modules/registry/index.js';
import { seedBilling } from './seed-billing.js';
import { seedAttendance } from './seed-attendance.js';

import { seedPlacement } from './seed-placement.js';
import { seedBooking } from './seed-booking.js';
import { assignDagplejere, buildEmployees, normeringOf } from './employees.js';
export type DemoScale = 'small' | 'city';

export interface SeedOptions {
  scale: DemoScale;
  seed?: number;
  today: LocalDate;
  onProgress?: (msg: string) => void;
}

export interface SeedResult {
  units: number;
  children: number;
  guardians: number;
  users: number;
}

export const DEMO_SCALES: Record<DemoScale, { municipalityCode: string; preschool: number; school: number }> = {
  small: { municipalityCode: '0860', preschool: 3000, school: 1500 },
  city: { municipalityCode: '0101', preschool: 30000, school: 20000 },
};

/** A second, small municipality next to the default one (one installation, several tenants): eight real register
 *  units of Frederikshavn, a few hundred children, its own caseworker and finance staff and its own rules. */
export const NEIGHBOUR = { municipalityCode: '0813', preschool: 250, school: 100 } as const;

/** Generates the demo municipality in memory, then bulk-loads it in one transaction (history triggers skipped). */
export async function seedDemo(database: Database, opts: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const progress = (msg: string) => opts.onProgress?.(`${msg} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const seed = opts.seed ?? 1;
  const cfg = DEMO_SCALES[opts.scale];
  const ids = new UuidGen(seed);

  const institutions = loadInstitutions(cfg.municipalityCode);
  const register = buildRegister({
    municipalityCode: cfg.municipalityCode,
    institutions,
    schoolAgeTarget: cfg.school,
    rng: new Rng(seed, 'register'),
    ids,
  });
  progress(`register: ${register.units.length} units (${institutions.length} real) in ${register.areaIds.size} areas`);
  const { families, rows: familyRows } = buildFamilies({
    municipalityCode: cfg.municipalityCode,
    register,
    today: opts.today,
    targets: { preschool: cfg.preschool, school: cfg.school },
    rng: new Rng(seed, 'families'),
    ids,
  });
  const children = families.reduce((n, f) => n + f.children.length, 0);
  const guardians = families.reduce((n, f) => n + f.guardians.length, 0);
  progress(`people: ${families.length} households, ${children} children, ${guardians} guardians`);
  const placements = buildPlacements(families, register, opts.today, new Rng(seed, 'placements'), ids);
  progress(`placements: ${placements.rows.placement.length} (${placements.current.size} current)`);
  const users = buildUsers(families, register, placements, opts.today, ids, cfg.municipalityCode);
  // Staff from the municipality's real ratios, on their own id stream (the data above stays as it was).
  const municipalityName = MUNICIPALITIES.find((m) => m.code === cfg.municipalityCode)?.name ?? '';
  const employees = buildEmployees(
    families,
    register,
    placements,
    normeringOf(municipalityName),
    opts.today,
    new Rng(seed, 'employees'),
    new UuidGen(deriveSeed(seed, 'employees')),
  );
  assignDagplejere(
    placements.rows.placement,
    employees,
    new Set(register.units.filter((u) => u.type === 'dagpleje').map((u) => u.id)),
  );
  // Separated families (two households, shared custody) on their own id stream: the data above stays as it was.
  const separated = buildSeparatedFamilies({
    municipalityCode: cfg.municipalityCode,
    register,
    placements,
    today: opts.today,
    ids: new UuidGen(deriveSeed(seed, 'separated')),
    birthOf: new Map(families.flatMap((f) => f.children.map((c) => [c.id, c.birth] as const))),
    takenCprs: new Set(familyRows.person.map((p) => p.cpr!)),
  });

  await database.db.transaction().execute(async (trx) => {
    await sql`select set_config('spire.actor', 'seed', true)`.execute(trx);
    await trx
      .insertInto('municipality')
      .values(MUNICIPALITIES.map((m) => ({ code: m.code, name: m.name })))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    const load = async <T extends keyof DB>(table: T, rows: Insertable<DB[T]>[]) => {
      await insertBatched(trx, table, rows);
      progress(`inserted ${rows.length} ${table}`);
    };
    await load('area', register.rows.area);
    await load('daginstitution', register.rows.daginstitution);
    await load('unit', register.rows.unit);
    await load('unit_section', register.rows.unit_section);
    // The real units came from the register (their numbers are its own); the made-up SFOs and klubber did not.
    const realUnits = register.rows.unit.filter((u) => !u.synthetic);
    const realInst = new Set(realUnits.map((u) => u.daginstitution_id));
    await markRegistered(
      trx,
      'anvisningsenhed',
      realUnits.map((u) => u.number),
    );
    await markRegistered(
      trx,
      'daginstitution',
      register.rows.daginstitution.filter((d) => realInst.has(d.id!)).map((d) => d.number),
    );
    await load('capacity', placements.rows.capacity);
    await load('employee', employees);
    await load('household', familyRows.household);
    await load('person', familyRows.person);
    await load('residence', familyRows.residence);
    await load('custody', familyRows.custody);
    await load('placement', placements.rows.placement);
    await load('app_user', users.app_user);
    await load('user_unit', users.user_unit);
    await seedBilling(trx, cfg.municipalityCode);
    progress('billing: rates, lunch schemes, household incomes');
    // After seedBilling: these households get their own incomes, not the generated ones.
    for (const table of [
      'household',
      'person',
      'residence',
      'custody',
      'placement',
      'household_income',
      'app_user',
    ] as const)
      await insertBatched(trx, table, separated[table]);
    progress(`separated families: ${separated.household.length} households, ${separated.placement.length} children`);
  });
  progress(`placement applications: ${await seedPlacement(database.db, opts.today, new Rng(seed, 'placement'), ids)}`);
  progress(`bookings: ${await seedBooking(database.db, opts.today, new Rng(seed, 'booking'), ids)}`);
  const neighbour = await seedNeighbour(database, opts.today, seed, {
    numbers: new Set([
      ...register.rows.daginstitution.map((d) => d.number),
      ...register.rows.unit.map((u) => u.number),
    ]),
    cprs: new Set([...familyRows.person, ...separated.person].map((p) => p.cpr!)),
  });
  progress(
    `${municipalityByCode(NEIGHBOUR.municipalityCode)!.name}: ${neighbour.units} units, ${neighbour.children} children`,
  );
  progress('demo data loaded');
  await seedAttendance(database, opts.today, cfg.municipalityCode);
  return {
    units: register.units.length + neighbour.units,
    children: children + neighbour.children,
    guardians: guardians + neighbour.guardians,
    users: users.app_user.length + separated.app_user.length + neighbour.users,
  };
}

/** The neighbour municipality on its own id streams (the default municipality's data stays as it was). */
async function seedNeighbour(
  database: Database,
  today: LocalDate,
  seed: number,
  taken: { numbers: ReadonlySet<string>; cprs: ReadonlySet<string> },
) {
  const code = NEIGHBOUR.municipalityCode;
  const ids = new UuidGen(deriveSeed(seed, code));
  const register = buildRegister({
    municipalityCode: code,
    institutions: loadInstitutions(code),
    schoolAgeTarget: NEIGHBOUR.school,
    rng: new Rng(seed, `register-${code}`),
    ids,
    takenNumbers: taken.numbers,
  });
  const { families, rows } = buildFamilies({
    municipalityCode: code,
    register,
    today,
    targets: { preschool: NEIGHBOUR.preschool, school: NEIGHBOUR.school },
    rng: new Rng(seed, `families-${code}`),
    ids,
    takenCprs: taken.cprs,
  });
  const placements = buildPlacements(families, register, today, new Rng(seed, `placements-${code}`), ids);
  // Staff from its real ratios, as for the default municipality.
  const employees = buildEmployees(
    families,
    register,
    placements,
    normeringOf(municipalityByCode(code)!.name),
    today,
    new Rng(seed, `employees-${code}`),
    new UuidGen(deriveSeed(seed, `employees-${code}`)),
  );
  assignDagplejere(
    placements.rows.placement,
    employees,
    new Set(register.units.filter((u) => u.type === 'dagpleje').map((u) => u.id)),
  );
  const staff = (role: 'caseworker' | 'finance', name: string) => ({
    id: ids.next(),
    role,
    name,
    email: null,
    person_id: null,
    oidc_subject: null,
    demo_persona: true,
    municipality_code: code,
  });
  const users = [
    staff('caseworker', 'Pladsanvisning Frederikshavn: Jonas Skov'),
    staff('finance', 'Økonomi Frederikshavn: Birgitte Krog'),
  ];
  await database.db.transaction().execute(async (trx) => {
    await sql`select set_config('spire.actor', 'seed', true)`.execute(trx);
    await insertBatched(trx, 'area', register.rows.area);
    await insertBatched(trx, 'daginstitution', register.rows.daginstitution);
    await insertBatched(trx, 'unit', register.rows.unit);
    await insertBatched(trx, 'unit_section', register.rows.unit_section);
    await insertBatched(trx, 'capacity', placements.rows.capacity);
    for (const table of ['household', 'person', 'residence', 'custody'] as const)
      await insertBatched(trx, table, rows[table]);
    await insertBatched(trx, 'employee', employees);
    await insertBatched(trx, 'placement', placements.rows.placement);
    await insertBatched(trx, 'app_user', users);
    await seedBilling(trx, code);
    // Its own rules: a waitlist municipality (no booking of places) that gives families three weeks to answer an offer.
    const from = LocalDate.of(2020, 1, 1);
    await addSetting(
      trx,
      code,
      'booking.policy',
      { modeNursery: 'waitlist', modeKindergarten: 'waitlist' },
      from,
      null,
    );
    await addSetting(trx, code, 'placement.offer_deadline_days', 21, from, null);
  });
  return {
    units: register.units.length,
    children: families.reduce((n, f) => n + f.children.length, 0),
    guardians: families.reduce((n, f) => n + f.guardians.length, 0),
    users: users.length,
  };
}

/** Multi-row inserts, kept under the bind parameters one statement may carry (MAX_PARAMETERS). */
async function insertBatched(trx: Kysely<DB>, table: keyof DB, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.min(4000, Math.floor(MAX_PARAMETERS / columns)));
  const db = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as Record<string, unknown>[])
      .execute();
  }
}
