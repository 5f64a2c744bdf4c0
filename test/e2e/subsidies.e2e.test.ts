// Tilskud til privat pasning in chromium: a parent applies in three steps, a caseworker approves from the inbox, and
// finance pays the month (a second run pays nothing); tilskud til pasning af egne børn: the parent chooses the scheme,
// declares the conditions, and the caseworker sees the declarations and approves; a month of many lines: the preview's
// summary and its pages; every page axe-clean.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { aChild, aGuardianOf, aMunicipality, aPrivatPasningCase } from '../builders.js';
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
  await db
    .insertInto('app_user')
    .values({ role: 'finance', name: 'Økonomimedarbejder', demo_persona: true, municipality_code: '0860' })
    .execute();
  await aMunicipality(db, '0851');
  await db
    .insertInto('app_user')
    .values({ role: 'finance', name: 'Økonomi Aalborg', demo_persona: true, municipality_code: '0851' })
    .execute();
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
    // An expense of 0 kr. passes the form; the server refuses it (§ 83), and the refusal sits at the field, on its step.
    const expense = parent.getByLabel('Jeres udgift pr. måned (kr.)');
    await expense.fill('0');
    await parent.getByLabel('Antal børn passeren passer i alt').fill('4');
    await parent.getByRole('button', { name: 'Næste' }).click();
    await parent.getByRole('button', { name: 'Send ansøgning' }).click();
    await expect.poll(() => expense.getAttribute('aria-invalid')).toBe('true');
    const expenseBy = ((await expense.getAttribute('aria-describedby')) ?? '').split(' ');
    expect(expenseBy).toHaveLength(2); // the hint, then the refusal
    expect(await parent.locator(`[id="${expenseBy[1]}"]`).textContent()).toMatch(
      /Udgiften til den private passer skal være dokumenteret og større end 0 kr\./,
    );
    expect(await expense.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(parent, 'subsidy-refused');
    await expense.fill('4.000,00');
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
    // Awaiting its decision, the case has nothing to complain about: no complaints panel.
    expect(await cw.getByRole('region', { name: 'Klager' }).count()).toBe(0);
    // A refusal needs a reason: the server says so at the reason field.
    await cw.getByRole('button', { name: 'Giv afslag' }).click();
    const reason = cw.getByLabel('Begrundelse', { exact: true });
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    const reasonBy = (await reason.getAttribute('aria-describedby')) ?? '';
    expect(await cw.locator(`[id="${reasonBy}"]`).textContent()).toMatch(/Skriv en begrundelse for afslaget\./);
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(cw, 'subsidy-case-refused');
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
    await fin.getByRole('dialog').getByRole('button', { name: 'Godkend udbetaling' }).click();
    await expect.poll(() => fin.getByText('Udbetalingen er godkendt: 1 linjer, i alt 3.000,00 kr.').count()).toBe(1);
    await expect.poll(() => fin.getByRole('link', { name: 'CSV: kreditorfil for december 2026' }).count()).toBe(1);
    await expectAccessible(fin, 'subsidy-payout-done');
    // The second run of the month writes nothing.
    await fin.getByRole('button', { name: 'Forhåndsvis' }).click();
    await expect.poll(() => fin.getByText(/0 ændringer, i alt 0,00 kr\./).count()).toBe(1);
    await fin.getByRole('button', { name: 'Godkend udbetaling' }).click();
    await fin.getByRole('dialog').getByRole('button', { name: 'Godkend udbetaling' }).click();
    await expect.poll(() => fin.getByText('Ingen ændringer: intet er skrevet.').count()).toBe(1);
    await fin.context().close();
  });

  it('a parent applies for tilskud til pasning af egne børn, and a caseworker sees the declarations and approves', async () => {
    const db = t.database.db;
    const sara = await db
      .selectFrom('app_user')
      .select('person_id')
      .where('name', '=', 'Sara Forælder')
      .executeTakeFirstOrThrow();
    const alma = await db
      .selectFrom('custody')
      .select('child_id')
      .where('guardian_id', '=', sara.person_id!)
      .executeTakeFirstOrThrow();
    const home = await db
      .selectFrom('residence')
      .select('household_id')
      .where('person_id', '=', alma.child_id)
      .executeTakeFirstOrThrow();
    // Otto, born 1 May 2024: 31 months on 1 December 2026 → 85 % of 9.300 kr. = 7.905 kr. a month.
    const otto = await aChild(db, {
      birthDate: LocalDate.of(2024, 5, 1),
      firstName: 'Otto',
      lastName: 'Juhl',
      householdId: home.household_id,
    });
    await db
      .insertInto('custody')
      .values({ child_id: otto.id, guardian_id: sara.person_id!, valid: '[2024-05-01,)' })
      .execute();

    const parent = await openPage(browser);
    await loginAs(parent, 'Sara Forælder');
    await parent.waitForURL(`${base}/mine-boern`);
    await parent.getByRole('link', { name: 'Tilskud' }).click();
    await expect.poll(() => parent.getByRole('heading', { name: 'Barn og periode' }).count()).toBe(1);
    await parent.getByRole('radio', { name: 'Tilskud til pasning af egne børn' }).check();
    await expect.poll(() => parent.getByText(/mindst 8 uger og højst 12 måneder for højst 3 børn/).count()).toBe(1);
    await parent.getByLabel('Barn', { exact: true }).selectOption({ label: 'Otto Juhl' });
    await parent.getByLabel('Slutdato', { exact: true }).fill('2027-05-31');
    await expectAccessible(parent, 'egne-step1');
    await parent.getByRole('button', { name: 'Næste' }).click();
    await expect.poll(() => parent.getByRole('heading', { name: 'Betingelser' }).count()).toBe(1);
    await parent.getByLabel(/boet i Danmark i mindst 7 af de seneste 8 år/).check();
    await parent.getByLabel(/taler tilstrækkeligt dansk/).check();
    await parent.getByLabel(/ikke anden indtægt/).check();
    await expectAccessible(parent, 'egne-step2');
    await parent.getByRole('button', { name: 'Næste' }).click();
    await expect.poll(() => parent.getByText('1. december 2026 – 31. maj 2027').count()).toBeGreaterThan(0);
    await expectAccessible(parent, 'egne-step3');
    await parent.getByRole('button', { name: 'Send ansøgning' }).click();
    await expect
      .poll(() => parent.getByText(/senest 23\. december 2026\. Forventet tilskud: 7\.905,00 kr\./).count())
      .toBe(1);
    await expect.poll(() => parent.getByRole('cell', { name: 'Tilskud til pasning af egne børn' }).count()).toBe(1);
    await expectAccessible(parent, 'egne-receipt');
    await parent.context().close();

    const cw = await openPage(browser);
    await loginAs(cw, 'Pladsanvisning');
    await cw.waitForURL(`${base}/staff`);
    await cw.getByRole('link', { name: 'Tilskudssager' }).click();
    await cw.getByRole('link', { name: 'Åbn sag: Otto Juhl' }).click();
    await expect
      .poll(() => cw.getByRole('heading', { name: 'Tilskud til pasning af egne børn: Otto Juhl' }).count())
      .toBe(1);
    await expect.poll(() => cw.getByText('Erklæret: ophold i Danmark').count()).toBe(1);
    await expectAccessible(cw, 'egne-case');
    await cw.getByRole('button', { name: 'Bevilg' }).click();
    await expect.poll(() => cw.getByText('Afgørelsen er truffet, og brevet er sendt.').count()).toBe(1);
    await expectAccessible(cw, 'egne-approved');
    await cw.context().close();
  });

  it("finance sees the month's summary, pages through its lines, and after the run only unchanged lines", async () => {
    // Aalborg: 55 children in privat pasning from 1 December 2026 at 4.000 kr. (3.000 kr. a month each), payees
    // "Betaler 01" … "Betaler 55": more than one page of 50.
    const db = t.database.db;
    for (let i = 1; i <= 55; i++) {
      const n = String(i).padStart(2, '0');
      const child = await aChild(db, { birthDate: LocalDate.of(2025, 4, 1), firstName: 'Barn', lastName: n });
      const g = await aGuardianOf(db, child, { firstName: 'Betaler', lastName: n });
      await aPrivatPasningCase(db, child, g.id, { municipalityCode: '0851' });
    }
    const fin = await openPage(browser);
    await loginAs(fin, 'Økonomi Aalborg');
    await fin.waitForURL(`${base}/staff`);
    await fin.getByRole('link', { name: 'Udbetaling af tilskud' }).click();
    await fin.getByLabel('Måned').fill('2026-12');
    await fin.getByRole('button', { name: 'Forhåndsvis' }).click();
    await expect.poll(() => fin.getByText(/55 ændringer, i alt 165\.000,00 kr\./).count()).toBe(1);
    const fact = (name: string) => fin.locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
    expect(await fact('Sager i måneden').textContent()).toBe('55');
    expect(await fact('Nye (første udbetaling)').textContent()).toBe('55');
    expect(await fact('Uændrede').textContent()).toBe('0');
    expect(await fact('Til udbetaling nu').textContent()).toBe('165.000,00 kr.');
    await expect.poll(() => fin.getByText('Viser 1–50 af 55, side 1 af 2').count()).toBe(1);
    await expect.poll(() => fin.getByRole('cell', { name: 'Betaler 01' }).count()).toBe(1);
    await fin.getByRole('button', { name: 'Næste side' }).click();
    await expect.poll(() => fin.getByText('Viser 51–55 af 55, side 2 af 2').count()).toBe(1);
    await expect.poll(() => fin.getByRole('cell', { name: 'Betaler 55' }).count()).toBe(1);
    expect(await fin.getByRole('cell', { name: 'Betaler 01' }).count()).toBe(0);
    expect(await fin.getByRole('button', { name: 'Næste side' }).isDisabled()).toBe(true);
    await expectAccessible(fin, 'subsidy-payout-page2');

    await fin.getByRole('button', { name: 'Godkend udbetaling' }).click();
    await fin.getByRole('dialog').getByRole('button', { name: 'Godkend udbetaling' }).click();
    await expect.poll(() => fin.getByText('Udbetalingen er godkendt: 55 linjer, i alt 165.000,00 kr.').count()).toBe(1);
    // Again: everything paid is unchanged, and "only changes" lists nothing.
    await fin.getByRole('button', { name: 'Forhåndsvis' }).click();
    await expect.poll(() => fin.getByText(/0 ændringer, i alt 0,00 kr\./).count()).toBe(1);
    expect(await fact('Uændrede').textContent()).toBe('55');
    await fin.getByLabel('Vis kun ændringer').check();
    await expect.poll(() => fin.getByText('Ingen rækker passer til filteret.').count()).toBe(1);
    await expectAccessible(fin, 'subsidy-payout-only-changes');
    await fin.context().close();
  });
});
