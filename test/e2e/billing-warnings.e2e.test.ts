// Issue 14: finance finds the billing run's warnings from the staff home and reads every one of them on the billing
// page, by the child's name, paged with the true total, sorted and filtered; the page fits a phone.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { aChild, aGuardianOf, aPlacement } from '../builders.js';
import { expectAccessible, launchBrowser, loginInBrowser, openPage } from '../browser.js';
import { seedRates2025 } from '../../src/modules/billing/rates.js';
import { startRun } from '../../src/modules/billing/run.js';
import { LocalDate } from '../../src/shared/index.js';

let t: TestApp, browser: Browser, base: string;
const WARNED = 30; // more than one page of 25

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  const f = await smallFixture(t.database);
  const db = t.database.db;
  await seedRates2025(db, '0860');
  await db
    .insertInto('app_user')
    .values({ role: 'finance', name: 'Økonomimedarbejder', demo_persona: true, municipality_code: '0860' })
    .execute();
  const today = LocalDate.parse((await t.app.inject({ url: '/api/health' })).json().today);
  const first = today.plusMonths(1).firstOfMonth();
  // Children whose folkeregister address ended before the month: billed at the full rate, each with a warning.
  for (let i = 0; i < WARNED; i++) {
    const child = await aChild(db, { firstName: 'Uden', lastName: `Adresse${String(i).padStart(2, '0')}` });
    await aGuardianOf(db, child);
    await aPlacement(db, child.id, f.units.sol, first.plusMonths(-2));
    await sql`update residence set valid = daterange(lower(valid), ${first.toString()}::date)
      where person_id = ${child.id}`.execute(db);
  }
  const { done } = await startRun(db, { municipality: '0860', month: first.toString(), userId: null });
  await done;
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('billing run warnings in the browser', () => {
  it(
    'finance follows the warning count from the staff home to every warning by name',
    { timeout: 120_000 },
    async () => {
      const page = await openPage(browser);
      await loginInBrowser(page, base, 'Økonomimedarbejder');
      await page.waitForURL(`${base}/staff`);
      const item = page.getByRole('link', { name: new RegExp(`${WARNED} advarsler i kørslen for [a-zæøå]+ \\d{4}`) });
      await expect.poll(() => item.count()).toBe(1);
      await item.click();
      await page.waitForURL(`${base}/staff/opkraevning`);
      const table = page.getByRole('table', { name: new RegExp(`^Advarsler fra kørslen for .+ \\(${WARNED}\\)$`) });
      await expect.poll(() => table.count()).toBe(1);
      await expect.poll(() => page.getByText(`Viser 1–25 af ${WARNED}`).count()).toBe(1);
      await expect.poll(() => table.getByRole('rowheader', { name: 'Uden Adresse00' }).count()).toBe(1);
      expect(await table.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      // Sorted by name, the other way round: the last child comes first.
      await table.getByRole('button', { name: /^Barn/ }).click();
      await table.getByRole('button', { name: /^Barn/ }).click();
      await expect.poll(() => table.getByRole('rowheader').first().textContent()).toBe(`Uden Adresse${WARNED - 1}`);
      // The page's other long table (the invoices) has its own filter: this one sits with the warnings.
      await page.locator('.data-table', { has: table }).getByLabel('Filtrér tabellen').fill('Adresse07');
      await expect.poll(() => page.getByText(`1 af ${WARNED} rækker passer`).count()).toBe(1);
      await expect
        .poll(() => table.getByRole('row').filter({ hasText: 'Ingen folkeregisteradresse pr.' }).count())
        .toBe(1);
      await expectAccessible(page, 'billing-warnings');
      await page.setViewportSize({ width: 390, height: 844 });
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectAccessible(page, 'billing-warnings-phone');
      await page.context().close();
    },
  );
});
