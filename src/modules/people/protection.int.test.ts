// Navne- og adressebeskyttelse: a protected mother's street is searched for in every GET answer of the API as every
// role that does not need it (and as the other guardian), and in the letters; the insight request as JSON and PDF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { engine } from '../../../test/db.js';
import { aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { aCprFamily } from '../../../test/cpr.js';
import { pdfText } from '../../../test/pdf-text.js';
import { renderLetter, sendLetters } from '../../platform/letters/index.js';
import { importPerson } from './cpr/index.js';

let t: TestApp;
const street = `Skjulestedvej${Math.floor(Math.random() * 1e6)}`;
const ids: Record<string, string> = {};
const users: Record<string, string> = {};
beforeAll(async () => {
  t = await testApp();
  const db = t.database.db,
    today = t.clock.today();
  const fam = aCprFamily({ protectedMother: true, motherStreet: street });
  const r = await importPerson(db, fam.register, fam.child, today, null);
  const byName = (n: string) => r.people.find((p) => p.firstName === n)!.id;
  ids.child = byName('Barn');
  ids.mother = byName('Mor');
  ids.father = byName('Far');
  const unit = await aUnit(db);
  ids.unit = unit.id;
  ids.placement = await aPlacement(db, ids.child, unit.id, today.plusMonths(-3));
  [ids.letter] = await sendLetters(
    db,
    [
      {
        kind: 'decision',
        subject: 'Afgørelse',
        recipients: [ids.mother, ids.father],
        childId: ids.child,
        blocks: [{ text: 'Barnet har fået plads.' }],
      },
    ],
    today,
  );
  for (const role of ['admin', 'caseworker', 'finance', 'consultant', 'management'] as const)
    users[role] = await aStaffUser(db, role);
  users.unit_leader = await aStaffUser(db, 'unit_leader', [unit.id]);
  users.unit_staff = await aStaffUser(db, 'unit_staff', [unit.id]);
  const father = await db
    .insertInto('app_user')
    .values({ role: 'guardian', name: 'Far Test', person_id: ids.father, demo_persona: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  users.father = father.id;
});
afterAll(async () => {
  await t?.close();
});

describe(`address protection (${engine})`, () => {
  it('shows the protected street to casework only: no other role, no other guardian, no letter', async () => {
    const docRes = await t.app.inject({ url: '/api/openapi.json' });
    expect(docRes.statusCode, docRes.body.slice(0, 300)).toBe(200);
    const doc = docRes.json();
    const today = t.clock.today().toString();
    const pathValue = (path: string, name: string) =>
      name === 'unitId'
        ? ids.unit!
        : name === 'childId' || path.includes('/children/')
          ? ids.child!
          : name === 'date'
            ? today
            : path.includes('/letters/')
              ? ids.letter!
              : path.includes('/payers/')
                ? ids.mother!
                : name === 'placementId'
                  ? ids.placement!
                  : ids.child!;
    const query: Record<string, string> = {
      municipality: '0860',
      month: today.slice(0, 7),
      from: today,
      to: today,
      childId: ids.child!,
      unitId: ids.unit!,
      wished: today,
    };
    const leaks: string[] = [];
    let answered = 0;
    for (const who of ['finance', 'consultant', 'management', 'unit_leader', 'unit_staff', 'father', 'caseworker']) {
      const client = await loginAs(t.app, users[who]!);
      for (const [path, ops] of Object.entries<any>(doc.paths)) {
        const op = ops.get;
        if (!op || path.includes('/live') || path.includes('/oidc/')) continue;
        if (path.startsWith('/api/citizen/') !== (who === 'father')) continue;
        let url = path;
        const q = new URLSearchParams();
        for (const p of op.parameters ?? []) {
          if (p.in === 'path') url = url.replace(`{${p.name}}`, pathValue(path, p.name));
          else if (p.in === 'query' && p.required) q.set(p.name, query[p.name] ?? '');
        }
        if (q.size) url += '?' + q.toString();
        const res = await client.call('GET', url);
        if (res.statusCode !== 200) continue;
        answered++;
        const text = res.headers['content-type']?.toString().includes('pdf')
          ? (await pdfText(res.rawPayload)).join(' ')
          : res.body;
        if (text.includes(street)) leaks.push(`${who} GET ${path}`);
      }
    }
    // Casework needs the address (the caseworker's child page); everyone else never sees it.
    expect(leaks).toEqual(['caseworker GET /api/staff/children/{id}']);
    expect(answered).toBeGreaterThan(40);
    const letter = await pdfText((await renderLetter(t.database.db, ids.letter!)).pdf);
    expect(letter.join(' ')).toContain('Barnet har fået plads.');
    expect(letter.join(' ')).not.toContain(street);
  });

  it("gives a guardian all data about them and their children as JSON and PDF, the other home's address protected", async () => {
    const father = await loginAs(t.app, users.father!);
    const staff = await loginAs(t.app, users.unit_staff!);
    await staff.call('GET', `/api/staff/children/${ids.child}`);
    const res = await father.call('GET', '/api/citizen/insight');
    expect(res.statusCode).toBe(200);
    const i = res.json();
    expect(i.me).toMatchObject({ id: ids.father, firstName: 'Far', addressProtected: false });
    expect(i.me.address).not.toBeNull();
    expect(i.children).toEqual([
      expect.objectContaining({
        id: ids.child,
        address: null,
        addressProtected: true,
        placements: [expect.anything()],
      }),
    ]);
    expect(i.letters).toEqual([expect.objectContaining({ subject: 'Afgørelse' })]);
    // Who read the child's page: the unit staff member, by role.
    expect(i.accessLog).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'unit_staff', action: 'child.read' })]),
    );
    expect(res.body).not.toContain(street);

    const pdf = await father.call('GET', '/api/citizen/insight.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).join(' ');
    expect(text).toContain('Indsigt');
    expect(text).toContain('Adressebeskyttet');
    expect(text).toContain('Afgørelse');
    expect(text).not.toContain(street);
    // Only guardians ask for their own insight.
    expect((await staff.call('GET', '/api/citizen/insight')).statusCode).toBe(403);
  });
});
