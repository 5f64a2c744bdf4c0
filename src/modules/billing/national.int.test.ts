// The national monthly run (runAllMunicipalities): one load of every table, then each municipality's own run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { generateMunicipality } from '../../../bench/billing-data.js';
import { sql } from 'kysely';
import { MAX_PARAMETERS } from '../../platform/db/database.js';
import { kroner } from '../../shared/index.js';
import { seedRates2025 } from './rates.js';
import { planRun, runAllMunicipalities } from './run.js';

const MONTH = '2026-12-01';
let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  const db = t.database.db;
  await seedRates2025(db, '0860');
  // More lines than one statement can carry on PGlite: the writes must go in chunks.
  await generateMunicipality(db, '0813', 'Frederikshavn', 3000);
  // Oscar's family lives in Frederikshavn and his place is in Hjørring: §41 settlement across the two.
  const home = await db
    .selectFrom('residence')
    .select('household_id')
    .where('person_id', '=', f.children.oscar)
    .executeTakeFirstOrThrow();
  await db.updateTable('household').set({ municipality_code: '0813' }).where('id', '=', home.household_id).execute();
  await db
    .insertInto('place_cost')
    .values(
      ['0813', '0860'].flatMap((m) =>
        ['0-2', '3-5'].map((band) => ({
          municipality_code: m,
          year: 2026,
          age_band: band as '0-2',
          net_oere: kroner(9_000),
          gross_oere: kroner(11_000),
          subsidy_percent: 75,
        })),
      ),
    )
    .execute();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe(`the national run (${engine})`, () => {
  it('bills every municipality exactly as its own run would, and a second national run writes nothing', async () => {
    const db = t.database.db;
    const first = await runAllMunicipalities(db, MONTH, null);
    expect(first.map((r) => [r.municipality, r.status])).toEqual([
      ['0813', 'done'],
      ['0860', 'done'],
    ]);
    expect(first[0]!.lines).toBeGreaterThan(MAX_PARAMETERS / 7);
    expect(first[1]!.lines).toBeGreaterThan(0);
    const written = await db
      .selectFrom('invoice_line')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(written.n).toBe(first[0]!.lines + first[1]!.lines);
    const settlement = await db
      .selectFrom('invoice_line')
      .select('child_id')
      .where('code', '=', 'settlement')
      .execute();
    expect(settlement.map((l) => l.child_id)).toContain(f.children.oscar);
    // Each municipality's own preview (its own, per-municipality load) finds nothing left to bill.
    for (const m of ['0813', '0860']) expect((await planRun(db, m, MONTH)).lines).toEqual([]);
    const second = await runAllMunicipalities(db, MONTH, null);
    expect(second.map((r) => r.lines)).toEqual([0, 0]);
  }, 120_000);
});
