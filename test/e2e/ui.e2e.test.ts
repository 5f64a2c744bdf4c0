// The staff app's component library and domain forms in the browser (issue 14), on the small demo municipality: a
// data table sorts (aria-sort), filters and pages; the administrator changes the booking policy in its domain form
// (validation in Danish, a preview of the effect, saved from a date); the persona picker says who each persona is.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { expectAccessible, launchBrowser, loginInBrowser, openPage } from '../browser.js';
import { seedDemo } from '../../src/demo/seed.js';
import { LocalDate } from '../../src/shared/index.js';

const TODAY = LocalDate.of(2026, 11, 23);
let t: TestApp, browser: Browser, base: string;
const persona: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp(TODAY, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  await seedDemo(t.database, { scale: 'small', today: TODAY });
  const users = await t.database.db
    .selectFrom('app_user')
    .select(['role', 'name'])
    .where('demo_persona', '=', true)
    .where((eb) => eb.or([eb('municipality_code', 'is', null), eb('municipality_code', '=', '0860')]))
    .orderBy('name')
    .execute();
  for (const u of users) persona[u.role] ??= u.name;
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const danish = new Intl.Collator('da', { numeric: true, sensitivity: 'base' });

describe('the staff component library', () => {
  it('sorts, filters and pages the unit register', async () => {
    const page = await openPage(browser);
    await loginInBrowser(page, base, persona.admin!);
    await page.waitForURL(`${base}/staff`);
    await page.goto(`${base}/staff/institutioner`);
    const table = page.getByRole('table', { name: /^Institutioner \(\d+\)$/ });
    await table.waitFor();
    const n = Number(/\((\d+)\)/.exec((await table.locator('caption').textContent())!)![1]);
    expect(n).toBeGreaterThan(25);
    const header = table.getByRole('columnheader', { name: 'Navn' });
    const firstName = () => table.locator('tbody tr').first().locator('th').textContent();

    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const shownAsc = await table.locator('tbody th').allTextContents();
    expect(shownAsc).toHaveLength(25);
    expect(shownAsc).toEqual([...shownAsc].sort(danish.compare));
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const shownDesc = await table.locator('tbody th').allTextContents();
    expect(shownDesc).toEqual([...shownDesc].sort(danish.compare).reverse());
    expect(danish.compare(shownDesc[0]!, shownAsc.at(-1)!)).toBeGreaterThanOrEqual(0);
    expect(await firstName()).toBe(shownDesc[0]);

    await expect.poll(() => page.getByText(`Viser 1–25 af ${n}`).count()).toBe(1);
    await page.getByRole('button', { name: 'Næste' }).click();
    await expect.poll(() => page.getByText(`Viser 26–${Math.min(50, n)} af ${n}`).count()).toBe(1);
    await expectAccessible(page, 'ui-units-sorted');

    const one = shownAsc[3]!;
    await page.getByLabel('Filtrér tabellen').fill(one);
    await expect.poll(() => table.locator('tbody th').allTextContents()).toContain(one);
    expect(await page.getByText(/\d+ af \d+ rækker passer/).count()).toBe(1);
    await page.context().close();
  });

  it('the administrator changes the booking policy in its domain form', async () => {
    const page = await openPage(browser);
    await loginInBrowser(page, base, persona.admin!);
    await page.waitForURL(`${base}/staff`);
    await page.goto(`${base}/staff/indstillinger`);
    await page.getByLabel('Hvilken regel vil du ændre?').waitFor();
    expect(await page.locator('textarea').count()).toBe(0);

    await page.getByLabel('Hvilken regel vil du ændre?').selectOption({ label: 'Booking af pladser' });
    const form = page.getByRole('form', { name: 'Booking af pladser' });
    expect(await form.textContent()).toContain(
      'Gælder i dag: Vuggestue: booking; børnehave: booking; booking op til 36 måneder frem',
    );
    await form
      .getByRole('group', { name: 'Børnehave (3–5 år)' })
      .getByLabel(/blandet|Booking langt frem/)
      .check();
    await form.getByLabel('Booking op til').fill('100');
    await form.getByLabel('Gælder fra').fill('2027-01-01');
    await form.getByRole('button', { name: 'Gem regel' }).click();
    await expect.poll(() => form.getByText('Skriv et helt tal mellem 3 og 72.').count()).toBe(1);
    expect(await form.getByLabel('Booking op til').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Booking op til').fill('24');
    await form.getByRole('textbox', { name: 'Venteliste for start inden for' }).fill('6');
    const preview = form.getByRole('region', { name: 'Sådan virker reglen' });
    await expect.poll(() => preview.textContent()).toContain('En forælder kan booke start til og med 1. januar 2029.');
    expect(await preview.textContent()).toContain(
      'Børnehave (3–5 år): start fra 1. juli 2027 kan bookes; tidligere start går via ventelisten.',
    );
    expect(await preview.textContent()).toContain('Et barn født 1. januar 2027 kan tidligst starte 2. juli 2027.');
    await expectAccessible(page, 'ui-booking-policy-form');
    await form.getByRole('button', { name: 'Gem regel' }).click();
    await expect.poll(() => page.getByText('Booking af pladser er gemt fra 1. januar 2027.').count()).toBe(1);

    const saved = await t.database.db
      .selectFrom('setting')
      .select(['value'])
      .where('key', '=', 'booking.policy')
      .where('municipality_code', '=', '0860')
      .orderBy('valid', 'desc')
      .executeTakeFirstOrThrow();
    expect(saved.value).toMatchObject({
      modeNursery: 'booking',
      modeKindergarten: 'hybrid',
      horizonMonths: 24,
      hybridMonths: 6,
    });
    const table = page.getByRole('table', { name: /^Indstillinger/ });
    await expect.poll(() => table.getByRole('row', { name: /Booking af pladser/ }).count()).toBe(1);
    expect(await table.getByRole('row', { name: /Booking af pladser/ }).textContent()).toMatch(
      /Vuggestue: booking; børnehave: blandet; booking op til 24 måneder frem.*1\. januar 2027/,
    );
    await page.context().close();
  });

  it('the persona picker says who each persona is; finance sees next month’s billing on the staff home, on a phone', async () => {
    const page = await (await browser.newContext({ locale: 'da-DK', viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${base}/login`);
    const admin = page.getByRole('button', { name: `Log ind som ${persona.admin}` });
    await admin.waitFor();
    expect(await page.getByText(/^Systemadministrator\. Prøv: brugere/).count()).toBe(1);
    expect(await page.getByText(/^Økonomimedarbejder\. Prøv:/).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'ui-personas-phone');

    await page.getByRole('button', { name: `Log ind som ${persona.finance}` }).click();
    await page.waitForURL(`${base}/staff`);
    const today = page.getByRole('region', { name: 'Dit arbejde i dag' });
    await expect
      .poll(() =>
        today.getByRole('link', { name: /Opkrævningen for december 2026|fakturaer for december 2026/ }).count(),
      )
      .toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'ui-finance-home-phone');
    await page.context().close();
  });
});
