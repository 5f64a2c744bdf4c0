// Hand-computed grants to a private institution through the API: the operating grant by age group with its building
// and administration supplements, friplads and søskendetilskud paid through the provider, the monthly statement in
// the payout run (a re-run writes nothing), a back-dated end of an enrolment corrected, refusals naming the rule;
// and the rates admin (a new period from a date, overlaps refused).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, anIncome, aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { LocalDate } from '../../shared/index.js';

let t: TestApp;
let caseworker: string, finance: string;
// The clock is pinned: 23 November 2026; December 2026 may be paid.
const today = LocalDate.of(2026, 11, 23);
beforeAll(async () => {
  t = await testApp(today);
  caseworker = await aStaffUser(t.database.db, 'caseworker');
  finance = await aStaffUser(t.database.db, 'finance');
});
afterAll(async () => {
  await t?.close();
});

const cprOf = async (id: string) =>
  (await t.database.db.selectFrom('person').select('cpr').where('id', '=', id).executeTakeFirstOrThrow()).cpr;
let cvr = 10_000_000;
async function aProvider(kind = 'privatinstitution') {
  const cw = await loginAs(t.app, caseworker);
  const r = await cw.call('POST', '/api/staff/subsidies/providers', {
    kind,
    name: 'Privatinstitutionen Mælkebøtten',
    cvr: String(++cvr),
    address: 'Havnegade 3, 9800 Hjørring',
    approvedFrom: '2026-01-01',
  });
  expect(r.statusCode).toBe(201);
  return { id: r.json().id as string, cw };
}

describe(`grants to private providers (${engine})`, () => {
  it('pays the grant, friplads and søskendetilskud through the provider, once, and corrects a back-dated end', async () => {
    const db = t.database.db;
    const { id, cw } = await aProvider();
    const fin = await loginAs(t.app, finance);
    // The approved budget from 1 January 2026: 0–35 months 9.000 kr. + 300 kr. building + 200 kr. administration, the
    // provider's parent payment 3.500 kr.; 36 months on 5.000 kr. + 300 + 200, parent payment 2.000 kr.
    for (const b of [
      { fromMonths: 0, toMonths: 36, grantOere: 900_000, parentPaymentOere: 350_000 },
      { fromMonths: 36, toMonths: 84, grantOere: 500_000, parentPaymentOere: 200_000 },
    ])
      expect(
        (
          await fin.call('POST', `/api/staff/subsidies/providers/${id}/budgets`, {
            ...b,
            buildingOere: 30_000,
            adminOere: 20_000,
            from: '2026-01-01',
          })
        ).statusCode,
      ).toBe(201);

    // Family A, no registered income (pays the full parent payment): Ida, 21 months in December, and her brother
    // Emil, 54 months. Family B, 100.000 kr. a year (under the friplads scale's lower limit: pays nothing): Ella.
    const ida = await aChild(db, { birthDate: LocalDate.of(2025, 3, 1), firstName: 'Ida' });
    await aGuardianOf(db, ida);
    const emil = await aChild(db, {
      birthDate: LocalDate.of(2022, 6, 1),
      firstName: 'Emil',
      householdId: ida.householdId,
    });
    const ella = await aChild(db, { birthDate: LocalDate.of(2025, 6, 15), firstName: 'Ella' });
    await aGuardianOf(db, ella);
    await anIncome(db, ella.householdId, 10_000_000, LocalDate.of(2026, 1, 1));
    const enrolled: Record<string, string> = {};
    for (const [name, child] of [
      ['ida', ida],
      ['emil', emil],
      ['ella', ella],
    ] as const) {
      const r = await cw.call('POST', `/api/staff/subsidies/providers/${id}/enrolments`, {
        cpr: await cprOf(child.id),
        start: '2026-12-01',
      });
      expect(r.statusCode).toBe(201);
      enrolled[name] = r.json().id;
    }

    const run = await fin.call('POST', '/api/staff/subsidies/payouts', { municipality: '0860', month: '2026-12' });
    expect(run.statusCode).toBe(200);
    // Ida: 9.500 kr. grant (the family pays her 3.500 kr. in full, the most expensive place).
    // Emil: 5.500 kr. grant + 50 % of his 2.000 kr. as søskendetilskud = 6.500 kr.
    // Ella: 9.500 kr. grant + 3.500 kr. friplads = 13.000 kr. In all 29.000 kr.
    expect(run.json()).toMatchObject({ lines: 3, totalOere: 2_900_000 });
    const detail = (await fin.call('GET', `/api/staff/subsidies/providers/${id}`)).json();
    expect(detail.statements).toHaveLength(1);
    const byChild = Object.fromEntries(detail.statements[0].lines.map((l: { childId: string }) => [l.childId, l]));
    expect(byChild[ida.id]).toMatchObject({ grantOere: 950_000, fripladsOere: 0, siblingOere: 0, amountOere: 950_000 });
    expect(byChild[emil.id]).toMatchObject({ grantOere: 550_000, fripladsOere: 0, siblingOere: 100_000 });
    expect(byChild[ella.id]).toMatchObject({ grantOere: 950_000, fripladsOere: 350_000, amountOere: 1_300_000 });
    expect(detail.statements[0]).toMatchObject({ month: '2026-12-01', totalOere: 2_900_000 });
    const events = await db
      .selectFrom('creditor_event')
      .select(['kind', 'amount_oere'])
      .where('provider_id', '=', id)
      .execute();
    expect(events.map((e) => Number(e.amount_oere)).sort((a, b) => a - b)).toEqual([650_000, 950_000, 1_300_000]);

    // The creditor export has the provider's statement: a line per child with the grant, friplads and sibling parts.
    const csv = (await fin.call('GET', `/api/staff/subsidies/payouts/${run.json().runId}/export`)).body;
    expect(csv).toContain(
      `;Privatinstitutionen Mælkebøtten;${enrolled.ella};${ella.id};privatinstitution;payment;1300000;1300000;0;${cvr};950000;350000`,
    );
    // A re-run without changes writes nothing.
    expect(
      (await fin.call('POST', '/api/staff/subsidies/payouts', { municipality: '0860', month: '2026-12' })).json(),
    ).toMatchObject({ runId: null, lines: 0 });

    // Emil leaves after 15 December, entered back in time: 15 of 31 days. Grant 5.500 × 15/31 = 2.661,29 kr.,
    // søskendetilskud 1.000 × 15/31 = 483,87 kr.: 3.145,16 kr. due, 6.500 paid, so a correction of −3.354,84 kr.
    expect(
      (await cw.call('POST', `/api/staff/subsidies/enrolments/${enrolled.emil}/end`, { lastDay: '2026-12-15' }))
        .statusCode,
    ).toBe(200);
    const again = await fin.call('POST', '/api/staff/subsidies/payouts', { municipality: '0860', month: '2026-12' });
    expect(again.json()).toMatchObject({ lines: 1, totalOere: -335_484 });
    const after = (await fin.call('GET', `/api/staff/subsidies/providers/${id}`)).json();
    const correction = after.statements.find((s: { runId: string }) => s.runId === again.json().runId);
    expect(correction.lines).toEqual([
      expect.objectContaining({
        childId: emil.id,
        kind: 'correction',
        grantOere: 266_129,
        siblingOere: 48_387,
        dueOere: 314_516,
        amountOere: -335_484,
      }),
    ]);
    expect(
      (await fin.call('POST', '/api/staff/subsidies/payouts', { municipality: '0860', month: '2026-12' })).json(),
    ).toMatchObject({ lines: 0 });
  });

  it('refuses an enrolment next to a dagtilbud place or a subsidy, and a subsidy next to an enrolment, naming the rule', async () => {
    const db = t.database.db;
    const { id, cw } = await aProvider();
    const unit = await aUnit(db);
    const placed = await aChild(db, { birthDate: LocalDate.of(2025, 1, 1) });
    await aPlacement(db, placed.id, unit.id, LocalDate.of(2026, 8, 1));
    const r1 = await cw.call('POST', `/api/staff/subsidies/providers/${id}/enrolments`, {
      cpr: await cprOf(placed.id),
      start: '2026-12-01',
    });
    expect(r1.statusCode).toBe(409);
    expect(r1.json()).toMatchObject({
      error: 'subsidies.dagtilbud-overlap',
      params: { rule: 'dagtilbudsloven § 2, stk. 3' },
    });

    // A family with an application for tilskud til privat pasning from 1 December.
    const child = await aChild(db, { birthDate: LocalDate.of(2025, 3, 1) });
    const g = await aGuardianOf(db, child);
    const parent = await loginAs(t.app, g.userId);
    const applied = await parent.call('POST', '/api/citizen/subsidies', {
      childId: child.id,
      start: '2026-12-01',
      carer: { name: 'Solstrålen', street: 'Havnegade 5', postalCode: '9800', city: 'Hjørring' },
      expenseOere: 400_000,
      hoursPerWeek: 40,
      childrenInCare: 4,
    });
    expect(applied.statusCode).toBe(201);
    const r2 = await cw.call('POST', `/api/staff/subsidies/providers/${id}/enrolments`, {
      cpr: await cprOf(child.id),
      start: '2027-01-01',
    });
    expect(r2.statusCode).toBe(409);
    expect(r2.json()).toMatchObject({
      error: 'subsidies.case-overlap',
      params: { rule: 'dagtilbudsloven § 2, stk. 3' },
    });

    // And the other way round: an enrolled child cannot get tilskud til privat pasning in the same period.
    const enrolledChild = await aChild(db, { birthDate: LocalDate.of(2025, 3, 1) });
    const g2 = await aGuardianOf(db, enrolledChild);
    expect(
      (
        await cw.call('POST', `/api/staff/subsidies/providers/${id}/enrolments`, {
          cpr: await cprOf(enrolledChild.id),
          start: '2026-12-01',
        })
      ).statusCode,
    ).toBe(201);
    const r3 = await (
      await loginAs(t.app, g2.userId)
    ).call('POST', '/api/citizen/subsidies', {
      childId: enrolledChild.id,
      start: '2027-02-01',
      carer: { name: 'Solstrålen', street: 'Havnegade 5', postalCode: '9800', city: 'Hjørring' },
      expenseOere: 400_000,
      hoursPerWeek: 40,
      childrenInCare: 4,
    });
    expect(r3.statusCode).toBe(409);
    expect(r3.json()).toMatchObject({ error: 'subsidies.enrolled-with-provider' });
  });

  it('refuses a second provider with the same CVR, an unknown CPR and an amount out of range, each naming its field', async () => {
    const { id, cw } = await aProvider();
    const again = await cw.call('POST', '/api/staff/subsidies/providers', {
      kind: 'privat_dagpleje',
      name: 'Dagplejen Mælkebøtten',
      cvr: String(cvr),
      address: 'Havnegade 5, 9800 Hjørring',
      approvedFrom: '2026-01-01',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'subsidies.provider-exists' });
    const unknown = await cw.call('POST', `/api/staff/subsidies/providers/${id}/enrolments`, {
      cpr: '0102031234',
      start: '2026-12-01',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'subsidies.no-child' });
    // A 400 names the field and says why in Danish: the form shows it at that field.
    const fin = await loginAs(t.app, finance);
    const budget = { fromMonths: 0, toMonths: 36, parentPaymentOere: 300_000, from: '2027-01-01' };
    const tooMuch = await fin.call('POST', `/api/staff/subsidies/providers/${id}/budgets`, {
      ...budget,
      grantOere: 200_000_000_000,
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().params).toEqual({ field: 'grantOere', reason: 'Beløbet kan højst være 1.000.000.000 kr.' });
    const notAnAmount = await fin.call('POST', `/api/staff/subsidies/providers/${id}/budgets`, {
      ...budget,
      grantOere: null,
    });
    expect(notAnAmount.json().params).toEqual({ field: 'grantOere', reason: 'Skriv et beløb i kroner, fx 1.234,50.' });
    const blank = await cw.call('POST', '/api/staff/subsidies/providers', {
      kind: 'privat_dagpleje',
      name: '   ',
      cvr: '12345678',
      address: 'Havnegade 5, 9800 Hjørring',
      approvedFrom: '2026-01-01',
    });
    expect(blank.json().params).toEqual({ field: 'name', reason: 'Feltet skal udfyldes.' });
  });

  it('gives building and administration supplements only to a privatinstitution', async () => {
    const { id } = await aProvider('privat_dagpleje');
    const fin = await loginAs(t.app, finance);
    const r = await fin.call('POST', `/api/staff/subsidies/providers/${id}/budgets`, {
      fromMonths: 0,
      toMonths: 36,
      grantOere: 800_000,
      buildingOere: 30_000,
      parentPaymentOere: 300_000,
      from: '2026-01-01',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: 'subsidies.supplement-not-allowed' });
    // A caseworker does not set budgets.
    const cw = await loginAs(t.app, caseworker);
    expect(
      (
        await cw.call('POST', `/api/staff/subsidies/providers/${id}/budgets`, {
          fromMonths: 0,
          toMonths: 36,
          grantOere: 800_000,
          parentPaymentOere: 300_000,
          from: '2026-01-01',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('adds rate periods from a date and refuses overlaps and periods in the past', async () => {
    const fin = await loginAs(t.app, finance);
    const add = (body: Record<string, unknown>) => fin.call('POST', '/api/staff/subsidies/rates', body);
    const rate = { scheme: 'egne_boern', fromMonths: 0, toMonths: 36, monthlyOere: 980_000 };
    expect((await add({ ...rate, from: '2027-01-01' })).statusCode).toBe(201);
    const dup = await add({ ...rate, monthlyOere: 990_000, from: '2027-01-01' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: 'subsidies.period-overlap' });
    expect((await add({ ...rate, from: '2026-10-01' })).json()).toMatchObject({ error: 'subsidies.start-in-past' });
    // A later period ends the open one the day before.
    expect((await add({ ...rate, monthlyOere: 1_000_000, from: '2027-07-01' })).statusCode).toBe(201);
    const list = (await fin.call('GET', '/api/staff/subsidies/rates')).json();
    const own = list.rates.filter((r: { own: boolean; scheme: string }) => r.own && r.scheme === 'egne_boern');
    expect(own.map((r: object) => ({ ...r, id: undefined }))).toEqual([
      {
        id: undefined,
        scheme: 'egne_boern',
        own: true,
        fromMonths: 0,
        toMonths: 36,
        monthlyOere: 980_000,
        start: '2027-01-01',
        end: '2027-06-30',
      },
      {
        id: undefined,
        scheme: 'egne_boern',
        own: true,
        fromMonths: 0,
        toMonths: 36,
        monthlyOere: 1_000_000,
        start: '2027-07-01',
        end: null,
      },
    ]);
    // New terms: the egne børn share and household cap from 2027 (the other terms carried over).
    const terms = await fin.call('POST', '/api/staff/subsidies/terms', {
      scheme: 'egne_boern',
      sharePercent: 80,
      householdCapOere: 2_100_000,
      from: '2027-01-01',
    });
    expect(terms.statusCode).toBe(201);
    const after = (await fin.call('GET', '/api/staff/subsidies/rates')).json();
    expect(after.terms.filter((x: { own: boolean }) => x.own)).toEqual([
      expect.objectContaining({
        scheme: 'egne_boern',
        sharePercent: 80,
        householdCapOere: 2_100_000,
        start: '2027-01-01',
      }),
    ]);
    // A caseworker reads no rates admin.
    expect((await (await loginAs(t.app, caseworker)).call('GET', '/api/staff/subsidies/rates')).statusCode).toBe(403);
  });
});
