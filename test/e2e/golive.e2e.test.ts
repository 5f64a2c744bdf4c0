// A new installation goes live without the demo (issue 16), in chromium against a fresh server with demo mode off and
// the municipality's identity provider (OpenID Connect, a loopback provider standing in for Entra ID): the first
// administrator, made as `spire admin create` makes it, logs in, creates a caseworker, imports Hjørring's part of the
// Dagtilbudsregister and loads the families from the CPR stand-in; the caseworker gives a unit capacity, finds a child
// and places it.
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/platform/http/app.js';
import { AppClock } from '../../src/platform/clock.js';
import { MODULES } from '../../src/modules.js';
import type { Database } from '../../src/platform/db/database.js';
import { createAdministrator } from '../../src/platform/auth/users/index.js';
import { ensureMunicipality } from '../../src/modules/registry/index.js';
import { LocalDate } from '../../src/shared/index.js';
import { openTestDatabase } from '../db.js';
import { startLocalOidcProvider } from '../local-oidc-provider.js';
import { expectAccessible, launchBrowser, openPage } from '../browser.js';

const today = LocalDate.of(2026, 11, 23);
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000 });
let database: Database,
  app: Awaited<ReturnType<typeof buildApp>>,
  provider: Awaited<ReturnType<typeof startLocalOidcProvider>>,
  browser: Browser,
  base: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  database = await openTestDatabase();
  const clock = new AppClock();
  await clock.setToday(database.db, today);
  // `spire admin create --name "Sofie Lund" --oidc-subject entra-sofie --municipality 0860` does exactly this.
  await ensureMunicipality(database.db, '0860');
  await createAdministrator(database.db, today, {
    name: 'Sofie Lund',
    oidcSubject: 'entra-sofie',
    email: null,
    municipalityCode: '0860',
  });
  provider = await startLocalOidcProvider({ clientId: 'spire', clientSecret: 's3cret', subject: 'entra-sofie' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = await buildApp({
    modules: MODULES,
    database,
    clock,
    demo: false,
    webDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    oidc: {
      issuer: provider.issuer,
      clientId: 'spire',
      clientSecret: 's3cret',
      redirectUri: `${base}/api/auth/oidc/callback`,
      allowHttpIssuer: true,
    },
  });
  await app.listen({ port, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await provider?.close();
  await database?.close();
});

/** The login page of a non-demo installation: the municipality's login, no personas. */
async function login(subject: string): Promise<Page> {
  provider.state.subject = subject;
  const page = await openPage(browser);
  await page.goto(`${base}/login`);
  await poll(() => page.getByRole('link', { name: 'Log ind med kommunens login' }).count()).toBe(1);
  expect(await page.getByText('Demo: log ind som …').count()).toBe(0);
  await page.getByRole('link', { name: 'Log ind med kommunens login' }).click();
  await page.waitForURL(`${base}/staff`);
  return page;
}

describe('a new installation goes live in the browser', () => {
  it(
    'administrator: users, register, CPR; caseworker: capacity, find the child, place it',
    { timeout: 300_000 },
    async () => {
      // The login page itself.
      const first = await openPage(browser);
      await first.goto(`${base}/login`);
      await poll(() => first.getByRole('heading', { name: 'Kommunens login' }).count()).toBe(1);
      await expectAccessible(first, 'golive-login');
      await first.context().close();

      const admin = await login('entra-sofie');
      await poll(() => admin.getByText('Sofie Lund').count()).toBeGreaterThan(0);

      // 1. The first caseworker.
      await admin.getByRole('link', { name: 'Brugere' }).click();
      await poll(() => admin.getByRole('heading', { name: 'Brugere', level: 1 }).count()).toBe(1);
      await admin.getByRole('button', { name: 'Opret bruger' }).click();
      await admin.getByLabel('Navn', { exact: true }).fill('Karl Berg');
      await admin.getByLabel('Rolle').selectOption({ label: 'Sagsbehandler' });
      await admin.getByLabel('Login-id (OIDC subject) (valgfri)').fill('entra-karl');
      await admin.getByRole('button', { name: 'Opret bruger' }).last().click();
      await poll(() => admin.getByText('Karl Berg er oprettet.').count()).toBe(1);
      await expectAccessible(admin, 'golive-users');

      // 2. Hjørring's part of the Dagtilbudsregister (the bundled snapshot): preview, then import.
      await admin.getByRole('link', { name: 'Dagtilbudsregister' }).first().click();
      await poll(() => admin.getByText('Kommune: Hjørring (0860)').count()).toBe(1);
      await admin.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
      await admin.getByRole('button', { name: 'Indlæs i Spire …' }).click();
      await admin.getByRole('button', { name: 'Ja, indlæs' }).click();
      await poll(() => admin.getByText(/^Indlæst: \d+ oprettet, 0 rettet, 0 nedlagt\.$/).count()).toBe(1);
      await expectAccessible(admin, 'golive-register');

      // 3. The families from CPR (the stand-in register), with progress.
      await admin.getByRole('link', { name: 'CPR', exact: true }).click();
      await admin.getByRole('button', { name: 'Hent kommunens familier fra CPR …' }).click();
      await expectAccessible(admin, 'golive-cpr-confirm');
      await admin.getByRole('button', { name: 'Ja, hent familierne' }).click();
      await poll(() => admin.getByText(/^Hentet: 3 børn med familier, \d+ nye personer/).count()).toBe(1);
      await expectAccessible(admin, 'golive-cpr');
      await admin
        .getByRole('button', { name: /Log ud/ })
        .first()
        .click();
      await admin.context().close();

      // 4. The caseworker gives a unit its nursery places and places Noah there.
      const unit = await database.db
        .selectFrom('unit')
        .select(['id', 'name'])
        .where('name', '=', 'Børnehuset Bjergene Hjørring')
        .executeTakeFirstOrThrow();
      const cw = await login('entra-karl');
      await cw.goto(`${base}/staff/institutioner/${unit.id}`);
      await poll(() => cw.getByRole('heading', { name: 'Tilføj kapacitetsperiode' }).count()).toBe(1);
      await cw.getByLabel('Aldersgruppe').selectOption('0-2');
      await cw.getByLabel('Pladser', { exact: true }).fill('12');
      await cw.getByLabel('Fra', { exact: true }).fill('2026-11-01');
      await cw.getByRole('button', { name: 'Tilføj periode' }).click();
      await poll(() => cw.getByText('Perioden er tilføjet.').count()).toBe(1);

      await cw.getByRole('link', { name: 'Børn og forældre' }).first().click();
      await cw.getByLabel('Navn eller CPR-nummer').fill('Noah Bruun');
      await cw.getByRole('button', { name: 'Søg', exact: true }).click();
      await cw.getByRole('link', { name: 'Noah Bruun' }).click();
      const section = () => cw.getByRole('region', { name: 'Sagsbehandling', exact: true });
      await poll(() => section().getByText('Barnet har ingen pladser.').count()).toBe(1);
      await cw.getByRole('button', { name: 'Indmeld direkte' }).click();
      await cw.getByLabel('Institution', { exact: true }).selectOption({ label: unit.name });
      await cw.getByLabel('Startdato').fill('2027-01-04');
      await cw.getByLabel('Begrundelse').fill('Første plads efter idriftsættelsen');
      await cw.getByRole('button', { name: 'Fortsæt' }).click();
      await cw.getByRole('button', { name: 'Bekræft', exact: true }).click();
      await poll(() => cw.getByText('Udført: Indmeld direkte.').count()).toBe(1);
      const places = cw.getByRole('table', { name: 'Pladser med takst og fuldtidsækvivalent' });
      await poll(() => places.getByRole('row').filter({ hasText: unit.name }).textContent()).toMatch(/4\. januar 2027/);
      await expectAccessible(cw, 'golive-placed');

      const placed = await database.db
        .selectFrom('placement')
        .innerJoin('person', 'person.id', 'placement.child_id')
        .select(['placement.unit_id'])
        .where('person.first_name', '=', 'Noah')
        .execute();
      expect(placed).toEqual([{ unit_id: unit.id }]);
      const actions = (await database.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['auth.login', 'user.create', 'cpr.import', 'casework.enrol']));
      expect(actions).not.toContain('demo-login');
    },
  );
});
