// The daily-use sweep (issue 14): on the small demo municipality, every demo persona of every role opens every page
// its menu shows (and a unit's page and a unit's attendance), at desktop (1366 × 800) and phone (390 × 844) widths.
// Each page must fit the screen (tables scroll inside their own region), show no ISO date and no doubled
// punctuation, never say "no access", get no 403 from the server while loading, and be axe-clean (axe runs once per
// page and width, by the first persona to open it). On a phone the menus are collapsed behind a menu button and the
// header stays short. SPIRE_SWEEP_LOG=1 prints problems as they are found, SPIRE_SCREENSHOTS=<dir> keeps a screenshot of
// every visit; the visits with their times are printed at the end.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../app.js';
import { axeViolations, launchBrowser } from '../browser.js';
import { seedDemo } from '../../src/demo/seed.js';
import { LocalDate } from '../../src/shared/index.js';
import type { Role } from '../../src/platform/db/schema.js';

const TODAY = LocalDate.of(2026, 11, 23);
const WIDTHS = [
  { name: 'desktop', width: 1366, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
/** One persona per role; a unit leader of one unit (not the cluster leader) so the scoped pages have one unit. */
const ROLES: Role[] = [
  'guardian',
  'caseworker',
  'finance',
  'consultant',
  'management',
  'admin',
  'unit_leader',
  'unit_staff',
];

let t: TestApp, browser: Browser, base: string;
let personas: { role: Role; name: string }[] = [];
const visited: string[] = [];
const axed = new Set<string>();

beforeAll(async () => {
  t = await testApp(TODAY, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  await seedDemo(t.database, { scale: 'small', today: TODAY });
  const users = await t.database.db
    .selectFrom('app_user')
    .select(['role', 'name'])
    .where('demo_persona', '=', true)
    // The default municipality's personas (the demo's neighbour municipality has its own caseworker and finance).
    .where((eb) => eb.or([eb('municipality_code', 'is', null), eb('municipality_code', '=', '0860')]))
    .orderBy('name')
    .execute();
  personas = ROLES.map((role) => {
    const of = users.filter((u) => u.role === role);
    return of.find((u) => u.name.startsWith('Leder')) ?? of[0]!;
  });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  if (visited.length) console.log(`sweep: ${visited.length} page visits\n` + visited.join('\n'));
});

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const DOUBLED = [/kr\.\./, /\.\.(?!\.)/, / ,/, /,,/];

/** Waits until the page has rendered its data: no loading indicator for a moment. */
async function settle(page: Page) {
  await page.waitForLoadState('load');
  await page.locator('main h1').first().waitFor({ timeout: 15_000 });
  for (let quiet = 0, i = 0; quiet < 2 && i < 100; i++) {
    await page.waitForTimeout(100);
    quiet = (await page.locator('.loading').count()) === 0 ? quiet + 1 : 0;
  }
}

/** The problems on the page now, as readable strings (empty when fine). */
async function problems(page: Page, where: string, denied: string[], axe: boolean): Promise<string[]> {
  const found: string[] = [];
  const { scrollWidth, innerWidth, text, wide } = await page.evaluate(() => {
    // The innermost elements reaching past the right edge, to name the culprit.
    const past = [...document.body.querySelectorAll('*')].filter(
      (e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'),
    );
    const wide = past
      .filter((e) => !past.some((o) => o !== e && e.contains(o)))
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.textContent ?? '').slice(0, 30)}"`);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      text: document.body.innerText,
      wide,
    };
  });
  if (scrollWidth > innerWidth)
    found.push(`${where}: page is ${scrollWidth} px wide on a ${innerWidth} px screen (${wide.join('; ')})`);
  const iso = ISO_DATE.exec(text);
  if (iso) found.push(`${where}: ISO date "${text.slice(Math.max(0, iso.index - 30), iso.index + 20)}"`);
  for (const re of DOUBLED) {
    const m = re.exec(text);
    if (m) found.push(`${where}: doubled punctuation "${text.slice(Math.max(0, m.index - 30), m.index + 10)}"`);
  }
  if (/Ingen adgang|Du har ikke adgang/.test(text)) found.push(`${where}: says "no access"`);
  for (const d of denied.splice(0)) found.push(`${where}: the server answered 403 to ${d}`);
  if (axe) for (const v of await axeViolations(page)) found.push(`${where}: axe ${v}`);
  return found;
}

/** The menu's own pages (not the link to the other portal). */
async function menuRoutes(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('header nav li:not(.nav-aside) a')
    .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  return [...new Set(hrefs)];
}

/** A detail page reached from a list page (the first unit, the first unit's attendance). */
const DETAILS: Record<string, string> = {
  '/staff/institutioner': 'main a[href^="/staff/institutioner/"]:not([href$="/ny"])',
  '/staff/fremmoede': 'main a[href^="/staff/fremmoede/"]',
};

async function sweep(page: Page, role: Role, width: (typeof WIDTHS)[number], routes: string[]): Promise<string[]> {
  const found: string[] = [];
  const denied: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 403 && r.url().includes('/api/'))
      denied.push(`${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  const queue = [...routes];
  for (let i = 0; i < queue.length; i++) {
    const route = queue[i]!;
    const where = `${role} ${width.name} ${route}`;
    const started = Date.now();
    // Inside the app, as a click on a link does (a reload of the whole app for every page would double the time).
    await page.evaluate((to) => {
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }, route);
    await settle(page);
    // axe once per page and width (the first persona to open it): the pages are the same components for every role.
    const axeKey = `${width.name} ${route.replace(/[0-9a-f-]{36}/, ':id')}`;
    const here = await problems(page, where, denied, !axed.has(axeKey));
    axed.add(axeKey);
    const shots = process.env.SPIRE_SCREENSHOTS;
    if (shots) await page.screenshot({ path: `${shots}/sweep-${role}-${width.name}${route.replaceAll('/', '_')}.png` });
    visited.push(`${where} (${Date.now() - started} ms${here.length ? `, ${here.length} problems` : ''})`);
    if (process.env.SPIRE_SWEEP_LOG) for (const p of here) console.log(p);
    found.push(...here);
    const detail = DETAILS[route];
    if (detail) {
      const href = await page
        .locator(detail)
        .first()
        .getAttribute('href', { timeout: 5000 })
        .catch(() => null);
      if (href && !queue.includes(href)) queue.splice(i + 1, 0, href);
    }
  }
  return found;
}

describe('the daily-use sweep', () => {
  for (const role of ROLES) {
    it(`${role}: every page of the menu fits, reads Danish dates, never says no access`, async () => {
      const persona = personas.find((p) => p.role === role)!;
      const found: string[] = [];
      let routes: string[] = [];
      for (const width of WIDTHS) {
        const context = await browser.newContext({
          locale: 'da-DK',
          viewport: { width: width.width, height: width.height },
        });
        const page = await context.newPage();
        await page.goto(`${base}/login`);
        await page.getByRole('button', { name: `Log ind som ${persona.name}` }).click();
        await page.waitForURL((u) => u.pathname !== '/login');
        await settle(page);
        if (width.name === 'desktop') {
          routes = await menuRoutes(page);
          expect(routes.length).toBeGreaterThan(3);
        } else {
          // Phone: the menu is behind a button, the header is short, and opening the menu shows the same pages.
          const header = await page.locator('header').first().boundingBox();
          if (!header || header.height > 120) found.push(`${role} phone: header is ${header?.height} px high`);
          const toggle = page.getByRole('button', { name: 'Menu' });
          const link = page.locator('header nav li:not(.nav-aside) a').first();
          if ((await toggle.count()) !== 1) found.push(`${role} phone: no menu button`);
          else {
            const closed = [await toggle.getAttribute('aria-expanded'), await link.isVisible()];
            if (closed[0] !== 'false' || closed[1]) found.push(`${role} phone: the menu is not collapsed (${closed})`);
            await toggle.click();
            const open = [await toggle.getAttribute('aria-expanded'), await link.isVisible()];
            if (open[0] !== 'true' || !open[1]) found.push(`${role} phone: the menu button does not open it (${open})`);
            if (String(await menuRoutes(page)) !== String(routes)) found.push(`${role} phone: another menu`);
          }
          found.push(...(await problems(page, `${role} phone (menu open)`, [], true)));
        }
        found.push(...(await sweep(page, role, width, routes)));
        await context.close();
      }
      expect(found).toEqual([]);
    }, 240_000);
  }
});

describe('the pages the sweep found wanting', () => {
  const open = async (name: string, width = 1366) => {
    const page = await (await browser.newContext({ locale: 'da-DK', viewport: { width, height: 844 } })).newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: `Log ind som ${name}` }).click();
    await page.waitForURL((u) => u.pathname !== '/login');
    return page;
  };
  const persona = (role: Role) => personas.find((p) => p.role === role)!.name;

  it('an administrator changes a placement rule in a form with units, sees what changes, and saves it', async () => {
    const page = await open(persona('admin'), 390);
    await page.goto(`${base}/staff/pladsregler`);
    const row = page.getByRole('row').filter({ hasText: 'Svarfrist på pladstilbud' });
    await expect.poll(() => row.getByText('14 dage').count()).toBe(1);
    await row.getByRole('button', { name: /Ret/ }).click();
    const days = page.getByLabel('Antal dage');
    await days.fill('0');
    await page.getByLabel('Gælder fra').fill('2027-01-01');
    await page.getByRole('button', { name: 'Se ændringen' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('alert')
          .getByText(/hele tal/)
          .count(),
      )
      .toBe(1);
    await days.fill('21');
    await page.getByRole('button', { name: 'Se ændringen' }).click();
    await expect
      .poll(() => page.getByText('ændres fra 14 dage til 21 dage. Ændringen gælder fra 1. januar 2027').count())
      .toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Gem ny værdi' }).click();
    await expect
      .poll(() => page.getByText('Svarfrist på pladstilbud er nu 21 dage fra 1. januar 2027.').count())
      .toBe(1);
    const stored = await t.database.db
      .selectFrom('setting')
      .select(['value', sqlLower('valid')])
      .where('key', '=', 'placement.offer_deadline_days')
      .where('municipality_code', '=', '0860')
      .execute();
    expect(stored).toEqual([{ value: 21, start: '2027-01-01' }]);
    await page.context().close();
  });

  it('a caseworker pages through the whole waitlist with its true total', async () => {
    const page = await open(persona('caseworker'));
    await page.goto(`${base}/staff/venteliste`);
    const total = (
      await t.app.inject({ method: 'GET', url: '/api/staff/waitlist', cookies: await cookieOf(page) })
    ).json().total as number;
    expect(total).toBeGreaterThan(100);
    await expect.poll(() => page.getByText(`Viser 1–100 af ${total}`).count()).toBe(1);
    await page.getByRole('button', { name: 'Næste' }).click();
    await expect.poll(() => page.getByText(`Viser 101–${Math.min(200, total)} af ${total}`).count()).toBe(1);
    await page.context().close();
  });
});

const sqlLower = (column: 'valid') => sql<string>`lower(${sql.ref(column)})::text`.as('start');
const cookieOf = async (page: Page) =>
  Object.fromEntries((await page.context().cookies()).map((c) => [c.name, c.value]));
