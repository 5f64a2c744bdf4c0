// Issue 11 item 3: every placed child is billed by the rate of its place, or the run stops with the complete list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { billingTestApp } from '../../../test/billing-fixture.js';
import { kroner } from '../../shared/index.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, fin: Awaited<ReturnType<typeof loginAs>>;
let karl: string, lone: string;
const count = async (table: 'invoice' | 'billing_run') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  ({ t, f, fin } = await billingTestApp());
  const db = t.database.db;
  const home = (
    await db
      .selectFrom('residence')
      .select('household_id')
      .where('person_id', '=', f.children.oscar)
      .executeTakeFirstOrThrow()
  ).household_id;
  // Karl is 6 in December 2026 and still in Mælkebøtten (a børnehave); Lone (4) is placed but nobody has custody of her.
  const kids = await db
    .insertInto('person')
    .values([
      { cpr: '0106204415', first_name: 'Karl', last_name: 'Berg', birth_date: '2020-06-01', sex: 'male' },
      { cpr: '0203224416', first_name: 'Lone', last_name: 'Vang', birth_date: '2022-03-02', sex: 'female' },
    ])
    .returning('id')
    .execute();
  [karl, lone] = kids.map((k) => k.id) as [string, string];
  await db
    .insertInto('residence')
    .values([
      { person_id: karl, household_id: home, valid: '[2020-06-01,)' },
      { person_id: lone, household_id: home, valid: '[2022-03-02,)' },
    ])
    .execute();
  await db
    .insertInto('custody')
    .values({ child_id: karl, guardian_id: f.guardians.anders, valid: '[2020-06-01,)' })
    .execute();
  await db
    .insertInto('placement')
    .values([
      { child_id: karl, unit_id: f.units.mael, kind: 'dagtilbud', valid: '[2024-01-01,)' },
      { child_id: lone, unit_id: f.units.mael, kind: 'dagtilbud', valid: '[2025-08-01,)' },
    ])
    .execute();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe(`no placed child is billed nothing, silently (${engine})`, () => {
  it('the preview names every unbilled child with a link and the true count; a run is refused with the complete list', async () => {
    const preview = (await fin.call('GET', '/api/staff/billing/preview?municipality=0860&month=2026-12')).json();
    expect(preview.unbilledCount).toBe(1);
    expect(preview.unbilled).toEqual([
      {
        childId: lone,
        name: 'Lone Vang',
        link: `/staff/boern/${lone}`,
        months: ['2026-12'],
        reasons: ['Ingen forælder med forældremyndighed pr. 1. december 2026.'],
      },
    ]);
    const refused = await fin.call('POST', '/api/staff/billing/runs', { municipality: '0860', month: '2026-12' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'billing.unbilled-children', params: { count: 1, what: 'run' } });
    expect(refused.json().details).toEqual({ count: 1, children: preview.unbilled });
    expect([await count('invoice'), await count('billing_run')]).toEqual([0, 0]);
  });

  it('bills the 6-year-old still in børnehave the børnehave rate, once every child has a payer', async () => {
    await t.database.db
      .insertInto('custody')
      .values({ child_id: lone, guardian_id: f.guardians.anders, valid: '[2022-03-02,)' })
      .execute();
    const preview = (await fin.call('GET', '/api/staff/billing/preview?municipality=0860&month=2026-12')).json();
    expect(preview).toMatchObject({ unbilledCount: 0, unbilled: [], children: 4 });
    const run = await fin.call('POST', '/api/staff/billing/runs', { municipality: '0860', month: '2026-12' });
    expect(run.statusCode).toBe(202);
    await expect
      .poll(async () => (await fin.call('GET', `/api/staff/billing/runs/${run.json().runId}`)).json().status, {
        timeout: 30_000,
      })
      .toBe('done');
    const invoices = (
      await fin.call('GET', `/api/staff/billing/invoices?municipality=0860&month=2026-12&payerId=${f.guardians.anders}`)
    ).json();
    const karlRate = invoices[0].lines.find((l: any) => l.childName.startsWith('Karl') && l.code === 'rate');
    expect(karlRate.amountOere).toBe(kroner(2_361)); // Hjørring's 2025 børnehave rate (25,971 kr / 11)
  });

  it('refuses to send while a child placed in the month cannot be billed', async () => {
    await t.database.db.deleteFrom('custody').where('child_id', '=', lone).execute();
    const send = await fin.call('POST', '/api/staff/billing/months/send', { municipality: '0860', month: '2026-12' });
    expect(send.statusCode).toBe(409);
    expect(send.json().details.children.map((c: any) => c.name)).toEqual(['Lone Vang']);
    expect(
      (await t.database.db.selectFrom('invoice').select('status').distinct().execute()).map((r) => r.status),
    ).toEqual(['draft']);
  });
});
