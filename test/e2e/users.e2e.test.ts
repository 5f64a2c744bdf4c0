// A new municipality's administrator creates staff in the browser: a unit leader for Solsikken (the unit is required
// for the role, with a Danish message), then an employee on the unit page; every page axe-clean.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { expectAccessible, launchBrowser, loginInBrowser, openPage } from '../browser.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, browser: Browser, base: string;

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  f = await smallFixture(t.database);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('staff users and employees in the browser', () => {
  it('an administrator creates a unit leader and an employee', async () => {
    const page = await openPage(browser);
    await loginInBrowser(page, base, 'Administrator');
    await page.waitForURL(`${base}/staff`);
    await page.getByRole('link', { name: 'Brugere' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Brugere', level: 1 }).count()).toBe(1);
    await expect.poll(() => page.getByRole('row', { name: /Administrator/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'users');

    await page.getByRole('button', { name: 'Opret bruger' }).click();
    await page.getByLabel('Navn', { exact: true }).fill('Lene Leder');
    await page.getByLabel('E-mail (valgfri)').fill('lene@hjoerring.dk');
    await page.getByLabel('Rolle').selectOption({ label: 'Institutionsleder' });
    await page.getByLabel('Login-id (OIDC subject) (valgfri)').fill('entra-lene-1');
    await page.getByRole('button', { name: 'Opret bruger' }).last().click();
    await expect
      .poll(() => page.getByText('Vælg mindst én institution for en institutionsleder').count())
      .toBeGreaterThan(0);
    await page.getByLabel('Find institution').fill('Solsik');
    await page.getByRole('checkbox', { name: 'Børnehuset Solsikken' }).check();
    await expectAccessible(page, 'users-form');
    await page.getByRole('button', { name: 'Opret bruger' }).last().click();
    await expect.poll(() => page.getByText('Lene Leder er oprettet.').count()).toBe(1);
    const row = page.getByRole('row', { name: /Lene Leder/ });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/Institutionsleder.*Børnehuset Solsikken.*Aktiv/);
    await expectAccessible(page, 'users-created');

    await page.goto(`${base}/staff/institutioner/${f.units.sol}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Medarbejdere' }).count()).toBe(1);
    await page.getByLabel('Fornavn').fill('Karin');
    await page.getByLabel('Efternavn').fill('Holm');
    await page.getByLabel('Stilling').selectOption({ label: 'Pædagog' });
    await page.getByLabel('Timer om ugen: timer').fill('18');
    await page.getByLabel('Timer om ugen: minutter').fill('30');
    await page.getByRole('button', { name: 'Tilføj medarbejder' }).click();
    await expect.poll(() => page.getByText('Karin Holm er tilføjet.').count()).toBe(1);
    await expect.poll(() => page.getByRole('row', { name: /Karin Holm/ }).count()).toBe(1);
    expect(await page.getByRole('row', { name: /Karin Holm/ }).textContent()).toMatch(/Pædagog.*18 t 30 min/);
    expect(await page.getByTestId('fte').textContent()).toBe('Årsværk: 0,5 (37 timer = 1)');
    await page.getByRole('button', { name: 'Ret Karin Holm' }).click();
    const hoursForm = page.getByRole('form', { name: 'Ret timer for Karin Holm' });
    await hoursForm.getByLabel('Timer om ugen: timer').fill('37');
    await hoursForm.getByLabel('Timer om ugen: minutter').fill('0');
    await hoursForm.getByRole('button', { name: 'Ret timer' }).click();
    await expect.poll(() => page.getByTestId('fte').textContent()).toBe('Årsværk: 1 (37 timer = 1)');
    await page.getByTestId('fte').scrollIntoViewIfNeeded();
    await expectAccessible(page, 'unit-employees');
    const audit = await t.database.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.create', 'employee.create']));
    await page.context().close();
  });
});
