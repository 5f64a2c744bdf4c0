// An administrator looks a family up in the CPR register, brings it into Spire, refreshes the child from its page,
// and applies a change file (rejected when malformed, applied once, a second delivery changes nothing).
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { axeViolations, launchBrowser } from '../browser.js';
import { aCprFamily, anAddress } from '../cpr.js';
import { useCprRegister, type CprRegister } from '../../src/modules/people/cpr/index.js';

let t: TestApp, browser: Browser, base: string, previous: CprRegister | undefined;
const SHOTS = process.env.SPIRE_SCREENSHOTS;
const fam = aCprFamily();

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  await smallFixture(t.database);
  previous = useCprRegister(fam.register);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  useCprRegister(previous);
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

describe('the CPR page in the browser', () => {
  it('looks up and imports a family, refreshes the child and applies a change file once', async () => {
    const page = await loginAs('Administrator');
    await page.getByRole('link', { name: 'CPR', exact: true }).click();
    await page.waitForURL(`${base}/staff/cpr`);
    await page.getByLabel('CPR-nummer').fill(`${fam.child.slice(0, 6)}-${fam.child.slice(6)}`);
    await page.getByRole('button', { name: 'Slå op' }).click();
    await expect.poll(() => page.getByText('Ikke i Spire endnu').count()).toBe(1);
    expect(page.url()).not.toContain(fam.child.slice(6));
    await page.getByRole('button', { name: 'Hent familien ind i Spire' }).click();
    await expect.poll(() => page.getByText('Hentet: 3 personer').count()).toBe(1);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/cpr-lookup.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // A file with a malformed record is rejected whole.
    const file = {
      fileId: `SF6002-e2e-${randomUUID()}`,
      sequence: 1,
      created: t.clock.today().toString(),
      kommunekode: '0860',
      records: [
        {
          recordNo: 1,
          haendelse: 'flytning',
          personnummer: fam.father,
          dato: t.clock.today().plusDays(-3).toString(),
          aktuelAdresse: anAddress({ street: 'Nygade' }),
        },
        { recordNo: 2, haendelse: 'navneaendring', personnummer: fam.child, dato: 'i går' },
      ],
    };
    const box = page.getByLabel('Ændringsfil (JSON)');
    await box.fill(JSON.stringify(file));
    await page.getByRole('button', { name: 'Indlæs fil' }).click();
    await expect.poll(() => page.getByText('Afvist – intet ændret').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await box.fill(JSON.stringify({ ...file, records: [file.records[0]] }));
    await page.getByRole('button', { name: 'Indlæs fil' }).click();
    await expect.poll(() => page.getByText('Indlæst', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Indlæs fil' }).click();
    await expect.poll(() => page.getByText('Allerede indlæst – intet ændret').count()).toBe(1);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/cpr-files.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The child's page: "Hent fra CPR" fetches the family again; nothing new since the import.
    await page
      .getByRole('link', { name: /^Barn / })
      .first()
      .click();
    await page.waitForURL(/\/staff\/boern\//);
    await page.getByRole('button', { name: 'Hent fra CPR' }).click();
    await expect.poll(() => page.getByText(/Opdateret fra CPR: \d+ ændringer/).count()).toBe(1);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/cpr-child.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
