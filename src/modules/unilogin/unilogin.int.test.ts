// Unilogin / Aula deliveries through the API with the builders: the roster (children, guardians with custody,
// employees and dagplejere at their anvisningsenhed's number), full then delta (a move is a change, a withdrawal a
// removal, an unchanged roster a no-op), protection, Spire's own validation, "Send igen", komme/gå, access.
import { cprLike } from '../../../test/cpr.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, anEmployee, aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import type { UniloginLog, UniloginPreview, UniloginResult } from './contract.js';
import { LocalUniloginImport, setUniloginService } from './service.js';
import type { UniloginMessage } from './roster.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => setUniloginService(null));

/** A municipality of its own per test (the roster is per municipality), an administrator and a local stand-in. */
async function setup(municipality: string) {
  const db = t.database.db;
  const a = await aUnit(db, { municipalityCode: municipality, type: 'integreret' });
  const b = await aUnit(db, { municipalityCode: municipality, type: 'integreret' });
  const admin = await loginAs(t.app, await aStaffUser(db, 'admin', [], municipality));
  const stand = new LocalUniloginImport();
  setUniloginService(() => stand);
  const numbers = Object.fromEntries(
    (
      await sql<{ id: string; number: string }>`select id, number from unit where id in (${a.id}, ${b.id})`.execute(db)
    ).rows.map((r) => [r.id, r.number]),
  );
  return { db, a, b, admin, stand, numbers };
}
const deliver = async (admin: Awaited<ReturnType<typeof loginAs>>, m: string, body: object) => {
  const res = await admin.call('POST', `/api/staff/unilogin/${m}/deliveries`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as UniloginResult;
};
const preview = async (admin: Awaited<ReturnType<typeof loginAs>>, m: string) => {
  const res = await admin.call('GET', `/api/staff/unilogin/${m}/preview?pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as UniloginPreview;
};

describe('Unilogin roster', () => {
  it('delivers children, guardians with custody and employees at their unit number, then deltas', async () => {
    const M = '0851';
    const { db, a, b, admin, stand, numbers } = await setup(M);
    const today = t.clock.today();
    const mover = await aChild(db, { firstName: 'Flytter' });
    const moverMum = await aGuardianOf(db, mover, { firstName: 'Mor' });
    const leaver = await aChild(db, { firstName: 'Stopper' });
    const leaverDad = await aGuardianOf(db, leaver, { firstName: 'Far' });
    const stayer = await aChild(db, { firstName: 'Bliver' });
    await aGuardianOf(db, stayer);
    const moverPlace = await aPlacement(db, mover.id, a.id, today.plusMonths(-3));
    const leaverPlace = await aPlacement(db, leaver.id, a.id, today.plusMonths(-3));
    await aPlacement(db, stayer.id, b.id, today.plusMonths(-3));
    const leader = await anEmployee(db, a.id, { jobType: 'leder', firstName: 'Lone' });
    await anEmployee(db, b.id, { jobType: 'paedagog' });

    const p1 = await preview(admin, M);
    expect(p1.counts).toMatchObject({ children: 3, guardians: 3, employees: 2, institutions: 2, added: 8, removed: 0 });
    expect(p1.unchanged).toBe(false);
    const full = await deliver(admin, M, { kind: 'full' });
    expect(full.outcome).toBe('accepted');
    expect(full.delivery).toMatchObject({ kind: 'full', status: 'accepted', persons: 8, added: 8 });
    const sent = stand.received.at(-1) as UniloginMessage;
    expect(sent.persons.find((p) => p.id === mover.id)).toMatchObject({ role: 'Barn', institutions: [numbers[a.id]] });
    expect(sent.persons.find((p) => p.id === moverMum.id)).toMatchObject({
      role: 'Forælder',
      institutions: [numbers[a.id]],
      custodyOf: [mover.id],
    });
    expect(sent.persons.find((p) => p.id === leader)).toMatchObject({ role: 'Leder', institutions: [numbers[a.id]] });

    // Re-sending the unchanged roster is a no-op: nothing sent, nothing logged.
    expect((await preview(admin, M)).unchanged).toBe(true);
    const again = await deliver(admin, M, { kind: 'delta' });
    expect(again).toEqual({ outcome: 'unchanged', delivery: null });
    expect(stand.received).toHaveLength(1);

    // The mover changes unit from today, the leaver's place ended yesterday.
    await sql`update placement set valid = daterange(lower(valid), ${today.toString()}::date) where id = ${moverPlace}`.execute(
      db,
    );
    await aPlacement(db, mover.id, b.id, today);
    await sql`update placement set valid = daterange(lower(valid), ${today.toString()}::date) where id = ${leaverPlace}`.execute(
      db,
    );
    const p2 = await preview(admin, M);
    expect(p2.counts).toMatchObject({ added: 0, changed: 2, removed: 2 });
    const byChange = (c: string) =>
      p2.changes
        .filter((x) => x.change === c)
        .map((x) => x.id)
        .sort();
    expect(byChange('changed')).toEqual([mover.id, moverMum.id].sort());
    expect(byChange('removed')).toEqual([leaver.id, leaverDad.id].sort());
    expect(p2.changes.find((x) => x.id === leaver.id)).toMatchObject({
      type: 'child',
      name: expect.stringContaining('Stopper'),
    });

    const delta = await deliver(admin, M, { kind: 'delta' });
    expect(delta.delivery).toMatchObject({ kind: 'delta', status: 'accepted', changed: 2, removed: 2, persons: 6 });
    const d = stand.received.at(-1) as UniloginMessage;
    expect(d.persons.map((p) => p.id).sort()).toEqual([mover.id, moverMum.id].sort());
    expect(d.persons.find((p) => p.id === mover.id)!.institutions).toEqual([numbers[b.id]]);
    expect([...d.removed].sort()).toEqual([leaver.id, leaverDad.id].sort());
    expect((await deliver(admin, M, { kind: 'delta' })).outcome).toBe('unchanged');

    const log = (await admin.call('GET', `/api/staff/unilogin/${M}/deliveries`)).json() as UniloginLog;
    expect(log.rows.map((r) => r.kind)).toEqual(['delta', 'full']);
    expect(cprLike(JSON.stringify(log))).toEqual([]);
  });

  it('affiliates dagpleje children and dagplejere through the dagplejegruppe number; no custody, no guardian', async () => {
    const M = '0813';
    const { db, admin, stand } = await setup(M);
    const today = t.clock.today();
    const group = await aUnit(db, { municipalityCode: M, type: 'dagpleje', places: { '0-2': 4 } });
    const number = (await sql<{ number: string }>`select number from unit where id = ${group.id}`.execute(db)).rows[0]!
      .number;
    const dagplejer = await anEmployee(db, group.id, { jobType: 'dagplejer', firstName: 'Dorte' });
    const child = await aChild(db, { birthDate: today.plusMonths(-14) });
    const mum = await aGuardianOf(db, child);
    // A parent whose custody ended is not delivered.
    const exDad = await aGuardianOf(db, child);
    await sql`update custody set valid = daterange(lower(valid), ${today.toString()}::date) where guardian_id = ${exDad.id}`.execute(
      db,
    );
    await aPlacement(db, child.id, group.id, today.plusMonths(-1), { dagplejerId: dagplejer });
    expect((await deliver(admin, M, { kind: 'full' })).outcome).toBe('accepted');
    const m = stand.received.at(-1) as UniloginMessage;
    expect(m.institutions.map((i) => i.number)).toContain(number);
    expect(m.persons.find((p) => p.id === dagplejer)).toMatchObject({ role: 'Dagplejer', institutions: [number] });
    expect(m.persons.find((p) => p.id === child.id)).toMatchObject({ institutions: [number], dagplejerId: dagplejer });
    expect(m.persons.some((p) => p.id === mum.id)).toBe(true);
    expect(m.persons.some((p) => p.id === exDad.id)).toBe(false);
  });

  it("never delivers a protected guardian's address, nor that of the people living with them", async () => {
    const M = '0849';
    const { db, a, admin, stand } = await setup(M);
    const child = await aChild(db);
    const g = await aGuardianOf(db, child);
    await aPlacement(db, child.id, a.id, t.clock.today().plusMonths(-2));
    const street = `Hemmelig Allé ${Math.floor(Math.random() * 1e6)}`;
    await sql`update household set street = ${street} where id = ${child.householdId}`.execute(db);
    await sql`update person set address_protected = true where id = ${g.id}`.execute(db);
    const r = await deliver(admin, M, { kind: 'full' });
    expect(r.outcome).toBe('accepted');
    const m = stand.received.at(-1) as UniloginMessage;
    expect(m.persons.find((p) => p.id === g.id)).toMatchObject({ protected: true, address: null });
    expect(m.persons.find((p) => p.id === child.id)).toMatchObject({ protected: true, address: null });
    expect(JSON.stringify(m)).not.toContain(street);
    const stored = await sql<{
      payload: unknown;
    }>`select payload from unilogin_delivery where id = ${r.delivery!.id}`.execute(db);
    expect(JSON.stringify(stored.rows[0]!.payload)).not.toContain(street);
  });

  it('refuses a roster with errors without sending it; "Send igen" sends it once corrected', async () => {
    const M = '0846';
    const { db, a, admin, stand } = await setup(M);
    const child = await aChild(db, { firstName: 'Uden' });
    await aGuardianOf(db, child);
    await aPlacement(db, child.id, a.id, t.clock.today().plusMonths(-2));
    await sql`update person set cpr = null where id = ${child.id}`.execute(db);
    const r = await deliver(admin, M, { kind: 'full' });
    expect(r.outcome).toBe('refused');
    expect(r.delivery!.errors).toEqual([expect.objectContaining({ code: 'cpr-missing', personId: child.id })]);
    expect(stand.received).toHaveLength(0);
    await sql`update person set cpr = ${'0101241234'} where id = ${child.id}`.execute(db);
    const again = await admin.call('POST', `/api/staff/unilogin/${M}/deliveries/${r.delivery!.id}/retry`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      outcome: 'accepted',
      delivery: { status: 'accepted', attempts: 2, errors: [] },
    });
    expect(stand.received).toHaveLength(1);
    const twice = await admin.call('POST', `/api/staff/unilogin/${M}/deliveries/${r.delivery!.id}/retry`);
    expect(twice.statusCode).toBe(409);
  });

  it('records an unreachable service as failed, and "Send igen" delivers it later', async () => {
    const M = '0820';
    const { db, a, admin } = await setup(M);
    const child = await aChild(db);
    await aGuardianOf(db, child);
    await aPlacement(db, child.id, a.id, t.clock.today().plusMonths(-2));
    setUniloginService(() => new LocalUniloginImport({ unreachable: true }));
    const r = await deliver(admin, M, { kind: 'full' });
    expect(r.outcome).toBe('failed');
    expect(r.delivery!.errors[0]!.code).toBe('unreachable');
    const up = new LocalUniloginImport();
    setUniloginService(() => up);
    const again = await admin.call('POST', `/api/staff/unilogin/${M}/deliveries/${r.delivery!.id}/retry`);
    expect(again.json()).toMatchObject({ outcome: 'accepted' });
    expect(up.received).toHaveLength(1);
  });

  it("hands the day's komme/gå to Aula with presence codes per anvisningsenhed, once per state", async () => {
    const M = '0840';
    const { db, a, admin, stand, numbers } = await setup(M);
    const today = t.clock.today();
    const here = await aChild(db);
    const notYet = await aChild(db);
    await aPlacement(db, here.id, a.id, today.plusMonths(-2));
    await aPlacement(db, notYet.id, a.id, today.plusMonths(-2));
    await sql`insert into attendance (child_id, unit_id, date, status, check_in) values
      (${here.id}, ${a.id}, ${today.toString()}, 3, '07:45')`.execute(db);
    const r = await deliver(admin, M, { kind: 'presence' });
    expect(r.outcome).toBe('accepted');
    const m = stand.received.at(-1) as unknown as { institutions: { number: string; children: unknown[] }[] };
    expect(m.institutions).toEqual([
      {
        number: numbers[a.id],
        children: expect.arrayContaining([
          { id: here.id, status: 3, checkIn: '07:45', checkOut: null },
          { id: notYet.id, status: 0, checkIn: null, checkOut: null },
        ]),
      },
    ]);
    expect((await deliver(admin, M, { kind: 'presence' })).outcome).toBe('unchanged');
    await sql`update attendance set status = 8, check_out = '15:30' where child_id = ${here.id}`.execute(db);
    expect((await deliver(admin, M, { kind: 'presence' })).outcome).toBe('accepted');
    const future = await admin.call('POST', `/api/staff/unilogin/${M}/deliveries`, {
      kind: 'presence',
      date: today.plusDays(1).toString(),
    });
    expect(future.statusCode).toBe(400);
  });

  it("is for the municipality's administrators and reporting roles only", async () => {
    const M = '0860';
    const { db, a } = await setup(M);
    const leader = await loginAs(t.app, await aStaffUser(db, 'unit_leader', [a.id], M));
    expect((await leader.call('GET', `/api/staff/unilogin/${M}/preview`)).statusCode).toBe(403);
    const other = await loginAs(t.app, await aStaffUser(db, 'admin', [], '0851'));
    expect((await other.call('GET', `/api/staff/unilogin/${M}/preview`)).statusCode).toBe(403);
    expect((await other.call('POST', `/api/staff/unilogin/${M}/deliveries`, { kind: 'full' })).statusCode).toBe(403);
    const consultant = await loginAs(t.app, await aStaffUser(db, 'consultant', [], M));
    expect((await consultant.call('GET', `/api/staff/unilogin/${M}/preview`)).statusCode).toBe(200);
  });
});
