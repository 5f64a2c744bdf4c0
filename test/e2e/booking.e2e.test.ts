// A parent books, moves and cancels a place in chromium; a cluster leader reads the 12-month outlook. Axe-clean.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { expectAccessible, launchBrowser, loginInBrowser, openPage } from '../browser.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, browser: Browser, base: string;

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  f = await smallFixture(t.database);
  const alma = await t.database.db
    .insertInto('person')
    .values({ first_name: 'Alma', last_name: 'Holm', birth_date: '2026-05-10', sex: 'female' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('custody')
    .values({ child_id: alma.id, guardian_id: f.guardians.mette, valid: '[2026-05-10,)' })
    .execute();
  const home = await t.database.db
    .selectFrom('residence')
    .select('household_id')
    .where('person_id', '=', f.guardians.mette)
    .executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('residence')
    .values({ person_id: alma.id, household_id: home.household_id, valid: '[2026-05-10,)' })
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

describe('book en plads in the browser', () => {
  it('a parent finds a free place, books it, moves it and cancels it', async () => {
    const page = await newPage();
    await loginAs(page, 'Mette Holm');
    await page.waitForURL(`${base}/mine-boern`);
    await page.getByRole('link', { name: 'Book en plads' }).click();
    await page.getByLabel('Barn').selectOption({ label: 'Alma Holm' });
    // No date: the error summary is shown, focused, and links to the field.
    await page.getByLabel('Ønsket startdato').fill('');
    await page.getByRole('button', { name: 'Find ledige pladser' }).click();
    const errors = page.getByRole('alert').filter({ hasText: 'Der er 1 fejl i formularen' });
    await expect.poll(() => errors.count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    expect(await page.locator('#book-wished').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'booking-error');
    await errors.getByRole('link', { name: /^Vælg en ønsket startdato fra/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('book-wished');
    await page.getByLabel('Ønsket startdato').fill('2027-01-04');
    await page.getByRole('button', { name: 'Find ledige pladser' }).click();
    await expect.poll(() => errors.count()).toBe(0);
    await expect.poll(() => page.getByRole('rowheader', { name: /Børnehuset Solsikken/ }).count()).toBe(1);
    await expect.poll(() => page.getByText('Ledig på ønsket dato').count()).toBe(1);
    await expectAccessible(page, 'booking-list');
    await page.getByRole('button', { name: 'Vis kalender: Børnehuset Solsikken' }).click();
    await page.getByRole('button', { name: /Book fra 4\. januar 2027/ }).click();
    // A summary before the booking is made: child, unit, start and why, how long, hours, the change deadline.
    await expect.poll(() => page.getByRole('heading', { name: 'Opsummering: book pladsen' }).count()).toBe(1);
    const summary = page.locator('.summary-list');
    await expect.poll(() => summary.getByText('Børnehuset Solsikken').count()).toBe(1);
    expect(await summary.getByText('4. januar 2027').count()).toBe(1);
    expect(await summary.getByText('Den dato, du ønskede.').count()).toBe(1);
    expect(await summary.getByText('Fuld tid (40 timer om ugen)').count()).toBe(1);
    expect(
      await summary
        .getByText(/^Kommunens regel: en booking kan flyttes eller afmeldes indtil \d+ dage før start/)
        .count(),
    ).toBe(1);
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Trin 2 af 3: Opsummering');
    await expectAccessible(page, 'booking-summary');
    // "Ret" on the start goes back to the calendar; choosing the day again returns to the summary.
    await summary.getByRole('link', { name: 'Ret start' }).click();
    await page.getByRole('button', { name: /Book fra 4\. januar 2027/ }).click();
    await page.getByRole('button', { name: 'Book pladsen' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Kvittering: Booking af plads til Alma Holm' }).count())
      .toBe(1);
    await expect.poll(() => page.getByText(/Booking bekræftet: Alma starter i Børnehuset Solsikken/).count()).toBe(1);
    await expectAccessible(page, 'booking-confirmed');
    await page.getByRole('button', { name: 'Søg en plads mere' }).click();

    await page.getByRole('button', { name: /Flyt Børnehuset Solsikken/ }).click();
    await page.getByLabel('Ønsket startdato').fill('2027-02-01');
    await page.getByRole('button', { name: 'Find ledige pladser' }).click();
    await page.getByRole('button', { name: 'Vis kalender: Børnehuset Solsikken' }).click();
    await expectAccessible(page, 'booking-calendar');
    await page.getByRole('button', { name: /Flyt til 1\. februar 2027/ }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Opsummering: flyt bookingen' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Flyt bookingen' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Kvittering: Flytning af booking for Alma Holm' }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    await expect.poll(() => page.getByText(/Bookingen er flyttet/).count()).toBe(1);
    await expect.poll(() => page.getByText(/1\. februar 2027/).count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: /Afmeld Børnehuset Solsikken/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Afmeld' }).click();
    // The cancellation ends on a receipt: its heading has focus; what was cancelled, when, and what happens next.
    const cancelHeading = page.getByRole('heading', { name: 'Kvittering: Afmelding af booking for Alma Holm' });
    await expect.poll(() => cancelHeading.count(), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe(await cancelHeading.textContent());
    const cancelReceipt = page.locator('.receipt');
    expect(await cancelReceipt.locator('dd').allTextContents()).toEqual([
      '23. november 2026',
      'Alma Holm',
      'Børnehuset Solsikken',
      '1. februar 2027',
    ]);
    expect(
      await cancelReceipt
        .getByText(/^Bookingen er afmeldt: pladsen i Børnehuset Solsikken fra 1\. februar 2027 er givet fri/)
        .count(),
    ).toBe(1);
    expect(await cancelReceipt.getByText(/Alma står ikke på venteliste/).count()).toBe(1);
    expect(await cancelReceipt.getByRole('button', { name: 'Udskriv kvittering' }).count()).toBe(1);
    await expectAccessible(page, 'booking-cancelled');
    await expect.poll(() => page.getByText('Ingen bookinger endnu.').count()).toBe(1);
    const left = await t.database.db.selectFrom('booking').select(['status']).execute();
    expect(left).toEqual([{ status: 'cancelled' }]);
    await page.context().close();
  });

  it('a parent whose chosen place is taken meanwhile is shown the nearest alternatives', async () => {
    const page = await newPage();
    await loginAs(page, 'Mette Holm');
    await page.waitForURL(`${base}/mine-boern`);
    await page.getByRole('link', { name: 'Book en plads' }).click();
    await page.getByLabel('Barn').selectOption({ label: 'Alma Holm' });
    await page.getByLabel('Ønsket startdato').fill('2027-01-04');
    await page.getByRole('button', { name: 'Find ledige pladser' }).click();
    await page.getByRole('button', { name: 'Vis kalender: Børnehuset Solsikken' }).click();
    await page.getByRole('button', { name: /Book fra 4\. januar 2027/ }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Opsummering: book pladsen' }).count()).toBe(1);
    // While the family reads the summary, the unit's places are gone (its age bands share them).
    const places = () => t.database.db.updateTable('capacity').where('unit_id', '=', f.units.sol);
    await places().set({ places: 0 }).execute();
    try {
      await page.getByRole('button', { name: 'Book pladsen' }).click();
      const list = page.getByRole('list', { name: 'Pladsen blev taget lige før dig. Nærmeste alternativer:' });
      await expect.poll(() => list.count()).toBe(1);
      expect(await list.getByRole('listitem').allTextContents()).toEqual([
        expect.stringMatching(/^Mælkebøtten: 1\. marts 2029/),
      ]);
      await expect
        .poll(() => page.getByText('Pladsen er ikke længere ledig. Se de nærmeste alternativer.').count())
        .toBe(1);
      await expectAccessible(page, 'booking-gone');
      expect(await t.database.db.selectFrom('booking').select('id').where('status', '=', 'active').execute()).toEqual(
        [],
      );
    } finally {
      await places().where('age_band', '=', '0-2').set({ places: 12 }).execute();
      await places().where('age_band', '=', '3-5').set({ places: 20 }).execute();
    }
    await page.context().close();
  });

  it('a cluster leader reads the 12-month outlook with the staff implied', async () => {
    const page = await newPage();
    await loginAs(page, 'Leder Solsikken');
    await page.waitForURL(`${base}/staff`);
    await page.getByRole('link', { name: 'Belægning 12 mdr.' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /Børnehuset Solsikken/ }).count()).toBe(1);
    // Each unit is folded to one line; opening it shows the chart.
    await page.getByRole('heading', { name: /Børnehuset Solsikken/ }).click();
    await expect.poll(() => page.getByRole('img', { name: /Belægning og kapacitet/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: /Mælkebøtten/ }).count()).toBe(0);
    await expectAccessible(page, 'booking-outlook');
    await page.context().close();
  });

  it('a caseworker compares two policies in the simulator', async () => {
    const page = await newPage();
    await loginAs(page, 'Pladsanvisning');
    await page.waitForURL(`${base}/staff`);
    await page.getByRole('link', { name: 'Politiksimulator' }).click();
    await page.getByRole('group', { name: 'Forslag A' }).getByLabel('Fordeling').selectOption('booking');
    await page.getByRole('group', { name: 'Forslag B' }).getByLabel('Fordeling').selectOption('waitlist');
    await page.getByRole('button', { name: 'Kør simulering' }).click();
    await expect.poll(() => page.getByText(/Resultat: 1 familier/).count()).toBe(1);
    await expect.poll(() => page.getByRole('img', { name: /første ønske/ }).count()).toBe(1);
    await expectAccessible(page, 'booking-simulator');
    await page.context().close();
  });
});
