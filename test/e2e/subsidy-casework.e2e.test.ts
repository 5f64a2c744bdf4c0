// A subsidy case after the decision in chromium: a caseworker stops an approved subsidy (a last day outside its period
// is refused at the field), registers the family's complaint (an empty complaint is refused at the field), upholds
// the decision and forwards the complaint to Ankestyrelsen; every page axe-clean.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { loginAs as apiLogin, testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { aChild, aGuardianOf, aStaffUser } from '../builders.js';
import { expectAccessible, launchBrowser, loginInBrowser, openPage } from '../browser.js';
import { LocalDate } from '../../src/shared/index.js';

let t: TestApp, browser: Browser, base: string, caseId: string;

beforeAll(async () => {
  // The clock is pinned to 23 November 2026 (testApp's default).
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  await smallFixture(t.database);
  const db = t.database.db;
  const child = await aChild(db, { birthDate: LocalDate.of(2025, 3, 1), firstName: 'Lea', lastName: 'Bach' });
  const g = await aGuardianOf(db, child, { firstName: 'Mia', lastName: 'Bach' });
  const parent = await apiLogin(t.app, g.userId);
  const applied = await parent.call('POST', '/api/citizen/subsidies', {
    childId: child.id,
    start: '2026-12-01',
    carer: { name: 'Privat pasningsordning Solstrålen', street: 'Havnegade 3', postalCode: '9800', city: 'Hjørring' },
    expenseOere: 400_000,
    hoursPerWeek: 40,
    childrenInCare: 4,
  });
  caseId = applied.json().id;
  const cw = await apiLogin(t.app, await aStaffUser(db, 'caseworker'));
  // Approved until school start (31 July 2031).
  await cw.call('POST', `/api/staff/subsidies/cases/${caseId}/decision`, { approve: true });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The refusal sits at its field: aria-invalid, its message is what aria-describedby names, and the field has focus. */
async function expectRefusalAt(page: Page, field: Locator, text: RegExp) {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const by = (await field.getAttribute('aria-describedby')) ?? '';
  expect(by).not.toBe('');
  expect(await page.locator(`[id="${by}"]`).textContent()).toMatch(text);
  expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
}

describe('a subsidy case after the decision in the browser', () => {
  it('a caseworker stops the subsidy, registers a complaint, upholds the decision and forwards the complaint', async () => {
    const cw = await openPage(browser);
    await loginInBrowser(cw, base, 'Pladsanvisning');
    await cw.waitForURL(`${base}/staff`);
    await cw.getByRole('link', { name: 'Tilskudssager' }).click();
    await cw.getByLabel('Vis').selectOption({ label: 'Bevilget' });
    await cw.getByRole('link', { name: 'Åbn sag: Lea Bach' }).click();
    await cw.waitForURL(`${base}/staff/tilskud/${caseId}`);

    // Stop: a last day after the subsidy's period (it ends 31 July 2031) is refused at the last day's field.
    const stop = cw.getByRole('region', { name: 'Stop tilskuddet' });
    const lastDay = stop.getByLabel('Sidste dag');
    await lastDay.fill('2031-08-31');
    await stop.getByLabel('Begrundelse').fill('Familien er flyttet fra kommunen');
    await stop.getByRole('button', { name: 'Stop' }).click();
    await expectRefusalAt(cw, lastDay, /Stopdatoen skal ligge i tilskuddets periode\./);
    await expectAccessible(cw, 'subsidy-stop-refused');
    await cw.screenshot({ path: join(tmpdir(), 'subsidy-stop-refused.png'), fullPage: true });
    await lastDay.fill('2027-01-31');
    await stop.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => cw.getByText('Tilskuddet er stoppet.').count()).toBe(1);
    await expect.poll(() => cw.getByText('31. januar 2027 (stoppet af kommunen)').count()).toBe(1);
    await expect.poll(() => cw.getByText('Stoppet', { exact: true }).count()).toBe(1);
    await expect.poll(() => cw.getByRole('region', { name: 'Stop tilskuddet' }).count()).toBe(0);
    await expectAccessible(cw, 'subsidy-stopped');

    // The family complains: a complaint of only spaces is refused at the complaint's field.
    const complaints = cw.getByRole('region', { name: 'Klager' });
    await expect.poll(() => complaints.getByText('Der er ingen klager over afgørelsen.').count()).toBe(1);
    const text = complaints.getByLabel('Klagen');
    await text.fill('   ');
    await complaints.getByRole('button', { name: 'Registrér klage' }).click();
    await expectRefusalAt(cw, text, /Feltet skal udfyldes\./);
    await expectAccessible(cw, 'subsidy-complaint-refused');
    await cw.screenshot({ path: join(tmpdir(), 'subsidy-complaint-refused.png'), fullPage: true });
    await text.fill('Vi flytter først til marts og beder om tilskud til og med februar.');
    await complaints.getByRole('button', { name: 'Registrér klage' }).click();
    await expect.poll(() => cw.getByText('Klagen er registreret.').count()).toBe(1);
    await expect.poll(() => text.inputValue()).toBe('');
    await expect.poll(() => complaints.getByText('Modtaget – skal genvurderes').count()).toBe(1);
    await expect.poll(() => complaints.getByText('23. november 2026').count()).toBe(1);
    await expectAccessible(cw, 'subsidy-complaint');

    // Reconsidered and upheld, then forwarded to Ankestyrelsen with the case file.
    await complaints.getByLabel('Notat').fill('Flytningen er registreret i CPR 31. januar 2027.');
    await complaints.getByRole('button', { name: 'Fasthold afgørelsen' }).click();
    await expect.poll(() => complaints.getByText('Genvurderet: fastholdt').count()).toBe(1);
    await complaints.getByRole('button', { name: 'Send til Ankestyrelsen' }).click();
    await expect.poll(() => complaints.getByText('Sendt til Ankestyrelsen 23. november 2026').count()).toBe(1);
    await expect.poll(() => complaints.getByRole('link', { name: 'Sagens akter (JSON)' }).count()).toBe(1);
    await expectAccessible(cw, 'subsidy-complaint-forwarded');
    await cw.context().close();
  });
});
