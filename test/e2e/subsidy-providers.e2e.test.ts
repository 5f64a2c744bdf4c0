// Grants to private providers in chromium: finance reads a private institution's monthly statement (grant, friplads
// and søskendetilskud per child, the total) and adds a rate period on the rates admin page; every page axe-clean.
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

let t: TestApp, browser: Browser, base: string;

beforeAll(async () => {
  // The clock is pinned to 23 November 2026 (testApp's default); December 2026 may be paid.
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  await smallFixture(t.database);
  const db = t.database.db;
  const finance = await db
    .insertInto('app_user')
    .values({ role: 'finance', name: 'Økonomimedarbejder', demo_persona: true, municipality_code: '0860' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const cw = await apiLogin(t.app, await aStaffUser(db, 'caseworker'));
  const fin = await apiLogin(t.app, finance.id);
  const provider = await cw.call('POST', '/api/staff/subsidies/providers', {
    kind: 'privatinstitution',
    name: 'Privatinstitutionen Mælkebøtten',
    cvr: '31415926',
    address: 'Havnegade 3, 9800 Hjørring',
    approvedFrom: '2026-01-01',
  });
  const id = provider.json().id;
  await fin.call('POST', `/api/staff/subsidies/providers/${id}/budgets`, {
    fromMonths: 0,
    toMonths: 36,
    grantOere: 900_000,
    buildingOere: 30_000,
    adminOere: 20_000,
    parentPaymentOere: 350_000,
    from: '2026-01-01',
  });
  const child = await aChild(db, { birthDate: LocalDate.of(2025, 3, 1), firstName: 'Ida', lastName: 'Holm' });
  await aGuardianOf(db, child);
  const cpr = (await db.selectFrom('person').select('cpr').where('id', '=', child.id).executeTakeFirstOrThrow()).cpr;
  await cw.call('POST', `/api/staff/subsidies/providers/${id}/enrolments`, { cpr, start: '2026-12-01' });
  await fin.call('POST', '/api/staff/subsidies/payouts', { municipality: '0860', month: '2026-12' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const loginAs = (page: Page, name: string) => loginInBrowser(page, base, name);

/** The refusal sits at its field: aria-invalid, its message among the ids in aria-describedby (after a hint when
 *  there is one, `at` counts from 1), and the field has focus. */
async function expectRefusalAt(page: Page, field: Locator, text: RegExp, at = 1) {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const by = ((await field.getAttribute('aria-describedby')) ?? '').split(' ');
  expect(by).toHaveLength(at);
  expect(await page.locator(`[id="${by[at - 1]}"]`).textContent()).toMatch(text);
  expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
}

describe('private providers in the browser', () => {
  it("finance reads a provider's monthly statement and adds a rate period", async () => {
    const fin = await openPage(browser);
    await loginAs(fin, 'Økonomimedarbejder');
    await fin.waitForURL(`${base}/staff`);
    await fin.getByRole('link', { name: 'Private tilbud', exact: true }).click();
    await fin.getByRole('link', { name: 'Privatinstitutionen Mælkebøtten' }).click();
    // No income registered: the family pays the parent payment itself; the grant 9.000 + 300 + 200 kr.
    const statement = fin.getByRole('table', {
      name: /Opgørelse til Privatinstitutionen Mælkebøtten for december 2026/,
    });
    await expect.poll(() => statement.count()).toBe(1);
    await expect.poll(() => statement.getByRole('cell', { name: 'Ida Holm' }).count()).toBe(1);
    // Grant, due and paid 9.500,00 kr. (no friplads: the family pays the parent payment), and the total.
    await expect.poll(() => statement.getByRole('cell', { name: '9.500,00 kr.' }).count()).toBe(4);
    await expectAccessible(fin, 'provider-statement');
    await fin.screenshot({ path: join(tmpdir(), 'provider-statement.png'), fullPage: true });

    // A grant above what the server takes (1.000.000.000 kr.) passes the form; the refusal sits at the field, which
    // takes focus. Corrected, the budget period is added.
    const budget = fin.getByRole('form', { name: 'Tilføj budgetperiode' });
    await budget.getByLabel('Gælder fra').fill('2027-01-01');
    const grant = budget.getByLabel('Driftstilskud');
    await grant.fill('2.000.000.000');
    await budget.getByLabel('Bygningstilskud').fill('0');
    await budget.getByLabel('Forældrebetaling').fill('3.600,00');
    await budget.getByRole('button', { name: 'Tilføj budgetperiode' }).click();
    await expectRefusalAt(fin, grant, /Beløbet kan højst være 1\.000\.000\.000 kr\./, 2);
    await expectAccessible(fin, 'provider-budget-refused');
    await fin.screenshot({ path: join(tmpdir(), 'provider-budget-refused.png'), fullPage: true });
    await grant.fill('9.600,00');
    await budget.getByRole('button', { name: 'Tilføj budgetperiode' }).click();
    await expect.poll(() => grant.getAttribute('aria-invalid')).toBe(null);
    await expect.poll(() => fin.getByRole('cell', { name: '9.600,00 kr.' }).count()).toBe(1);

    await fin.getByRole('link', { name: 'Tilskudstakster' }).click();
    await expect.poll(() => fin.getByRole('table', { name: /Beløb pr. aldersgruppe/ }).count()).toBe(1);
    const form = fin.getByRole('region', { name: 'Tilføj takstperiode' });
    await form.getByLabel('Gælder fra').fill('2027-01-01');
    await form.getByLabel('Beløb pr. måned').fill('7.250,00');
    await form.getByRole('button', { name: 'Tilføj takstperiode' }).click();
    await expect.poll(() => fin.getByText('Perioden er tilføjet.').count()).toBe(1);
    await expect.poll(() => fin.getByRole('cell', { name: 'Kommunens egen' }).count()).toBe(1);
    await expect.poll(() => fin.getByRole('cell', { name: '7.250,00 kr.' }).count()).toBe(1);
    // The same period again is refused: an earlier period is never changed.
    await form.getByRole('button', { name: 'Tilføj takstperiode' }).click();
    await expect.poll(() => fin.getByText(/en tidligere periode ændres ikke/i).count()).toBeGreaterThan(0);
    await expectAccessible(fin, 'subsidy-rates');
    await fin.screenshot({ path: join(tmpdir(), 'subsidy-rates.png'), fullPage: true });
    await fin.context().close();
  });

  it('a caseworker registering a provider or enrolling a child sees each refusal at its field', async () => {
    const cw = await openPage(browser);
    await loginAs(cw, 'Pladsanvisning');
    await cw.waitForURL(`${base}/staff`);
    await cw.getByRole('link', { name: 'Private tilbud', exact: true }).click();
    // The CVR number is already registered: the refusal sits at the CVR field.
    const add = cw.getByRole('region', { name: 'Opret privat tilbud' });
    await add.getByLabel('Navn').fill('Privatinstitutionen Mælkebøtten II');
    const cvr = add.getByLabel('CVR');
    await cvr.fill('31415926');
    await add.getByLabel('Adresse').fill('Havnegade 5, 9800 Hjørring');
    await add.getByLabel('Godkendt fra').fill('2026-01-01');
    await add.getByRole('button', { name: 'Opret privat tilbud' }).click();
    await expectRefusalAt(cw, cvr, /Et privat tilbud med dette CVR-nummer er allerede registreret/, 2);
    await expectAccessible(cw, 'provider-cvr-refused');

    // A CPR number of no child in the municipality: the refusal sits at the CPR field.
    await cw.getByRole('link', { name: 'Privatinstitutionen Mælkebøtten' }).click();
    const enrol = cw.getByRole('form', { name: 'Indmeld barn' });
    const cpr = enrol.getByLabel('Barnets CPR-nummer');
    await cpr.fill('010203-1234');
    await enrol.getByLabel('Startdato').fill('2027-01-01');
    await enrol.getByRole('button', { name: 'Indmeld barn' }).click();
    await expectRefusalAt(cw, cpr, /Der er intet barn med dette CPR-nummer i kommunen\./);
    await expectAccessible(cw, 'provider-enrol-refused');
    await cw.context().close();
  });
});
