// Issue 11 item 4: separated parents (two households, shared custody). Friplads and its income belong to each parent's
// own household; a parent sees the lines they pay, and a child paid by the other household only as such.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { billingTestApp } from '../../../test/billing-fixture.js';
import { kroner } from '../../shared/index.js';
import { startRun } from './run.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
const p: Record<string, string> = {},
  users: Record<string, string> = {};

beforeAll(async () => {
  ({ t, f } = await billingTestApp()); // today 2026-11-23: the page shows November 2026
  const db = t.database.db;
  const home = () =>
    db
      .insertInto('household')
      .values({
        street: 'Østergade 3',
        postal_code: '9800',
        city: 'Hjørring',
        municipality_code: '0860',
        lat: 57.46,
        lon: 9.99,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((h) => h.id);
  const [louiseHome, kasperHome, saraHome, mikkelHome] = [await home(), await home(), await home(), await home()];
  const people = [
    ['louise', 'Louise', 'Winther', '1992-04-04', 'female', louiseHome],
    ['kasper', 'Kasper', 'Dahl', '1990-02-02', 'male', kasperHome],
    ['oliver', 'Oliver', 'Dahl', '2022-08-01', 'male', louiseHome],
    ['sara', 'Sara', 'Lind', '1995-05-05', 'female', saraHome],
    ['mikkel', 'Mikkel', 'Skov', '1993-03-03', 'male', mikkelHome],
    ['ella', 'Ella', 'Skov', '2025-06-01', 'female', saraHome],
    ['noah', 'Noah', 'Skov', '2021-09-01', 'male', mikkelHome],
  ] as const;
  let serial = 4420;
  for (const [key, first, last, birth, sex, household] of people) {
    const cpr = `${birth.slice(8, 10)}${birth.slice(5, 7)}${birth.slice(2, 4)}${serial++}`;
    p[key] = (
      await db
        .insertInto('person')
        .values({ cpr, first_name: first, last_name: last, birth_date: birth, sex })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('residence')
      .values({
        person_id: p[key]!,
        household_id: household,
        valid: `[${birth < '2015-01-01' ? '2015-01-01' : birth},)`,
      })
      .execute();
  }
  for (const [child, parents] of [
    ['oliver', ['louise', 'kasper']],
    ['ella', ['sara', 'mikkel']],
    ['noah', ['sara', 'mikkel']],
  ] as const) {
    const birth = people.find((x) => x[0] === child)![3];
    for (const g of parents)
      await db
        .insertInto('custody')
        .values({ child_id: p[child]!, guardian_id: p[g]!, valid: `[${birth},)` })
        .execute();
  }
  await db
    .insertInto('placement')
    .values([
      { child_id: p.oliver!, unit_id: f.units.mael, kind: 'dagtilbud', valid: '[2025-09-01,)' },
      { child_id: p.ella!, unit_id: f.units.sol, kind: 'dagtilbud', valid: '[2026-04-01,)' },
      { child_id: p.noah!, unit_id: f.units.sol, kind: 'dagtilbud', valid: '[2024-08-01,)' },
    ])
    .execute();
  await db
    .insertInto('household_income')
    .values([
      { household_id: louiseHome, yearly_oere: kroner(310_000), single_provider: true, valid: '[2026-01-01,)' },
      { household_id: kasperHome, yearly_oere: kroner(585_000), single_provider: false, valid: '[2026-01-01,)' },
      { household_id: saraHome, yearly_oere: kroner(255_000), single_provider: true, valid: '[2026-01-01,)' },
      { household_id: mikkelHome, yearly_oere: kroner(470_000), single_provider: true, valid: '[2026-01-01,)' },
    ])
    .execute();
  for (const g of ['louise', 'kasper', 'sara', 'mikkel']) {
    users[g] = (
      await db
        .insertInto('app_user')
        .values({ role: 'guardian', name: g, person_id: p[g]!, demo_persona: true })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const page = async (who: string) => {
  const res = await (await loginAs(t.app, users[who]!)).call('GET', '/api/citizen/billing');
  expect(res.statusCode).toBe(200);
  return res.json();
};
const child = (r: any, id: string) => r.children.find((c: any) => c.childId === id);

describe(`separated parents see their own household's income and friplads (${engine})`, () => {
  it('one paying: the mother pays by her income; the father sees his own income and that the mother pays', async () => {
    // Louise, single, one child: limits 270,390–692,289 kr; step ⌊(310,000 − 270,390) · 95 / 421,899⌋ = 8 → 13 %.
    const louise = await page('louise');
    expect(louise.friplads).toEqual({ incomeOere: kroner(310_000), payPercent: 13 });
    expect(child(louise, p.oliver!)).toMatchObject({ paidByOther: false });
    expect(child(louise, p.oliver!).lines.map((l: any) => l.text)).toContain('Økonomisk friplads (betaler 13 %)');
    // Kasper, not single, no child at his address (counts as 1): step ⌊(585,000 − 200,301) · 95 / 421,899⌋ = 86 → 91 %.
    const kasper = await page('kasper');
    expect(kasper.friplads).toEqual({ incomeOere: kroner(585_000), payPercent: 91 });
    expect(child(kasper, p.oliver!)).toEqual({
      childId: p.oliver,
      name: 'Oliver',
      paidByOther: true,
      lines: [],
      totalOere: 0,
    });
    expect(kasper.totalOere).toBe(0);
    expect(JSON.stringify(kasper)).not.toMatch(/31000000|13 %/);
  });

  it('both paying: each parent pays for the child living with them, by their own income, with no sibling subsidy across homes', async () => {
    const sara = await page('sara'),
      mikkel = await page('mikkel');
    // Sara, single, one child at home: 255,000 kr is below 270,390 kr → a full friplads (0 %).
    expect(sara.friplads).toEqual({ incomeOere: kroner(255_000), payPercent: 0 });
    expect(child(sara, p.ella!).paidByOther).toBe(false);
    expect(child(sara, p.ella!).totalOere).toBe(0);
    expect(child(sara, p.noah!)).toMatchObject({ paidByOther: true, lines: [] });
    // Mikkel, single, one child at home: step ⌊(470,000 − 270,390) · 95 / 421,899⌋ = 44 → 49 %.
    expect(mikkel.friplads).toEqual({ incomeOere: kroner(470_000), payPercent: 49 });
    const noah = child(mikkel, p.noah!);
    expect(noah.lines.map((l: any) => l.code)).toEqual(['rate', 'friplads']); // no lunch scheme in this fixture, no sibling line
    expect(noah.lines.find((l: any) => l.code === 'friplads').text).toBe('Økonomisk friplads (betaler 49 %)');
    expect(child(mikkel, p.ella!)).toMatchObject({ paidByOther: true, lines: [] });
    expect(JSON.stringify(sara)).not.toMatch(/47000000|49 %/);
    expect(JSON.stringify(mikkel)).not.toMatch(/25500000/);
  });

  it('the run bills each paying parent once and the other parent nothing; each sees only their own invoices', async () => {
    const r = await startRun(t.database.db, { municipality: '0860', month: '2026-11-01', userId: null });
    await r.done;
    const invoices = await t.database.db
      .selectFrom('invoice')
      .select(['payer_id', 'household_id'])
      .where('month', '=', '2026-11-01')
      .execute();
    const payers = new Set(invoices.map((i) => i.payer_id));
    expect([p.louise, p.sara, p.mikkel].every((id) => payers.has(id!))).toBe(true);
    expect(payers.has(p.kasper!)).toBe(false);
  });
});
