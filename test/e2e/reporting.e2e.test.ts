// A consultant reads the month's extract for Danmarks Statistik in chromium, delivers it (to DS and FLIS at once),
// and reads the normering of the municipality and of a unit over 12 months; every page axe-clean.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { anEmployee } from '../builders.js';
import { expectAccessible, launchBrowser, loginInBrowser, openPage } from '../browser.js';

let t: TestApp, browser: Browser, base: string;

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  const f = await smallFixture(t.database);
  const db = t.database.db;
  await anEmployee(db, f.units.sol, { jobType: 'leder', hours: 37 });
  await anEmployee(db, f.units.sol, { jobType: 'paedagog', hours: 32 });
  await db
    .insertInto('app_user')
    .values({ role: 'consultant', name: 'Konsulent', demo_persona: true, municipality_code: '0860' })
    .execute();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('reporting in the browser', () => {
  it('a consultant reads the preview, delivers it once, and reads the normering', async () => {
    const page = await openPage(browser);
    await loginInBrowser(page, base, 'Konsulent');
    await page.waitForURL(`${base}/staff`);
    await page.getByRole('link', { name: 'Indberetning', exact: true }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: /Udtræk for november 2026 til Danmarks Statistik/ }).count())
      .toBe(1);
    await expect.poll(() => page.getByText('Udtrækket er gyldigt efter formatet.').count()).toBe(1);
    await expect.poll(() => page.getByRole('rowheader', { name: 'Børnehuset Solsikken' }).count()).toBe(1);
    await expectAccessible(page, 'reporting-preview');
    // The main button delivers the month to both receivers (the figures computed once).
    const both = page.getByRole('button', { name: 'Indberet november 2026 til Danmarks Statistik og FLIS' });
    await both.click();
    await expect
      .poll(() =>
        page
          .getByText(
            /Danmarks Statistik: Indberettet som version 1\. Kvittering: LOCAL-DS-.* FLIS: Indberettet som version 1\. Kvittering: LOCAL-FLIS-/,
          )
          .count(),
      )
      .toBe(1);
    await both.click();
    await expect
      .poll(() =>
        page
          .getByText(
            'Danmarks Statistik: Intet nyt: version 1 er allerede indberettet. FLIS: Intet nyt: version 1 er allerede indberettet.',
          )
          .count(),
      )
      .toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '1 (Første)' }).count()).toBe(2);
    // Only the kind shown: nothing new either.
    await page.getByRole('button', { name: 'Indberet kun til Danmarks Statistik' }).click();
    await expect
      .poll(() =>
        page.getByText('Danmarks Statistik: Intet nyt: version 1 er allerede indberettet.', { exact: true }).count(),
      )
      .toBe(1);
    await expectAccessible(page, 'reporting-delivered');

    await page.getByRole('link', { name: 'Normering', exact: true }).click();
    await expect.poll(() => page.getByRole('img', { name: /Børn pr\. voksen over 12 måneder/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole('rowheader', { name: 'november 2026' }).count()).toBe(1);
    await expectAccessible(page, 'normering');
    await page.getByRole('link', { name: 'Børnehuset Solsikken', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Normering i Børnehuset Solsikken' }).count()).toBe(1);
    await expect.poll(() => page.getByText(/De seneste 12 måneder/).count()).toBe(1);
    await expectAccessible(page, 'normering-unit');
    await page.context().close();
  });
});
