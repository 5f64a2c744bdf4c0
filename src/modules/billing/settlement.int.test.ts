import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { aStaffUser } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { kroner } from '../../shared/index.js';
import { seedRates2025 } from './rates.js';
import { startRun } from './run.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, fin: Awaited<ReturnType<typeof loginAs>>;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  const db = t.database.db;
  await seedRates2025(db, '0860');
  await db.insertInto('municipality').values({ code: '0813', name: 'Frederikshavn' }).execute();
  // Oscar's family lives in Frederikshavn; his place is in Hjørring.
  const home = await db
    .selectFrom('residence')
    .select('household_id')
    .where('person_id', '=', f.children.oscar)
    .executeTakeFirstOrThrow();
  await db.updateTable('household').set({ municipality_code: '0813' }).where('id', '=', home.household_id).execute();
  await db
    .insertInto('household_income')
    .values({ household_id: home.household_id, yearly_oere: kroner(300_000), valid: '[2026-01-01,)' })
    .execute();
  const u = await db
    .insertInto('app_user')
    .values({ role: 'finance', name: 'Økonomi', demo_persona: true, municipality_code: '0860' })
    .returning('id')
    .executeTakeFirstOrThrow();
  fin = await loginAs(t.app, u.id);
});
afterAll(async () => {
  await t?.close();
});

describe(`§41 settlement (${engine})`, () => {
  it('refuses a subsidy share over 100 %', async () => {
    expect(
      (
        await fin.call('POST', '/api/staff/billing/place-costs', {
          municipality: '0813',
          year: 2026,
          ageBand: '3-5',
          netOere: 1,
          grossOere: 1,
          subsidyPercent: 120,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('bills the home municipality its subsidy, capped at its share of the gross cost; the parents pay the rest without friplads', async () => {
    const costs0813 = {
      municipality: '0813',
      year: 2026,
      ageBand: '3-5',
      netOere: kroner(9_000),
      grossOere: kroner(11_000),
      subsidyPercent: 75,
    };
    // Hjørring's finance cannot set Frederikshavn's place costs; Frederikshavn's own finance can.
    expect((await fin.call('POST', '/api/staff/billing/place-costs', costs0813)).statusCode).toBe(403);
    const fin0813 = await loginAs(t.app, await aStaffUser(t.database.db, 'finance', [], '0813'));
    expect((await fin0813.call('POST', '/api/staff/billing/place-costs', costs0813)).statusCode).toBe(201);
    expect(
      (
        await fin.call('POST', '/api/staff/billing/place-costs', {
          municipality: '0860',
          year: 2026,
          ageBand: '3-5',
          netOere: kroner(8_000),
          grossOere: kroner(10_000),
          subsidyPercent: 75,
        })
      ).statusCode,
    ).toBe(201);
    const st = (await fin.call('GET', '/api/staff/billing/settlement?municipality=0860&month=2026-12')).json();
    expect(st.counterparts).toHaveLength(1);
    // min(9,000 kr net in Frederikshavn, 75 % of 10,000 kr gross in Hjørring) = 7,500 kr.
    expect(st.counterparts[0]).toMatchObject({
      municipality: '0813',
      name: 'Frederikshavn',
      children: 1,
      subsidyOere: kroner(7_500),
    });
    expect(st.counterparts[0].lines[0]).toMatchObject({
      childName: 'Oscar Berg',
      parentExtraOere: kroner(10_000 - 7_500 - 2_361),
    });
    // §41: the paying municipality reads the lines of its own child placed in Hjørring, and nothing else of Hjørring.
    const paying = await fin0813.call('GET', '/api/staff/billing/settlement?municipality=0860&month=2026-12');
    expect(paying.statusCode).toBe(200);
    expect(paying.json().counterparts).toEqual([st.counterparts[0]]);
    expect((await fin0813.call('GET', '/api/staff/billing/invoices?municipality=0860&month=2026-12')).statusCode).toBe(
      403,
    );

    await (
      await startRun(t.database.db, { municipality: '0860', month: '2026-12-01', userId: null })
    ).done;
    const inv = (
      await fin.call('GET', `/api/staff/billing/invoices?municipality=0860&month=2026-12&payerId=${f.guardians.anders}`)
    ).json();
    const lines = inv[0].lines;
    expect(lines.find((l: any) => l.code === 'settlement').amountOere).toBe(kroner(139));
    // Friplads (27 % at 300,000 kr) applies to the rate only, not to the §41 extra.
    expect(lines.find((l: any) => l.code === 'friplads').amountOere).toBe(
      -(kroner(2_361) - Math.round(kroner(2_361) * 0.27)),
    );
  });
});
