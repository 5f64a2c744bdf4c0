// Independent, hand-computed cases of tilskud til privat pasning through the API: amounts and caps, søskendetilskud,
// end dates, refusals naming the rule, complaints, and the monthly payout run executed twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { LocalDate } from '../../shared/index.js';

let t: TestApp;
let caseworker: string, finance: string;
// The clock is pinned: 23 November 2026. The standard terms (migration 024) give a 2026 ceiling of 6.950 kr. for
// 0–35 months and 4.150 kr. from 36 months; 2027: 7.150 kr. and 4.270 kr.
const today = LocalDate.of(2026, 11, 23);
beforeAll(async () => {
  t = await testApp(today);
  caseworker = await aStaffUser(t.database.db, 'caseworker');
  finance = await aStaffUser(t.database.db, 'finance');
});
afterAll(async () => {
  await t?.close();
});

const carer = {
  name: 'Privat pasningsordning Solstrålen',
  street: 'Havnegade 3',
  postalCode: '9800',
  city: 'Hjørring',
};
async function family(birth: LocalDate) {
  const db = t.database.db;
  const child = await aChild(db, { birthDate: birth, firstName: 'Alma' });
  const g = await aGuardianOf(db, child, { firstName: 'Sara' });
  return { child, g, api: await loginAs(t.app, g.userId) };
}
const application = (childId: string, over: Record<string, unknown> = {}) => ({
  childId,
  start: '2026-12-01',
  carer,
  expenseOere: 400_000,
  hoursPerWeek: 40,
  childrenInCare: 4,
  ...over,
});

describe(`tilskud til privat pasning through the API (${engine})`, () => {
  it('a family applies, a caseworker approves with a letter, and the amount is 75 % of the expense under the ceiling', async () => {
    // Born 1 March 2025: 21 months in December 2026 (0–35 months group), school start 1 August 2031.
    const f = await family(LocalDate.of(2025, 3, 1));
    const applied = await f.api.call('POST', '/api/citizen/subsidies', application(f.child.id));
    expect(applied.statusCode).toBe(201);
    // 75 % of 4.000 kr. = 3.000 kr. < 6.950 kr. Deadline: 30 days from 23 November 2026.
    expect(applied.json()).toMatchObject({ estimateOere: 300_000, deadline: '2026-12-23' });
    const id = applied.json().id;

    const cw = await loginAs(t.app, caseworker);
    const inbox = (await cw.call('GET', '/api/staff/subsidies/cases?status=applied')).json();
    expect(inbox.map((c: { id: string }) => c.id)).toContain(id);
    const detail = (await cw.call('GET', `/api/staff/subsidies/cases/${id}`)).json();
    expect(detail.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { code: string }) => c.code)).toEqual([
      'carer-approved',
    ]);
    expect(detail).toMatchObject({
      proposedEnd: '2031-07-31',
      proposedEndReason: 'school_start',
      monthlyOere: 300_000,
    });

    const decided = await cw.call('POST', `/api/staff/subsidies/cases/${id}/decision`, { approve: true });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'approved', end: '2031-07-31' });
    const letter = await t.database.db
      .selectFrom('letter')
      .select(['subject', 'content'])
      .where('id', '=', decided.json().letterId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(letter.content)).toContain('Klagevejledning');
    expect(JSON.stringify(letter.content)).toContain('Ankestyrelsen');
    // The family sees the decision.
    const mine = (await f.api.call('GET', '/api/citizen/subsidies')).json();
    expect(mine.cases).toEqual([expect.objectContaining({ id, status: 'approved', end: '2031-07-31' })]);
    // Deciding twice is refused.
    expect((await cw.call('POST', `/api/staff/subsidies/cases/${id}/decision`, { approve: true })).json().error).toBe(
      'subsidies.already-decided',
    );
  });

  it('caps at the age group ceiling and ends the day before a dagtilbud place starts', async () => {
    // Born 10 October 2023: 37 months on 1 December 2026 → 3–5 group, ceiling 4.150 kr.; 75 % of 9.000 kr. = 6.750 kr.
    const f = await family(LocalDate.of(2023, 10, 10));
    const unit = await aUnit(t.database.db);
    await aPlacement(t.database.db, f.child.id, unit.id, LocalDate.of(2027, 3, 1));
    // Applying for a period overlapping the place is refused, naming the rule.
    const overlap = await f.api.call(
      'POST',
      '/api/citizen/subsidies',
      application(f.child.id, { expenseOere: 900_000 }),
    );
    expect([overlap.statusCode, overlap.json().error, overlap.json().params.rule]).toEqual([
      409,
      'subsidies.dagtilbud-overlap',
      'dagtilbudsloven § 2, stk. 3',
    ]);
    const ok = await f.api.call(
      'POST',
      '/api/citizen/subsidies',
      application(f.child.id, { expenseOere: 900_000, end: '2027-02-28' }),
    );
    expect(ok.json().estimateOere).toBe(415_000);
    const cw = await loginAs(t.app, caseworker);
    const d = await cw.call('POST', `/api/staff/subsidies/cases/${ok.json().id}/decision`, { approve: true });
    expect(d.json().end).toBe('2027-02-28');
  });

  it('refuses with the rule named: too young, too many children at the carer, no expense, a second subsidy', async () => {
    // Born 1 September 2026: 24 weeks is 16 February 2027.
    const young = await family(LocalDate.of(2026, 9, 1));
    const r1 = await young.api.call('POST', '/api/citizen/subsidies', application(young.child.id));
    expect([r1.statusCode, r1.json().error, r1.json().params.rule]).toEqual([
      400,
      'subsidies.too-young',
      'dagtilbudsloven § 80, stk. 1',
    ]);
    const f = await family(LocalDate.of(2024, 6, 1));
    const r2 = await f.api.call('POST', '/api/citizen/subsidies', application(f.child.id, { childrenInCare: 6 }));
    expect([r2.statusCode, r2.json().error, r2.json().params.rule]).toEqual([
      400,
      'subsidies.carer-limit',
      'dagtilbudsloven § 78',
    ]);
    const r3 = await f.api.call('POST', '/api/citizen/subsidies', application(f.child.id, { expenseOere: 0 }));
    expect([r3.json().error, r3.json().params.rule]).toEqual(['subsidies.expense-too-low', 'dagtilbudsloven § 83']);
    expect((await f.api.call('POST', '/api/citizen/subsidies', application(f.child.id))).statusCode).toBe(201);
    const twice = await f.api.call('POST', '/api/citizen/subsidies', application(f.child.id, { start: '2027-01-01' }));
    expect([twice.statusCode, twice.json().error]).toEqual([409, 'subsidies.overlap']);
    // Someone else's child.
    const other = await family(LocalDate.of(2024, 6, 1));
    expect((await f.api.call('POST', '/api/citizen/subsidies', application(other.child.id))).statusCode).toBe(403);
  });

  it('pays a month once, re-runs write nothing, a change makes a correction and a back-dated stop a recovery claim', async () => {
    const municipality = '0860';
    const fin = await loginAs(t.app, finance),
      cw = await loginAs(t.app, caseworker);
    // Two siblings in privat pasning in one household: Bo (2 years) 5.000 kr., Liv (4 years) 4.800 kr.
    const db = t.database.db;
    const bo = await aChild(db, { birthDate: LocalDate.of(2024, 5, 1), firstName: 'Bo' });
    const liv = await aChild(db, {
      birthDate: LocalDate.of(2022, 5, 1),
      firstName: 'Liv',
      householdId: bo.householdId,
    });
    const g = await aGuardianOf(db, bo, { firstName: 'Ida' });
    await db.insertInto('custody').values({ child_id: liv.id, guardian_id: g.id, valid: '[2022-05-01,)' }).execute();
    const api = await loginAs(t.app, g.userId);
    const a = (await api.call('POST', '/api/citizen/subsidies', application(bo.id, { expenseOere: 500_000 }))).json();
    const b = (await api.call('POST', '/api/citizen/subsidies', application(liv.id, { expenseOere: 480_000 }))).json();
    for (const id of [a.id, b.id])
      expect((await cw.call('POST', `/api/staff/subsidies/cases/${id}/decision`, { approve: true })).statusCode).toBe(
        200,
      );

    // December 2026. Bo: 75 % of 5.000 = 3.750 kr. (< 6.950), own payment 1.250 kr.
    // Liv (55 months): min(3.600, 4.150) = 3.600 kr., own payment 1.200 kr. Bo pays the most: Liv gets 50 % of 1.200 =
    // 600 kr. søskendetilskud → 4.200 kr.
    const p = (
      await fin.call('GET', `/api/staff/subsidies/payouts/preview?municipality=${municipality}&month=2026-12`)
    ).json();
    const line = (id: string) => p.lines.find((l: { caseId: string }) => l.caseId === id);
    expect([line(a.id).dueOere, line(a.id).siblingOere]).toEqual([375_000, 0]);
    expect([line(b.id).dueOere, line(b.id).siblingOere]).toEqual([420_000, 60_000]);

    const run1 = await fin.call('POST', '/api/staff/subsidies/payouts', { municipality, month: '2026-12' });
    expect(run1.statusCode).toBe(200);
    expect(run1.json().lines).toBeGreaterThanOrEqual(2);
    const run2 = await fin.call('POST', '/api/staff/subsidies/payouts', { municipality, month: '2026-12' });
    expect(run2.json()).toEqual({ runId: null, lines: 0, totalOere: 0, recoveries: 0 });

    // The export has a row per line with the amounts.
    const csv = (await fin.call('GET', `/api/staff/subsidies/payouts/${run1.json().runId}/export`)).body;
    expect(csv.split('\r\n')[0]).toMatch(/^format_version;run_id;municipality;month;payee_id/);
    expect(csv).toContain(`;${a.id};${bo.id};privat_pasning;payment;375000;375000;0`);

    // Stop Liv back-dated: last day 15 December. Due: 15/31 of 4.200 kr. = 2.032,26 kr.; 4.200 was paid →
    // a correction of −2.167,74 kr. and a recovery claim. Bo is alone now: no change for him (he paid full).
    const stop = await cw.call('POST', `/api/staff/subsidies/cases/${b.id}/stop`, {
      lastDay: '2026-12-15',
      reason: 'Barnet er flyttet',
    });
    expect(stop.statusCode).toBe(200);
    const run3 = (await fin.call('POST', '/api/staff/subsidies/payouts', { municipality, month: '2026-12' })).json();
    expect(run3).toMatchObject({ lines: 1, totalOere: -216_774, recoveries: 1 });
    const detail = (await cw.call('GET', `/api/staff/subsidies/cases/${b.id}`)).json();
    expect(detail.recoveries).toEqual([expect.objectContaining({ amountOere: 216_774, months: '2026-12' })]);
    expect(
      detail.payouts.map((x: { amountOere: number }) => x.amountOere).sort((x: number, y: number) => y - x),
    ).toEqual([420_000, -216_774]);
    // And again: nothing.
    expect(
      (await fin.call('POST', '/api/staff/subsidies/payouts', { municipality, month: '2026-12' })).json().lines,
    ).toBe(0);
    // The recovery is a claim on the household in billing's debtor export of the next month billed, once.
    const debtor = (
      await fin.call('GET', `/api/staff/billing/export?municipality=${municipality}&month=2026-12`)
    ).json();
    expect(debtor.claims.filter((c: { householdId: string }) => c.householdId === bo.householdId)).toEqual([
      expect.objectContaining({
        source: 'subsidy_recovery',
        month: '2026-12',
        amountOere: 216_774,
        text: 'Tilbagebetaling af tilskud til privat pasning for 2026-12',
      }),
    ]);
    // The outbox has an event per line.
    const events = await db
      .selectFrom('creditor_event')
      .select(['kind', 'amount_oere'])
      .where('case_id', '=', b.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.kind, Number(e.amount_oere)])).toEqual([
      ['payment', 420_000],
      ['recovery', -216_774],
    ]);
    // A month too far ahead is refused.
    expect(
      (await fin.call('POST', '/api/staff/subsidies/payouts', { municipality, month: '2027-02' })).json().error,
    ).toBe('subsidies.month-not-started');
    // Caseworkers do not pay; guardians see nothing of it.
    expect((await cw.call('POST', '/api/staff/subsidies/payouts', { municipality, month: '2026-12' })).statusCode).toBe(
      403,
    );
    expect((await api.call('GET', '/api/staff/subsidies/cases')).statusCode).toBe(403);
  });

  it('registers a complaint, upholds it and forwards it to Ankestyrelsen with the case file', async () => {
    const f = await family(LocalDate.of(2025, 1, 15));
    const id = (await f.api.call('POST', '/api/citizen/subsidies', application(f.child.id))).json().id;
    const cw = await loginAs(t.app, caseworker);
    expect((await cw.call('POST', `/api/staff/subsidies/cases/${id}/decision`, { approve: false })).json().error).toBe(
      'subsidies.reason-required',
    );
    const refused = await cw.call('POST', `/api/staff/subsidies/cases/${id}/decision`, {
      approve: false,
      reason: 'Pasningsaftalen er ikke underskrevet af den private passer.',
    });
    expect(refused.json().status).toBe('refused');
    const k = await cw.call('POST', `/api/staff/subsidies/cases/${id}/complaints`, {
      receivedOn: '2026-11-23',
      text: 'Vi har sendt den underskrevne aftale.',
    });
    expect(k.statusCode).toBe(201);
    const kid = k.json().id;
    expect((await cw.call('POST', `/api/staff/subsidies/complaints/${kid}/forward`)).json().error).toBe(
      'subsidies.complaint-state',
    );
    expect(
      (
        await cw.call('POST', `/api/staff/subsidies/complaints/${kid}/reconsider`, {
          outcome: 'upheld',
          note: 'Aftalen mangler stadig passerens underskrift.',
        })
      ).json(),
    ).toEqual({ status: 'upheld', reopened: false });
    const fw = await cw.call('POST', `/api/staff/subsidies/complaints/${kid}/forward`);
    expect(fw.statusCode).toBe(200);
    expect(fw.json().bundle).toMatchObject({
      recipient: 'Ankestyrelsen',
      caseId: id,
      decision: { status: 'refused' },
      complaints: [expect.objectContaining({ status: 'upheld' })],
    });
    const bundle = await cw.call('GET', `/api/staff/subsidies/complaints/${kid}/bundle`);
    expect(bundle.json().caseId).toBe(id);
  });

  it('a carer stops: every approved subsidy there ends the day before', async () => {
    const f = await family(LocalDate.of(2024, 2, 2));
    const id = (
      await f.api.call(
        'POST',
        '/api/citizen/subsidies',
        application(f.child.id, { carer: { ...carer, cvr: '12345678' } }),
      )
    ).json().id;
    const cw = await loginAs(t.app, caseworker);
    await cw.call('POST', `/api/staff/subsidies/cases/${id}/decision`, { approve: true });
    const carerId = (await cw.call('GET', `/api/staff/subsidies/cases/${id}`)).json().carer.id;
    const r = await cw.call('POST', `/api/staff/subsidies/carers/${carerId}/stop`, { from: '2027-04-01' });
    expect(r.json().endedCases).toEqual([id]);
    const d = (await cw.call('GET', `/api/staff/subsidies/cases/${id}`)).json();
    expect([d.end, d.endReason]).toEqual(['2027-03-31', 'carer_stop']);
  });
  it('gives søskendetilskud across schemes: a sibling in a dearer dagtilbud place makes privat pasning get 50 %', async () => {
    const db = t.database.db;
    // Børnehave rate 2.500 kr. a month from 2026 (fee_rate, billing's data).
    await db
      .insertInto('fee_rate')
      .values({
        municipality_code: '0860',
        kind: 'boernehave',
        age_band: '3-5',
        hours: 'full',
        monthly_oere: 250_000,
        valid: '[2026-01-01,)',
      })
      .execute();
    const f = await family(LocalDate.of(2025, 1, 10));
    const big = await aChild(db, { birthDate: LocalDate.of(2022, 6, 1), householdId: f.child.householdId });
    await db.insertInto('custody').values({ child_id: big.id, guardian_id: f.g.id, valid: '[2022-06-01,)' }).execute();
    await aPlacement(db, big.id, (await aUnit(db)).id, LocalDate.of(2025, 1, 1));
    const id = (
      await f.api.call('POST', '/api/citizen/subsidies', application(f.child.id, { expenseOere: 300_000 }))
    ).json().id;
    const cw = await loginAs(t.app, caseworker);
    expect((await cw.call('POST', `/api/staff/subsidies/cases/${id}/decision`, { approve: true })).statusCode).toBe(
      200,
    );
    // Privat pasning: 75 % of 3.000 kr. = 2.250 kr.; own payment 750 kr. < the sibling's 2.500 kr. → 375 kr. back.
    const fin = await loginAs(t.app, finance);
    const p = (await fin.call('GET', '/api/staff/subsidies/payouts/preview?municipality=0860&month=2026-12')).json();
    const line = p.lines.find((l: { caseId: string }) => l.caseId === id);
    expect([line.dueOere, line.siblingOere, line.kind]).toEqual([262_500, 37_500, 'payment']);
  });
});
