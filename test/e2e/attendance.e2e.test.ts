// Attendance in the browser: a terminal tap checks a child in, the staff overview in a second page updates live
// over SSE, a parent reports sickness; every page passes axe.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../app.js';
import { smallFixture } from '../fixture.js';
import { axeViolations, launchBrowser, loginInBrowser } from '../browser.js';
import { createTerminal } from '../../src/modules/attendance/index.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, browser: Browser, base: string, token: string;
const SHOTS = process.env.SPIRE_SCREENSHOTS;

beforeAll(async () => {
  t = await testApp(undefined, fileURLToPath(new URL('../../dist/web', import.meta.url)));
  f = await smallFixture(t.database);
  const db = t.database.db;
  await db
    .insertInto('unit_section')
    .values([
      { unit_id: f.units.sol, name: 'Vuggestuen', min_age_months: 0, max_age_months: 36 },
      { unit_id: f.units.sol, name: 'Børnehaven', min_age_months: 36, max_age_months: 72 },
    ])
    .execute();
  // Two more children in Solsikken so the terminal shows two groups.
  const kids = await db
    .insertInto('person')
    .values([
      { cpr: '0505254415', first_name: 'Alma', last_name: 'Juhl', birth_date: '2025-05-05', sex: 'female' },
      { cpr: '0606224416', first_name: 'Noah', last_name: 'Friis', birth_date: '2022-06-06', sex: 'male' },
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('placement')
    .values(
      kids.map((k) => ({
        child_id: k.id,
        unit_id: f.units.sol,
        kind: 'dagtilbud' as const,
        hours_per_week: 30,
        valid: '[2025-08-01,)',
      })),
    )
    .execute();
  token = (await createTerminal(db, f.units.sol, 'Indgang', null)).token;
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const newPage = async (width = 1280) =>
  (await browser.newContext({ locale: 'da-DK', viewport: { width, height: 900 } })).newPage();
/** The unit leader, logged in, on Solsikken's attendance page. */
async function leaderOnSolsikken() {
  const staff = await newPage();
  await loginInBrowser(staff, base, 'Leder Solsikken');
  await staff.waitForURL(`${base}/staff`);
  await staff.getByRole('link', { name: 'Fremmøde' }).first().click();
  await staff.getByRole('link', { name: 'Børnehuset Solsikken', exact: true }).click();
  return staff;
}

describe('attendance in the browser', () => {
  it('a terminal tap checks Ida in and the staff overview updates live', async () => {
    const staff = await leaderOnSolsikken();
    await expect.poll(() => staff.getByText(/^Live:/).count(), { timeout: 10_000 }).toBe(1);
    expect(await staff.getByTestId('present-total').textContent()).toBe('0');

    const tablet = await newPage(1024);
    await tablet.goto(`${base}/terminal#token=${token}`);
    await expect.poll(() => tablet.getByRole('heading', { name: 'Børnehuset Solsikken' }).count()).toBe(1);
    expect(tablet.url()).toBe(`${base}/terminal`); // the secret left the address bar
    await tablet.getByRole('button', { name: /^Ida\s*Ikke kommet/ }).click();
    await expect.poll(() => tablet.getByText(/Ida er tjekket ind kl\./).count()).toBe(1);
    await tablet.getByRole('button', { name: 'Hvem henter? (Ida)' }).click();
    await tablet.getByRole('textbox', { name: 'Hvem henter Ida i dag?' }).fill('Mormor');
    await tablet.getByRole('button', { name: 'Gem' }).click();
    await expect.poll(() => tablet.getByRole('button', { name: 'Hentes af Mormor (Ida)' }).count()).toBe(1);
    if (SHOTS) await tablet.screenshot({ path: `${SHOTS}/attendance-terminal.png`, fullPage: true });
    expect(await axeViolations(tablet)).toEqual([]);

    // The second page was not reloaded: the change arrived over SSE.
    await expect.poll(() => staff.getByTestId('present-total').textContent(), { timeout: 5000 }).toBe('1');
    expect(await staff.getByTestId('present-Børnehaven').textContent()).toBe('1');
    await tablet.getByRole('button', { name: /^Noah\s*Ikke kommet/ }).click();
    await expect.poll(() => staff.getByTestId('present-total').textContent(), { timeout: 5000 }).toBe('2');
    // A check-out by mistake: "Fortryd" on the terminal takes it back as a correction with an audit row.
    await tablet.getByRole('button', { name: /^Ida\s*Til stede/ }).click();
    await expect.poll(() => staff.getByTestId('present-total').textContent(), { timeout: 5000 }).toBe('1');
    await expect.poll(() => tablet.getByRole('button', { name: 'Fortryd udtjekning af Ida' }).count()).toBe(1);
    if (SHOTS) await tablet.screenshot({ path: `${SHOTS}/attendance-terminal-undo.png`, fullPage: true });
    expect(await axeViolations(tablet)).toEqual([]);
    await tablet.getByRole('button', { name: 'Fortryd udtjekning af Ida' }).click();
    await expect.poll(() => tablet.getByText('Ida er tjekket ind igen.').count()).toBe(1);
    await expect.poll(() => staff.getByTestId('present-total').textContent(), { timeout: 5000 }).toBe('2');
    const undone = await t.database.db
      .selectFrom('audit_log')
      .select('subject_ids')
      .where('action', '=', 'attendance.undo_check_out')
      .execute();
    expect(undone.map((r) => r.subject_ids)).toEqual([[f.children.ida]]);
    const trail = await t.database.db
      .selectFrom('attendance_event')
      .select(['kind', 'reason'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(trail).toEqual({ kind: 'correction', reason: 'Udtjekning fortrudt på terminalen' });
    // The undo is spent; checking out again works as before.
    await expect.poll(() => tablet.getByRole('button', { name: /^Fortryd/ }).count()).toBe(0);
    await tablet.getByRole('button', { name: /^Ida\s*Til stede/ }).click();
    await expect.poll(() => staff.getByTestId('present-total').textContent(), { timeout: 5000 }).toBe('1');
    await expect.poll(() => staff.locator(`tr[data-child="${f.children.ida}"]`).textContent()).toContain('Gået hjem');
    if (SHOTS) await staff.screenshot({ path: `${SHOTS}/attendance-staff.png`, fullPage: true });
    expect(await axeViolations(staff)).toEqual([]);
    await tablet.context().close();
    await staff.context().close();
  });

  it('a parent reports sickness, sees it on the page and answers the Christmas questionnaire', async () => {
    await t.database.db
      .insertInto('holiday_questionnaire')
      .values({
        municipality_code: '0860',
        title: 'Jul 2026: fælles pasning',
        question: 'Hvilke dage har dit barn brug for pasning?',
        period: '[2026-12-24,2026-12-31)',
        deadline: '2026-12-10',
      })
      .execute();
    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: 'Log ind som Mette Holm' }).click();
    await page.waitForURL(`${base}/mine-boern`);
    await page.getByRole('link', { name: 'Fravær og fremmøde' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Ida Holm' }).count()).toBe(1);
    await page.getByLabel('Sygdom').check();
    await page.getByRole('button', { name: 'Meld fravær for Ida' }).click();
    await expect.poll(() => page.getByText('Sygdom er meldt for Ida.').count()).toBe(1);
    await expect.poll(() => page.getByText(/^Sygdom: /).count()).toBe(1);
    await page.getByLabel('Fra og med').fill('2026-10-01');
    await page.getByLabel('Ferie').check();
    await page.getByRole('button', { name: 'Meld fravær for Ida' }).click();
    await expect.poll(() => page.getByText('Fravær kan højst meldes 7 dage tilbage i tiden.').count()).toBe(1);
    // Only the days the unit is open: not Christmas Day, 2nd Christmas Day (public holidays) or the Sunday.
    await expect.poll(() => page.getByRole('checkbox', { name: '24. december 2026' }).count()).toBe(1);
    for (const closed of ['25. december 2026', '26. december 2026', '27. december 2026'])
      expect(await page.getByRole('checkbox', { name: closed }).count()).toBe(0);
    await page.getByRole('checkbox', { name: '29. december 2026' }).check();
    await page.getByRole('button', { name: 'Send svar' }).click();
    await expect.poll(() => page.getByText('Tak, dit svar er gemt.').count()).toBe(1);
    const answers = await t.database.db
      .selectFrom('holiday_answer')
      .select(['date', 'needs_care'])
      .orderBy('date')
      .execute();
    expect(answers).toEqual([
      { date: '2026-12-24', needs_care: false },
      { date: '2026-12-28', needs_care: false },
      { date: '2026-12-29', needs_care: true },
      { date: '2026-12-30', needs_care: false },
    ]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/attendance-parent.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the unit leader adds a closing day and sees it among the coming year’s closing days', async () => {
    const today = t.clock.today(),
      day = today.plusDays(20).isWeekend() ? today.plusDays(22) : today.plusDays(20);
    const staff = await leaderOnSolsikken();
    const panel = staff.getByRole('region', { name: 'Lukkedage' });
    await expect.poll(() => panel.getByRole('table').count()).toBe(1);
    await panel.getByLabel('Dato').fill(today.toString());
    await panel.getByLabel('Navn').fill('Personaledag');
    await panel.getByRole('button', { name: 'Tilføj lukkedag' }).click();
    await expect.poll(() => panel.getByText('En lukkedag skal ligge i fremtiden.').count()).toBe(1);
    await panel.getByLabel('Dato').fill(day.toString());
    await panel.getByRole('button', { name: 'Tilføj lukkedag' }).click();
    await expect
      .poll(() => panel.getByRole('row', { name: new RegExp(`${day.toDanish()} Personaledag Lukkedag`) }).count())
      .toBe(1);
    const row = await t.database.db
      .selectFrom('closing_day')
      .select(['date', 'name'])
      .where('unit_id', '=', f.units.sol)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ date: day.toString(), name: 'Personaledag' });
    if (SHOTS) await staff.screenshot({ path: `${SHOTS}/attendance-closing-days.png`, fullPage: true });
    expect(await axeViolations(staff)).toEqual([]);
    await staff.context().close();
  });

  it('the caseworker asks the families which days of a closure period they need care; a refused deadline changes nothing', async () => {
    const today = t.clock.today(),
      start = today.plusDays(40),
      end = start.plusDays(4);
    const staff = await newPage();
    await staff.goto(`${base}/login`);
    await staff.getByRole('button', { name: 'Log ind som Pladsanvisning' }).click();
    await staff.waitForURL(`${base}/staff`);
    await staff.getByRole('link', { name: 'Fremmøde' }).first().click();
    const panel = staff.getByRole('region', { name: 'Ferieforespørgsler' });
    await panel.getByLabel('Titel').fill('Nytår: fælles pasning');
    await panel.getByLabel('Periodens første dag').fill(start.toString());
    await panel.getByLabel('Periodens sidste dag').fill(end.toString());
    await panel.getByLabel('Svarfrist').fill(end.plusDays(1).toString());
    await panel.getByRole('button', { name: 'Send forespørgslen' }).click();
    // Sending to every family asks first: what, when, to whom.
    const dialog = staff.getByRole('dialog', { name: 'Send ferieforespørgslen?' });
    await expect
      .poll(() =>
        dialog.getByText(/“Nytår: fælles pasning” .* sendes til alle familier med en plads i Hjørring/).count(),
      )
      .toBe(1);
    expect(await axeViolations(staff)).toEqual([]);
    await dialog.getByRole('button', { name: 'Send forespørgslen' }).click();
    await expect
      .poll(() => panel.getByText('Svarfristen skal ligge mellem i dag og periodens slutning.').count())
      .toBe(1);
    expect(
      await t.database.db
        .selectFrom('holiday_questionnaire')
        .select('id')
        .where('title', '=', 'Nytår: fælles pasning')
        .execute(),
    ).toEqual([]);
    await panel.getByLabel('Svarfrist').fill(start.minusDays(7).toString());
    await panel.getByRole('button', { name: 'Send forespørgslen' }).click();
    await dialog.getByRole('button', { name: 'Send forespørgslen' }).click();
    await expect.poll(() => panel.getByRole('row', { name: /Nytår: fælles pasning/ }).count()).toBe(1);
    if (SHOTS) await staff.screenshot({ path: `${SHOTS}/attendance-questionnaires.png`, fullPage: true });
    expect(await axeViolations(staff)).toEqual([]);
    await staff.context().close();

    // Mette is asked on her child's attendance page.
    const parent = await newPage();
    await parent.goto(`${base}/login`);
    await parent.getByRole('button', { name: 'Log ind som Mette Holm' }).click();
    await parent.waitForURL(`${base}/mine-boern`);
    await parent.getByRole('link', { name: 'Fravær og fremmøde' }).click();
    await expect.poll(() => parent.getByText('Nytår: fælles pasning').count()).toBeGreaterThan(0);
    await parent.context().close();
  });
});
