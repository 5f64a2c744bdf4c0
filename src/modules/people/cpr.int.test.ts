// People from the CPR register: look-up and import of a family, change files applied once (checked against an
// independent reading of the file), malformed files and unknown people, a register that times out or answers garbage.
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { engine } from '../../../test/db.js';
import { aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { aCprFamily, anAddress } from '../../../test/cpr.js';
import { Sf1520CprRegister, useCprRegister, type CprRegister } from './cpr/index.js';

let t: TestApp, admin: string, caseworker: string, unitStaff: string, unitId: string;
beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  unitId = (await aUnit(db)).id;
  admin = await aStaffUser(db, 'admin');
  caseworker = await aStaffUser(db, 'caseworker');
  unitStaff = await aStaffUser(db, 'unit_staff', [unitId]);
});
let previous: CprRegister | undefined;
const use = (r: CprRegister) => (previous = useCprRegister(r));
afterEach(() => {
  useCprRegister(previous);
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.database.db;
const idOf = async (cpr: string) =>
  (await db().selectFrom('person').select('id').where('cpr', '=', cpr).executeTakeFirstOrThrow()).id;
const today = () => t.clock.today().toString();

/** Everything Spire holds about these people: person rows, residences with their addresses, custody, inbox tasks. */
async function snapshot(ids: string[]) {
  const people = await db().selectFrom('person').selectAll().where('id', 'in', ids).orderBy('id').execute();
  const homes = await db()
    .selectFrom('residence as r')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .select(['r.person_id', sql<string>`r.valid::text`.as('valid'), 'h.street', 'h.municipality_code'])
    .where('r.person_id', 'in', ids)
    .orderBy('r.person_id')
    .orderBy(sql`lower(r.valid)`)
    .execute();
  const custody = await db()
    .selectFrom('custody')
    .select(['child_id', 'guardian_id', sql<string>`valid::text`.as('valid')])
    .where('child_id', 'in', ids)
    .orderBy('child_id')
    .orderBy('guardian_id')
    .orderBy(sql`lower(valid)`)
    .execute();
  const inbox = await db().selectFrom('staff_inbox').select(['kind', 'text']).where('child_id', 'in', ids).execute();
  return { people, homes, custody, inbox };
}

async function nextSequence() {
  const r = await db()
    .selectFrom('cpr_change_file')
    .select(sql<number>`coalesce(max(sequence), 0)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return r.n + 1;
}

describe(`CPR look-up and import (${engine})`, () => {
  it('imports a child with both guardians, their homes and custody; a second import changes nothing', async () => {
    const fam = aCprFamily();
    use(fam.register);
    const cw = await loginAs(t.app, caseworker);
    const look = await cw.call('POST', '/api/staff/cpr/lookup', { cpr: fam.child });
    expect(look.statusCode).toBe(200);
    expect(look.json()).toMatchObject({ firstName: 'Barn', status: 'active', personId: null, addressProtected: false });
    expect(look.body).not.toContain(fam.child.slice(6));

    const imp = await cw.call('POST', '/api/staff/cpr/import', { cpr: fam.child });
    expect(imp.statusCode).toBe(200);
    expect(imp.json().people).toHaveLength(3);
    const [child, mother, father] = await Promise.all([idOf(fam.child), idOf(fam.mother), idOf(fam.father)]);
    const page = (await cw.call('GET', `/api/staff/children/${child}`)).json();
    expect(page.guardians.map((g: { id: string }) => g.id).sort()).toEqual([mother, father].sort());
    expect(page.address.street).toBe(`${fam.home.vejnavn} ${fam.home.husnummer}`);
    const household = await db()
      .selectFrom('household')
      .select(['dar_id', 'municipality_code'])
      .where('dar_id', '=', fam.home.darId)
      .executeTakeFirstOrThrow();
    expect(household.municipality_code).toBe('0860');

    const before = await snapshot([child, mother, father]);
    const again = await cw.call('POST', `/api/staff/children/${child}/cpr-refresh`);
    expect(again.json()).toMatchObject({ changes: 0 });
    expect(await snapshot([child, mother, father])).toEqual(before);
    // Each import is audited with the people it touched (the number itself in no audit row).
    const rows = await db()
      .selectFrom('audit_log')
      .select(['subject_ids', 'details'])
      .where('action', '=', 'cpr.import')
      .execute();
    expect(rows.some((r) => r.subject_ids.includes(child))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(fam.child);
  });

  it('answers an unknown or invalid number, a unit role and a failing register with a clear refusal', async () => {
    const fam = aCprFamily();
    use(fam.register);
    const cw = await loginAs(t.app, caseworker);
    const unknown = await cw.call('POST', '/api/staff/cpr/import', { cpr: '0101801111' });
    expect([unknown.statusCode, unknown.json().error]).toEqual([404, 'people.cpr-unknown']);
    const invalid = await cw.call('POST', '/api/staff/cpr/lookup', { cpr: '3102231234' });
    expect([invalid.statusCode, invalid.json().error]).toEqual([400, 'people.invalid-cpr']);
    const staff = await loginAs(t.app, unitStaff);
    expect((await staff.call('POST', '/api/staff/cpr/lookup', { cpr: fam.child })).statusCode).toBe(403);
    expect((await staff.call('POST', '/api/staff/cpr/change-files', { file: {} })).statusCode).toBe(403);
    expect((await cw.call('POST', '/api/staff/cpr/change-files', { file: {} })).statusCode).toBe(403);
  });

  it('retries a register that times out or answers garbage, then refuses without creating anyone', async () => {
    let calls = 0;
    const garbage: Server = createServer((req, res) => {
      calls++;
      req.resume();
      if (req.url === '/slow') return; // never answers
      res.writeHead(200, { 'content-type': 'text/xml' }).end('<html><body>Service Unavailable');
    });
    await new Promise<void>((r) => garbage.listen(0, '127.0.0.1', r));
    const port = (garbage.address() as { port: number }).port;
    const ctx = { serviceAgreementUuid: 'a', userSystemUuid: 'b', userUuid: 'c', serviceUuid: 'd' };
    const fam = aCprFamily();
    const cw = await loginAs(t.app, caseworker);
    try {
      use(
        new Sf1520CprRegister({ endpoint: `http://127.0.0.1:${port}/slow`, context: ctx, timeoutMs: 150, attempts: 2 }),
      );
      const slow = await cw.call('POST', '/api/staff/cpr/import', { cpr: fam.child });
      expect([slow.statusCode, slow.json().error, slow.json().params]).toEqual([
        409,
        'people.cpr-unavailable',
        { reason: 'timeout' },
      ]);
      expect(calls).toBe(2);
      useCprRegister(new Sf1520CprRegister({ endpoint: `http://127.0.0.1:${port}/`, context: ctx, timeoutMs: 500 }));
      const bad = await cw.call('POST', '/api/staff/cpr/import', { cpr: fam.child });
      expect([bad.statusCode, bad.json().params]).toEqual([409, { reason: 'garbage' }]);
      expect(await db().selectFrom('person').select('id').where('cpr', '=', fam.child).execute()).toEqual([]);
    } finally {
      garbage.closeAllConnections();
      garbage.close();
    }
  });
});

describe(`CPR change files (${engine})`, () => {
  /** Two imported families: A (child placed in the unit) and B. */
  async function twoFamilies() {
    const a = aCprFamily(),
      b = aCprFamily();
    const register: CprRegister = {
      name: 'test',
      lookup: async (c) => (await a.register.lookup(c)) ?? b.register.lookup(c),
      changeFiles: async () => [],
    };
    use(register);
    const cw = await loginAs(t.app, caseworker);
    for (const c of [a.child, b.child])
      expect((await cw.call('POST', '/api/staff/cpr/import', { cpr: c })).statusCode).toBe(200);
    await aPlacement(db(), await idOf(a.child), unitId, t.clock.today().plusMonths(-6));
    return { a, b };
  }

  it('applies moves, custody, protection, a name change and emigration once; a second delivery changes nothing', async () => {
    const { a, b } = await twoFamilies();
    const d = (n: number) => t.clock.today().plusDays(-n).toString();
    const aalborg = { ...anAddress({ kommunekode: '0851', postnummer: '9000', city: 'Aalborg' }) };
    const within = anAddress();
    const file = {
      fileId: `SF6002-0860-${randomUUID()}`,
      sequence: await nextSequence(),
      created: today(),
      kommunekode: '0860',
      records: [
        // Family A: mother and the placed child move to Aalborg (out of the municipality).
        { recordNo: 1, haendelse: 'flytning', personnummer: a.mother, dato: d(10), aktuelAdresse: aalborg },
        { recordNo: 2, haendelse: 'flytning', personnummer: a.child, dato: d(10), aktuelAdresse: aalborg },
        // Family A: from now on the mother alone holds custody.
        { recordNo: 3, haendelse: 'foraeldremyndighed', personnummer: a.child, dato: d(5), indehavere: [a.mother] },
        // Family B: the father moves within the municipality and gets address protection; the child's name changes.
        { recordNo: 4, haendelse: 'flytning', personnummer: b.father, dato: d(8), aktuelAdresse: within },
        { recordNo: 5, haendelse: 'adressebeskyttelse', personnummer: b.father, dato: d(8), beskyttet: true },
        {
          recordNo: 6,
          haendelse: 'navneaendring',
          personnummer: b.child,
          dato: d(3),
          navn: { fornavn: 'Nora', efternavn: 'Lund' },
        },
        // Family B: the mother emigrates; someone Spire does not know moves.
        { recordNo: 7, haendelse: 'udrejse', personnummer: b.mother, dato: d(2), udrejselandekode: 5110 },
        { recordNo: 8, haendelse: 'flytning', personnummer: '0101801111', dato: d(2), aktuelAdresse: within },
      ],
    };
    const adm = await loginAs(t.app, admin);
    const first = await adm.call('POST', '/api/staff/cpr/change-files', { file });
    expect(first.statusCode).toBe(200);
    const report = first.json();
    expect(report).toMatchObject({
      status: 'applied',
      counts: { applied: 7, unchanged: 0, skipped: 1, error: 0 },
      inboxTasks: 1,
    });
    expect(report.records[7]).toMatchObject({ recordNo: 8, outcome: 'skipped', reason: 'unknown-person' });

    // An independent reading of the file: the last address, custody set, name and protection per number.
    const ids = new Map<string, string>();
    for (const c of [a.mother, a.father, a.child, b.mother, b.father, b.child]) ids.set(c, await idOf(c));
    const expected = { street: new Map<string, string | null>(), holders: new Map<string, string[]>() };
    for (const r of file.records as any[]) {
      if (!ids.has(r.personnummer)) continue;
      if (r.haendelse === 'flytning')
        expected.street.set(r.personnummer, `${r.aktuelAdresse.vejnavn} ${r.aktuelAdresse.husnummer}`);
      if (r.haendelse === 'udrejse') expected.street.set(r.personnummer, null);
      if (r.haendelse === 'foraeldremyndighed') expected.holders.set(r.personnummer, r.indehavere);
    }
    const state = await snapshot([...ids.values()]);
    const on = t.clock.today().toString();
    for (const [cpr, street] of expected.street) {
      const current = state.homes.find((h) => h.person_id === ids.get(cpr) && rangeHas(h.valid, on));
      expect(current?.street ?? null).toBe(street);
    }
    for (const [cpr, holders] of expected.holders) {
      const now = state.custody
        .filter((c) => c.child_id === ids.get(cpr) && rangeHas(c.valid, on))
        .map((c) => c.guardian_id);
      expect(now.sort(cmp)).toEqual(holders.map((h) => ids.get(h)!).sort(cmp));
    }
    const person = (cpr: string) => state.people.find((p) => p.id === ids.get(cpr))!;
    expect(person(b.father).address_protected).toBe(true);
    expect([person(b.child).first_name, person(b.child).last_name]).toEqual(['Nora', 'Lund']);
    expect(person(b.mother).emigrated_on).toBe(d(2));
    // The placed child moved out: one address task for the caseworker, naming the new municipality, not the street.
    expect(state.inbox).toEqual([{ kind: 'address', text: expect.stringContaining('Aalborg Kommune') }]);
    expect(state.inbox[0]!.text).not.toContain(aalborg.vejnavn);
    // A move within the municipality raised nothing.
    expect(state.inbox.filter((i) => i.text.includes(within.vejnavn))).toEqual([]);

    const second = await adm.call('POST', '/api/staff/cpr/change-files', { file });
    expect(second.json()).toMatchObject({ status: 'already-applied', counts: report.counts });
    expect(await snapshot([...ids.values()])).toEqual(state);
    // The same content under another file name is the same file.
    const renamed = await adm.call('POST', '/api/staff/cpr/change-files', {
      file: { ...file, fileId: `${file.fileId}-kopi` },
    });
    expect(renamed.json().status).toBe('already-applied');
    expect(await snapshot([...ids.values()])).toEqual(state);
  });

  it('rejects a file with a malformed record whole, and an older file, without changing anything', async () => {
    const { a } = await twoFamilies();
    const ids = [await idOf(a.mother), await idOf(a.child), await idOf(a.father)];
    const before = await snapshot(ids);
    const sequence = await nextSequence();
    const adm = await loginAs(t.app, admin);
    const file = {
      fileId: `bad-${sequence}-${randomUUID()}`,
      sequence,
      created: today(),
      kommunekode: '0860',
      records: [
        {
          recordNo: 1,
          haendelse: 'navneaendring',
          personnummer: a.child,
          dato: today(),
          navn: { fornavn: 'Ny', efternavn: 'Navn' },
        },
        { recordNo: 2, haendelse: 'flytning', personnummer: a.mother, dato: '2026-13-45', aktuelAdresse: anAddress() },
        { recordNo: 3, haendelse: 'teleportation', personnummer: a.mother, dato: today() },
      ],
    };
    const r = await adm.call('POST', '/api/staff/cpr/change-files', { file });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'rejected', counts: { error: 2 } });
    expect(r.json().records.map((x: any) => [x.recordNo, x.outcome])).toEqual([
      [1, 'skipped'],
      [2, 'error'],
      [3, 'error'],
    ]);
    expect(await snapshot(ids)).toEqual(before);
    expect(
      await db().selectFrom('cpr_change_file').select('file_id').where('file_id', '=', file.fileId).execute(),
    ).toEqual([]);

    const garbage = await adm.call('POST', '/api/staff/cpr/change-files', { file: 'not a file' });
    expect([garbage.statusCode, garbage.json().error]).toEqual([400, 'people.cpr-file-malformed']);

    // The corrected file applies; an older sequence after it is refused.
    const fixed = { ...file, records: [file.records[0]] };
    expect((await adm.call('POST', '/api/staff/cpr/change-files', { file: fixed })).json().status).toBe('applied');
    const old = await adm.call('POST', '/api/staff/cpr/change-files', {
      file: {
        ...fixed,
        fileId: `old-${randomUUID()}`,
        sequence: sequence - 1 > 0 ? sequence - 1 : sequence,
        created: '2020-01-01',
      },
    });
    expect([old.statusCode, old.json().error]).toEqual([409, 'people.cpr-file-out-of-order']);
  });
});

const cmp = (a: string, b: string) => a.localeCompare(b);

/** Whether a PostgreSQL daterange text ('[2026-01-01,)' or '[a,b)') holds the day. */
function rangeHas(range: string, day: string) {
  const [lo, hi] = range.slice(1, -1).split(',');
  return (!lo || lo <= day) && (!hi || day < hi);
}
