// Issue 12 item 5: every personal-data read of the API writes an audit row naming its data subjects.
// Walks every GET operation of /api/openapi.json, calls it as an allowed actor with real ids from the fixture, and
// asserts a new audit_log row with subjects. Operations that are not personal data are listed below with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { seedRates2025 } from '../../modules/billing/rates.js';
import { startRun } from '../../modules/billing/run.js';
import { previewRound } from '../../modules/placement/index.js';
import { createTerminal } from '../../modules/attendance/terminals.js';
import { sendLetters } from '../letters/index.js';
import { deliverExtract } from '../../modules/reporting/service.js';

/** Not personal data (or the caller's own session): no audit row required. */
const NOT_PERSONAL: Record<string, string> = {
  'GET /api/health': 'liveness',
  'GET /api/auth/me': "the caller's own session",
  'GET /api/auth/personas': 'demo personas (staff users, no citizens)',
  'GET /api/staff/clock': 'demo clock',
  'GET /api/staff/work': 'counts of work for today (no names)',
  'GET /api/staff/audit': 'the audit search itself (writes audit.search)',
  'GET /api/staff/units': 'register of units',
  'GET /api/staff/units/{id}': 'register of a unit',
  'GET /api/staff/daginstitutioner': 'register',
  'GET /api/staff/register/import': 'register import preview: units and daginstitutioner',
  'GET /api/staff/register/deliveries': 'deliveries of register facts (units, no people)',
  'GET /api/citizen/areas': 'register',
  'GET /api/citizen/units': 'register',
  'GET /api/staff/settings': 'municipal settings',
  'GET /api/staff/retention': 'retention rules and the counts of runs (the people are read through runs/{id}/persons)',
  'GET /api/staff/billing/municipalities': 'municipalities',
  'GET /api/staff/billing/rates': 'rates',
  'GET /api/staff/billing/lunch': 'lunch schemes of units',
  'GET /api/staff/billing/place-costs': 'budgeted costs',
  'GET /api/staff/billing/runs': 'run list: counts and totals',
  'GET /api/staff/billing/runs/{id}': 'one run: status, counts and totals',
  'GET /api/staff/units/{unitId}/holiday-questionnaires': 'questionnaires with counts per day',
  'GET /api/staff/billing/months': 'month status: counts and totals',
  'GET /api/staff/units/{unitId}/terminals': 'terminal names',
  'GET /api/staff/units/{unitId}/closing-days': 'closing days',
  'GET /api/staff/units/{unitId}/attendance-history': 'planned against actual: counts per day',
  'GET /api/staff/units/{id}/outlook': 'occupancy counts',
  'GET /api/staff/booking/outlook': 'occupancy counts',
  'GET /api/staff/placement-policy': 'policy settings',
  'GET /api/staff/holiday-questionnaires': 'questionnaire definitions',
  'GET /api/citizen/booking/availability': 'vacant places (child id only selects the age band)',
  'GET /api/citizen/booking/calendar': 'vacant places of a unit',
  'GET /api/auth/oidc/login': 'redirect',
  'GET /api/auth/oidc/callback': 'redirect',
  'GET /api/staff/subsidies/payouts': 'payout run list: counts and totals',
  'GET /api/staff/subsidies/providers': 'private providers: names, CVR and counts',
  'GET /api/staff/subsidies/rates': 'subsidy rates and terms',
  'GET /api/staff/reporting/municipalities': 'municipalities',
  'GET /api/staff/reporting/{municipality}/overview': 'delivery status per month',
  'GET /api/staff/reporting/{municipality}/deliveries': 'delivery log: versions, checksums, receipts',
  'GET /api/staff/reporting/{municipality}/normering': 'staffing ratios per unit and month (counts)',
  'GET /api/staff/reporting/units/{unitId}/normering': 'staffing ratios of a unit per month (counts)',
};
/** A stream (server-sent events): audited when opened (attendance.live_open, with the unit) and ended with its session. */
const STREAMS = new Set(['GET /api/staff/units/{unitId}/attendance/live']);

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  const db = t.database.db,
    today = t.clock.today();
  await seedRates2025(db, '0860');
  ids.terminal = (await createTerminal(db, f.units.sol, 'Indgang', null)).token;
  ids.placement = (
    await db.selectFrom('placement').select('id').where('child_id', '=', f.children.ida).executeTakeFirstOrThrow()
  ).id;
  [ids.letter] = await sendLetters(
    db,
    [
      {
        kind: 'offer',
        subject: 'Tilbud',
        recipients: [f.guardians.mette],
        childId: f.children.ida,
        blocks: [{ text: 'Tilbud om plads.' }],
      },
    ],
    today,
  );
  const app = await db
    .insertInto('application')
    .values({
      child_id: f.children.oscar,
      place_kind: 'boernehave',
      placement_kind: 'dagtilbud',
      needed_from: today.plusMonths(2).toString(),
      hours_per_week: 40,
      applied_on: today.toString(),
      seniority_date: today.toString(),
    } as any)
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('application_wish').values({ application_id: app.id, rank: 1, unit_id: f.units.mael }).execute();
  // A real round preview (the waitlist above, the engine, stored with its metrics), as a caseworker makes one.
  ids.round = (await previewRound(db, '0860', 'dagtilbud', today.plusMonths(3), today, null)).id;
  ids.month = today.firstOfMonth().toString();
  const run = await startRun(db, { municipality: '0860', month: ids.month, userId: null });
  await run.done;
  ids.run = run.runId;
  ids.nextMonth = today.firstOfMonth().plusMonths(1).toString();
  ids.delivery = (await deliverExtract(db, '0860', today.firstOfMonth(), 'ds', null)).delivery.id;
  await db
    .updateTable('invoice')
    .set({ status: 'sent', sent_at: new Date().toISOString() } as any)
    .execute();
  // A subsidy case with a forwarded complaint and a paid month (rows as the subsidies module writes them).
  const home = await db
    .selectFrom('residence')
    .select('household_id')
    .where('person_id', '=', f.guardians.mette)
    .executeTakeFirstOrThrow();
  const carer = await db
    .insertInto('subsidy_carer')
    .values({ municipality_code: '0860', name: 'Passer', street: 'Vej 1', postal_code: '9800', city: 'Hjørring' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sub = await db
    .insertInto('subsidy_case')
    .values({
      municipality_code: '0860',
      scheme: 'privat_pasning',
      child_id: f.children.oscar,
      household_id: home.household_id,
      applicant_id: f.guardians.mette,
      carer_id: carer.id,
      expense_oere: 400_000,
      hours_per_week: 40,
      children_in_care: 3,
      valid: `[${ids.nextMonth},)`,
      status: 'approved',
      submitted_on: today.toString(),
      deadline: today.toString(),
      decided_on: today.toString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.subsidyCase = sub.id;
  // A private provider with a child enrolled before the subsidy (migration 030).
  const provider = await db
    .insertInto('subsidy_provider')
    .values({
      municipality_code: '0860',
      kind: 'privatinstitution',
      name: 'Privatinstitution',
      cvr: '12345678',
      address: 'Vej 2, 9800 Hjørring',
      approved: '[2025-01-01,)',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const enrolment = await db
    .insertInto('subsidy_enrolment')
    .values({
      provider_id: provider.id,
      child_id: f.children.oscar,
      household_id: home.household_id,
      valid: '[2025-01-01,2025-06-01)',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.provider = provider.id;
  ids.enrolment = enrolment.id;
  ids.complaint = (
    await db
      .insertInto('subsidy_complaint')
      .values({
        case_id: sub.id,
        received_on: today.toString(),
        text: 'Klage',
        status: 'forwarded',
        reconsidered_on: today.toString(),
        forwarded_on: today.toString(),
        bundle: JSON.stringify({ caseId: sub.id }),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const payout = await db
    .insertInto('subsidy_payout_run')
    .values({ municipality_code: '0860', month: ids.nextMonth, lines: 1, total_oere: 300_000 })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.payoutRun = payout.id;
  ids.retentionRun = (
    await db
      .insertInto('retention_run')
      .values({
        municipality_code: '0860',
        mode: 'dry_run',
        trigger: 'nightly',
        run_on: today.toString(),
        counts: JSON.stringify({}),
        rules: JSON.stringify({}),
        persons: JSON.stringify([{ personId: f.children.ida, category: 'childCase' }]),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('subsidy_payout_line')
    .values({
      run_id: payout.id,
      case_id: sub.id,
      month: ids.nextMonth,
      kind: 'payment',
      amount_oere: 300_000,
      due_oere: 300_000,
      payee_id: f.guardians.mette,
    })
    .execute();
  await db
    .insertInto('attendance')
    .values({ child_id: f.children.ida, unit_id: f.units.sol, date: today.toString(), status: 3, check_in: '08:00' })
    .execute();
});
afterAll(async () => {
  await t?.close();
});

describe(`audit coverage of the API (${engine})`, () => {
  it('writes an audit row with data subjects for every personal-data read', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const admin = await loginAs(t.app, f.users.admin),
      mette = await loginAs(t.app, f.users.mette);
    const today = t.clock.today().toString();
    const pathValue = (path: string, name: string) => {
      if (name === 'unitId') return f.units.sol;
      if (name === 'childId') return f.children.ida;
      if (name === 'placementId') return ids.placement!;
      if (name === 'date') return today;
      if (path.includes('/rounds/')) return ids.round!;
      if (path.includes('/billing/runs/')) return ids.run!;
      if (path.includes('/payers/')) return f.guardians.mette;
      if (path.includes('/letters/')) return ids.letter!;
      if (name === 'municipality') return '0860';
      if (path.includes('/reporting/') && name === 'id') return ids.delivery!;
      if (path.includes('/children/')) return f.children.ida;
      if (path.includes('/casework/placements/')) return ids.placement!;
      if (path.includes('/subsidies/cases/')) return ids.subsidyCase!;
      if (path.includes('/subsidies/complaints/')) return ids.complaint!;
      if (path.includes('/subsidies/payouts/')) return ids.payoutRun!;
      if (path.includes('/retention/runs/')) return ids.retentionRun!;
      if (path.includes('/subsidies/providers/')) return ids.provider!;
      if (path.includes('/subsidies/enrolments/')) return ids.enrolment!;
      throw new Error(`no fixture id for ${name} in ${path}`);
    };
    const queryValue = (path: string, name: string) =>
      (
        {
          municipality: '0860',
          month: (path.endsWith('/preview') ? ids.nextMonth! : ids.month!).slice(0, 7),
          from: today,
          to: today,
          childId: f.children.ida,
          unitId: f.units.sol,
          wished: ids.nextMonth,
          hoursPerWeek: '30',
        } as Record<string, string>
      )[name];

    const problems: string[] = [],
      checked: string[] = [];
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      const op = ops.get;
      if (!op) continue;
      const key = `GET ${path}`;
      if (NOT_PERSONAL[key] || STREAMS.has(key)) continue;
      let url = path;
      const query = new URLSearchParams();
      for (const p of op.parameters ?? []) {
        if (p.in === 'path') url = url.replace(`{${p.name}}`, pathValue(path, p.name));
        else if (p.in === 'query' && p.required) query.set(p.name, queryValue(path, p.name) ?? '');
      }
      if (query.size) url += '?' + query.toString();
      const before = Number((await t.database.raw('SELECT coalesce(max(id), 0) AS n FROM audit_log')).rows[0].n);
      const res = path.startsWith('/api/citizen/')
        ? await mette.call('GET', url)
        : path.startsWith('/api/terminal/')
          ? await t.app.inject({ url, headers: { 'x-terminal-token': ids.terminal! } })
          : await admin.call('GET', url);
      if (res.statusCode !== 200) {
        problems.push(`${key}: ${res.statusCode} ${res.body.slice(0, 120)}`);
        continue;
      }
      const rows = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'subject_ids'])
        .where('id', '>', before)
        .execute();
      // A read that found nobody (no id of anyone in the answer, e.g. an empty list) has no subjects; it must still be logged.
      const nobody =
        String(res.headers['content-type']).startsWith('application/json') &&
        !/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i.test(res.body);
      if (!rows.some((r) => r.subject_ids.length > 0) && !(nobody && rows.length))
        problems.push(
          `${key}: ${rows.length ? `rows ${rows.map((r) => r.action).join(', ')} without subjects` : 'no audit row'}`,
        );
      checked.push(key);
    }
    expect(problems).toEqual([]);
    expect(checked.length).toBeGreaterThan(20);
  });

  it('names the people in the debtor export, the billing preview and the terminal list (not just a unit or nobody)', async () => {
    const admin = await loginAs(t.app, f.users.admin);
    const subjectsOf = async (call: () => Promise<{ statusCode: number }>) => {
      const before = Number((await t.database.raw('SELECT coalesce(max(id), 0) AS n FROM audit_log')).rows[0].n);
      expect((await call()).statusCode).toBe(200);
      const rows = await t.database.db.selectFrom('audit_log').select('subject_ids').where('id', '>', before).execute();
      return rows.flatMap((r) => r.subject_ids);
    };
    const month = ids.month!.slice(0, 7),
      next = ids.nextMonth!.slice(0, 7);
    expect(
      await subjectsOf(() =>
        admin.call('GET', `/api/staff/billing/export?municipality=0860&month=${month}&format=csv`),
      ),
    ).toEqual(expect.arrayContaining([f.guardians.mette, f.children.ida]));
    expect(
      await subjectsOf(() => admin.call('GET', `/api/staff/billing/preview?municipality=0860&month=${next}`)),
    ).toEqual(expect.arrayContaining([f.guardians.mette, f.children.ida]));
    expect(
      await subjectsOf(() =>
        t.app.inject({ url: '/api/terminal/children', headers: { 'x-terminal-token': ids.terminal! } }),
      ),
    ).toEqual([f.children.ida]);
  });

  it('writes an access-denied row for a refused request', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    const before = Number((await t.database.raw('SELECT coalesce(max(id), 0) AS n FROM audit_log')).rows[0].n);
    const res = await mette.call('GET', `/api/staff/children/${f.children.oscar}`);
    expect(res.statusCode).toBe(403);
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'subject_ids', 'details'])
      .where('id', '>', before)
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'access-denied',
        user_id: f.users.mette,
        subject_ids: [f.children.oscar],
        details: expect.objectContaining({ method: 'GET', route: '/api/staff/children/:id' }),
      }),
    ]);
  });
});
