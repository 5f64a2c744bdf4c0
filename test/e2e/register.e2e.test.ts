// The Dagtilbudsregister in the browser: Dragør's administrator previews the import of Dragør's part of the register,
// imports it after a confirmation with the counts, and sends a refused delivery again from the delivery log.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { expectAccessible, launchBrowser, loginInBrowser, openPage } from '../browser.js';

let t: TestApp, browser: Browser, base: string;

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  await smallFixture(t.database);
  // Dragør's own administrator: each municipality imports its own part of the register.
  await t.database.db.insertInto('municipality').values({ code: '0155', name: 'Dragør' }).execute();
  await t.database.db
    .insertInto('app_user')
    .values({ role: 'admin', name: 'Administrator Dragør', demo_persona: true, municipality_code: '0155' })
    .execute();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('Dagtilbudsregister in the browser', () => {
  it('an administrator previews and imports Dragør from the register', async () => {
    const page = await openPage(browser);
    await loginInBrowser(page, base, 'Administrator Dragør');
    await page.waitForURL(`${base}/staff`);
    await page.getByRole('link', { name: 'Dagtilbudsregister' }).first().click();
    await expect.poll(() => page.getByText('Kommune: Dragør (0155)').count()).toBe(1);
    await page.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
    // Dragør has 12 anvisningsenheder in the snapshot: 12 units and their 12 daginstitutioner.
    await expect.poll(() => page.getByRole('cell', { name: 'G', exact: false }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Rækker 1–24 af 24').count()).toBe(1);
    await expectAccessible(page, 'register-import-preview');
    await page.getByRole('button', { name: 'Indlæs i Spire …' }).click();
    await expect
      .poll(() => page.getByText('Indlæs nu: 24 oprettes, 0 rettes og 0 nedlægges (0 er uændrede).').count())
      .toBe(1);
    await expectAccessible(page, 'register-import-confirm');
    await page.getByRole('button', { name: 'Ja, indlæs' }).click();
    await expect.poll(() => page.getByText('Indlæst: 24 oprettet, 0 rettet, 0 nedlagt.').count()).toBe(1);
    await expect.poll(() => page.getByText('Spire svarer allerede til registeret.').count()).toBe(1);
    const units = await t.database.db
      .selectFrom('unit as u')
      .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
      .select(['u.number'])
      .where('d.municipality_code', '=', '0155')
      .execute();
    expect(units.length).toBe(12);
    expect(units.every((u) => /^G\d{5}$/.test(u.number))).toBe(true);
    await page.context().close();
  });

  it('a refused delivery shows the register’s error and is sent again after the correction', async () => {
    const page = await openPage(browser);
    await loginInBrowser(page, base, 'Administrator Dragør');
    await page.waitForURL(`${base}/staff`);
    const unit = await t.database.db
      .selectFrom('unit as u')
      .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
      .select(['u.id', 'u.number'])
      .where('d.municipality_code', '=', '0155')
      .orderBy('u.number')
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/staff/institutioner/${unit.id}`);
    await page.getByLabel('Telefon', { exact: false }).first().fill('32 53 00 00');
    await page.getByRole('button', { name: /Gem/ }).first().click();
    await expect.poll(() => page.getByText('Ændringerne er gemt.').count()).toBe(1);

    await page.goto(`${base}/staff/indberetninger`);
    await page.getByRole('button', { name: 'Send køen nu' }).click();
    await expect.poll(() => page.getByText('Sendt: 0 modtaget, 1 afvist.').count()).toBe(1);
    await expect.poll(() => page.getByText('P-nummer skal udfyldes for en anvisningsenhed. (pNummer)').count()).toBe(1);
    await expectAccessible(page, 'register-deliveries');

    await page.goto(`${base}/staff/institutioner/${unit.id}`);
    await page.getByLabel(/P-nummer/).fill('1012345678');
    await page.getByRole('button', { name: /Gem/ }).first().click();
    await expect.poll(() => page.getByText('Ændringerne er gemt.').count()).toBe(1);
    await page.goto(`${base}/staff/indberetninger`);
    await page.getByRole('button', { name: `Send igen: Rettelse: Anvisningsenhed ${unit.number}` }).click();
    await expect.poll(() => page.getByText('Registeret har modtaget indberetningen.').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: /Send igen/ }).count()).toBe(0);
    const statuses = await t.database.db.selectFrom('register_delivery').select('status').execute();
    expect(statuses.map((s) => s.status)).toEqual(['accepted', 'accepted']);
    await page.context().close();
  });
});
