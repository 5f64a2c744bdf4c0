// Issue 14: a billing run keeps its warnings (children billed, though not as they should be), all of them, by name;
// the billing page reads them with the true total and finance's staff home counts them for the month's run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { aChild, aGuardianOf, aPlacement } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { billingTestApp } from '../../../test/billing-fixture.js';
import { LocalDate } from '../../shared/index.js';

type Api = Awaited<ReturnType<typeof loginAs>>;
let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, fin: Api;
let month: string, first: LocalDate;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const HOMELESS = 55; // more than the 50 the old list stopped at

beforeAll(async () => {
  ({ t, f, fin } = await billingTestApp());
  const today = LocalDate.parse((await t.app.inject({ url: '/api/health' })).json().today);
  first = today.plusMonths(1).firstOfMonth();
  month = first.toString().slice(0, 7);
}, 180_000);
afterAll(async () => {
  await t?.close();
});

/** A placed child whose folkeregister address ended before the month: billed at the full rate, with a warning. */
async function aChildWithoutAddress(i: number) {
  const db = t.database.db;
  const child = await aChild(db, { firstName: 'Uden', lastName: `Adresse${String(i).padStart(2, '0')}` });
  await aGuardianOf(db, child);
  await aPlacement(db, child.id, f.units.sol, first.plusMonths(-2));
  await sql`update residence set valid = daterange(lower(valid), ${first.toString()}::date)
    where person_id = ${child.id}`.execute(db);
  return child.id;
}

async function runMonth() {
  const run = await fin.call('POST', '/api/staff/billing/runs', { municipality: '0860', month });
  expect(run.statusCode).toBe(202);
  await expect
    .poll(async () => (await fin.call('GET', `/api/staff/billing/runs/${run.json().runId}`)).json().status, {
      timeout: 60_000,
    })
    .toBe('done');
  return run.json().runId as string;
}

type Item = {
  module: string;
  key: string;
  count: number;
  tone: string;
  link: string;
  params?: Record<string, unknown>;
};
const warningItem = async () =>
  ((await fin.call('GET', '/api/staff/work')).json() as Item[]).find((w) => w.key === 'work.billingWarnings');

describe(`billing run warnings (${engine})`, () => {
  it('a run without warnings says so, and the staff home shows no warning item', async () => {
    const runId = await runMonth();
    const w = (await fin.call('GET', `/api/staff/billing/months/warnings?municipality=0860&month=${month}`)).json();
    expect(w).toEqual({ runId, finishedAt: expect.any(String), total: 0, warnings: [] });
    expect(await warningItem()).toBeUndefined();
  }, 120_000);

  it('every warning is stored with the run, by name and what is wrong, counted on the staff home', async () => {
    const ids: string[] = [];
    for (let i = 0; i < HOMELESS; i++) ids.push(await aChildWithoutAddress(i));
    const preview = (await fin.call('GET', `/api/staff/billing/preview?municipality=0860&month=${month}`)).json();
    expect(preview.warnings).toHaveLength(HOMELESS);

    const runId = await runMonth();
    const res = await fin.call('GET', `/api/staff/billing/months/warnings?municipality=0860&month=${month}`);
    expect(res.statusCode).toBe(200);
    const w = res.json();
    expect(w.runId).toBe(runId);
    expect(w.total).toBe(HOMELESS);
    expect(w.warnings).toHaveLength(HOMELESS);
    expect(new Set(w.warnings.map((x: any) => x.childId))).toEqual(new Set(ids));
    // What a finance user reads: the child's name (in order), the first day without an address in Danish, no ids.
    expect(w.warnings[0]).toEqual({
      childId: ids[0],
      childName: 'Uden Adresse00',
      link: `/staff/boern/${ids[0]}`,
      text: `Ingen folkeregisteradresse pr. ${first.toDanish()}: opkræves fuld takst uden økonomisk friplads og søskendetilskud.`,
    });
    expect(w.warnings.map((x: any) => x.childName)).toEqual(
      Array.from({ length: HOMELESS }, (_, i) => `Uden Adresse${String(i).padStart(2, '0')}`),
    );
    for (const x of w.warnings) expect(x.text).not.toMatch(UUID);
    expect(w.warnings[0].text).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    expect(await warningItem()).toEqual({
      module: 'billing',
      key: 'work.billingWarnings',
      count: HOMELESS,
      tone: 'warning',
      link: '/staff/opkraevning',
      params: { month: first.toString() },
    });

    // Reading them is audited, naming the children.
    const logged = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'billing.warnings.read')
      .execute();
    expect(logged.length).toBeGreaterThan(0);
  }, 180_000);

  it('a fixed child drops out at the next run; another municipality is refused', async () => {
    const db = t.database.db;
    const before = (
      await fin.call('GET', `/api/staff/billing/months/warnings?municipality=0860&month=${month}`)
    ).json();
    const fixed = before.warnings[0].childId as string;
    const home = await db.selectFrom('household').select('id').limit(1).executeTakeFirstOrThrow();
    await db
      .insertInto('residence')
      .values({ person_id: fixed, household_id: home.id, valid: `[${first.toString()},)` })
      .execute();
    await runMonth();
    const after = (await fin.call('GET', `/api/staff/billing/months/warnings?municipality=0860&month=${month}`)).json();
    expect(after.total).toBe(HOMELESS - 1);
    expect(after.warnings.map((x: any) => x.childId)).not.toContain(fixed);
    expect((await warningItem())?.count).toBe(HOMELESS - 1);

    const other = await fin.call('GET', `/api/staff/billing/months/warnings?municipality=0851&month=${month}`);
    expect(other.statusCode).toBe(403);
  }, 120_000);
});
