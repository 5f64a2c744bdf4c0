import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { kroner } from '../../shared/index.js';
import { seedRates2025 } from './rates.js';
import { startRun } from './run.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, homeId: string;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  await seedRates2025(t.database.db, '0860');
  homeId = (
    await t.database.db
      .selectFrom('residence')
      .select('household_id')
      .where('person_id', '=', f.guardians.mette)
      .executeTakeFirstOrThrow()
  ).household_id;
});
afterAll(async () => {
  await t?.close();
});
const incomes = () =>
  t.database.db
    .selectFrom('household_income')
    .select(['yearly_oere', 'source', sql<string>`valid::text`.as('valid')])
    .where('household_id', '=', homeId)
    .orderBy(sql`lower(valid)`)
    .execute();

describe(`friplads casework (${engine})`, () => {
  it('a parent applies online; bad applications are refused', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    expect(
      (
        await mette.call('POST', '/api/citizen/billing/friplads', {
          yearlyOere: -1,
          childrenUnder18: 1,
          singleProvider: false,
          wantedFrom: '2026-12-01',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await mette.call('POST', '/api/citizen/billing/friplads', {
          yearlyOere: kroner(250_000),
          childrenUnder18: 1,
          singleProvider: false,
          wantedFrom: '2026-12-15',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await mette.call('POST', '/api/citizen/billing/friplads', {
          yearlyOere: kroner(250_000),
          childrenUnder18: 1,
          singleProvider: false,
          wantedFrom: '2026-12-01',
        })
      ).statusCode,
    ).toBe(201);
    const again = await mette.call('POST', '/api/citizen/billing/friplads', {
      yearlyOere: kroner(250_000),
      childrenUnder18: 1,
      singleProvider: false,
      wantedFrom: '2026-12-01',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toBe('billing.application-open');
    expect((await mette.call('GET', '/api/citizen/billing/friplads')).json()).toEqual([
      expect.objectContaining({ status: 'submitted', yearlyOere: kroner(250_000) }),
    ]);
  });

  it('a caseworker decides; the income is registered and a decision letter reaches the parent', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const list = (await cw.call('GET', '/api/staff/billing/friplads')).json();
    expect(list).toHaveLength(1);
    expect(list[0].payPercent).toBe(16); // floor((250000 − 200301) · 95 / 421899) = 11 → 5 + 11 %
    const d = await cw.call('POST', `/api/staff/billing/friplads/${list[0].id}/decision`, { grant: true });
    expect(d.json()).toMatchObject({ status: 'granted', payPercent: 16 });
    const decided = await cw.call('POST', `/api/staff/billing/friplads/${list[0].id}/decision`, { grant: false });
    expect(decided.statusCode).toBe(409);
    expect(decided.json().error).toBe('billing.application-decided');
    expect(await incomes()).toEqual([{ yearly_oere: kroner(250_000), source: 'application', valid: '[2026-12-01,)' }]);
    const mette = await loginAs(t.app, f.users.mette);
    const letters = (await mette.call('GET', '/api/citizen/letters')).json();
    expect(letters.map((l: any) => l.subject)).toContain('Afgørelse om økonomisk friplads');
  });

  it('regulates monthly only when the income moves at least 5 steps', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const small = (
      await cw.call('POST', '/api/staff/billing/incomes/regulate', {
        householdId: homeId,
        yearlyOere: kroner(255_000),
        start: '2027-01-01',
      })
    ).json();
    expect(small).toMatchObject({ applied: false, stepsMoved: 1 });
    const big = (
      await cw.call('POST', '/api/staff/billing/incomes/regulate', {
        householdId: homeId,
        yearlyOere: kroner(350_000),
        start: '2027-01-01',
      })
    ).json();
    expect(big).toMatchObject({ applied: true, stepsMoved: 22, payPercent: 38 });
    expect((await incomes()).map((i) => i.valid)).toEqual(['[2026-12-01,2027-01-01)', '[2027-01-01,)']);
  });

  it('trues up a closed year against the final income and asks the next run to re-check it', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    expect(
      (
        await cw.call('POST', '/api/staff/billing/incomes/true-up', {
          householdId: homeId,
          year: 2026,
          finalYearlyOere: kroner(100_000),
        })
      ).statusCode,
    ).toBe(400); // 2026 is not over
    expect(
      (
        await cw.call('POST', '/api/staff/billing/incomes/true-up', {
          householdId: homeId,
          year: 2025,
          finalYearlyOere: kroner(100_000),
        })
      ).statusCode,
    ).toBe(409); // nothing registered in 2025
    await t.clock.setToday(t.database.db, (await import('../../shared/index.js')).LocalDate.of(2027, 2, 1));
    const r = await cw.call('POST', '/api/staff/billing/incomes/true-up', {
      householdId: homeId,
      year: 2026,
      finalYearlyOere: kroner(100_000),
    });
    expect(r.json()).toEqual({ payPercent: 0 });
    expect((await incomes()).map((i) => [i.valid, i.source])).toEqual([
      ['[2026-01-01,2027-01-01)', 'final'],
      ['[2027-01-01,)', 'regulation'],
    ]);
    expect(
      Number(
        (
          await t.database.db
            .selectFrom('billing_recheck')
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(1);
    await (
      await startRun(t.database.db, { municipality: '0860', month: '2027-02-01', userId: null })
    ).done;
    expect(
      Number(
        (
          await t.database.db
            .selectFrom('billing_recheck')
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);
  });
});
