// Delivering a month to Danmarks Statistik and FLIS in one request: the month's figures are computed once and two
// deliveries are recorded, with the same payloads and checksums as delivering the kinds one by one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { aChild, anEmployee, aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import type { LocalDate } from '../../shared/index.js';
import type { Delivery, ExtractPreview } from './contract.js';

const MUNI = '0860';
let t: TestApp, admin: Awaited<ReturnType<typeof loginAs>>;
let first: LocalDate, month: string, unitId: string;

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  first = t.clock.today().firstOfMonth();
  month = first.toString().slice(0, 7);
  unitId = (await aUnit(db, { municipalityCode: MUNI, type: 'integreret' })).id;
  for (const [months, hours] of [
    [14, 40],
    [50, 24],
  ] as const) {
    const c = await aChild(db, { birthDate: first.plusMonths(-months) });
    await aPlacement(db, c.id, unitId, first.plusMonths(-2), { hours });
  }
  await anEmployee(db, unitId, { jobType: 'paedagog', hours: 37 });
  admin = await loginAs(t.app, await aStaffUser(db, 'admin'));
});
afterAll(async () => {
  await t?.close();
});

type Result = { outcome: 'delivered' | 'unchanged'; delivery: Delivery };
const both = async () => {
  const r = await admin.call('POST', `/api/staff/reporting/${MUNI}/deliveries/batch`, { month, kinds: ['ds', 'flis'] });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { results: Result[] }).results;
};
const one = async (kind: 'ds' | 'flis') => {
  const r = await admin.call('POST', `/api/staff/reporting/${MUNI}/deliveries`, { month, kind });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Result;
};
const preview = async (kind: 'ds' | 'flis') =>
  (
    await admin.call('GET', `/api/staff/reporting/${MUNI}/extract?month=${month}&kind=${kind}`)
  ).json() as ExtractPreview;

describe(`delivering DS and FLIS together (${engine})`, () => {
  it('records both deliveries with the checksums of delivering them one by one, once however often it is sent', async () => {
    // One by one first: DS and FLIS, version 1 each.
    const ds = await one('ds'),
      flis = await one('flis');
    expect([ds.outcome, flis.outcome]).toEqual(['delivered', 'delivered']);
    // Both at once finds the very same payloads: nothing new for either (the same delivery rows).
    const again = await both();
    expect(again.map((r) => [r.outcome, r.delivery.kind, r.delivery.id, r.delivery.checksum])).toEqual([
      ['unchanged', 'ds', ds.delivery.id, ds.delivery.checksum],
      ['unchanged', 'flis', flis.delivery.id, flis.delivery.checksum],
    ]);

    // A child starts before the 1st: both extracts change; both at once records version 2 of each, a correction,
    // with the checksum each kind's own preview (what one by one would deliver) has.
    const c = await aChild(t.database.db, { birthDate: first.plusMonths(-30) });
    await aPlacement(t.database.db, c.id, unitId, first.minusDays(10), { hours: 30 });
    const [pDs, pFlis] = [await preview('ds'), await preview('flis')];
    expect([pDs.changedSinceDelivery, pFlis.changedSinceDelivery]).toEqual([true, true]);
    const v2 = await both();
    expect(v2.map((r) => [r.outcome, r.delivery.kind, r.delivery.version, r.delivery.correction])).toEqual([
      ['delivered', 'ds', 2, true],
      ['delivered', 'flis', 2, true],
    ]);
    expect(v2.map((r) => r.delivery.checksum)).toEqual([pDs.checksum, pFlis.checksum]);
    expect(v2[0]!.delivery.receipt).toMatch(/^LOCAL-DS-/);
    expect(v2[1]!.delivery.receipt).toMatch(/^LOCAL-FLIS-/);
    for (const [r, p] of [
      [v2[0]!, pDs],
      [v2[1]!, pFlis],
    ] as const) {
      const sent = (await admin.call('GET', `/api/staff/reporting/${MUNI}/deliveries/${r.delivery.id}`)).json();
      expect(sent.payload).toBe(p.payload);
    }
    // One by one now: nothing new; and both again: nothing new.
    expect([(await one('ds')).outcome, (await one('flis')).outcome]).toEqual(['unchanged', 'unchanged']);
    expect((await both()).map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
    const log = (await admin.call('GET', `/api/staff/reporting/${MUNI}/deliveries`)).json() as Delivery[];
    expect(log.map((d) => `${d.kind} ${d.version}`).sort((a, b) => a.localeCompare(b))).toEqual([
      'ds 1',
      'ds 2',
      'flis 1',
      'flis 2',
    ]);
    // Each delivery (and each "nothing new") is in the audit log, as one by one.
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('action', 'in', ['reporting.deliver', 'reporting.deliver-unchanged'])
      .execute();
    expect(audited.filter((a) => a.action === 'reporting.deliver').length).toBe(4);
  });

  it('refuses no kinds, a kind twice and an unknown kind with a 400', async () => {
    for (const kinds of [[], ['ds', 'ds'], ['ds', 'x']]) {
      const r = await admin.call('POST', `/api/staff/reporting/${MUNI}/deliveries/batch`, { month, kinds });
      expect(r.statusCode, JSON.stringify(kinds)).toBe(400);
    }
  });
});
