// A guardian reads her letters in the browser: the inbox lists them, one opens as a PDF, and it is then read.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { axeViolations, launchBrowser } from '../browser.js';
import { sendLetters } from '../../src/platform/letters/index.js';
import { LocalDate } from '../../src/shared/index.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, browser: Browser, base: string;
const SHOTS = process.env.SPIRE_SCREENSHOTS;

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  f = await smallFixture(t.database);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('letters in the browser', () => {
  it('a guardian opens her unread letter as a PDF from the inbox', async () => {
    await sendLetters(
      t.database.db,
      [
        {
          kind: 'offer',
          subject: 'Tilbud om plads',
          recipients: [f.guardians.mette],
          childId: f.children.ida,
          blocks: [{ text: 'Ida tilbydes en plads.' }],
        },
      ],
      LocalDate.of(2026, 11, 23),
    );
    const page = await (
      await browser.newContext({ locale: 'da-DK', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: 'Log ind som Mette Holm' }).click();
    await page.waitForURL(`${base}/mine-boern`);
    await page.getByRole('link', { name: 'Post' }).click();
    await expect.poll(() => page.getByText('Ulæst').count()).toBe(1);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/post.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('link', { name: 'Åbn som PDF: Tilbud om plads' }).click(),
    ]);
    const pdf = await popup.context().request.get(popup.url());
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await page.reload();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/post-read.png`, fullPage: true });
    await expect.poll(() => page.getByRole('cell', { name: 'Tilbud om plads', exact: true }).count()).toBe(1);
    expect(await page.getByText('Ulæst').count()).toBe(0);
    await page.context().close();
  });

  it('a caseworker sees the letters sent about a child on the child page', async () => {
    const page = await (
      await browser.newContext({ locale: 'da-DK', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: 'Log ind som Pladsanvisning' }).click();
    await page.goto(`${base}/staff/boern/${f.children.ida}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Breve til familien' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: 'Tilbud om plads', exact: true }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
