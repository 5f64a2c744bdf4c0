import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { billingTestApp } from '../../../test/billing-fixture.js';
import { kroner, percentOf } from '../../shared/index.js';
import { startRun } from './run.js';
import { pdfText } from '../../../test/pdf-text.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, fin: Awaited<ReturnType<typeof loginAs>>;
let homeId: string;
const count = async (
  table: 'invoice' | 'invoice_line' | 'fee_rate' | 'household_income' | 'social_friplads' | 'billing_event',
) =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const run = async (month: string, crash = false) => {
  const r = await startRun(t.database.db, { municipality: '0860', month, userId: null, crashAfterInvoices: crash });
  await r.done;
  return t.database.db.selectFrom('billing_run').selectAll().where('id', '=', r.runId).executeTakeFirstOrThrow();
};

beforeAll(async () => {
  ({ t, f, fin } = await billingTestApp());
  homeId = (
    await t.database.db
      .selectFrom('residence')
      .select('household_id')
      .where('person_id', '=', f.children.ida)
      .executeTakeFirstOrThrow()
  ).household_id;
});
afterAll(async () => {
  await t?.close();
});

describe(`parent payment (${engine})`, () => {
  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = await Promise.all([count('fee_rate'), count('household_income'), count('social_friplads')]);
    const neg = await fin.call('POST', '/api/staff/billing/incomes', {
      householdId: homeId,
      yearlyOere: -100,
      start: '2026-01-01',
    });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().message).toMatch(/negativ/);
    const overlap = await fin.call('POST', '/api/staff/billing/rates', {
      municipality: '0860',
      kind: 'boernehave',
      ageBand: '3-5',
      monthlyOere: 200000,
      start: '2025-03-01',
      end: '2025-06-30',
    });
    expect(overlap.statusCode).toBe(409);
    const social = await fin.call('POST', '/api/staff/billing/social-friplads', {
      childId: f.children.ida,
      reason: 'behandling',
      percent: 120,
      start: '2026-01-01',
    });
    expect(social.statusCode).toBe(400);
    expect(social.json().message).toMatch(/100/);
    const guardian = await loginAs(t.app, f.users.mette);
    expect(
      (
        await guardian.call('POST', '/api/staff/billing/rates', {
          municipality: '0860',
          kind: 'klub',
          ageBand: '10-13',
          monthlyOere: 1,
          start: '2026-01-01',
        })
      ).statusCode,
    ).toBe(403);
    expect(await Promise.all([count('fee_rate'), count('household_income'), count('social_friplads')])).toEqual(before);
  });

  it('bills one invoice per payer: rate → friplads → sibling → social friplads, by the real 2025 Hjørring rates', async () => {
    // Mette: 300,000 kr, one child → step floor((300000 − 200301) · 95 / 421899) = 22 → pays 27 %.
    expect(
      (
        await fin.call('POST', '/api/staff/billing/incomes', {
          householdId: homeId,
          yearlyOere: kroner(300_000),
          start: '2026-01-01',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await fin.call('POST', '/api/staff/billing/lunch', {
          unitId: f.units.sol,
          monthlyOere: kroner(750),
          start: '2026-01-01',
        })
      ).statusCode,
    ).toBe(201);
    const preview = (await fin.call('GET', '/api/staff/billing/preview?municipality=0860&month=2026-12')).json();
    expect(preview, JSON.stringify(preview)).toMatchObject({ payers: 2, children: 2 });
    expect(await count('invoice')).toBe(0); // a preview writes nothing
    const r = await run('2026-12-01');
    expect(r).toMatchObject({ status: 'done', invoices_written: 2, children: 2 });
    const list = (await fin.call('GET', '/api/staff/billing/invoices?municipality=0860&month=2026-12')).json();
    const mette = list.find((i: any) => i.payerId === f.guardians.mette);
    const full = kroner(25_971 / 11) + kroner(750); // børnehave (Ida is 3) + lunch
    expect(mette.lines.map((l: any) => l.code)).toEqual(['rate', 'lunch', 'friplads']);
    expect(mette.totalOere).toBe(percentOf(full, 27));
    const anders = list.find((i: any) => i.payerId === f.guardians.anders);
    expect(anders.totalOere).toBe(kroner(2_361)); // no income registered: full price, no lunch scheme at Mælkebøtten
  });

  it('a second run with no changed data writes nothing', async () => {
    const [inv, lines] = [await count('invoice'), await count('invoice_line')];
    const r = await run('2026-12-01');
    expect(r).toMatchObject({ status: 'done', invoices_written: 0, lines_written: 0 });
    expect([await count('invoice'), await count('invoice_line')]).toEqual([inv, lines]);
  });

  it('a change before sending adds the difference to the draft; after sending, a supplementary invoice', async () => {
    await fin.call('POST', '/api/staff/billing/social-friplads', {
      childId: f.children.oscar,
      reason: 'socialpaedagogisk',
      percent: 50,
      start: '2026-12-01',
    });
    expect(await run('2026-12-01')).toMatchObject({ invoices_written: 0, lines_written: 1 });
    const anders = (
      await fin.call('GET', `/api/staff/billing/invoices?municipality=0860&month=2026-12&payerId=${f.guardians.anders}`)
    ).json();
    expect(anders).toHaveLength(1);
    expect(anders[0].totalOere).toBe(kroner(1_180.5));
    expect(
      (await fin.call('POST', '/api/staff/billing/months/send', { municipality: '0860', month: '2026-12' })).json(),
    ).toEqual({ sent: 2 });
    expect(await count('billing_event')).toBe(2);
    // Each invoice is a letter in the payer's inbox, rendered to a Danish PDF on demand.
    const mette = await loginAs(t.app, f.users.mette);
    const letters = (await mette.call('GET', '/api/citizen/letters')).json();
    const letter = letters.find((l: any) => l.subject === 'Opkrævning for december 2026');
    expect(letter).toBeTruthy();
    const pdf = await mette.call('GET', `/api/citizen/letters/${letter.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).join('\n');
    expect(text).toMatch(/Forældrebetaling for december 2026/);
    expect(text).toMatch(/Økonomisk friplads \(betaler 27 %\)/);
    expect(text).toMatch(/839,97 kr\./);
  });

  it('a back-dated income gives correction lines on the next invoice; the sent invoice is never rewritten', async () => {
    const sentBefore = (
      await fin.call('GET', `/api/staff/billing/invoices?municipality=0860&month=2026-12&payerId=${f.guardians.mette}`)
    ).json();
    // From December on Mette's income is 150,000 kr: below the lower limit, a full friplads.
    await fin.call('POST', '/api/staff/billing/incomes', {
      householdId: homeId,
      yearlyOere: kroner(150_000),
      start: '2026-12-01',
      source: 'regulation',
    });
    expect(await run('2027-01-01')).toMatchObject({ status: 'done' });
    const jan = (
      await fin.call('GET', `/api/staff/billing/invoices?municipality=0860&month=2027-01&payerId=${f.guardians.mette}`)
    ).json();
    expect(jan).toHaveLength(1);
    const corr = jan[0].lines.filter((l: any) => l.serviceMonth === '2026-12-01');
    expect(corr.length).toBeGreaterThan(0);
    expect(corr.every((l: any) => l.text.startsWith('Regulering december 2026'))).toBe(true);
    expect(corr.reduce((s: number, l: any) => s + l.amountOere, 0)).toBe(-sentBefore[0].totalOere);
    const dec = (
      await fin.call('GET', `/api/staff/billing/invoices?municipality=0860&month=2026-12&payerId=${f.guardians.mette}`)
    ).json();
    expect(dec).toEqual(sentBefore);
  });

  it('a run that crashes half-way leaves no half invoice, and the next run does the work', async () => {
    await fin.call('POST', '/api/staff/billing/months/send', { municipality: '0860', month: '2027-01' });
    const [inv, lines] = [await count('invoice'), await count('invoice_line')];
    const crashed = await run('2027-02-01', true);
    expect(crashed.status).toBe('failed');
    expect([await count('invoice'), await count('invoice_line')]).toEqual([inv, lines]);
    const ok = await run('2027-02-01');
    expect(ok).toMatchObject({ status: 'done', invoices_written: 2 });
  });

  it('writes a payer at a time when asked: a crash in the last chunk keeps the whole payers before it, the redo writes the rest once', async () => {
    const [inv, lines] = [await count('invoice'), await count('invoice_line')];
    const go = async (crash: boolean) => {
      const r = await startRun(t.database.db, {
        municipality: '0860',
        month: '2027-03-01',
        userId: null,
        crashAfterInvoices: crash,
        writePayers: 1,
      });
      await r.done;
      return t.database.db.selectFrom('billing_run').selectAll().where('id', '=', r.runId).executeTakeFirstOrThrow();
    };
    expect((await go(true)).status).toBe('failed');
    // One payer's transaction committed (invoice, its lines and its billed state), the other's rolled back.
    const afterCrash = await t.database.db
      .selectFrom('invoice')
      .select(['id', 'total_oere'])
      .where('month', '=', '2027-03-01')
      .execute();
    expect(afterCrash).toHaveLength(1);
    const sum = await t.database.db
      .selectFrom('invoice_line')
      .select(sql<number>`sum(amount_oere)`.as('s'))
      .where('invoice_id', '=', afterCrash[0]!.id)
      .executeTakeFirstOrThrow();
    expect(Number(sum.s)).toBe(afterCrash[0]!.total_oere);
    expect(await go(false)).toMatchObject({ status: 'done', invoices_written: 1 });
    expect(await count('invoice')).toBe(inv + 2);
    const march = await t.database.db
      .selectFrom('invoice')
      .select('payer_id')
      .where('month', '=', '2027-03-01')
      .execute();
    expect(new Set(march.map((i) => i.payer_id)).size).toBe(2);
    expect(await count('invoice_line')).toBeGreaterThan(lines);
    // Nothing left to write: the second payer was not billed twice, the first not again.
    expect(await go(false)).toMatchObject({ status: 'done', invoices_written: 0, lines_written: 0 });
  });

  it('refuses a run for a closed month and exports the sent invoices as CSV and JSON', async () => {
    expect(
      (await fin.call('POST', '/api/staff/billing/months/close', { municipality: '0860', month: '2026-12' }))
        .statusCode,
    ).toBe(200);
    const before = await count('invoice');
    const closed = await fin.call('POST', '/api/staff/billing/runs', { municipality: '0860', month: '2026-12' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ error: 'billing.month-closed', params: { month: '2026-12' } });
    expect(await count('invoice')).toBe(before);
    const json = (await fin.call('GET', '/api/staff/billing/export?municipality=0860&month=2026-12')).json();
    expect(json).toMatchObject({ formatVersion: 1, month: '2026-12' });
    expect(json.invoices).toHaveLength(2);
    const csv = (await fin.call('GET', '/api/staff/billing/export?municipality=0860&month=2026-12&format=csv')).body;
    expect(csv.split('\r\n')[0]).toBe(
      'format_version;invoice_number;seq;month;municipality;payer_cpr;payer_name;address;amount_oere;sent_on;due_on',
    );
    expect(csv.trim().split('\r\n')).toHaveLength(3);
  });

  it('shows a parent what they pay and why, and only their own invoices', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    const res = (await mette.call('GET', '/api/citizen/billing')).json();
    expect(res.children).toHaveLength(1);
    expect(res.invoices.every((i: any) => i.payerId === f.guardians.mette)).toBe(true);
    expect(res.invoices.length).toBeGreaterThan(0);
    expect((await mette.call('GET', '/api/staff/billing/invoices?municipality=0860')).statusCode).toBe(403);
  });
});
