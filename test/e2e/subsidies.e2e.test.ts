// Tilskud til privat pasning in chromium: a parent applies in three steps, a caseworker approves from the inbox, and
// finance pays the month (a second run pays nothing); every page axe-clean.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { aChild, aGuardianOf } from '../builders.js';
import { expectAccessible, launchBrowser, loginInBrowser, openPage } from '../browser.js';
import { LocalDate } from '../../src/shared/index.js';

let t: TestApp, browser: Browser, base: string;

beforeAll(async () => {
  // The clock is pinned to 23 November 2026 (testApp's default).
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  await smallFixture(t.database);
  const db = t.database.db;
  const child = await aChild(db, { birthDate: LocalDate.of(2025, 3, 1), firstName: 'Alma', lastName: 'Juhl' });
  await aGuardianOf(db, child, { firstName: 'Sara', lastName: 'Juhl' });
  await db.insertInto('app_user').values({ role: 'finance', name: 'Økonomimedarbejder', demo_persona: true }).execute();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const loginAs = (page: Page, name: string) => loginInBrowser(page, base, name);

describe('subsidies in the browser', () => {
  it('a parent applies, a caseworker approves, and finance pays the month once', async () => {
    const parent = await openPage(browser);
    await loginAs(parent, 'Sara Forælder');
    await parent.waitForURL(`${base}/mine-boern`);
    await parent.getByRole('link', { name: 'Tilskud' }).click();
    await expect.poll(() => parent.getByRole('heading', { name: 'Barn og periode' }).count()).toBe(1);
    await expect.poll(() => parent.getByText(/Kan få tilskud fra 16\. august 2025/).count()).toBe(1);
    await expectAccessible(parent, 'subsidy-step1');
    await parent.getByRole('button', { name: 'Næste' }).click();
    await parent.getByLabel('Den private passers navn').fill('Privat pasningsordning Mariehønen');
    await parent.getByLabel('Adresse, hvor pasningen foregår').fill('Havnegade 3');
    await parent.getByLabel('Postnummer').fill('9800');
    await parent.getByLabel('By', { exact: true }).fill('Hjørring');
    await parent.getByLabel('Jeres udgift pr. måned (kr.)').fill('4.000,00');
    await parent.getByLabel('Antal børn passeren passer i alt').fill('4');
    await expectAccessible(parent, 'subsidy-step2');
    await parent.getByRole('button', { name: 'Næste' }).click();
    await expect.poll(() => parent.getByText('4.000,00 kr.').count()).toBe(1);
    await expectAccessible(parent, 'subsidy-step3');
    await parent.getByRole('button', { name: 'Send ansøgning' }).click();
    // 75 % of 4.000 kr. = 3.000 kr., under the 2026 ceiling (6.950 kr.); decided within 30 days.
    await expect
      .poll(() => parent.getByText(/senest 23\. december 2026\. Forventet tilskud: 3\.000,00 kr\./).count())
      .toBe(1);
    await expectAccessible(parent, 'subsidy-receipt');
    await parent.context().close();

    const cw = await openPage(browser);
    await loginAs(cw, 'Pladsanvisning');
    await cw.waitForURL(`${base}/staff`);
    await cw.getByRole('link', { name: 'Tilskudssager' }).click();
    await cw.getByRole('link', { name: 'Åbn sag: Alma Juhl' }).click();
    await expect.poll(() => cw.getByText('dagtilbudsloven § 2, stk. 3').count()).toBe(1);
    await expect.poll(() => cw.getByText(/31\. juli 2031 \(skolestart\)/).count()).toBe(1);
    await expectAccessible(cw, 'subsidy-case');
    await cw.getByRole('button', { name: 'Bevilg' }).click();
    await expect.poll(() => cw.getByText('Afgørelsen er truffet, og brevet er sendt.').count()).toBe(1);
    await expect.poll(() => cw.getByRole('link', { name: 'Afgørelsesbrev (PDF)' }).count()).toBe(1);
    await expectAccessible(cw, 'subsidy-approved');
    await cw.context().close();

    const fin = await openPage(browser);
    await loginAs(fin, 'Økonomimedarbejder');
    await fin.waitForURL(`${base}/staff`);
    await fin.getByRole('link', { name: 'Udbetaling af tilskud' }).click();
    await fin.getByLabel('Måned').fill('2026-12');
    await fin.getByRole('button', { name: 'Forhåndsvis' }).click();
    await expect.poll(() => fin.getByText(/1 ændringer, i alt 3\.000,00 kr\./).count()).toBe(1);
    await expectAccessible(fin, 'subsidy-payout-preview');
    await fin.getByRole('button', { name: 'Godkend udbetaling' }).click();
    await expect.poll(() => fin.getByText('Udbetalingen er godkendt: 1 linjer, i alt 3.000,00 kr.').count()).toBe(1);
    await expect.poll(() => fin.getByRole('link', { name: 'CSV: kreditorfil for 2026-12' }).count()).toBe(1);
    await expectAccessible(fin, 'subsidy-payout-done');
    // The second run of the month writes nothing.
    await fin.getByRole('button', { name: 'Forhåndsvis' }).click();
    await expect.poll(() => fin.getByText(/0 ændringer, i alt 0,00 kr\./).count()).toBe(1);
    await fin.getByRole('button', { name: 'Godkend udbetaling' }).click();
    await expect.poll(() => fin.getByText('Ingen ændringer: intet er skrevet.').count()).toBe(1);
    await fin.context().close();
  });
});
