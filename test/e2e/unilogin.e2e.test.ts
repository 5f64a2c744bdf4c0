// An administrator reads the Unilogin preview (counts and the persons to add) in chromium, sends the changes once,
// sees the roster unchanged after, and the delivery in the log; a protected guardian is marked; every page axe-clean.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { anEmployee } from '../builders.js';
import { expectAccessible, launchBrowser, loginInBrowser, openPage } from '../browser.js';

let t: TestApp, browser: Browser, base: string, f: Awaited<ReturnType<typeof smallFixture>>;

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  f = await smallFixture(t.database);
  await anEmployee(t.database.db, f.units.sol, { jobType: 'leder', firstName: 'Lone' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('Unilogin in the browser', () => {
  it('an administrator previews, sends the changes once, and sees the log', async () => {
    const page = await openPage(browser);
    await loginInBrowser(page, base, 'Administrator');
    await page.waitForURL(`${base}/staff`);
    await page.getByRole('link', { name: 'Unilogin', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Unilogin og Aula' }).count()).toBe(1);
    await expect
      .poll(() => page.getByText('5 personer på 2 institutioner: 2 børn, 2 forældre, 1 ansatte.').count())
      .toBe(1);
    await expect.poll(() => page.locator('strong', { hasText: '5 tilføjes, 0 ændres, 0 fjernes.' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('rowheader', { name: 'Ida Holm' }).count()).toBe(1);
    await expectAccessible(page, 'unilogin-preview');

    await page.getByRole('button', { name: 'Send ændringer' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send ændringer' }).click();
    await expect.poll(() => page.getByText('Leveringen er modtaget.').count()).toBe(1);
    await expect.poll(() => page.getByText(/Intet er ændret siden sidste godkendte levering/).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: 'Modtaget' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Send ændringer' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'unilogin-delivered');

    // Name and address protection on a guardian: the guardian and the child living with her change, marked.
    await sql`update person set address_protected = true where id = ${f.guardians.mette}`.execute(t.database.db);
    await page.reload();
    await expect.poll(() => page.locator('strong', { hasText: '0 tilføjes, 2 ændres, 0 fjernes.' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Adressebeskyttet').count()).toBe(2);
    await expectAccessible(page, 'unilogin-protected');
    await page.context().close();
  });
});
