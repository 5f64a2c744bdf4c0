// Hand-computed cases of tilskud til pasning af egne børn (§§ 86–88) through the API: the application with its
// declarations, refusals naming the rule, the household cap in the payout run, a municipality that does not offer
// it; and a complaint reconsidered as "changed" reopening its case for a new decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, aHousehold, aStaffUser } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { LocalDate } from '../../shared/index.js';

let t: TestApp;
let caseworker: string, finance: string;
// The clock is pinned: 23 November 2026. Standard egne børn terms for 2026 (migration 024): 85 % of the cheapest net
// operating cost, 9.300 kr. for 0–35 months and 5.500 kr. from 36 months; household cap 20.359 kr. a month; at least
// 8 weeks, at most 12 months, at most 3 children.
const today = LocalDate.of(2026, 11, 23);
beforeAll(async () => {
  t = await testApp(today);
  caseworker = await aStaffUser(t.database.db, 'caseworker');
  finance = await aStaffUser(t.database.db, 'finance');
});
afterAll(async () => {
  await t?.close();
});

const yes = { residence: true, language: true, noOtherIncome: true };
const egne = (childId: string, over: Record<string, unknown> = {}) => ({
  childId,
  start: '2026-12-01',
  end: '2027-05-31',
  declarations: yes,
  ...over,
});

describe(`tilskud til pasning af egne børn through the API (${engine})`, () => {
  it('three children of a household are approved and paid together under the household cap', async () => {
    const db = t.database.db;
    // On 1 December 2026: Ea 18 months and Bo 33 months (9.300 kr. group), Cy 45 months (5.500 kr. group).
    const ea = await aChild(db, { birthDate: LocalDate.of(2025, 6, 1), firstName: 'Ea' });
    const bo = await aChild(db, { birthDate: LocalDate.of(2024, 2, 10), firstName: 'Bo', householdId: ea.householdId });
    const cy = await aChild(db, { birthDate: LocalDate.of(2023, 3, 1), firstName: 'Cy', householdId: ea.householdId });
    const di = await aChild(db, { birthDate: LocalDate.of(2024, 8, 1), firstName: 'Di', householdId: ea.householdId });
    const g = await aGuardianOf(db, ea, { firstName: 'Mia' });
    for (const c of [bo, cy, di])
      await db.insertInto('custody').values({ child_id: c.id, guardian_id: g.id, valid: '[2023-01-01,)' }).execute();
    const api = await loginAs(t.app, g.userId);

    // The parent sees that the municipality offers it, with its limits.
    expect((await api.call('GET', '/api/citizen/subsidies')).json().egne).toEqual({
      minWeeks: 8,
      maxMonths: 12,
      maxChildren: 3,
      sharePercent: 85,
    });
    // Each child alone: 85 % of 9.300 kr. = 7.905 kr., 85 % of 5.500 kr. = 4.675 kr.; decided within 30 days.
    const ids: string[] = [];
    for (const [c, estimate] of [
      [ea, 790_500],
      [bo, 790_500],
      [cy, 467_500],
    ] as const) {
      const r = await api.call('POST', '/api/citizen/subsidies/egne-boern', egne(c.id));
      expect([r.statusCode, r.json().estimateOere, r.json().deadline]).toEqual([201, estimate, '2026-12-23']);
      ids.push(r.json().id);
    }
    const first = await api.call('GET', '/api/citizen/subsidies');
    expect(first.json().cases.map((c: { scheme: string }) => c.scheme)).toEqual([
      'egne_boern',
      'egne_boern',
      'egne_boern',
    ]);
    // A fourth child at the same time is refused (§ 87: at most 3 children per household).
    const fourth = await api.call('POST', '/api/citizen/subsidies/egne-boern', egne(di.id));
    expect([fourth.statusCode, fourth.json().error, fourth.json().params.rule]).toEqual([
      400,
      'subsidies.household-limit',
      'dagtilbudsloven § 87',
    ]);

    const cw = await loginAs(t.app, caseworker);
    const detail = (await cw.call('GET', `/api/staff/subsidies/cases/${ids[0]}`)).json();
    expect(detail.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
    expect(detail).toMatchObject({
      scheme: 'egne_boern',
      declarations: yes,
      monthlyOere: 790_500,
      ceilingOere: 930_000,
      proposedEnd: '2027-05-31',
      proposedEndReason: 'period_end',
    });
    for (const id of ids) {
      const d = await cw.call('POST', `/api/staff/subsidies/cases/${id}/decision`, { approve: true });
      expect([d.statusCode, d.json().end]).toEqual([200, '2027-05-31']);
    }
    const letter = await db
      .selectFrom('letter as l')
      .innerJoin('subsidy_case as c', 'c.letter_id', 'l.id')
      .select(['l.subject', 'l.content'])
      .where('c.id', '=', ids[2]!)
      .executeTakeFirstOrThrow();
    expect(letter.subject).toBe('Afgørelse om tilskud til pasning af egne børn');
    expect(JSON.stringify(letter.content)).toContain('4.675,00 kr.');

    // December 2026: 7.905 + 7.905 + 4.675 = 20.485 kr. > the cap 20.359 kr.: each cut by 20.359 / 20.485, largest
    // remainder: 7.856,38 + 7.856,38 + 4.646,24 = 20.359,00 kr.
    const fin = await loginAs(t.app, finance);
    const p = (await fin.call('GET', '/api/staff/subsidies/payouts/preview?municipality=0860&month=2026-12')).json();
    const due = ids.map((id) => p.lines.find((l: { caseId: string }) => l.caseId === id)?.dueOere);
    expect(due).toEqual([785_638, 785_638, 464_624]);
    const run = await fin.call('POST', '/api/staff/subsidies/payouts', { municipality: '0860', month: '2026-12' });
    expect(run.statusCode).toBe(200);
    const csv = (await fin.call('GET', `/api/staff/subsidies/payouts/${run.json().runId}/export`)).body as string;
    expect(csv.split('\r\n').filter((l) => l.includes(';egne_boern;payment;')).length).toBe(3);
    // The re-run writes nothing.
    expect(
      (await fin.call('POST', '/api/staff/subsidies/payouts', { municipality: '0860', month: '2026-12' })).json(),
    ).toMatchObject({ runId: null, lines: 0 });
  });

  it('refuses with the rule named: too short, too long, too young, and the municipality that does not offer it', async () => {
    const db = t.database.db;
    const f = await aChild(db, { birthDate: LocalDate.of(2025, 1, 5) });
    const g = await aGuardianOf(db, f);
    const api = await loginAs(t.app, g.userId);
    const refusal = async (body: Record<string, unknown>) => {
      const r = await api.call('POST', '/api/citizen/subsidies/egne-boern', body);
      return [r.statusCode, r.json().error, r.json().params?.rule];
    };
    // 1–31 December: 31 days < 8 weeks (56 days).
    expect(await refusal(egne(f.id, { end: '2026-12-31' }))).toEqual([
      400,
      'subsidies.period-too-short',
      'dagtilbudsloven § 87',
    ]);
    // At most one year: 1 December 2026 to 30 November 2027; 1 December 2027 is a day too many.
    expect(await refusal(egne(f.id, { end: '2027-12-01' }))).toEqual([
      400,
      'subsidies.period-too-long',
      'dagtilbudsloven § 87',
    ]);
    expect(
      (await api.call('POST', '/api/citizen/subsidies/egne-boern', egne(f.id, { end: '2027-11-30' }))).statusCode,
    ).toBe(201);
    // Born 1 October 2026: 24 weeks is 18 March 2027.
    const baby = await aChild(db, { birthDate: LocalDate.of(2026, 10, 1) });
    const gb = await aGuardianOf(db, baby);
    const r = await (await loginAs(t.app, gb.userId)).call('POST', '/api/citizen/subsidies/egne-boern', egne(baby.id));
    expect([r.statusCode, r.json().error, r.json().params.rule]).toEqual([
      400,
      'subsidies.too-young',
      'dagtilbudsloven § 86, stk. 1',
    ]);

    // A municipality that has not chosen to offer it (its own terms row: offered = false).
    const household = await aHousehold(db, '0851');
    await db
      .insertInto('subsidy_terms')
      .values({
        municipality_code: '0851',
        scheme: 'egne_boern',
        offered: false,
        min_age_weeks: 24,
        max_age_months: null,
        share_percent: 85,
        max_children_per_carer: 5,
        max_children_two_carers: 10,
        min_weeks: 8,
        max_months: 12,
        max_children_household: 3,
        household_cap_oere: 2_035_900,
        valid: '[2026-01-01,2028-01-01)',
      })
      .execute();
    const other = await aChild(db, { birthDate: LocalDate.of(2025, 1, 5), householdId: household });
    const go = await aGuardianOf(db, other);
    const oapi = await loginAs(t.app, go.userId);
    expect((await oapi.call('GET', '/api/citizen/subsidies')).json().egne).toBeNull();
    const no = await oapi.call('POST', '/api/citizen/subsidies/egne-boern', egne(other.id));
    expect([no.statusCode, no.json().error, no.json().params.rule]).toEqual([
      400,
      'subsidies.not-offered',
      'dagtilbudsloven § 86, stk. 1',
    ]);
  });

  it('a declaration not met blocks approval, naming the rule; the caseworker refuses with it', async () => {
    const db = t.database.db;
    const f = await aChild(db, { birthDate: LocalDate.of(2024, 12, 1) });
    const g = await aGuardianOf(db, f);
    const api = await loginAs(t.app, g.userId);
    const id = (
      await api.call(
        'POST',
        '/api/citizen/subsidies/egne-boern',
        egne(f.id, { declarations: { ...yes, noOtherIncome: false } }),
      )
    ).json().id;
    const cw = await loginAs(t.app, caseworker);
    const approve = await cw.call('POST', `/api/staff/subsidies/cases/${id}/decision`, { approve: true });
    expect([approve.statusCode, approve.json().error, approve.json().params]).toEqual([
      409,
      'subsidies.check-failed',
      { rule: 'dagtilbudsloven § 87', check: 'other-income' },
    ]);
    const refuse = await cw.call('POST', `/api/staff/subsidies/cases/${id}/decision`, {
      approve: false,
      reason: 'Du har oplyst, at du har anden indtægt i perioden.',
    });
    expect(refuse.json().status).toBe('refused');
    expect((await cw.call('GET', `/api/staff/subsidies/cases/${id}`)).json().refusalRule).toBe('dagtilbudsloven § 87');
  });
});

describe(`a complaint reconsidered as changed (${engine})`, () => {
  it('opens the case for a new decision, with an audit row, and the caseworker decides again', async () => {
    const db = t.database.db;
    const f = await aChild(db, { birthDate: LocalDate.of(2025, 2, 1) });
    const g = await aGuardianOf(db, f);
    const api = await loginAs(t.app, g.userId);
    const id = (await api.call('POST', '/api/citizen/subsidies/egne-boern', egne(f.id))).json().id;
    const cw = await loginAs(t.app, caseworker);
    await cw.call('POST', `/api/staff/subsidies/cases/${id}/decision`, {
      approve: false,
      reason: 'Ansøgningen manglede oplysninger.',
    });
    const k = (
      await cw.call('POST', `/api/staff/subsidies/cases/${id}/complaints`, {
        receivedOn: '2026-11-23',
        text: 'Oplysningerne er nu sendt.',
      })
    ).json().id;
    const r = await cw.call('POST', `/api/staff/subsidies/complaints/${k}/reconsider`, {
      outcome: 'changed',
      note: 'Oplysningerne er modtaget; sagen afgøres igen.',
    });
    expect(r.json()).toEqual({ status: 'changed', reopened: true });
    const d = (await cw.call('GET', `/api/staff/subsidies/cases/${id}`)).json();
    // Back under consideration, with a new deadline (30 days from 23 November 2026).
    expect([d.status, d.reopenedOn, d.deadline, d.decidedOn]).toEqual(['applied', '2026-11-23', '2026-12-23', null]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'subsidies.reopen')
      .where(({ eb, val }) => eb(val(id), '=', eb.fn<string>('any', ['subject_ids'])))
      .execute();
    expect(audit).toEqual([{ action: 'subsidies.reopen', details: { complaintId: k, previousStatus: 'refused' } }]);
    const again = await cw.call('POST', `/api/staff/subsidies/cases/${id}/decision`, { approve: true });
    expect([again.statusCode, again.json().status]).toEqual([200, 'approved']);
    // The complaint is settled: it cannot be reconsidered twice.
    expect(
      (
        await cw.call('POST', `/api/staff/subsidies/complaints/${k}/reconsider`, { outcome: 'changed', note: 'x' })
      ).json().error,
    ).toBe('subsidies.complaint-state');
  });
});
