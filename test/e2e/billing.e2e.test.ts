// Finance staff run the monthly billing in chromium (preview → run with progress → send → export), a parent reads
// what they pay and why; every page axe-clean.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { expectAccessible, launchBrowser, loginInBrowser, openPage } from '../browser.js';
import { seedRates2025 } from '../../src/modules/billing/rates.js';

let t: TestApp, browser: Browser, base: string;

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  const f = await smallFixture(t.database);
  const db = t.database.db;
  await seedRates2025(db, '0860');
  await db
    .insertInto('app_user')
    .values({ role: 'finance', name: 'Økonomimedarbejder', demo_persona: true, municipality_code: '0860' })
    .execute();
  const home = await db
    .selectFrom('residence')
    .select('household_id')
    .where('person_id', '=', f.children.ida)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('household_income')
    .values({ household_id: home.household_id, yearly_oere: 30_000_000, valid: '[2026-01-01,)' })
    .execute();
  await db
    .insertInto('lunch_scheme')
    .values({ unit_id: f.units.sol, monthly_oere: 75_000, valid: '[2026-01-01,)' })
    .execute();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const newPage = () => openPage(browser);
const loginAs = (page: Page, name: string) => loginInBrowser(page, base, name);

describe('billing in the browser', () => {
  it('finance previews, runs with progress, sends and exports a month', async () => {
    const page = await newPage();
    await loginAs(page, 'Økonomimedarbejder');
    await page.waitForURL(`${base}/staff`);
    await page.getByRole('link', { name: 'Opkrævning' }).click();
    await page.locator('input[type=month]').fill('2026-12');
    await expect.poll(() => page.getByRole('cell', { name: /Vuggestue|Børnehave/ }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    await expect.poll(() => page.getByText(/Forhåndsvisning: 2 betalere/).count()).toBe(1);
    await expectAccessible(page, 'billing-preview');
    // A month never billed cannot be closed: the button says why.
    await expect.poll(() => page.getByRole('button', { name: 'Luk måneden' }).isDisabled()).toBe(true);
    await expect.poll(() => page.getByText('Måneden er ikke kørt endnu: start en kørsel først.').count()).toBe(1);
    await page.getByRole('button', { name: 'Start kørsel' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText(/2 betalere, \d+ linjer/).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Start kørsel' }).click();
    await expect.poll(() => page.getByText(/Kørslen er færdig: 2 nye fakturaer/).count()).toBe(1);
    await expect.poll(() => page.getByText(/2 fakturaer klar til afsendelse/).count()).toBe(1);
    // The run's warnings are kept with it: none this month, and the page says so.
    await expect.poll(() => page.getByText('Kørslen for december 2026 gav ingen advarsler.').count()).toBe(1);
    // Sending asks first, with the counts; cancel sends nothing.
    await page.getByRole('button', { name: 'Send fakturaer' }).click();
    await expect.poll(() => dialog.getByText(/2 fakturaer til 2 betalere, i alt/).count()).toBe(1);
    await expectAccessible(page, 'billing-send-dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Send fakturaer');
    await expect.poll(() => page.getByText(/2 fakturaer klar til afsendelse/).count()).toBe(1);
    await page.getByRole('button', { name: 'Send fakturaer' }).click();
    await dialog.getByRole('button', { name: 'Send fakturaer' }).click();
    await expect.poll(() => page.getByText('2 fakturaer er sendt.').count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: 'Debitoreksport (CSV)' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Ingen børn fra andre kommuner i denne måned.').count()).toBe(1);
    await expectAccessible(page, 'billing-sent');
    // Close the month (summary in counts), then reopen it with a reason: an audit row keeps it.
    await page.getByRole('button', { name: 'Luk måneden' }).click();
    await expect.poll(() => dialog.getByText(/2 sendte fakturaer til 2 betalere/).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Luk måneden' }).click();
    await expect.poll(() => page.getByText('Måneden er lukket.').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('button', { name: 'Start kørsel' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'billing-closed');
    await page.getByLabel('Begrundelse for genåbning').fill('Forkert frokostpris i december');
    await page.getByRole('button', { name: 'Genåbn måneden' }).click();
    await expect.poll(() => dialog.getByText('Begrundelse: “Forkert frokostpris i december”').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Genåbn måneden' }).click();
    await expect.poll(() => page.getByText('december 2026 er genåbnet.').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Luk måneden' }).isEnabled()).toBe(true);
    const reopened = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'billing.month.reopen')
      .execute();
    expect(reopened.map((r) => (r.details as { reason: string }).reason)).toEqual(['Forkert frokostpris i december']);
    await expectAccessible(page, 'billing-reopened');
    await page.getByRole('link', { name: 'Mette Holm' }).click();
    await expect.poll(() => page.getByText(/Økonomisk friplads \(betaler 27 %\)/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'billing-account');
    await page.context().close();
  });

  it('a parent sees what they pay and why, and the invoice', async () => {
    const page = await newPage();
    await loginAs(page, 'Mette Holm');
    await page.waitForURL(`${base}/mine-boern`);
    await page.getByRole('link', { name: 'Betaling' }).click();
    await expect.poll(() => page.getByText(/betaler I 27 % af taksten/).count()).toBe(1);
    await expect.poll(() => page.getByText('Frokostordning').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/Faktura nr\. \d+ for december 2026/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'payment');
    // An income only the server refuses (above its limit): the reason sits at the field, which takes focus.
    const income = page.getByLabel('Årsindkomst (kr.)');
    await income.fill('2.000.000.000');
    await page.getByLabel('Fra måned').fill('2026-12');
    await page.getByRole('button', { name: 'Send ansøgning' }).click();
    await expect.poll(() => income.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await income.getAttribute('aria-describedby')) ?? '';
    const atField = page.locator(`[id="${describedBy}"]`);
    expect(await atField.textContent()).toMatch(/Indkomsten kan højst være 1\.000\.000\.000 kr\. om året/);
    expect(await income.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'payment-refused');
    await income.fill('150.000');
    await page.getByRole('button', { name: 'Send ansøgning' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Kvittering: Ansøgning om økonomisk friplads' }).count())
      .toBe(1);
    await expect.poll(() => page.getByText(/sender afgørelsen til din digitale post/).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: 'Under behandling' }).count()).toBe(1);
    await expectAccessible(page, 'payment-applied');
    await page.context().close();
  });

  it('finance grants the friplads application with a decision letter', async () => {
    const page = await newPage();
    await loginAs(page, 'Økonomimedarbejder');
    await page.waitForURL(`${base}/staff`);
    await page.goto(`${base}/staff/opkraevning`);
    await page.getByRole('button', { name: 'Bevilg: Mette Holm' }).click();
    await expect.poll(() => page.getByText('Afgørelsen er sendt.').count()).toBe(1);
    await expect.poll(() => page.getByText('Ingen ansøgninger venter.').count()).toBe(1);
    await expectAccessible(page, 'friplads-cases');
    await page.context().close();
  });

  it('finance keeps lunch schemes, paying months, a new scale and §41 costs, and regulates and trues up an income', async () => {
    const db = t.database.db;
    const mette = await db
      .selectFrom('app_user')
      .select('person_id')
      .where('name', '=', 'Mette Holm')
      .executeTakeFirstOrThrow();
    const home = await db
      .selectFrom('residence')
      .select('household_id')
      .where('person_id', '=', mette.person_id!)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('household_income')
      .values({ household_id: home.household_id, yearly_oere: 30_000_000, valid: '[2025-01-01,2026-01-01)' })
      .execute();
    const page = await newPage();
    await loginAs(page, 'Økonomimedarbejder');
    await page.waitForURL(`${base}/staff`);
    await page.goto(`${base}/staff/opkraevning`);
    const lunch = page.getByRole('region', { name: 'Frokostordninger' });
    await lunch.getByLabel('Bestyrelsen har fravalgt ordningen').check();
    await lunch.getByLabel('Gælder fra').fill('2027-01-01');
    await lunch.getByRole('button', { name: 'Gem frokostordning' }).click();
    await expect.poll(() => lunch.getByText('Frokostordningen er gemt.').count()).toBe(1);
    await expect.poll(() => lunch.getByRole('cell', { name: 'Fravalgt af bestyrelsen' }).count()).toBe(1);
    const months = page.getByRole('region', { name: 'Ret betalingsmåneder' });
    await months.getByLabel('Betalingsmåneder').selectOption('12');
    await months.getByLabel('Gælder fra').fill('2027-01-01');
    await months.getByRole('button', { name: 'Gem betalingsmåneder' }).click();
    await expect.poll(() => months.getByText('Betalingsmånederne er gemt.').count()).toBe(1);
    const scale = page.getByRole('region', { name: 'Tilføj et års fripladsskala' });
    await scale.getByLabel('År', { exact: true }).fill('2027');
    await scale.getByLabel('Nedre grænse (kr.)').fill('210.000');
    await scale.getByLabel('Øvre grænse (kr.)').fill('640.000');
    await scale.getByLabel('Pr. ekstra barn (kr.)').fill('7.000');
    await scale.getByLabel('Eneforsørgertillæg (kr.)').fill('71.000');
    await scale.getByRole('button', { name: 'Tilføj skala' }).click();
    await expect.poll(() => scale.getByText('Skalaen for 2027 er gemt.').count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '2027', exact: true }).count()).toBe(1);
    const costs = page.getByRole('region', { name: 'Pladsudgifter (§ 41)' });
    await costs.getByLabel('Netto pr. måned (kr.)').fill('9.000');
    await costs.getByLabel('Brutto pr. måned (kr.)').fill('12.000');
    await costs.getByLabel('Tilskudsandel (%)').fill('75');
    await costs.getByRole('button', { name: 'Gem udgiftstal' }).click();
    await expect.poll(() => costs.getByRole('cell', { name: '75 %' }).count()).toBe(1);
    await expectAccessible(page, 'billing-setup');
    await page.getByRole('link', { name: 'Mette Holm' }).first().click();
    const cases = page.getByRole('region', { name: 'Regulering og efterregulering' });
    await cases.getByLabel('Ny årsindkomst (kr.)').fill('600.000');
    await cases.getByLabel('Fra måned').fill('2027-01');
    await cases.getByRole('button', { name: 'Regulér indkomst' }).click();
    await expect.poll(() => cases.getByText(/Indkomsten er reguleret \(\d+ trin\)/).count()).toBe(1);
    await cases.getByLabel('År', { exact: true }).fill('2025');
    await cases.getByLabel('Endelig årsindkomst (kr.)').fill('150.000');
    await cases.getByRole('button', { name: 'Efterregulér året' }).click();
    await expect.poll(() => cases.getByText(/2025 er efterreguleret: 0 % af taksten/).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: 'final' }).count()).toBe(1);
    await expectAccessible(page, 'billing-income-case');
    await page.context().close();
  });
});
