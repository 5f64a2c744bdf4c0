// The small fixture with Hjørring's real 2025 rates and a logged-in finance user, for the billing API tests.
import { loginAs, testApp } from './app.js';
import { smallFixture } from './fixture.js';
import { seedRates2025 } from '../src/modules/billing/rates.js';

export async function billingTestApp() {
  const t = await testApp();
  const f = await smallFixture(t.database);
  await seedRates2025(t.database.db, '0860');
  const finance = await t.database.db
    .insertInto('app_user')
    .values({ role: 'finance', name: 'Økonomi', demo_persona: true, municipality_code: '0860' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { t, f, fin: await loginAs(t.app, finance.id) };
}
