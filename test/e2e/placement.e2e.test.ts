// Pladsanvisning in chromium: a parent applies, a caseworker previews and approves a round, the parent accepts.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { axeViolations, launchBrowser } from '../browser.js';
import { LocalDate } from '../../src/shared/index.js';
import { policyOn } from '../../src/modules/placement/placement-policy.js';
import { maxWishes } from '../../src/modules/placement/rules.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, browser: Browser, base: string;
const SHOTS = process.env.SPIRE_SCREENSHOTS;
// Two shared cores: give the pages time.
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  f = await smallFixture(t.database);
  const db = t.database.db;
  const baby = (
    await db
      .insertInto('person')
      .values({ cpr: '0106264411', first_name: 'Alma', last_name: 'Holm', birth_date: '2026-06-01', sex: 'female' })
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
    .values({ person_id: baby, household_id: home.household_id, valid: '[2026-06-01,)' })
    .execute();
  await db
    .insertInto('custody')
    .values({ child_id: baby, guardian_id: f.guardians.mette, valid: '[2026-06-01,)' })
    .execute();
  const inst = await db.selectFrom('daginstitution').select('id').executeTakeFirstOrThrow();
  await db
    .insertInto('unit')
    .values({
      number: 'A10009',
      daginstitution_id: inst.id,
      name: 'Vuggestuen Mariehønen',
      type: 'vuggestue',
      street: 'Åvej 1',
      postal_code: '9800',
      city: 'Hjørring',
      lat: 57.458,
      lon: 9.99,
    })
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

describe('placement in the browser', () => {
  it(
    'parent applies, caseworker previews and approves a round, parent accepts the offer',
    { timeout: 300_000 },
    async () => {
      const parent = await loginAs('Mette Holm');
      await parent.goto(`${base}/pladser`);
      await poll(() => parent.getByRole('heading', { name: 'Søg plads' }).count()).toBe(1);
      await parent.getByLabel('Barn').selectOption({ label: 'Alma Holm' });
      // A stepped form (DKFDS): "Næste" without a date shows the error summary, focused, linked to the field.
      await poll(() => parent.locator('[aria-current="step"]').textContent()).toContain('Barn og behovsdato');
      await parent.getByRole('button', { name: 'Næste' }).click();
      const errors = parent.getByRole('alert').filter({ hasText: 'Der er 1 fejl i formularen' });
      await poll(() => errors.count()).toBe(1);
      await poll(() => parent.evaluate(() => document.activeElement?.className)).toBe('error-summary');
      const date = parent.locator('#apply-date');
      expect(await date.getAttribute('aria-invalid')).toBe('true');
      expect(await date.getAttribute('aria-describedby')).toContain('apply-date-error');
      await expectAccessible(parent, 'placement-parent-error');
      await errors.getByRole('link', { name: 'Vælg den dato, du har brug for en plads fra.' }).click();
      await poll(() => parent.evaluate(() => document.activeElement?.id)).toBe('apply-date');
      await date.fill('2027-01-04');
      await parent.getByRole('button', { name: 'Næste' }).click();
      // Step 2 follows the rules: a baby gets nursery preselected, school kinds are not offered, and as many
      // wish fields as the municipality's policy allows for her age band.
      await poll(() => parent.locator('[aria-current="step"]').textContent()).toContain('Trin 2 af 4: Ønsker');
      const policy = await policyOn(t.database.db, '0860', t.clock.today());
      const allowed = maxWishes(
        policy.maxWishes,
        LocalDate.parse('2026-06-01').ageInMonths(LocalDate.parse('2027-01-04')),
      );
      await poll(() => parent.getByLabel('Pladstype').inputValue()).toBe('vuggestue');
      await poll(() => parent.getByLabel(/^Ønske \d$/).count()).toBe(allowed);
      expect(await parent.getByLabel('Pladstype').locator('option', { hasText: 'SFO' }).count()).toBe(0);
      await poll(() => parent.getByText(`Du kan ønske op til ${allowed} institutioner`, { exact: false }).count()).toBe(
        1,
      );
      await expectAccessible(parent, 'placement-parent-form');
      await parent.getByLabel('Ønske 1').selectOption({ label: 'Børnehuset Solsikken' });
      await parent.getByRole('button', { name: 'Næste' }).click();
      // Step 3: hours, and the dates the system works out, explained.
      await poll(() =>
        parent.getByText(/^Garantidato 23\. februar 2027, fordi kommunen har mindst 3 måneder/).count(),
      ).toBe(1);
      await parent.getByRole('button', { name: 'Næste' }).click();
      // The summary before sending: every answer with "Ret" back to its step.
      await poll(() => parent.getByRole('heading', { name: 'Opsummering' }).count()).toBe(1);
      const summary = parent.locator('.summary-list');
      await poll(() => summary.getByText('Børnehuset Solsikken').count()).toBe(1);
      expect(await summary.getByText('4. januar 2027').count()).toBe(1);
      await expectAccessible(parent, 'placement-parent-summary');
      await summary.getByRole('link', { name: 'Ret ønsker' }).click();
      await poll(() => parent.evaluate(() => document.activeElement?.id)).toBe('apply-wish-1');
      await parent.getByRole('button', { name: 'Næste' }).click();
      await parent.getByRole('button', { name: 'Næste' }).click();
      await parent.getByRole('button', { name: 'Send ansøgning' }).click();
      await poll(() =>
        parent.getByRole('heading', { name: 'Kvittering: Ansøgning om plads til Alma Holm' }).count(),
      ).toBe(1);
      await poll(() => parent.getByText(/Kommunen skal tilbyde en plads senest 23\. februar 2027/).count()).toBe(1);
      await poll(() => parent.getByText(/Nr\. 1 af 1 på ventelisten/).count()).toBe(1);
      await poll(() => parent.getByText(/søskende her: Ida/).count()).toBe(1);
      await poll(() => parent.getByText('23. februar 2027').count()).toBeGreaterThan(0); // garantidato
      await expectAccessible(parent, 'placement-parent-applied');
      // Re-rank the wishes of the application: add Mariehønen, move it first, save; then remove it again.
      const wishes = async () =>
        (
          await t.database.db
            .selectFrom('application_wish')
            .innerJoin('unit', 'unit.id', 'application_wish.unit_id')
            .select('unit.name')
            .orderBy('rank')
            .execute()
        ).map((w) => w.name);
      await parent.getByLabel('Nyt ønske').selectOption({ label: 'Vuggestuen Mariehønen' });
      await parent.getByRole('button', { name: 'Tilføj ønske' }).click();
      const newWish = parent.getByRole('listitem').filter({ hasText: 'Vuggestuen Mariehønen' });
      await newWish.getByRole('button', { name: /^Flyt op/ }).click();
      await parent.getByRole('button', { name: 'Gem ønsker' }).click();
      await poll(wishes).toEqual(['Vuggestuen Mariehønen', 'Børnehuset Solsikken']);
      await poll(() => parent.getByText('Ændringerne er gemt.').count()).toBe(1);
      await expectAccessible(parent, 'placement-parent-wishes');
      await parent
        .getByRole('listitem')
        .filter({ hasText: 'Vuggestuen Mariehønen' })
        .getByRole('button', { name: /^Fjern/ })
        .click();
      await parent.getByRole('button', { name: 'Gem ønsker' }).click();
      await poll(wishes).toEqual(['Børnehuset Solsikken']);

      const cw = await loginAs('Pladsanvisning');
      await cw.goto(`${base}/staff/venteliste`);
      await poll(() => cw.getByRole('rowheader', { name: 'Alma Holm', exact: true }).count()).toBe(1);
      // The server sorts the whole waitlist by a header (it pages 10,000 wishes): the header says how it is sorted.
      const childHeader = cw.getByRole('columnheader', { name: /^Barn/ });
      await cw.getByRole('button', { name: /^Barn/ }).click();
      await poll(() => childHeader.getAttribute('aria-sort')).toBe('ascending');
      await cw.getByRole('button', { name: /^Barn/ }).click();
      await poll(() => childHeader.getAttribute('aria-sort')).toBe('descending');
      await poll(() => cw.getByRole('rowheader', { name: 'Alma Holm', exact: true }).count()).toBe(1);
      await expectAccessible(cw, 'placement-waitlist');
      await cw.goto(`${base}/staff/runde`);
      await cw.getByLabel('Horisont (sidste dag)').fill('2027-12-31');
      await cw.getByRole('button', { name: 'Forhåndsvis runde' }).click();
      await poll(() => cw.getByText(/Tilbudt Børnehuset Solsikken/).count()).toBe(1);
      await expectAccessible(cw, 'placement-round-preview');
      // Approval asks first with the offers per unit; cancelling sends nothing.
      const dialog = cw.getByRole('dialog');
      const offers = () => t.database.db.selectFrom('offer').select('id').execute();
      const offersBefore = (await offers()).length;
      await cw.getByRole('button', { name: 'Godkend og send tilbud' }).click();
      await poll(() => dialog.getByText(/^1 tilbud til 1 institutioner\. 1 breve/).count()).toBe(1);
      await poll(() => dialog.getByRole('row', { name: /Børnehuset Solsikken 1/ }).count()).toBe(1);
      await expectAccessible(cw, 'placement-round-dialog');
      await dialog.getByRole('button', { name: 'Annullér' }).click();
      await poll(() => dialog.isVisible()).toBe(false);
      expect(await cw.evaluate(() => document.activeElement?.textContent)).toBe('Godkend og send tilbud');
      expect((await offers()).length).toBe(offersBefore);
      await cw.getByRole('button', { name: 'Godkend og send tilbud' }).click();
      await dialog.getByRole('button', { name: 'Godkend og send tilbud' }).click();
      await poll(() => cw.getByText('1 tilbud er sendt.').count()).toBe(1);
      expect((await offers()).length).toBe(offersBefore + 1);
      await poll(() => cw.getByRole('button', { name: 'Godkend og send tilbud' }).isDisabled()).toBe(true);
      await cw.getByRole('button', { name: 'Kør løbende fordeling' }).click();
      await dialog.getByRole('button', { name: 'Kør løbende fordeling' }).click();
      await poll(() => cw.getByText('Løbende fordeling: 0 tilbud er sendt.').count()).toBe(1); // Alma already has her offer
      await cw.getByRole('button', { name: 'Kør årsrulning' }).click();
      await dialog.getByRole('button', { name: 'Kør årsrulning' }).click();
      await poll(() => cw.getByText(/^Årsrulning: \d+ nye ansøgninger\.$/).count()).toBe(1);
      await expectAccessible(cw, 'placement-round-run-now');
      await cw.goto(`${base}/staff/indbakke`);
      await poll(() => cw.getByRole('cell', { name: /^Ny ansøgning/ }).count()).toBe(1);
      await expectAccessible(cw, 'placement-inbox');
      await cw.goto(`${base}/staff/pladsregler`);
      await poll(() => cw.getByText('Vægt af et vuggestuebarn').count()).toBeGreaterThan(0);
      await expectAccessible(cw, 'placement-policy');

      await parent.goto(`${base}/pladser`);
      await poll(() => parent.getByText(/Tilbud: Børnehuset Solsikken/).count()).toBe(1);
      await expectAccessible(parent, 'placement-parent-offer');
      await parent.getByRole('button', { name: 'Tak ja – Børnehuset Solsikken' }).click();
      await parent.getByRole('dialog').getByRole('button', { name: 'Tak ja – Børnehuset Solsikken' }).click();
      await poll(() => parent.getByText(/Du har takket ja/).count()).toBe(1);
      await poll(() => parent.getByText(/Børnehuset Solsikken fra 4\. januar 2027/).count()).toBe(1);
      await expectAccessible(parent, 'placement-parent-accepted');
      const placed = await t.database.db
        .selectFrom('placement')
        .select('valid')
        .where('unit_id', '=', f.units.sol)
        .where('valid', '=', '[2027-01-04,)')
        .execute();
      expect(placed).toHaveLength(1);
    },
  );

  it('the guarantee overview lists a child at risk and takes a guarantee offer', { timeout: 120_000 }, async () => {
    const db = t.database.db;
    await db
      .updateTable('placement')
      .set({ valid: '[2025-03-01,2026-11-30)' })
      .where('child_id', '=', f.children.oscar)
      .execute(); // leaves, needs a new place
    const oscarApp = await db
      .insertInto('application')
      .values({
        child_id: f.children.oscar,
        place_kind: 'boernehave',
        placement_kind: 'dagtilbud',
        needed_from: '2026-12-01',
        hours_per_week: 40,
        applied_on: '2026-09-01',
        seniority_date: '2026-09-01',
        guarantee_date: '2026-12-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('application_wish')
      .values({ application_id: oscarApp.id, rank: 1, unit_id: f.units.sol })
      .execute();
    const cw = await loginAs('Pladsanvisning');
    await cw.goto(`${base}/staff/garanti`);
    await poll(() => cw.getByRole('rowheader', { name: 'Oscar Berg', exact: true }).count()).toBe(1);
    // Sorted by garantidato (the first to run out first), and filtered by what a row says.
    await poll(() => cw.getByRole('columnheader', { name: /^Garantidato/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    await cw.getByRole('button', { name: /^Garantidato/ }).click();
    await poll(() => cw.getByRole('columnheader', { name: /^Garantidato/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    await cw.getByLabel('Filtrér tabellen').fill('Ingen sådan');
    await poll(() => cw.getByText('0 af 1 rækker passer').count()).toBe(1);
    await poll(() => cw.getByText('Ingen rækker passer til filteret.').count()).toBe(1);
    await cw.getByLabel('Filtrér tabellen').fill('1. december 2026');
    await poll(() => cw.getByText('1 af 1 rækker passer').count()).toBe(1);
    await poll(() => cw.getByRole('rowheader', { name: 'Oscar Berg', exact: true }).count()).toBe(1);
    await expectAccessible(cw, 'placement-guarantee');
    await cw.getByRole('button', { name: 'Giv garantitilbud – Oscar Berg' }).click();
    await cw.getByLabel('Institution').selectOption({ label: 'Børnehuset Solsikken' });
    await cw.getByLabel('Begrundelse').fill('Garantiplads inden fristen');
    await cw.getByRole('button', { name: 'Giv garantitilbud' }).click();
    await poll(() => cw.getByText('Ingen børn i risiko.').count()).toBe(1);
  });
});
