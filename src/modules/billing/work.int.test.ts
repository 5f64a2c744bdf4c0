// The staff home's work items per role (issue 14): finance sees where next month's billing run and subsidy payout
// stand (both pages open on next month: billed and paid in advance) and follows them as they move on; a caseworker
// sees subsidy applications waiting for a decision, not billing; a unit leader neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { aChild, aGuardianOf } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { billingTestApp } from '../../../test/billing-fixture.js';
import { LocalDate } from '../../shared/index.js';

type Api = Awaited<ReturnType<typeof loginAs>>;
let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, fin: Api, cw: Api;
let month: string, first: string;
beforeAll(async () => {
  ({ t, f, fin } = await billingTestApp());
  cw = await loginAs(t.app, f.users.caseworker);
  const today = LocalDate.parse((await t.app.inject({ url: '/api/health' })).json().today);
  first = today.plusMonths(1).firstOfMonth().toString();
  month = first.slice(0, 7);
}, 180_000);
afterAll(async () => {
  await t?.close();
});

type Item = {
  module: string;
  key: string;
  count: number;
  tone: string;
  link: string;
  params?: Record<string, unknown>;
};
const work = async (who: Api) => (await who.call('GET', '/api/staff/work')).json() as Item[];
const billingItem = (items: Item[]) => items.find((w) => w.module === 'billing' && w.key.startsWith('work.billing'));
const subsidyItem = (items: Item[], key: string) => items.find((w) => w.module === 'subsidies' && w.key === key);

describe(`work items per role (${engine})`, () => {
  it("finance follows next month's billing run from the staff home", async () => {
    expect(billingItem(await work(fin))).toEqual({
      module: 'billing',
      key: 'work.billingNotRun',
      count: 1,
      tone: 'warning',
      link: '/staff/opkraevning',
      params: { month: first },
    });
    const run = await fin.call('POST', '/api/staff/billing/runs', { municipality: '0860', month });
    expect(run.statusCode).toBe(202);
    await expect
      .poll(async () => (await fin.call('GET', `/api/staff/billing/runs/${run.json().runId}`)).json().status, {
        timeout: 30_000,
      })
      .toBe('done');
    const summary = (await fin.call('GET', `/api/staff/billing/months?municipality=0860&month=${month}`)).json();
    expect(summary.draft.count).toBeGreaterThan(0);
    expect(billingItem(await work(fin))).toMatchObject({
      key: 'work.billingDrafts',
      count: summary.draft.count,
      tone: 'warning',
    });
  });

  it('a caseworker sees a subsidy application to decide; finance then sees it waiting for the payout, then paid', async () => {
    const db = t.database.db;
    const child = await aChild(db, { birthDate: LocalDate.of(2025, 3, 1), firstName: 'Alma' });
    const g = await aGuardianOf(db, child, { firstName: 'Sara' });
    const family = await loginAs(t.app, g.userId);
    const applied = await family.call('POST', '/api/citizen/subsidies', {
      childId: child.id,
      start: first,
      carer: { name: 'Privat pasningsordning Solstrålen', street: 'Havnegade 3', postalCode: '9800', city: 'Hjørring' },
      expenseOere: 400_000,
      hoursPerWeek: 40,
      childrenInCare: 4,
    });
    expect(applied.statusCode).toBe(201);
    const open = (await cw.call('GET', '/api/staff/subsidies/cases?status=applied')).json() as any[];
    expect(subsidyItem(await work(cw), 'work.subsidyCases')).toMatchObject({
      count: open.length,
      link: '/staff/tilskud',
      params: { date: applied.json().deadline },
    });
    expect(subsidyItem(await work(fin), 'work.payoutNotApproved')).toMatchObject({
      count: 0,
      params: { month: first },
    });

    const decided = await cw.call('POST', `/api/staff/subsidies/cases/${applied.json().id}/decision`, {
      approve: true,
    });
    expect(decided.statusCode).toBe(200);
    expect(subsidyItem(await work(cw), 'work.subsidyCases')!.count).toBe(open.length - 1);
    expect(subsidyItem(await work(fin), 'work.payoutNotApproved')).toMatchObject({ count: 1, tone: 'warning' });

    const payout = await fin.call('POST', '/api/staff/subsidies/payouts', { municipality: '0860', month });
    expect(payout.statusCode).toBe(200);
    expect(payout.json().lines).toBeGreaterThan(0);
    expect(subsidyItem(await work(fin), 'work.payoutApproved')).toMatchObject({
      count: payout.json().lines,
      tone: 'info',
      link: '/staff/tilskud-udbetaling',
    });
  });

  it('billing and payouts are not a caseworker’s or a unit leader’s work', async () => {
    const caseworker = await work(cw);
    expect(caseworker.some((w) => w.module === 'billing' || w.key.startsWith('work.payout'))).toBe(false);
    const leader = await work(await loginAs(t.app, f.users.leader));
    expect(leader.some((w) => w.module === 'billing' || w.module === 'subsidies')).toBe(false);
    expect(leader.some((w) => w.module === 'attendance')).toBe(true);
  });
});
