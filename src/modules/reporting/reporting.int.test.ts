// A small municipality built with the builders: the month's extract through the API against an independent
// recomputation from the raw rows, deliveries (idempotent; a changed month is version 2), access and refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { aChild, anEmployee, aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { LocalDate } from '../../shared/index.js';
import type { ExtractPreview, Normering } from './contract.js';
import { extractOn, extractOnNaive, unitsOf } from './load.js';

const MUNI = '0860';
let t: TestApp, admin: Awaited<ReturnType<typeof loginAs>>;
let first: LocalDate, month: string;
let inst: Awaited<ReturnType<typeof aUnit>>, dp: Awaited<ReturnType<typeof aUnit>>;

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  first = t.clock.today().firstOfMonth();
  month = first.toString().slice(0, 7);
  inst = await aUnit(db, { municipalityCode: MUNI, type: 'integreret' });
  dp = await aUnit(db, { municipalityCode: MUNI, type: 'dagpleje', places: { '0-2': 8 } });
  // Children of several ages (relative to the 1st, so the test passes on any date) and hours, incl. the boundaries.
  const kids: [number, number][] = [
    [14, 40], // 1 year 2 months, full time
    [30, 36], // 2 years 6 months, 36 h = 0.75
    [36, 25], // exactly 3 years, 25 h = 0.75
    [50, 24], // 4 years 2 months, 24 h = 0.5
    [65, 37], // 5 years 5 months
  ];
  for (const [months, hours] of kids) {
    const c = await aChild(db, { birthDate: first.plusMonths(-months) });
    await aPlacement(db, c.id, inst.id, first.plusMonths(-2), { hours });
  }
  // Starts the day after the 1st: not counted this month. Ended the day before: not counted.
  const late = await aChild(db, { birthDate: first.plusMonths(-20) });
  await aPlacement(db, late.id, inst.id, first.plusDays(1));
  const gone = await aChild(db, { birthDate: first.plusMonths(-40) });
  await aPlacement(db, gone.id, inst.id, first.plusMonths(-6), { end: first });
  await anEmployee(db, inst.id, { jobType: 'leder', hours: 37 });
  await anEmployee(db, inst.id, { jobType: 'paedagog', hours: 37 });
  await anEmployee(db, inst.id, { jobType: 'paedagogisk_assistent', hours: 30 });
  await anEmployee(db, inst.id, { jobType: 'medhjaelper', hours: 20 });
  await anEmployee(db, inst.id, { jobType: 'paedagog', hours: 37, to: first }); // left before the 1st
  const anne = await anEmployee(db, dp.id, { jobType: 'dagplejer', hours: 48, firstName: 'Anne' });
  const bo = await anEmployee(db, dp.id, { jobType: 'dagplejer', hours: 37, firstName: 'Bo' });
  for (const [months, who] of [
    [8, anne],
    [12, anne],
    [20, anne],
    [26, bo],
  ] as const) {
    const c = await aChild(db, { birthDate: first.plusMonths(-months).minusDays(3) });
    await aPlacement(db, c.id, dp.id, first.plusMonths(-1), { hours: 45, dagplejerId: who });
  }
  admin = await loginAs(t.app, await aStaffUser(db, 'admin'));
});
afterAll(async () => {
  await t?.close();
});

/** The month's figures recomputed from the raw rows, independently of the module's code. */
async function recompute() {
  const d = first.toString();
  const kids = (
    await sql<{ number: string; hours: number; birth: string; dagplejer: string | null }>`
      select u.number, p.hours_per_week as hours, pe.birth_date::text as birth, p.dagplejer_id as dagplejer
      from placement p join unit u on u.id = p.unit_id join daginstitution di on di.id = u.daginstitution_id
      join person pe on pe.id = p.child_id where di.municipality_code = ${MUNI} and p.valid @> ${d}::date`.execute(
      t.database.db,
    )
  ).rows;
  const staff = (
    await sql<{ number: string; job: string; minutes: number }>`
      select u.number, e.job_type::text as job, e.weekly_minutes as minutes from employee e join unit u on u.id = e.unit_id
      where e.valid @> ${d}::date`.execute(t.database.db)
  ).rows;
  const fte = (h: number) => (h > 36 ? 1 : h >= 25 ? 0.75 : 0.5);
  const per = new Map<
    string,
    { children: number; fte: number; young: number; old: number; adults: number; dpAdults: number }
  >();
  const get = (n: string) => {
    if (!per.has(n)) per.set(n, { children: 0, fte: 0, young: 0, old: 0, adults: 0, dpAdults: 0 });
    return per.get(n)!;
  };
  for (const k of kids) {
    const u = get(k.number);
    const b = LocalDate.parse(k.birth),
      years = b.ageInYears(first);
    u.children++;
    u.fte += fte(k.hours);
    if (years < 3) u.young += fte(k.hours);
    else if (years < 6) u.old += fte(k.hours);
  }
  for (const s of staff) {
    const u = get(s.number);
    const w = (s.minutes / 2220) * (s.job === 'leder' ? 0.85 : 1);
    if (s.job === 'dagplejer') u.dpAdults += w;
    else u.adults += w;
  }
  return per;
}

describe(`Danmarks Statistik and FLIS extracts (${engine})`, () => {
  it("computes the month's extract as an independent recomputation from the raw rows does", async () => {
    const res = await admin.call('GET', `/api/staff/reporting/${MUNI}/extract?month=${month}&kind=ds`);
    expect(res.statusCode).toBe(200);
    const p: ExtractPreview = res.json();
    expect(p.errors).toEqual([]);
    const expected = await recompute();
    for (const u of p.units) {
      const e = expected.get(u.number)!;
      expect(u.children).toBe(e.children);
      expect(u.fte).toBeCloseTo(e.fte, 2);
      const total = e.young + e.old;
      const young = e.dpAdults + (total ? (e.adults * e.young) / total : 0);
      const old = total ? (e.adults * e.old) / total : 0;
      expect(u.normering['0-2'].children).toBeCloseTo(e.young, 2);
      expect(u.normering['3-5'].children).toBeCloseTo(e.old, 2);
      expect(Math.abs(u.normering['0-2'].adults - young)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(u.normering['3-5'].adults - old)).toBeLessThanOrEqual(0.005);
    }
    expect(p.totals.children).toBe(9);
    const d = p.units.find((u) => u.type === 'dagpleje')!;
    expect(
      d.dagplejere
        .map((x) => [x.name.split(' ')[0], x.children])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['Anne', 3],
      ['Bo', 1],
    ]);
    // By hand: integreret 0–2 has 1 + 0.75 = 1.75 FTE children, 3–5 has 0.75 + 0.5 + 1 = 2.25. Adults: leader 0.85,
    // pædagog 1, assistant 30/37, helper 20/37 = 3.2013…; 0–2 gets 1.75/4 of it = 1.40 → 1.25 children per adult.
    const i = p.units.find((u) => u.type === 'integreret')!;
    expect(i.normering['0-2']).toEqual({ children: 1.75, adults: 1.4, childrenPerAdult: 1.25 });
    expect(i.staff.find((s) => s.jobType === 'paedagog')).toEqual({ jobType: 'paedagog', persons: 1, fte: 1 });
    // The ages in years and months: the child of exactly 3 years is 3 years 0 months.
    expect(i.groups.some((g) => g.ageYears === 3 && g.ageMonths === 0 && g.fte === 0.75)).toBe(true);
    const flis: ExtractPreview = (
      await admin.call('GET', `/api/staff/reporting/${MUNI}/extract?month=${month}&kind=flis`)
    ).json();
    expect(flis.errors).toEqual([]);
    expect(flis.payload).toContain('<FlisDagtilbud kommune="0860"');
  });

  it('gives the same figures from the one aggregation as from the per-child rows, with leave and discounts', async () => {
    const db = t.database.db;
    const own = await aUnit(db, { municipalityCode: '0851', type: 'integreret' });
    const run = await sql<{ id: string }>`insert into billing_run (municipality_code, month, status)
      values ('0851', ${first.toString()}, 'done') returning id`.execute(db);
    // Same age and hours, different fee facts: leave, friplads, sibling, both, a cancelled discount, none.
    const kinds = ['leave', 'friplads', 'sibling', 'both', 'cancelled', 'none', 'none'] as const;
    for (const k of kinds) {
      const c = await aChild(db, { birthDate: first.plusMonths(-30) });
      const placement = await aPlacement(db, c.id, own.id, first.plusMonths(-2), { hours: k === 'leave' ? 20 : 32 });
      if (k === 'leave')
        await sql`insert into billing_place_terms (placement_id, leave30) values (${placement}, true)`.execute(db);
      const lines: [string, number][] =
        k === 'friplads'
          ? [['friplads', -100]]
          : k === 'sibling'
            ? [['sibling', -50]]
            : k === 'both'
              ? [
                  ['social_friplads', -100],
                  ['sibling', -50],
                ]
              : k === 'cancelled'
                ? [
                    ['friplads', -100],
                    ['friplads', 100],
                  ]
                : [];
      if (!lines.length) continue;
      const inv = await sql<{ id: string }>`insert into invoice (municipality_code, payer_id, month, run_id, total_oere)
        values ('0851', ${c.id}, ${first.toString()}, ${run.rows[0]!.id}, 0) returning id`.execute(db);
      for (const [code, amount] of lines)
        await sql`insert into invoice_line (invoice_id, child_id, placement_kind, service_month, code, text, amount_oere)
          values (${inv.rows[0]!.id}, ${c.id}, 'dagtilbud', ${first.toString()}, ${code}, ${code}, ${amount})`.execute(
          db,
        );
    }
    const units = await unitsOf(db, ['0851', MUNI]);
    const fast = await extractOn(db, first, units);
    expect(fast.units).toEqual(await extractOnNaive(db, first, units));
    const groups = fast.units.find((u) => u.unit.id === own.id)!.groups;
    expect(groups.map((g) => [g.rateType, g.discount, g.children])).toEqual([
      ['full', 'both', 1],
      ['full', 'friplads', 1],
      ['full', 'none', 3],
      ['full', 'sibling', 1],
      ['leave30', 'none', 1],
    ]);
  });

  it('delivers a month once however often it is sent, and a changed month as version 2 (a correction)', async () => {
    const send = () => admin.call('POST', `/api/staff/reporting/${MUNI}/deliveries`, { month, kind: 'ds' });
    const a = (await send()).json(),
      b = (await send()).json();
    expect([a.outcome, a.delivery.version, a.delivery.correction]).toEqual(['delivered', 1, false]);
    expect([b.outcome, b.delivery.version, b.delivery.id]).toEqual(['unchanged', 1, a.delivery.id]);
    expect(a.delivery.receipt).toMatch(/^LOCAL-DS-/);
    const c = await aChild(t.database.db, { birthDate: first.plusMonths(-40) });
    await aPlacement(t.database.db, c.id, inst.id, first.minusDays(10), { hours: 30 });
    const preview: ExtractPreview = (
      await admin.call('GET', `/api/staff/reporting/${MUNI}/extract?month=${month}&kind=ds`)
    ).json();
    expect(preview.changedSinceDelivery).toBe(true);
    const v2 = (await send()).json();
    expect([v2.outcome, v2.delivery.version, v2.delivery.correction]).toEqual(['delivered', 2, true]);
    const log = (await admin.call('GET', `/api/staff/reporting/${MUNI}/deliveries`)).json();
    expect(log.map((d: any) => [d.kind, d.version])).toEqual([
      ['ds', 2],
      ['ds', 1],
    ]);
    const overview = (await admin.call('GET', `/api/staff/reporting/${MUNI}/overview`)).json();
    expect(overview.rows.find((r: any) => r.kind === 'ds' && r.month === first.toString()).status).toBe('delivered');
    expect(overview.rows.find((r: any) => r.kind === 'flis' && r.month === first.toString()).status).toBe('pending');
    const payload = (await admin.call('GET', `/api/staff/reporting/${MUNI}/deliveries/${v2.delivery.id}`)).json();
    expect(payload.payload).toBe(preview.payload);
  });

  it('shows the normering over 12 months against the minimum, for the municipality and a unit', async () => {
    const m: Normering = (await admin.call('GET', `/api/staff/reporting/${MUNI}/normering`)).json();
    expect(m.months).toHaveLength(12);
    expect(m.months.at(-1)!.month).toBe(first.toString());
    expect(m.minimum).toEqual({ '0-2': 3, '3-5': 6 });
    expect(m.leaderWeightPercent).toBe(85);
    expect(m.units.length).toBe(2);
    const u: Normering = (await admin.call('GET', `/api/staff/reporting/units/${dp.id}/normering`)).json();
    // Dagpleje: 4 full-time children (45 h) over 48/37 + 1 dagplejere.
    expect(u.months.at(-1)!['0-2']).toEqual({ children: 4, adults: 2.3, childrenPerAdult: 1.74 });
  });

  it('lets consultants deliver, management read only, and refuses others and future months', async () => {
    const db = t.database.db;
    const mgmt = await loginAs(t.app, await aStaffUser(db, 'management'));
    expect((await mgmt.call('GET', `/api/staff/reporting/${MUNI}/deliveries`)).statusCode).toBe(200);
    expect(
      (await mgmt.call('POST', `/api/staff/reporting/${MUNI}/deliveries`, { month, kind: 'flis' })).statusCode,
    ).toBe(403);
    const cons = await loginAs(t.app, await aStaffUser(db, 'consultant'));
    const r = await cons.call('POST', `/api/staff/reporting/${MUNI}/deliveries`, { month, kind: 'flis' });
    expect([r.statusCode, r.json().delivery.version]).toEqual([200, 1]);
    const cw = await loginAs(t.app, await aStaffUser(db, 'caseworker'));
    expect((await cw.call('GET', `/api/staff/reporting/${MUNI}/overview`)).statusCode).toBe(403);
    const next = first.plusMonths(1).toString().slice(0, 7);
    const future = await admin.call('GET', `/api/staff/reporting/${MUNI}/extract?month=${next}`);
    expect([future.statusCode, future.json().error]).toEqual([400, 'reporting.month-not-started']);
    // Each municipality's statistics are its own: another municipality's staff are refused them.
    const other = await loginAs(t.app, await aStaffUser(db, 'admin', [], '0813'));
    for (const path of ['overview', 'deliveries', 'normering', `extract?month=${month}`])
      expect((await other.call('GET', `/api/staff/reporting/${MUNI}/${path}`)).statusCode, path).toBe(403);
    expect(
      (await other.call('POST', `/api/staff/reporting/${MUNI}/deliveries`, { month, kind: 'flis' })).statusCode,
    ).toBe(403);
    expect((await other.call('GET', `/api/staff/reporting/units/${dp.id}/normering`)).statusCode).toBe(403);
    expect((await other.call('GET', '/api/staff/reporting/municipalities')).json()).toEqual([]);
    expect((await other.call('GET', `/api/staff/reporting/0813/overview`)).json().error).toBe(
      'reporting.unknown-municipality',
    );
  });
});
