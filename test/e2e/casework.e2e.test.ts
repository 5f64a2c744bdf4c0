// Casework on a family's behalf in chromium (issue 16): on the child page a caseworker changes a place's weekly hours
// (the confirmation and the table show the rate and the full-time equivalent change), transfers the place, withdraws
// it with the notice waived, applies for a sibling with a flag, sets special needs and enrols the sibling directly.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { axeViolations, launchBrowser } from '../browser.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, browser: Browser, base: string, bo: string, liv: string;
const SHOTS = process.env.SPIRE_SCREENSHOTS;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  f = await smallFixture(t.database);
  const db = t.database.db;
  // Full-time and part-time rates (up to 30 hours a week is part time).
  await db
    .insertInto('fee_rate')
    .values(
      (
        [
          ['vuggestue', '0-2', 'full', 400_000],
          ['vuggestue', '0-2', 'part', 320_000],
          ['boernehave', '3-5', 'full', 250_000],
          ['boernehave', '3-5', 'part', 200_000],
        ] as const
      ).map(([kind, age_band, hours, monthly_oere]) => ({
        municipality_code: '0860',
        kind,
        age_band,
        hours,
        monthly_oere,
        valid: '[2020-01-01,)',
      })),
    )
    .execute();
  // Ida's little brother Bo, in the same home, without a place.
  bo = (
    await db
      .insertInto('person')
      .values({ cpr: '0106234415', first_name: 'Bo', last_name: 'Holm', birth_date: '2023-06-01', sex: 'male' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const home = await db
    .selectFrom('residence')
    .select('household_id')
    .where('person_id', '=', f.guardians.mette)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('residence')
    .values({ person_id: bo, household_id: home.household_id, valid: '[2023-06-01,)' })
    .execute();
  await db
    .insertInto('custody')
    .values({ child_id: bo, guardian_id: f.guardians.mette, valid: '[2023-06-01,)' })
    .execute();
  // Liv, Anders' daughter, without a place: the caseworker books one for the family.
  liv = (
    await db
      .insertInto('person')
      .values({ cpr: '0103234420', first_name: 'Liv', last_name: 'Berg', birth_date: '2023-03-01', sex: 'female' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const bergHome = await db
    .selectFrom('residence')
    .select('household_id')
    .where('person_id', '=', f.guardians.anders)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('residence')
    .values({ person_id: liv, household_id: bergHome.household_id, valid: '[2023-03-01,)' })
    .execute();
  await db
    .insertInto('custody')
    .values({ child_id: liv, guardian_id: f.guardians.anders, valid: '[2023-03-01,)' })
    .execute();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function loginAs(name: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'da-DK', viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${base}/login`);
  await page.getByRole('button', { name: `Log ind som ${name}` }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  return page;
}
async function expectAccessible(page: Page, shot: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
}
const lettersTo = async (guardian: string) =>
  (
    await t.database.db
      .selectFrom('letter')
      .innerJoin('letter_recipient as r', 'r.letter_id', 'letter.id')
      .select('letter.subject')
      .where('r.person_id', '=', guardian)
      .orderBy('letter.created_at')
      .execute()
  ).map((l) => l.subject);

describe('casework in the browser', () => {
  it(
    'a caseworker acts for the family on the child page: hours, transfer, udmeldelse, application, enrolment',
    { timeout: 300_000 },
    async () => {
      const cw = await loginAs('Pladsanvisning');
      const section = () => cw.getByRole('region', { name: 'Sagsbehandling', exact: true });
      const confirmAndWait = async (done: string) => {
        await cw.getByRole('button', { name: 'Bekræft', exact: true }).click();
        await poll(() => cw.getByText(`Udført: ${done}.`).count()).toBe(1);
      };
      await cw.goto(`${base}/staff/boern/${f.children.ida}`);
      await poll(() => section().getByRole('heading', { name: 'Sagsbehandling' }).count()).toBe(1);
      const places = () => cw.getByRole('table', { name: 'Pladser med takst og fuldtidsækvivalent' });
      await poll(() => places().getByRole('cell', { name: '2.500,00 kr.' }).count()).toBe(1);
      await expectAccessible(cw, 'casework-child');

      // 4. New weekly hours from 1 December: the confirmation shows the rate and the FTE before and after.
      await cw.getByRole('button', { name: 'Skift timer: Børnehuset Solsikken' }).click();
      await cw.getByLabel('Fra og med').fill('2026-12-01');
      await cw.getByLabel('Timer pr. uge').fill('30');
      await cw.getByRole('button', { name: 'Fortsæt' }).click();
      // The reason is required: the browser stops the form.
      await poll(() => cw.getByRole('button', { name: 'Bekræft', exact: true }).count()).toBe(0);
      await cw.getByLabel('Begrundelse').fill('Mor på barselsorlov med lillebror');
      await cw.getByRole('button', { name: 'Fortsæt' }).click();
      await poll(() => cw.getByText('Månedstakst: 2.500,00 kr. → 2.000,00 kr.').count()).toBe(1);
      await poll(() => cw.getByText('Fuldtidsækvivalent: 1,00 → 0,75').count()).toBe(1);
      await expectAccessible(cw, 'casework-hours-confirm');
      await confirmAndWait('Skift timer');
      const row = (text: RegExp) => places().getByRole('row').filter({ hasText: text });
      await poll(() => row(/1\. december 2026 –/).textContent()).toMatch(/30\s*2\.000,00 kr\.\s*0,75/);
      await poll(() => row(/1\. januar 2024 – 30\. november 2026/).textContent()).toMatch(/40\s*2\.500,00 kr\.\s*1,00/);

      // 2. Transfer the place to Mælkebøtten from 4 January.
      await cw.getByRole('button', { name: 'Flyt: Børnehuset Solsikken' }).last().click();
      await cw.getByLabel('Institution', { exact: true }).selectOption({ label: 'Mælkebøtten' });
      await cw.getByLabel('Første dag i den nye institution').fill('2027-01-04');
      await cw.getByLabel('Begrundelse').fill('Familien er flyttet til Hirtshals');
      await cw.getByRole('button', { name: 'Fortsæt' }).click();
      await confirmAndWait('Flyt');
      await poll(() => row(/Mælkebøtten/).count()).toBe(1);

      // 3. Udmeldelse with the notice waived, last day 29 January.
      await cw.getByRole('button', { name: 'Udmeld: Mælkebøtten' }).click();
      await cw.getByLabel('Frafald opsigelsesvarslet').check();
      await cw.getByLabel('Sidste dag').fill('2027-01-29');
      await cw.getByLabel('Begrundelse').fill('Familien flytter til udlandet');
      await cw.getByRole('button', { name: 'Fortsæt' }).click();
      await poll(() => cw.getByText(/uden varsel: sidste dag 29\. januar 2027/).count()).toBe(1);
      await confirmAndWait('Udmeld');
      await poll(() => row(/Mælkebøtten/).textContent()).toMatch(/29\. januar 2027/);
      await poll(() => row(/Mælkebøtten/).textContent()).toMatch(/Varsel frafaldet: Familien flytter til udlandet/);
      await poll(() => section().getByRole('listitem').count()).toBe(3);
      // The letters the actions sent are on the page at once.
      await poll(() => cw.getByText('Bekræftelse af udmeldelse: Ida Holm').count()).toBe(1);
      await expectAccessible(cw, 'casework-after-withdrawal');

      // 1 and 5. Bo: an application with the moving-in flag, then special needs, then a direct enrolment.
      await cw.goto(`${base}/staff/boern/${bo}`);
      await poll(() => section().getByText('Barnet har ingen pladser.').count()).toBe(1);
      await cw.getByRole('button', { name: 'Ny ansøgning' }).click();
      await cw.getByLabel('Pladstype').selectOption('boernehave');
      await cw.getByLabel('Behovsdato').fill('2027-02-01');
      await cw.getByLabel('1. ønske').selectOption({ label: 'Mælkebøtten' });
      await cw.getByLabel('Tilflytter').check();
      await cw.getByLabel('Begrundelse').fill('Far ringede, har ikke MitID');
      await cw.getByRole('button', { name: 'Fortsæt' }).click();
      await confirmAndWait('Ny ansøgning');
      const apps = () => cw.getByRole('table', { name: 'Aktive ansøgninger' });
      await poll(() => apps().getByRole('cell', { name: 'Tilflytter' }).count()).toBe(1);
      await cw.getByRole('button', { name: 'Sæt prioritet: Børnehave' }).click();
      await cw.getByLabel('Særlige behov (§ 26 a / fortrinsret)').check();
      await cw.getByLabel('Begrundelse').fill('Udtalelse fra PPR');
      await cw.getByRole('button', { name: 'Fortsæt' }).click();
      await confirmAndWait('Sæt prioritet');
      await poll(() =>
        apps()
          .getByRole('cell', { name: /Særlige behov/ })
          .count(),
      ).toBe(1);
      await expectAccessible(cw, 'casework-application');

      await cw.getByRole('button', { name: 'Indmeld direkte' }).click();
      await cw.getByLabel('Institution', { exact: true }).selectOption({ label: 'Børnehuset Solsikken' });
      await cw.getByLabel('Startdato').fill('2026-12-01');
      await cw.getByLabel('Begrundelse').fill('Akut behov efter henvendelse fra sundhedsplejen');
      await cw.getByRole('button', { name: 'Fortsæt' }).click();
      await confirmAndWait('Indmeld direkte');
      await poll(() => places().getByRole('row').filter({ hasText: 'Børnehuset Solsikken' }).textContent()).toMatch(
        /40\s*2\.500,00 kr\.\s*1,00/,
      );
      await poll(() => section().getByText('Ingen aktive ansøgninger.').count()).toBe(1); // the place met the application
      await expectAccessible(cw, 'casework-enrolled');

      // The family got its letters.
      expect(await lettersTo(f.guardians.mette)).toEqual([
        'Afgørelse: ændret timetal for Ida Holm',
        'Afgørelse: plads til Ida Holm i Mælkebøtten',
        'Bekræftelse af udmeldelse: Ida Holm',
        'Kvittering: ansøgning om plads til Bo Holm',
        'Afgørelse: plads til Bo Holm i Børnehuset Solsikken',
      ]);
    },
  );

  it(
    'a caseworker books, moves and cancels a place for the family on the child page',
    { timeout: 300_000 },
    async () => {
      const cw = await loginAs('Pladsanvisning');
      const section = () => cw.getByRole('region', { name: 'Sagsbehandling', exact: true });
      const places = () => cw.getByRole('table', { name: 'Pladser med takst og fuldtidsækvivalent' });
      const confirmAndWait = async (done: string) => {
        await cw.getByRole('button', { name: 'Bekræft', exact: true }).click();
        await poll(() => cw.getByText(`Udført: ${done}.`).count()).toBe(1);
      };
      await cw.goto(`${base}/staff/boern/${liv}`);
      await poll(() => section().getByText('Barnet har ingen pladser.').count()).toBe(1);

      await cw.getByRole('button', { name: 'Book plads' }).click();
      await cw.getByLabel('Institution', { exact: true }).selectOption({ label: 'Mælkebøtten' });
      await cw.getByLabel('Startdato').fill('2027-01-04');
      await cw.getByLabel('Timer pr. uge').fill('30');
      await cw.getByLabel('Begrundelse').fill('Far ringede, har ikke MitID');
      await cw.getByRole('button', { name: 'Fortsæt' }).click();
      await poll(() => cw.getByText('Book en plads i Mælkebøtten fra 4. januar 2027, 30 timer pr. uge.').count()).toBe(
        1,
      );
      await expectAccessible(cw, 'casework-book-confirm');
      await confirmAndWait('Book plads');
      const row = () => places().getByRole('row').filter({ hasText: 'Mælkebøtten' });
      await poll(() => row().textContent()).toMatch(/4\. januar 2027.*Booking/);
      await expectAccessible(cw, 'casework-booked');

      await cw.getByRole('button', { name: 'Flyt booking: Mælkebøtten' }).click();
      await cw.getByLabel('Startdato').fill('2027-02-01');
      await cw.getByLabel('Begrundelse').fill('Familien ønsker senere start');
      await cw.getByRole('button', { name: 'Fortsæt' }).click();
      await confirmAndWait('Flyt booking');
      await poll(() => row().textContent()).toMatch(/1\. februar 2027/);

      await cw.getByRole('button', { name: 'Afmeld booking: Mælkebøtten' }).click();
      await cw.getByLabel('Begrundelse').fill('Familien har fået plads privat');
      await cw.getByRole('button', { name: 'Fortsæt' }).click();
      await poll(() => cw.getByText(/Bookingen i Mælkebøtten fra 1\. februar 2027 afmeldes/).count()).toBe(1);
      await confirmAndWait('Afmeld booking');
      await poll(() => section().getByText('Barnet har ingen pladser.').count()).toBe(1);
      await poll(() => section().getByText('Booking afmeldt', { exact: true }).count()).toBe(1);
      await expectAccessible(cw, 'casework-booking-cancelled');

      expect(await lettersTo(f.guardians.anders)).toEqual([
        'Bekræftelse: plads til Liv Berg i Mælkebøtten',
        'Booking flyttet: Liv Berg',
        'Booking afmeldt: Liv Berg',
      ]);
    },
  );
});
