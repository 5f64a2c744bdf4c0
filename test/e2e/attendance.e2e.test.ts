// Attendance in the browser: a terminal tap checks a child in, the staff overview in a second page updates live
// over SSE, a parent reports sickness; every page passes axe.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { axeViolations, launchBrowser } from '../browser.js';
import { createTerminal } from '../../src/modules/attendance/index.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, browser: Browser, base: string, token: string;
const SHOTS = process.env.SPIRE_SCREENSHOTS;

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  f = await smallFixture(t.database);
  const db = t.database.db;
  await db.insertInto('unit_section').values([
    { unit_id: f.units.sol, name: 'Vuggestuen', min_age_months: 0, max_age_months: 36 },
    { unit_id: f.units.sol, name: 'Børnehaven', min_age_months: 36, max_age_months: 72 },
  ]).execute();
  // Two more children in Solsikken so the terminal shows two groups.
  const kids = await db.insertInto('person').values([
    { cpr: '0505254415', first_name: 'Alma', last_name: 'Juhl', birth_date: '2025-05-05', sex: 'female' },
    { cpr: '0606224416', first_name: 'Noah', last_name: 'Friis', birth_date: '2022-06-06', sex: 'male' },
  ]).returning('id').execute();
  await db.insertInto('placement').values(kids.map((k) => ({ child_id: k.id, unit_id: f.units.sol, kind: 'dagtilbud' as const, hours_per_week: 30, valid: '[2025-08-01,)' }))).execute();
  token = (await createTerminal(db, f.units.sol, 'Indgang', null)).token;
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => { await browser?.close(); await t?.close(); });

const newPage = async (width = 1280) => (await browser.newContext({ locale: 'da-DK', viewport: { width, height: 900 } })).newPage();

describe('attendance in the browser', () => {
  it('a terminal tap checks Ida in and the staff overview updates live', async () => {
    const staff = await newPage();
    await staff.goto(`${base}/login`);
    await staff.getByRole('button', { name: 'Log ind som Leder Solsikken' }).click();
    await staff.waitForURL(`${base}/staff`);
    await staff.getByRole('link', { name: 'Fremmøde' }).first().click();
    await staff.getByRole('link', { name: 'Børnehuset Solsikken' }).click();
    await expect.poll(() => staff.getByText(/^Live:/).count(), { timeout: 10_000 }).toBe(1);
    expect(await staff.getByTestId('present-total').textContent()).toBe('0');

    const tablet = await newPage(1024);
    await tablet.goto(`${base}/terminal#token=${token}`);
    await expect.poll(() => tablet.getByRole('heading', { name: 'Børnehuset Solsikken' }).count()).toBe(1);
    expect(tablet.url()).toBe(`${base}/terminal`); // the secret left the address bar
    await tablet.getByRole('button', { name: /^Ida\s*Ikke kommet/ }).click();
    await expect.poll(() => tablet.getByText(/Ida er tjekket ind kl\./).count()).toBe(1);
    await tablet.getByRole('button', { name: 'Hvem henter? (Ida)' }).click();
    await tablet.getByRole('textbox', { name: 'Hvem henter Ida i dag?' }).fill('Mormor');
    await tablet.getByRole('button', { name: 'Gem' }).click();
    await expect.poll(() => tablet.getByRole('button', { name: 'Hentes af Mormor (Ida)' }).count()).toBe(1);
    if (SHOTS) await tablet.screenshot({ path: `${SHOTS}/attendance-terminal.png`, fullPage: true });
    expect(await axeViolations(tablet)).toEqual([]);

    // The second page was not reloaded: the change arrived over SSE.
    await expect.poll(() => staff.getByTestId('present-total').textContent(), { timeout: 3000 }).toBe('1');
    expect(await staff.getByTestId('present-Børnehaven').textContent()).toBe('1');
    await tablet.getByRole('button', { name: /^Noah\s*Ikke kommet/ }).click();
    await expect.poll(() => staff.getByTestId('present-total').textContent(), { timeout: 3000 }).toBe('2');
    await tablet.getByRole('button', { name: /^Ida\s*Til stede/ }).click();
    await expect.poll(() => staff.getByTestId('present-total').textContent(), { timeout: 3000 }).toBe('1');
    await expect.poll(() => staff.locator(`tr[data-child="${f.children.ida}"]`).textContent()).toContain('Gået hjem');
    if (SHOTS) await staff.screenshot({ path: `${SHOTS}/attendance-staff.png`, fullPage: true });
    expect(await axeViolations(staff)).toEqual([]);
    await tablet.context().close();
    await staff.context().close();
  });

  it('a parent reports sickness and sees it on the page', async () => {
    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: 'Log ind som Mette Holm' }).click();
    await page.waitForURL(`${base}/mine-boern`);
    await page.getByRole('link', { name: 'Fravær og fremmøde' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Ida Holm' }).count()).toBe(1);
    await page.getByLabel('Sygdom').check();
    await page.getByRole('button', { name: 'Meld fravær for Ida' }).click();
    await expect.poll(() => page.getByText('Sygdom er meldt for Ida.').count()).toBe(1);
    await expect.poll(() => page.getByText(/^Sygdom: /).count()).toBe(1);
    await page.getByLabel('Fra og med').fill('2026-10-01');
    await page.getByLabel('Ferie').check();
    await page.getByRole('button', { name: 'Meld fravær for Ida' }).click();
    await expect.poll(() => page.getByText('Fravær kan højst meldes 7 dage tilbage i tiden.').count()).toBe(1);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/attendance-parent.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
