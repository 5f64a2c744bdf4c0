// Sletning (GDPR) in the browser: an administrator reads the rules, makes a dry run, sees whom it concerns by name,
// and erases after a confirmation with the counts; the child and its guardian are then anonymised.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { aChild, aGuardianOf, aPlacement, aUnit } from '../builders.js';
import { expectAccessible, launchBrowser, loginInBrowser, openPage } from '../browser.js';

let t: TestApp, browser: Browser, base: string;

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  await t.database.db.insertInto('municipality').values({ code: '0851', name: 'Aalborg' }).execute();
  await t.database.db
    .insertInto('app_user')
    .values({ role: 'admin', name: 'Administrator Aalborg', demo_persona: true, municipality_code: '0851' })
    .execute();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('Sletning (GDPR) in the browser', () => {
  it('an administrator makes a dry run, sees whom it concerns, and erases after confirming the counts', async () => {
    const db = t.database.db;
    const today = t.clock.today();
    const unit = await aUnit(db, { municipalityCode: '0851' });
    const child = await aChild(db, { firstName: 'Ingrid', lastName: 'Gammelgaard', birthDate: today.plusYears(-14) });
    const guardian = await aGuardianOf(db, child, { firstName: 'Bodil', lastName: 'Gammelgaard' });
    await aPlacement(db, child.id, unit.id, today.plusYears(-13), { end: today.plusYears(-8) });

    const page = await openPage(browser);
    await loginInBrowser(page, base, 'Administrator Aalborg');
    await page.waitForURL(`${base}/staff`);
    await page.getByRole('link', { name: 'Sletning (GDPR)', exact: true }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Sletning (GDPR)' }).count()).toBe(1);
    await expect
      .poll(() => page.getByRole('cell', { name: 'Barnets sag efter sidste plads sluttede' }).count())
      .toBe(1);
    await expect.poll(() => page.getByText('Der er ikke lavet nogen prøvekørsel endnu.').count()).toBe(1);

    await page.getByRole('button', { name: 'Lav prøvekørsel' }).click();
    await expect.poll(() => page.getByText('Prøvekørslen er lavet. Intet er slettet.').count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: 'Ingrid Gammelgaard' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: 'Bodil Gammelgaard' }).count()).toBe(1);
    await expectAccessible(page, 'retention-dry-run');

    await page.getByRole('button', { name: 'Kør nu' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText(/^2 personer anonymiseres/).count()).toBe(1);
    await expectAccessible(page, 'retention-confirm');
    await dialog.getByRole('button', { name: 'Kør nu' }).click();
    await expect.poll(() => page.getByText('Sletningen er gennemført: 2 personer anonymiseret.').count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: 'Sletning', exact: true }).count()).toBe(1);
    await expectAccessible(page, 'retention-after');

    const people = await db
      .selectFrom('person')
      .select(['first_name', 'cpr'])
      .where('id', 'in', [child.id, guardian.id])
      .execute();
    expect(people).toEqual([
      { first_name: 'Anonymiseret', cpr: null },
      { first_name: 'Anonymiseret', cpr: null },
    ]);
    await page.context().close();
  });
});
