// Real-browser tests: Debian's chromium driven by playwright-core, with axe-core for accessibility.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The browser's own clock in every test, far from the server's (test/app.ts fixes Spire's clock at 2026-11-23): the web
 * must take "today" from Spire's clock, so a page that reads the browser's date instead shows up as a failing test.
 */
export const BROWSER_NOW = new Date('2031-06-15T10:00:00+02:00');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`chromium not found at ${CHROMIUM}: apt-get install chromium (browser tests never skip)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Every context (also browser.newPage's) gets the pinned date; timers keep running.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.clock.setFixedTime(BROWSER_NOW);
    return context;
  };
  return browser;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A/AA violations on the current page, as readable strings (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Through the DevTools protocol, not a <script> tag: Spire's Content-Security-Policy refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }),
  );
  return result.violations.map(
    (v: any) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n: any) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}

const cspViolations = new WeakMap<Page, string[]>();

/** A fresh Danish browser context and page at a desktop size; Content-Security-Policy violations are recorded. */
export async function openPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'da-DK', viewport: { width: 1280, height: 900 } })).newPage();
  const seen: string[] = [];
  cspViolations.set(page, seen);
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return page;
}

/** Logs in from the demo persona picker. */
export async function loginInBrowser(page: Page, base: string, name: string) {
  await page.goto(`${base}/login`);
  await page.getByRole('button', { name: `Log ind som ${name}` }).click();
}

/** Saves a screenshot when SPIRE_SCREENSHOTS names a folder, and asserts the page has no axe violations. */
export async function expectAccessible(page: Page, shot: string) {
  const dir = process.env.SPIRE_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${shot}.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
  expect(cspViolations.get(page) ?? [], 'Content-Security-Policy violations').toEqual([]);
}
