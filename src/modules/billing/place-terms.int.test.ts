// The 30-hour leave place (orlovsplads): finance marks the placement, the run charges the leave30 rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { billingTestApp } from '../../../test/billing-fixture.js';
import { planRun } from './run.js';

let t: TestApp,
  f: Awaited<ReturnType<typeof smallFixture>>,
  fin: Awaited<ReturnType<typeof loginAs>>,
  placementId: string;
const idaRate = async () =>
  (await planRun(t.database.db, '0860', '2026-12-01')).lines.find(
    (l) => l.childId === f.children.ida && l.code === 'rate' && l.serviceMonth === '2026-12-01',
  )!.amount;

beforeAll(async () => {
  ({ t, f, fin } = await billingTestApp());
  placementId = (
    await t.database.db
      .selectFrom('placement')
      .select('id')
      .where('child_id', '=', f.children.ida)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t?.close();
});

describe(`30-hour leave place (${engine})`, () => {
  it('refuses a leave mark on a place of more than 30 hours, and staff outside finance', async () => {
    const tooLong = await fin.call('PUT', `/api/staff/billing/place-terms/${placementId}`, { leave30: true });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ error: 'billing.leave30-too-many-hours' });
    const leader = await loginAs(t.app, f.users.leader);
    expect(
      (await leader.call('PUT', `/api/staff/billing/place-terms/${placementId}`, { leave30: true })).statusCode,
    ).toBe(403);
    const missing = await fin.call('PUT', '/api/staff/billing/place-terms/00000000-0000-4000-8000-000000000000', {
      leave30: true,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBe('billing.placement-not-found');
    expect(await t.database.db.selectFrom('billing_place_terms').selectAll().execute()).toEqual([]);
  });

  it('charges the leave30 rate once the placement is marked, and the full rate again when unmarked', async () => {
    await t.database.db.updateTable('placement').set({ hours_per_week: 30 }).where('id', '=', placementId).execute();
    const full = await idaRate(); // no part-time rate in Hjørring: 30 hours falls back to the full rate
    expect(full).toBeGreaterThan(150_000);
    const rate = await fin.call('POST', '/api/staff/billing/rates', {
      municipality: '0860',
      kind: 'boernehave',
      ageBand: '3-5',
      hours: 'leave30',
      monthlyOere: 150_000,
      start: '2025-01-01',
    });
    expect(rate.statusCode).toBe(201);
    expect(await idaRate()).toBe(full);
    const mark = await fin.call('PUT', `/api/staff/billing/place-terms/${placementId}`, { leave30: true });
    expect(mark.statusCode).toBe(200);
    expect((await fin.call('GET', `/api/staff/billing/place-terms/${placementId}`)).json().leave30).toBe(true);
    expect(await idaRate()).toBe(150_000);
    await fin.call('PUT', `/api/staff/billing/place-terms/${placementId}`, { leave30: false });
    expect(await idaRate()).toBe(full);
  });

  it("lists each unit's lunch schemes and the §41 place costs for finance, not for a guardian", async () => {
    expect(
      (
        await fin.call('POST', '/api/staff/billing/lunch', {
          unitId: f.units.sol,
          monthlyOere: 0,
          optedOut: true,
          start: '2027-01-01',
        })
      ).statusCode,
    ).toBe(201);
    const units = (await fin.call('GET', '/api/staff/billing/lunch?municipality=0860')).json();
    expect(units.find((u: { id: string }) => u.id === f.units.sol).schemes).toEqual([
      expect.objectContaining({ optedOut: true, monthlyOere: 0, start: '2027-01-01', end: null }),
    ]);
    expect(
      (
        await fin.call('POST', '/api/staff/billing/place-costs', {
          municipality: '0860',
          year: 2026,
          ageBand: '0-2',
          netOere: 900_000,
          grossOere: 1_200_000,
          subsidyPercent: 75,
        })
      ).statusCode,
    ).toBe(201);
    expect((await fin.call('GET', '/api/staff/billing/place-costs?municipality=0860')).json()).toEqual([
      { year: 2026, ageBand: '0-2', netOere: 900_000, grossOere: 1_200_000, subsidyPercent: 75 },
    ]);
    const parent = await loginAs(t.app, f.users.mette);
    expect((await parent.call('GET', '/api/staff/billing/lunch?municipality=0860')).statusCode).toBe(403);
    expect((await fin.call('GET', '/api/staff/billing/lunch?municipality=86')).statusCode).toBe(400);
  });
});
