// Issue 16: one installation, several municipalities, and a wall between them. Two municipalities are built with the
// test builders (units, children, guardians, a waitlist, a round, a billing month, letters … and staff of every role in
// each: testkit/two-municipalities.ts); then every operation of /api/openapi.json is called as each staff role of
// municipality B with the ids of municipality A's data (testkit/openapi-values.ts). No call may answer 2xx with A's
// data in it, and no call may change A's data with a 2xx. Operations that are not municipal data are allow-listed
// below with their reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp } from '../../../test/app.js';
import { engine } from '../../../test/db.js';
import { STAFF, twoMunicipalities, type Side } from './testkit/two-municipalities.js';
import { valuesOf } from './testkit/openapi-values.js';

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

let t: TestApp, a: Side, b: Side, ids: Record<string, string>, valueOf: ReturnType<typeof valuesOf>;
beforeAll(async () => {
  ({ t, a, b, ids } = await twoMunicipalities());
  valueOf = valuesOf(a, ids);
}, 180_000); // two municipalities, a billing run and a round: slow under load on PGlite
afterAll(async () => {
  await t?.close();
});

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
