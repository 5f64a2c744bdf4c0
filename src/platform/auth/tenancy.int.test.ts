// Issue 16: one installation, several municipalities, and a wall between them. Two municipalities are built with the
// test builders (units, children, guardians, a waitlist, a round, a billing month, letters … and staff of every role in
// each); then every operation of /api/openapi.json is called as each staff role of municipality B with the ids of
// municipality A's data. No call may answer 2xx with A's data in it, and no call may change A's data with a 2xx.
// Operations that are not municipal data are allow-listed below with their reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { LocalDate } from '../../shared/index.js';
import { seedRates2025 } from '../../modules/billing/rates.js';
import { startRun } from '../../modules/billing/run.js';
import { addApplication as addFripladsApplication } from '../../modules/billing/queries.js';
import { previewRound } from '../../modules/placement/index.js';
import { createTerminal } from '../../modules/attendance/terminals.js';
import { insertQuestionnaire } from '../../modules/attendance/queries.js';
import { sendLetters } from '../letters/index.js';

/** Not a municipality's data: any staff user may call these (or they are the caller's own session). */
const NOT_MUNICIPAL: Record<string, string> = {
  'GET /api/health': 'liveness',
  'GET /api/auth/me': "the caller's own session",
  'GET /api/auth/personas': 'demo login picker (demo mode only): staff personas of the installation',
  'POST /api/auth/demo-login': 'logging in (demo mode only)',
  'POST /api/auth/logout': "ends the caller's own session",
  'GET /api/auth/oidc/login': 'redirect to the identity provider',
  'GET /api/auth/oidc/callback': 'redirect from the identity provider',
  'GET /api/staff/clock': 'demo clock of the installation',
  'PUT /api/staff/clock': 'demo clock of the installation (demo mode only)',
  'POST /api/staff/billing/scales': 'the national friplads scale (dagtilbudsloven), the same for every municipality',
  'GET /api/citizen/units': 'the public register of units (families may apply in any municipality, § 27)',
  'GET /api/citizen/areas': 'the public register of areas',
};
/** Endpoints for other callers than staff sessions: entrance terminals authenticate with a unit's secret token. */
const TERMINAL = /^\/api\/terminal\//;
/** Server-sent events stream: opened with the same unit check as the overview (tested as a plain GET below). */
const STREAMS = new Set(['GET /api/staff/units/{unitId}/attendance/live']);
/** Calls that may answer B 2xx because they act on B's own data only (the body is still checked for A's data). */
const OWN_DATA_WRITES: Record<string, string> = {
  'POST /api/staff/people/search': "a search (a read): only the searcher's municipality's people",
  'POST /api/staff/rounds': "previews a round of B's own waitlists",
  'POST /api/staff/aarsrulning': "årsrulning of B's own units",
  'POST /api/staff/continuous-allocation': "continuous allocation of B's own waitlists",
  'POST /api/staff/booking/simulate': "simulates B's own units and families",
  'POST /api/staff/settings': "adds a value to B's own settings",
  'POST /api/staff/daginstitutioner': "creates a daginstitution in B's municipality",
  'POST /api/staff/register/deliveries/send': "sends B's own queue of register deliveries",
  'POST /api/staff/users': "creates a staff user of B's municipality (unit scopes only among B's units)",
  'POST /api/staff/cpr/initial-load': "loads the families living in B's own municipality from CPR",
  'POST /api/staff/cpr/change-files/fetch': "fetches B's own change files (B's sequence, applied to B's people)",
  'POST /api/staff/retention/dry-run': "a dry run of B's own municipality's retention (erases nothing)",
  'POST /api/staff/subsidies/providers': "registers a private provider in B's municipality",
  'POST /api/staff/subsidies/rates': "adds a rate period to B's own subsidy rates",
  'POST /api/staff/subsidies/terms': "adds a terms period to B's own subsidy terms",
};

const STAFF: Exclude<Role, 'guardian'>[] = [
  'caseworker',
  'finance',
  'consultant',
  'management',
  'admin',
  'unit_leader',
  'unit_staff',
];

interface Side {
  code: string;
  unit: string;
  daginstitution: string;
  child: { id: string; householdId: string };
  guardian: { id: string; userId: string };
  placement: string;
  users: Record<string, string>;
}

async function aMunicipalitySide(db: Db, code: string, tag: string, today: LocalDate): Promise<Side> {
  const unit = await aUnit(db, { municipalityCode: code, name: `Børnehuset ${tag}` });
  const child = await aChild(db, { firstName: `Barn${tag}`, lastName: `Efternavn${tag}` });
  await db.updateTable('household').set({ municipality_code: code }).where('id', '=', child.householdId).execute();
  const guardian = await aGuardianOf(db, child, { firstName: `Forælder${tag}`, lastName: `Efternavn${tag}` });
  const placement = await aPlacement(db, child.id, unit.id, today.plusMonths(-6));
  const users: Record<string, string> = {};
  for (const role of STAFF) users[role] = await aStaffUser(db, role, role.startsWith('unit_') ? [unit.id] : [], code);
  return { code, unit: unit.id, daginstitution: unit.daginstitutionId, child, guardian, placement, users };
}

let t: TestApp, a: Side, b: Side;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await testApp();
  const db = t.database.db,
    today = t.clock.today();
  a = await aMunicipalitySide(db, '0860', 'Aaa', today);
  b = await aMunicipalitySide(db, '0813', 'Bbb', today);
  await seedRates2025(db, '0860');
  // A's data of every kind the API has an id or a month for.
  ids.terminal = (await createTerminal(db, a.unit, 'Indgang', null)).id;
  const waiting = await aChild(db, { firstName: 'VenterAaa', lastName: 'EfternavnAaa' });
  await db.updateTable('household').set({ municipality_code: '0860' }).where('id', '=', waiting.householdId).execute();
  const app = await db
    .insertInto('application')
    .values({
      child_id: waiting.id,
      place_kind: 'boernehave',
      placement_kind: 'dagtilbud',
      needed_from: today.plusMonths(2).toString(),
      hours_per_week: 40,
      applied_on: today.toString(),
      seniority_date: today.toString(),
      guarantee_date: today.plusMonths(2).toString(),
    } as any)
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.application = app.id;
  await db.insertInto('application_wish').values({ application_id: app.id, rank: 1, unit_id: a.unit }).execute();
  await db
    .insertInto('staff_inbox')
    .values({ kind: 'application', child_id: waiting.id, text: 'Ny ansøgning', created_on: today.toString() })
    .execute();
  ids.task = (
    await db.selectFrom('staff_inbox').select('id').where('child_id', '=', waiting.id).executeTakeFirstOrThrow()
  ).id;
  ids.waiting = waiting.id;
  ids.round = (await previewRound(db, '0860', 'dagtilbud', today.plusMonths(3), today, a.users.caseworker!)).id;
  [ids.letter] = await sendLetters(
    db,
    [
      {
        kind: 'offer',
        subject: 'Tilbud',
        recipients: [a.guardian.id],
        childId: a.child.id,
        blocks: [{ text: 'Tilbud om plads.' }],
      },
    ],
    today,
  );
  ids.month = today.firstOfMonth().toString();
  const run = await startRun(db, { municipality: '0860', month: ids.month, userId: null });
  await run.done;
  ids.run = run.runId;
  ids.friplads = (
    await addFripladsApplication(db, {
      householdId: a.child.householdId,
      applicantId: a.guardian.id,
      yearlyOere: 30_000_000,
      childrenUnder18: 1,
      singleProvider: false,
      wantedFrom: today.plusMonths(1).firstOfMonth().toString(),
    })
  ).id;
  ids.questionnaire = (
    await insertQuestionnaire(db, {
      municipality_code: '0860',
      unit_id: null,
      title: 'Jul Aaa',
      question: 'Skal dit barn passes?',
      period: `[${today.plusDays(20)},${today.plusDays(30)})`,
      deadline: today.plusDays(10).toString(),
      created_by: null,
    } as any)
  ).id;
  await db
    .insertInto('attendance')
    .values({ child_id: a.child.id, unit_id: a.unit, date: today.toString(), status: 3, check_in: '08:00' })
    .execute();
  ids.cpr = (await db.selectFrom('person').select('cpr').where('id', '=', a.child.id).executeTakeFirstOrThrow()).cpr!;
  // A subsidy case (tilskud til privat pasning) of a family of A without a dagtilbud place, with its carer.
  const cared = await aChild(db, { firstName: 'PasAaa', lastName: 'EfternavnAaa' });
  await db.updateTable('household').set({ municipality_code: '0860' }).where('id', '=', cared.householdId).execute();
  const parentOfCared = await aGuardianOf(db, cared, { firstName: 'ForælderPasAaa', lastName: 'EfternavnAaa' });
  ids.cared = cared.id;
  const parent = await loginAs(t.app, parentOfCared.userId);
  const applied = await parent.call('POST', '/api/citizen/subsidies', {
    childId: cared.id,
    start: today.firstOfMonth().plusMonths(1).toString(),
    carer: { name: 'Pasningsordningen Aaa', street: 'Havnegade 3', postalCode: '9800', city: 'Hjørring' },
    expenseOere: 400_000,
    hoursPerWeek: 40,
    childrenInCare: 4,
  });
  if (applied.statusCode !== 201) throw new Error(`subsidy application refused: ${applied.body}`);
  ids.subsidyCase = applied.json().id;
  ids.carer = (
    await db.selectFrom('subsidy_case').select('carer_id').where('id', '=', ids.subsidyCase!).executeTakeFirstOrThrow()
  ).carer_id!;
}, 180_000); // two municipalities, a billing run and a round: slow under load on PGlite
afterAll(async () => {
  await t?.close();
});

/** A value of A for a parameter or body field, by its name (and the operation's path for a bare `id`). */
function valueOf(path: string, name: string, schema: any, today: LocalDate): unknown {
  const day = today.plusDays(14).toString();
  const byName: Record<string, unknown> = {
    cvr: '12345678',
    unitId: a.unit,
    childId: a.child.id,
    placementId: a.placement,
    householdId: a.child.householdId,
    applicationId: ids.application,
    daginstitutionId: a.daginstitution,
    payerId: a.guardian.id,
    guardianId: a.guardian.id,
    municipality: '0860',
    municipalityCode: '0860',
    month: ids.month!.slice(0, 7),
    date: today.toString(),
    start: today.firstOfMonth().plusMonths(1).toString(),
    wantedFrom: today.firstOfMonth().plusMonths(1).toString(),
    wished: day,
    key: 'tenancy.test',
    cpr: ids.cpr,
    // A's CPR change file: a name change of A's child.
    file: {
      fileId: `SF6002-0860-wall`,
      sequence: 1,
      created: today.toString(),
      kommunekode: '0860',
      records: [
        {
          recordNo: 1,
          haendelse: 'navneaendring',
          personnummer: ids.cpr,
          dato: today.toString(),
          navn: { fornavn: 'ÆndretAaa', efternavn: 'EfternavnAaa' },
        },
      ],
    },
    checkIn: '08:00',
    checkOut: '15:00',
  };
  if (name === 'id') {
    if (path.includes('/units/')) return a.unit;
    if (path.includes('/children/')) return a.child.id;
    if (path.includes('/rounds/')) return ids.round;
    if (path.includes('/billing/runs/')) return ids.run;
    if (path.includes('/payers/')) return a.guardian.id;
    if (path.includes('/letters/')) return ids.letter;
    if (path.includes('/inbox/')) return ids.task;
    if (path.includes('/applications/')) return ids.application;
    if (path.includes('/friplads/')) return ids.friplads;
    if (path.includes('/terminals/')) return ids.terminal;
    if (path.includes('/questionnaires/')) return ids.questionnaire;
    if (path.includes('/placements/')) return a.placement;
    if (path.includes('/daginstitutioner/')) return a.daginstitution;
    if (path.includes('/subsidies/cases/')) return ids.subsidyCase;
    if (path.includes('/subsidies/carers/')) return ids.carer;
    return a.unit;
  }
  if (name in byName) return byName[name];
  return sample(schema, name, day);
}

/** A valid value for a JSON schema (enough to pass validation and reach the access check). */
function sample(s: any, name: string, day: string): unknown {
  if (!s) return 'x';
  if (s.anyOf || s.oneOf) {
    const options = (s.anyOf ?? s.oneOf).filter((o: any) => o.type !== 'null');
    return sample(options[0], name, day);
  }
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined && s.type !== 'object') return s.default;
  const type = Array.isArray(s.type) ? s.type.find((x: string) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries<any>(s.properties ?? {}))
        if ((s.required ?? []).includes(k)) o[k] = sample(v, k, day);
      return o;
    }
    case 'array':
      return [sample(s.items, name, day)].slice(0, Math.max(1, s.minItems ?? 1));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    default:
      if (s.format === 'uuid') return a.unit;
      if (s.format === 'date' || /date|start|from|deadline|end/i.test(name)) return day;
      if (s.pattern === '^[0-9]{4}$' || /^\^?\\d\{4\}\$?$/.test(s.pattern ?? '')) return '0860';
      if (s.pattern && /\{6\}/.test(s.pattern)) return 'TZ0001';
      if (s.pattern && /\\d\{4\}-\\d\{2\}\$/.test(s.pattern)) return day.slice(0, 7);
      return 'Tekst';
  }
}

describe(`the wall between municipalities (${engine})`, () => {
  it("refuses every staff role of one municipality every operation on another municipality's data", async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const today = t.clock.today();
    // What must never appear in an answer to B: A's ids and the names of A's people and units.
    const secrets = [
      a.unit,
      a.child.id,
      a.guardian.id,
      a.child.householdId,
      a.placement,
      ids.application!,
      ids.waiting!,
      ids.round!,
      ids.run!,
      ids.letter!,
      ids.friplads!,
      ids.questionnaire!,
      ids.task!,
      ids.subsidyCase!,
      ids.carer!,
      ids.cared!,
      'PasAaa',
      'BarnAaa',
      'ForælderAaa',
      'VenterAaa',
      'Børnehuset Aaa',
      'Jul Aaa',
      'Pasningsordningen Aaa',
    ];
    const problems: string[] = [],
      unreached: string[] = [],
      walked = new Set<string>();
    let refused = 0;
    const bNames = new Set(
      (await t.database.db.selectFrom('app_user').select('name').where('municipality_code', '=', b.code).execute()).map(
        (u) => u.name,
      ),
    );
    for (const role of STAFF) {
      const caller = await loginAs(t.app, b.users[role]!);
      for (const [path, ops] of Object.entries<any>(doc.paths)) {
        for (const [method, op] of Object.entries<any>(ops)) {
          const key = `${method.toUpperCase()} ${path}`;
          if (NOT_MUNICIPAL[key] || STREAMS.has(key) || TERMINAL.test(path)) continue;
          walked.add(key);
          let url = path;
          const query = new URLSearchParams();
          for (const p of op.parameters ?? []) {
            const v = String(valueOf(path, p.name, p.schema, today));
            if (p.in === 'path') url = url.replace(`{${p.name}}`, v);
            else if (p.in === 'query' && (p.required || p.name in { unitId: 1, childId: 1, municipality: 1 }))
              query.set(p.name, v);
          }
          if (query.size) url += '?' + query.toString();
          const bodySchema = op.requestBody?.content?.['application/json']?.schema;
          const body = bodySchema
            ? Object.fromEntries(
                Object.entries<any>(bodySchema.properties ?? {})
                  .filter(([k]) => (bodySchema.required ?? []).includes(k))
                  .map(([k, s]) => [k, valueOf(path, k, s, today)]),
              )
            : undefined;
          const res = await caller.call(method.toUpperCase() as 'GET', url, body);
          if (res.statusCode === 403 || res.statusCode === 404) refused++;
          if (res.statusCode === 400 || res.statusCode === 415)
            unreached.push(`${role} ${key}: ${res.body.slice(0, 160)}`);
          if (res.statusCode < 200 || res.statusCode >= 300) continue;
          if (key === 'GET /api/staff/audit') {
            // B's own trail may name A's ids (B's refused attempts above); it must hold no row of A's staff.
            const rows = res.json().rows as { user: { name: string } | null }[];
            const strangers = rows.filter((r) => !bNames.has(r.user?.name ?? ''));
            if (strangers.length) problems.push(`${role} ${key}: rows of ${strangers.length} other users`);
            continue;
          }
          const leaked = secrets.filter((s) => res.body.includes(s));
          if (leaked.length) problems.push(`${role} ${key}: ${res.statusCode} with A's ${leaked.join(', ')}`);
          // A 2xx for a resource of A (its id in the path) is a leak, unless it answers with nothing (an empty list).
          else if (
            url
              .split('?')[0]!
              .split('/')
              .some((part) => secrets.includes(part)) &&
            res.body !== '[]'
          )
            problems.push(`${role} ${key}: ${res.statusCode} for A's resource (${res.headers['content-type']})`);
          else if (method !== 'get' && !OWN_DATA_WRITES[key])
            problems.push(`${role} ${key}: ${res.statusCode} (a change answered 2xx)`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Every operation got past input validation (a 400 would prove nothing about the wall).
    expect(unreached).toEqual([]);
    expect(walked.size).toBeGreaterThan(60);
    expect(refused).toBeGreaterThan(200);
  }, 180_000); // about 750 calls: 25 s on an idle machine

  it("still lets each municipality's staff work with their own data", async () => {
    for (const side of [a, b]) {
      const cw = await loginAs(t.app, side.users.caseworker!);
      expect((await cw.call('GET', `/api/staff/children/${side.child.id}`)).statusCode).toBe(200);
      const units = (await cw.call('GET', '/api/staff/units')).json();
      expect(units.map((u: { id: string }) => u.id)).toEqual([side.unit]);
      const leader = await loginAs(t.app, side.users.unit_leader!);
      expect((await leader.call('GET', `/api/staff/units/${side.unit}/attendance`)).statusCode).toBe(200);
    }
    const finA = await loginAs(t.app, a.users.finance!);
    expect((await finA.call('GET', `/api/staff/billing/runs/${ids.run}`)).statusCode).toBe(200);
    const cwA = await loginAs(t.app, a.users.caseworker!);
    expect((await cwA.call('GET', `/api/staff/rounds/${ids.round}`)).statusCode).toBe(200);
    const waitlist = (await cwA.call('GET', '/api/staff/waitlist')).json();
    expect(waitlist.rows.map((r: { childId: string }) => r.childId)).toEqual([ids.waiting]);
    expect((await cwA.call('GET', `/api/staff/subsidies/cases/${ids.subsidyCase}`)).statusCode).toBe(200);
    expect((await cwA.call('GET', `/api/staff/units/${a.unit}/employees`)).statusCode).toBe(200);
    const adminA = await loginAs(t.app, a.users.admin!);
    const users = (await adminA.call('GET', '/api/staff/users?pageSize=100')).json();
    expect(users.items.map((u: { id: string }) => u.id).sort()).toEqual(Object.values(a.users).sort());
    const consultantA = await loginAs(t.app, a.users.consultant!);
    expect((await consultantA.call('GET', `/api/staff/reporting/${a.code}/normering`)).statusCode).toBe(200);
  });

  it('settings are per municipality: each administrator sees and changes only their own', async () => {
    const adminA = await loginAs(t.app, a.users.admin!),
      adminB = await loginAs(t.app, b.users.admin!);
    const start = t.clock.today().toString();
    expect(
      (await adminA.call('POST', '/api/staff/settings', { key: 'placement.offer_deadline_days', value: 7, start }))
        .statusCode,
    ).toBe(201);
    expect(
      (await adminB.call('POST', '/api/staff/settings', { key: 'placement.offer_deadline_days', value: 21, start }))
        .statusCode,
    ).toBe(201);
    const listA = (await adminA.call('GET', '/api/staff/settings')).json(),
      listB = (await adminB.call('GET', '/api/staff/settings')).json();
    const deadlines = (list: { key: string; value: unknown }[]) =>
      list.filter((s) => s.key === 'placement.offer_deadline_days').map((s) => s.value);
    expect(deadlines(listA)).toEqual([7]);
    expect(deadlines(listB)).toEqual([21]);
    // Each municipality's rules follow: the policy page shows the administrator's own municipality's value.
    const deadlineOf = async (caller: Awaited<ReturnType<typeof loginAs>>) =>
      (await caller.call('GET', '/api/staff/placement-policy'))
        .json()
        .keys.find((k: { key: string }) => k.key === 'placement.offer_deadline_days').current;
    expect(await deadlineOf(adminA)).toBe(7);
    expect(await deadlineOf(adminB)).toBe(21);
  });
});
