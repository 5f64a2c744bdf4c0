import { cprLike } from '../../../test/cpr.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { LocalDate } from '../../shared/index.js';
import { addSetting } from '../settings/index.js';
import { runNightlyRetention } from './jobs.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t?.close();
});

/** A municipality of its own per test, so counts are the test's own. */
async function aMunicipalityWithAdmin(code: string) {
  const unit = await aUnit(t.database.db, { municipalityCode: code });
  const admin = await loginAs(t.app, await aStaffUser(t.database.db, 'admin', [], code));
  return { unit, admin };
}
const person = (id: string) =>
  t.database.db
    .selectFrom('person')
    .select(['first_name', 'last_name', 'cpr', 'anonymised_on'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

async function aDraftInvoiceFor(childId: string, payerId: string, municipality: string) {
  const db = t.database.db;
  const run = await db
    .insertInto('billing_run')
    .values({ municipality_code: municipality, month: '2026-11-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const inv = await db
    .insertInto('invoice')
    .values({
      municipality_code: municipality,
      payer_id: payerId,
      month: '2026-11-01',
      run_id: run.id,
      total_oere: 100,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('invoice_line')
    .values({
      invoice_id: inv.id,
      child_id: childId,
      placement_kind: 'dagtilbud',
      service_month: '2020-10-01',
      code: 'rate',
      text: 'Efterregulering',
      amount_oere: 100,
    })
    .execute();
}

describe(`retention (${engine})`, () => {
  it('anonymises a child N+1 years after its last place ended, not N-1, not one with an unpaid invoice; a re-run erases nothing more', async () => {
    const { unit, admin } = await aMunicipalityWithAdmin('0851');
    const today = t.clock.today();
    const years = 5; // the default rule: a child's case data 5 years after the last place ended
    const old = await aChild(t.database.db, { firstName: 'Gammel', birthDate: today.plusYears(-(years + 5)) });
    const oldGuardian = await aGuardianOf(t.database.db, old, { firstName: 'Gammelforælder' });
    await aPlacement(t.database.db, old.id, unit.id, today.plusYears(-(years + 3)), {
      end: today.plusYears(-(years + 1)),
    });
    const recent = await aChild(t.database.db, { firstName: 'Nyere', birthDate: today.plusYears(-(years + 3)) });
    await aPlacement(t.database.db, recent.id, unit.id, today.plusYears(-(years + 1)), {
      end: today.plusYears(-(years - 1)),
    });
    const unpaid = await aChild(t.database.db, { firstName: 'Skylder', birthDate: today.plusYears(-(years + 5)) });
    const payer = await aGuardianOf(t.database.db, unpaid);
    await aPlacement(t.database.db, unpaid.id, unit.id, today.plusYears(-(years + 3)), {
      end: today.plusYears(-(years + 1)),
    });
    await aDraftInvoiceFor(unpaid.id, payer.id, '0851');

    const dry = await admin.call('POST', '/api/staff/retention/dry-run');
    expect(dry.statusCode).toBe(201);
    expect(dry.json()).toMatchObject({ mode: 'dry_run', counts: { childCase: 1, persons: 2, held: 1 } });
    const listed = (await admin.call('GET', `/api/staff/retention/runs/${dry.json().id}/persons`)).json();
    expect(listed.rows.map((r: { name: string; category: string }) => [r.name.split(' ')[0], r.category])).toEqual(
      expect.arrayContaining([
        ['Gammel', 'childCase'],
        ['Gammelforælder', 'guardian'],
      ]),
    );
    expect(cprLike(JSON.stringify(listed))).toEqual([]); // no CPR
    expect((await person(old.id)).cpr).not.toBeNull(); // a dry run erases nothing

    const erase = await admin.call('POST', '/api/staff/retention/erase', { dryRunId: dry.json().id });
    expect(erase.statusCode).toBe(201);
    expect(await person(old.id)).toMatchObject({ first_name: 'Anonymiseret', cpr: null });
    expect(await person(oldGuardian.id)).toMatchObject({ first_name: 'Anonymiseret', cpr: null });
    expect(await person(recent.id)).toMatchObject({ first_name: 'Nyere', anonymised_on: null });
    expect(await person(unpaid.id)).toMatchObject({ first_name: 'Skylder', anonymised_on: null });
    const placements = await t.database.db
      .selectFrom('placement')
      .select('id')
      .where('child_id', '=', old.id)
      .execute();
    expect(placements).toHaveLength(1); // the place stays as a statistics row

    const again = (await admin.call('POST', '/api/staff/retention/dry-run')).json();
    expect(again.counts).toMatchObject({ childCase: 0, applications: 0, persons: 0 });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'retention.%')
      .where('subject_type', '=', 'retention_run')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['retention.dry-run', 'retention.erase']));
  });

  it('erases only after the latest dry run, and refuses one that today finds otherwise', async () => {
    const { unit, admin } = await aMunicipalityWithAdmin('0849');
    const today = t.clock.today();
    const first = (await admin.call('POST', '/api/staff/retention/dry-run')).json();
    const second = (await admin.call('POST', '/api/staff/retention/dry-run')).json();
    const notLatest = await admin.call('POST', '/api/staff/retention/erase', { dryRunId: first.id });
    expect([notLatest.statusCode, notLatest.json().error]).toEqual([409, 'retention.dry-run-not-latest']);
    const child = await aChild(t.database.db, { birthDate: today.plusYears(-12) });
    await aPlacement(t.database.db, child.id, unit.id, today.plusYears(-10), { end: today.plusYears(-7) });
    const stale = await admin.call('POST', '/api/staff/retention/erase', { dryRunId: second.id });
    expect([stale.statusCode, stale.json().error]).toEqual([409, 'retention.dry-run-stale']);
    expect((await person(child.id)).anonymised_on).toBeNull();
    const caseworker = await loginAs(t.app, await aStaffUser(t.database.db, 'caseworker', [], '0849'));
    expect((await caseworker.call('POST', '/api/staff/retention/dry-run')).statusCode).toBe(403);
  });

  it('keeps a child whose dagtilbud place ended long ago while it is enrolled with a private provider', async () => {
    const { unit, admin } = await aMunicipalityWithAdmin('0840');
    const today = t.clock.today();
    const child = await aChild(t.database.db, { firstName: 'Privat', birthDate: today.plusYears(-12) });
    await aPlacement(t.database.db, child.id, unit.id, today.plusYears(-10), { end: today.plusYears(-7) });
    const provider = await t.database.db
      .insertInto('subsidy_provider')
      .values({
        municipality_code: '0840',
        kind: 'privat_fritidshjem',
        name: 'Privat Fritidshjem',
        cvr: '12345678',
        address: 'Skolevej 1',
        approved: `[${today.plusYears(-2)},)`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('subsidy_enrolment')
      .values({
        provider_id: provider.id,
        child_id: child.id,
        household_id: child.householdId,
        valid: `[${today.plusYears(-1)},)`,
        created_by: null,
      })
      .execute();
    const dry = (await admin.call('POST', '/api/staff/retention/dry-run')).json();
    expect(dry.counts).toMatchObject({ childCase: 0, held: 1 });
  });

  it('the nightly job makes a dry run unless the municipality turned erasing on', async () => {
    const { unit } = await aMunicipalityWithAdmin('0846');
    const today = t.clock.today();
    const child = await aChild(t.database.db, { birthDate: today.plusYears(-12) });
    await aPlacement(t.database.db, child.id, unit.id, today.plusYears(-10), { end: today.plusYears(-7) });
    const runs = await runNightlyRetention(t.database);
    expect(runs.find((r) => r.municipality === '0846')?.mode).toBe('dry_run');
    expect((await person(child.id)).anonymised_on).toBeNull();
    await addSetting(t.database.db, '0846', 'retention.erase_nightly', true, LocalDate.of(2020, 1, 1), null);
    const again = await runNightlyRetention(t.database);
    expect(again.find((r) => r.municipality === '0846')?.mode).toBe('erase');
    expect((await person(child.id)).anonymised_on).not.toBeNull();
  });
});
