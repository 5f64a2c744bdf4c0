// A guardian and staff use Spire in chromium: log in from the demo picker, browse, search, edit; every page axe-clean.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { aStaffUser, aUnit } from '../builders.js';
import { expectAccessible, launchBrowser, loginInBrowser, openPage } from '../browser.js';

const SHOTS = process.env.SPIRE_SCREENSHOTS;
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

const newPage = () => openPage(browser);
const loginAs = (page: Page, name: string) => loginInBrowser(page, base, name);

describe('platform in the browser', () => {
  it('a guardian logs in from the demo picker and sees only her own child and its place', async () => {
    const page = await newPage();
    await page.goto(`${base}/login`);
    await expect.poll(() => page.getByText('Demo: log ind som …').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'login');
    await page.getByRole('button', { name: 'Log ind som Mette Holm' }).click();
    await page.waitForURL(`${base}/mine-boern`);
    await expect.poll(() => page.getByRole('heading', { name: /Ida Holm/ }).count()).toBe(1);
    await expect.poll(() => page.getByText('Børnehuset Solsikken').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Oscar').count()).toBe(0);
    await expectAccessible(page, 'my-children');
    await page.context().close();
  });

  it('the institution browser filters by age and sorts by distance from home', async () => {
    const page = await newPage();
    await loginAs(page, 'Mette Holm');
    await page.waitForURL(`${base}/mine-boern`);
    await page.goto(`${base}/institutioner`);
    await expect.poll(() => page.getByText('Mælkebøtten').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('svg').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'institutions');
    await page.getByLabel(/alder/i).selectOption({ index: 2 }); // a one-year-old
    await expect.poll(() => page.getByText('Mælkebøtten').count()).toBe(0);
    await expect.poll(() => page.getByText('Børnehuset Solsikken').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('a caseworker finds a child by CPR, opens the child page and edits a unit with history', async () => {
    const page = await newPage();
    await loginAs(page, 'Pladsanvisning');
    await page.waitForURL(`${base}/staff`);
    await page.goto(`${base}/staff/boern`);
    await page.getByLabel('Navn eller CPR-nummer').fill('010323-4411');
    await page.getByRole('button', { name: 'Søg' }).click();
    await page.getByRole('link', { name: /Ida/ }).click();
    await expect.poll(() => page.getByText('010323-XXXX').count()).toBeGreaterThan(0);
    expect(page.url()).not.toContain('4411');
    await expect.poll(() => page.getByText('Mette').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'child-page');

    await page.goto(`${base}/staff/institutioner/${f.units.mael}`);
    const name = page.getByLabel('Navn', { exact: true });
    await name.fill('Mælkebøtten Nord');
    await page.getByRole('button', { name: /Gem/ }).first().click();
    await expect.poll(() => page.getByText('Ændringerne er gemt.').count()).toBe(1);
    await expect.poll(() => page.getByText('Mælkebøtten Nord').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'unit-page');
    const row = await t.database.db
      .selectFrom('unit')
      .select('name')
      .where('id', '=', f.units.mael)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Mælkebøtten Nord');
    await page.context().close();
  });

  it('a caseworker creates a new daginstitution and unit from the register', async () => {
    const page = await newPage();
    await loginAs(page, 'Pladsanvisning');
    await page.waitForURL(`${base}/staff`);
    await page.goto(`${base}/staff/institutioner`);
    await page.getByRole('link', { name: 'Ny enhed' }).click();
    await page.getByLabel('Daginstitution', { exact: true }).selectOption('new');
    await page.getByLabel('Daginstitutionens nummer').fill('G30001');
    await page.getByLabel('Daginstitutionens navn').fill('Dagtilbud Vest');
    await page.getByLabel('Institutionsnummer').fill('A30001');
    await page.getByLabel('Navn', { exact: true }).fill('Spirehuset');
    await page.getByLabel('Vej og husnummer').fill('Åvej 3');
    await page.getByLabel('Postnummer').fill('9800');
    await page.getByLabel('By', { exact: true }).fill('Hjørring');
    await expectAccessible(page, 'new-unit');
    await page.getByRole('button', { name: 'Opret enhed' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Spirehuset', level: 1 }).count()).toBe(1);
    await page.context().close();
  });

  it('an administrator reads the audit log of a child', async () => {
    const page = await newPage();
    await loginAs(page, 'Administrator');
    await page.waitForURL(`${base}/staff`);
    await page.goto(`${base}/staff/boern/${f.children.ida}`);
    await expect.poll(() => page.getByRole('heading', { name: /Ida Holm/ }).count()).toBeGreaterThan(0);
    await page.goto(`${base}/staff/audit`);
    await page.getByLabel('Barn eller voksen (navn)').fill('ida holm');
    await page.getByLabel('Handling').selectOption({ label: 'Læste barn' });
    await page.getByRole('button', { name: /Søg/ }).click();
    await expect.poll(() => page.getByText('Søgningen fandt: Ida Holm').count()).toBe(1);
    const row = page.getByRole('row').filter({ hasText: 'Læste barn' }).first();
    await expect.poll(() => row.getByRole('link', { name: 'Ida Holm' }).count()).toBe(1);
    await expect.poll(() => row.getByText('Administrator').count()).toBeGreaterThan(0);
    expect(await page.getByText(f.children.ida).count()).toBe(0);
    await expectAccessible(page, 'audit');
    await page.context().close();
  });

  it('an administrator changes a municipality setting in its form, from a date', async () => {
    const page = await newPage();
    await loginAs(page, 'Administrator');
    await page.waitForURL(`${base}/staff`);
    await page.goto(`${base}/staff/indstillinger`);
    await page.getByLabel('Hvilken regel vil du ændre?').selectOption({ label: 'Rettelse af fremmøde' });
    const form = page.getByRole('form', { name: 'Rettelse af fremmøde' });
    await expect.poll(() => form.getByText('Gælder i dag: 7 dage bagud').count()).toBe(1);
    await form.getByLabel('Personalet kan rette fremmøde i').fill('61');
    await form.getByLabel('Gælder fra').fill('2026-01-01');
    await form.getByRole('button', { name: 'Gem regel' }).click();
    await expect.poll(() => form.getByText('Skriv et helt tal mellem 0 og 60.').count()).toBe(1);
    expect(await form.getByText('Vælg en dato efter i dag.').count()).toBe(1);
    await form.getByLabel('Personalet kan rette fremmøde i').fill('3');
    await form.getByLabel('Gælder fra').fill('2027-01-01');
    await expect
      .poll(() =>
        form.getByText('Den 1. januar 2027 kan personalet rette registreringer fra 29. december 2026 og frem.').count(),
      )
      .toBe(1);
    await expectAccessible(page, 'settings-form');
    await form.getByRole('button', { name: 'Gem regel' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Rettelse af fremmøde.*3 dage bagud/ }).count()).toBe(1);
    await expectAccessible(page, 'settings');
    const row = await t.database.db.selectFrom('setting').select(['key', 'value', 'valid']).executeTakeFirstOrThrow();
    expect(row).toEqual({ key: 'attendance.correction_window_days', value: 3, valid: '[2027-01-01,)' });
    await page.context().close();
  });

  it('an administrator of another municipality sees its name in the header and only its own units and settings', async () => {
    const db = t.database.db;
    await aUnit(db, { municipalityCode: '0813', name: 'Børnehuset Molevitten' });
    const id = await aStaffUser(db, 'admin', [], '0813');
    await db.updateTable('app_user').set({ name: 'Administrator Frederikshavn' }).where('id', '=', id).execute();
    const page = await newPage();
    await loginAs(page, 'Administrator Frederikshavn');
    await page.waitForURL(`${base}/staff`);
    await expect.poll(() => page.getByText('Frederikshavn Kommune').count()).toBeGreaterThan(0);
    await page.goto(`${base}/staff/institutioner`);
    await expect.poll(() => page.getByText('Børnehuset Molevitten').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Børnehuset Solsikken').count()).toBe(0);
    await expectAccessible(page, 'units-other-municipality');
    // Hjørring's setting (the test above) is not Frederikshavn's.
    await page.goto(`${base}/staff/indstillinger`);
    await expect.poll(() => page.getByLabel('Hvilken regel vil du ændre?').count()).toBe(1);
    await expect.poll(() => page.getByText('Rettelse af fremmøde', { exact: false }).count()).toBe(1);
    expect(await page.getByRole('row', { name: /Rettelse af fremmøde/ }).count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/tenancy-settings.png`, fullPage: true });
    await page.context().close();
  });
});
