// Casework on a family's behalf (issue 16): every action needs a reason, writes its casework row, its audit row and
// where due a letter to the guardians; a caseworker of another municipality is refused; places are given under the
// capacity lock and § 26 a; a change of weekly hours changes the rate and the full-time equivalent from the date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loginAs, testApp, type TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, aPlacement, aStaffUser, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import type { LocalDate } from '../../shared/index.js';

let t: TestApp, today: LocalDate, caseworker: string, stranger: string;
beforeAll(async () => {
  t = await testApp();
  today = t.clock.today();
  const db = t.database.db;
  caseworker = await aStaffUser(db, 'caseworker', [], '0860');
  stranger = await aStaffUser(db, 'caseworker', [], '0813');
  // Full and part-time rates of the municipality (part time up to 30 hours a week is cheaper).
  await db
    .insertInto('fee_rate')
    .values([
      {
        municipality_code: '0860',
        kind: 'vuggestue',
        age_band: '0-2',
        hours: 'full',
        monthly_oere: 400_000,
        valid: '[2020-01-01,)',
      },
      {
        municipality_code: '0860',
        kind: 'vuggestue',
        age_band: '0-2',
        hours: 'part',
        monthly_oere: 320_000,
        valid: '[2020-01-01,)',
      },
      {
        municipality_code: '0860',
        kind: 'boernehave',
        age_band: '3-5',
        hours: 'full',
        monthly_oere: 250_000,
        valid: '[2020-01-01,)',
      },
      {
        municipality_code: '0860',
        kind: 'boernehave',
        age_band: '3-5',
        hours: 'part',
        monthly_oere: 200_000,
        valid: '[2020-01-01,)',
      },
    ])
    .execute();
});
afterAll(async () => {
  await t?.close();
});

/** A child of 0860 (two years old on 2026-01-01 unless told) with a guardian. */
async function family(birthDate?: LocalDate) {
  const db = t.database.db;
  const child = await aChild(db, birthDate ? { birthDate } : {});
  const guardian = await aGuardianOf(db, child);
  return { child: child.id, guardian: guardian.id, householdId: child.householdId };
}
const lettersTo = async (guardian: string) =>
  (
    await t.database.db
      .selectFrom('letter')
      .innerJoin('letter_recipient as r', 'r.letter_id', 'letter.id')
      .select(['letter.kind', 'letter.subject', sql<string>`letter.content::text`.as('content')])
      .where('r.person_id', '=', guardian)
      .orderBy('letter.created_at')
      .execute()
  ).map((l) => ({ kind: l.kind, subject: l.subject, content: l.content }));
const auditOf = async (child: string, action: string) =>
  t.database.db
    .selectFrom('audit_log')
    .select(['details', 'user_id'])
    .where('action', '=', action)
    .where(sql<boolean>`${child}::uuid = any(subject_ids)`)
    .execute();
const logOf = async (child: string) =>
  t.database.db
    .selectFrom('casework_action')
    .select(['action', 'reason', 'created_by'])
    .where('child_id', '=', child)
    .orderBy('created_at')
    .execute();
const placesOf = async (child: string) =>
  t.database.db
    .selectFrom('placement')
    .select(['unit_id', 'hours_per_week', sql<string>`valid::text`.as('valid')])
    .where('child_id', '=', child)
    .orderBy(sql`lower(valid)`)
    .execute();

describe(`casework on a family's behalf (${engine})`, () => {
  it('applies for the family with a reason, a receipt letter and the flags; others are refused', async () => {
    const unit = await aUnit(t.database.db);
    const f = await family(today.plusMonths(-8));
    const cw = await loginAs(t.app, caseworker);
    const body = {
      childId: f.child,
      placeKind: 'vuggestue',
      neededFrom: today.plusMonths(2).toString(),
      hoursPerWeek: 40,
      wishes: [unit.id],
      movingIn: true,
      reason: 'Familien har ringet; forælder uden MitID',
    };
    const noReason = await cw.call('POST', '/api/staff/casework/applications', { ...body, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    const other = await (await loginAs(t.app, stranger)).call('POST', '/api/staff/casework/applications', body);
    expect(other.statusCode).toBe(403);
    expect(
      await t.database.db.selectFrom('application').select('id').where('child_id', '=', f.child).execute(),
    ).toEqual([]);

    const r = await cw.call('POST', '/api/staff/casework/applications', body);
    expect(r.statusCode, r.body).toBe(201);
    const app = await t.database.db
      .selectFrom('application')
      .selectAll()
      .where('id', '=', r.json().id)
      .executeTakeFirstOrThrow();
    expect([app.moving_in, app.special_needs, app.created_by]).toEqual([true, false, caseworker]);
    expect(await logOf(f.child)).toEqual([{ action: 'apply', reason: body.reason, created_by: caseworker }]);
    expect((await auditOf(f.child, 'casework.apply'))[0]!.details).toMatchObject({ reason: body.reason });
    const [receipt] = await lettersTo(f.guardian);
    expect(receipt!.subject).toMatch(/^Kvittering: ansøgning om plads/);
    expect(receipt!.content).toContain(body.reason);

    // The same rules as the citizen's: a second active application is refused.
    expect((await cw.call('POST', '/api/staff/casework/applications', body)).statusCode).toBe(409);

    // Special needs (§ 26 a / priority) with a reason; the reason is required here too.
    const flags = `/api/staff/casework/applications/${app.id}/flags`;
    expect((await cw.call('PUT', flags, { specialNeeds: true, movingIn: true })).statusCode).toBe(400);
    expect(
      (
        await (
          await loginAs(t.app, stranger)
        ).call('PUT', flags, { specialNeeds: true, movingIn: true, reason: 'Forsøg' })
      ).statusCode,
    ).toBe(403);
    const set = await cw.call('PUT', flags, { specialNeeds: true, movingIn: false, reason: 'Udtalelse fra PPR' });
    expect(set.statusCode, set.body).toBe(200);
    const after = await t.database.db
      .selectFrom('application')
      .select(['special_needs', 'moving_in'])
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ special_needs: true, moving_in: false });
    expect((await auditOf(f.child, 'casework.flags')).length).toBe(1);

    // A later behovsdato moves the garantidato: the family gets a letter.
    const changed = await cw.call('PATCH', `/api/staff/casework/applications/${app.id}`, {
      neededFrom: today.plusMonths(5).toString(),
      reason: 'Forælder forlænger orlov',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await lettersTo(f.guardian)).map((l) => l.subject)).toEqual([
      expect.stringMatching(/^Kvittering/),
      expect.stringMatching(/^Ændring af ansøgning/),
    ]);
    expect((await logOf(f.child)).map((l) => l.action)).toEqual(['apply', 'flags', 'change']);
  });

  it('enrols directly under the capacity check, closes the application and sends the decision', async () => {
    const db = t.database.db;
    const unit = await aUnit(db);
    const full = await aUnit(db, { places: { '3-5': 1 } });
    await aPlacement(db, (await aChild(db, { birthDate: today.plusYears(-4) })).id, full.id, today.plusMonths(-3));
    const f = await family(today.plusYears(-4));
    const cw = await loginAs(t.app, caseworker);
    const start = today.plusDays(7).toString();
    const body = { childId: f.child, unitId: full.id, start, hoursPerWeek: 40, reason: 'Akut behov, socialrådgiver' };

    const noRoom = await cw.call('POST', '/api/staff/casework/placements', body);
    expect([noRoom.statusCode, noRoom.json().error]).toEqual([409, 'placement.no-room']);
    const past = await cw.call('POST', '/api/staff/casework/placements', {
      ...body,
      unitId: unit.id,
      start: today.minusDays(1).toString(),
    });
    expect(past.json().error).toBe('placement.start-in-past');
    expect(
      (await cw.call('POST', '/api/staff/casework/placements', { ...body, unitId: unit.id, reason: '' })).statusCode,
    ).toBe(400);
    expect(
      (
        await (
          await loginAs(t.app, stranger)
        ).call('POST', '/api/staff/casework/placements', { ...body, unitId: unit.id })
      ).statusCode,
    ).toBe(403);
    expect(await placesOf(f.child)).toEqual([]);
    const applied = await cw.call('POST', '/api/staff/casework/applications', {
      childId: f.child,
      placeKind: 'boernehave',
      neededFrom: start,
      wishes: [full.id],
      reason: 'Familien ønsker plads',
    });
    expect(applied.statusCode, applied.body).toBe(201);

    const ok = await cw.call('POST', '/api/staff/casework/placements', { ...body, unitId: unit.id });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await placesOf(f.child)).toEqual([{ unit_id: unit.id, hours_per_week: 40, valid: `[${start},)` }]);
    expect((await cw.call('POST', '/api/staff/casework/placements', { ...body, unitId: unit.id })).json().error).toBe(
      'placement.already-placed',
    );
    // The family's application is met by the place.
    const app = await db
      .selectFrom('application')
      .select(['status', 'closed_on'])
      .where('id', '=', applied.json().id)
      .executeTakeFirstOrThrow();
    expect(app).toEqual({ status: 'placed', closed_on: today.toString() });
    const decision = (await lettersTo(f.guardian)).find((l) => l.kind === 'decision');
    expect(decision!.kind).toBe('decision');
    expect(decision!.content).toContain('Kommunen har indmeldt');
    expect(decision!.content).toContain(body.reason);
    expect((await auditOf(f.child, 'casework.enrol')).length).toBe(1);
    expect((await logOf(f.child)).map((l) => l.action)).toEqual(['apply', 'enrol']);
  });

  it('transfers a place to another unit: the old place ends the day before, one letter says both', async () => {
    const db = t.database.db;
    const [a, b] = [await aUnit(db, { name: 'Fra-huset' }), await aUnit(db, { name: 'Til-huset' })];
    const f = await family(today.plusYears(-4));
    const place = await aPlacement(db, f.child, a.id, today.plusMonths(-6));
    const cw = await loginAs(t.app, caseworker);
    const start = today.plusMonths(1).firstOfMonth();
    const url = `/api/staff/casework/placements/${place}/transfer`;
    expect(
      (await cw.call('POST', url, { unitId: a.id, start: start.toString(), reason: 'Flytning' })).json().error,
    ).toBe('placement.same-unit');
    expect(
      (
        await (
          await loginAs(t.app, stranger)
        ).call('POST', url, { unitId: b.id, start: start.toString(), reason: 'Flytning' })
      ).statusCode,
    ).toBe(403);
    const r = await cw.call('POST', url, { unitId: b.id, start: start.toString(), reason: 'Familien er flyttet' });
    expect(r.statusCode, r.body).toBe(201);
    expect(await placesOf(f.child)).toEqual([
      { unit_id: a.id, hours_per_week: 40, valid: `[${today.plusMonths(-6)},${start})` },
      { unit_id: b.id, hours_per_week: 40, valid: `[${start},)` },
    ]);
    const [letter] = await lettersTo(f.guardian);
    expect(letter!.content).toContain('Til-huset');
    expect(letter!.content).toContain('Pladsen i Fra-huset ophører');
    expect((await logOf(f.child)).map((l) => l.action)).toEqual(['transfer']);
  });

  it('withdraws with the notice period, or waived with a reason and a chosen last day', async () => {
    const db = t.database.db;
    const unit = await aUnit(db);
    const cw = await loginAs(t.app, caseworker);
    const f = await family(today.plusYears(-4));
    const place = await aPlacement(db, f.child, unit.id, today.plusMonths(-6));
    const url = `/api/staff/casework/placements/${place}/withdraw`;
    expect((await (await loginAs(t.app, stranger)).call('POST', url, { reason: 'Udmeldelse' })).statusCode).toBe(403);
    const { noticeLastDay } = (await cw.call('GET', `/api/staff/children/${f.child}/casework`)).json();
    const notice = await cw.call('POST', url, { reason: 'Forælder ringede' });
    expect(notice.statusCode, notice.body).toBe(200);
    // The municipality's notice rule (by default one month, to the end of a month).
    expect(notice.json().lastDay).toBe(noticeLastDay);
    expect(noticeLastDay > today.plusMonths(1).toString()).toBe(true);
    expect((await lettersTo(f.guardian))[0]!.subject).toMatch(/^Bekræftelse af udmeldelse/);

    const g = await family(today.plusYears(-4));
    const other = await aPlacement(db, g.child, unit.id, today.plusMonths(-6));
    const wurl = `/api/staff/casework/placements/${other}/withdraw`;
    expect((await cw.call('POST', wurl, { reason: 'Dødsfald i familien', waiveNotice: true })).statusCode).toBe(400);
    expect(
      (
        await cw.call('POST', wurl, {
          reason: 'Dødsfald i familien',
          waiveNotice: true,
          lastDay: today.minusDays(1).toString(),
        })
      ).json().error,
    ).toBe('placement.bad-last-day');
    const lastDay = today.plusDays(3).toString();
    const waived = await cw.call('POST', wurl, { reason: 'Dødsfald i familien', waiveNotice: true, lastDay });
    expect(waived.statusCode, waived.body).toBe(200);
    expect(waived.json().lastDay).toBe(lastDay);
    const w = await db
      .selectFrom('placement_withdrawal')
      .select(['reason', 'notice_waived_reason', 'requested_by'])
      .where('placement_id', '=', other)
      .executeTakeFirstOrThrow();
    expect(w).toEqual({ reason: 'staff', notice_waived_reason: 'Dødsfald i familien', requested_by: caseworker });
    expect((await lettersTo(g.guardian))[0]!.content).toContain('frafaldet opsigelsesvarslet');
    expect((await auditOf(g.child, 'casework.withdraw'))[0]!.details).toMatchObject({ waiveNotice: true });
  });

  it('changes the weekly hours from a date: the place is split, the rate and the full-time equivalent follow', async () => {
    const db = t.database.db;
    const unit = await aUnit(db);
    const f = await family(today.plusYears(-4));
    const start = today.plusMonths(-6);
    const place = await aPlacement(db, f.child, unit.id, start);
    const cw = await loginAs(t.app, caseworker);
    const from = today.plusMonths(1).firstOfMonth().toString();
    const preview = await cw.call(
      'GET',
      `/api/staff/casework/placements/${place}/hours-preview?from=${from}&hoursPerWeek=30`,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    const expected = {
      from,
      before: { hoursPerWeek: 40, monthlyRateOere: 250_000, fte: 1 },
      after: { hoursPerWeek: 30, monthlyRateOere: 200_000, fte: 0.75 },
    };
    expect(preview.json()).toEqual(expected);
    const url = `/api/staff/casework/placements/${place}/hours`;
    expect((await cw.call('POST', url, { from, hoursPerWeek: 30 })).statusCode).toBe(400);
    expect((await cw.call('POST', url, { from, hoursPerWeek: 40, reason: 'Ingen ændring' })).json().error).toBe(
      'placement.same-hours',
    );
    expect(
      (await (await loginAs(t.app, stranger)).call('POST', url, { from, hoursPerWeek: 30, reason: 'Orlov' }))
        .statusCode,
    ).toBe(403);
    const r = await cw.call('POST', url, { from, hoursPerWeek: 30, reason: 'Forælder på barselsorlov' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual(expected);
    expect(await placesOf(f.child)).toEqual([
      { unit_id: unit.id, hours_per_week: 40, valid: `[${start},${from})` },
      { unit_id: unit.id, hours_per_week: 30, valid: `[${from},)` },
    ]);
    // Fewer than 25 hours: half a full-time equivalent.
    const split = await db
      .selectFrom('placement')
      .select('id')
      .where('child_id', '=', f.child)
      .where('hours_per_week', '=', 30)
      .executeTakeFirstOrThrow();
    const low = await cw.call(
      'GET',
      `/api/staff/casework/placements/${split.id}/hours-preview?from=${from}&hoursPerWeek=20`,
    );
    expect(low.json().after.fte).toBe(0.5);
    const [letter] = await lettersTo(f.guardian);
    expect(letter!.content).toContain('2.000,00 kr.');
    expect(letter!.content).toContain('før 2.500,00 kr.');
    // The child page's view shows both rows with their rate and FTE, and the log with the reason.
    const view = (await cw.call('GET', `/api/staff/children/${f.child}/casework`)).json();
    expect(view.places.map((p: any) => [p.hoursPerWeek, p.monthlyRateOere, p.fte])).toEqual([
      [40, 250_000, 1],
      [30, 200_000, 0.75],
    ]);
    expect(view.log).toEqual([expect.objectContaining({ action: 'hours', reason: 'Forælder på barselsorlov' })]);
    expect(
      (await (await loginAs(t.app, stranger)).call('GET', `/api/staff/children/${f.child}/casework`)).statusCode,
    ).toBe(403);
  });

  it('keeps § 26 a on direct enrolments and manual offers: a unit admits no vulnerable-area child first', async () => {
    const db = t.database.db;
    const code = '0851';
    const cw = await aStaffUser(db, 'caseworker', [], code);
    const admin = await loginAs(t.app, await aStaffUser(db, 'admin', [], code));
    const unit = await aUnit(db, { municipalityCode: code });
    const area = await db
      .insertInto('area')
      .values({ municipality_code: code, name: `Parken ${unit.id.slice(0, 4)}` })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    const s = await admin.call('POST', '/api/staff/settings', {
      key: 'placement.vulnerable_areas',
      value: [area.name],
      start: today.plusYears(-1).toString(),
    });
    expect(s.statusCode, s.body).toBe(201);
    const child = await aChild(db, { birthDate: today.plusYears(-4) });
    await db
      .updateTable('household')
      .set({ municipality_code: code, area_id: area.id })
      .where('id', '=', child.householdId)
      .execute();
    await aGuardianOf(db, child);
    const c = await loginAs(t.app, cw);
    const body = {
      childId: child.id,
      unitId: unit.id,
      start: today.plusDays(7).toString(),
      hoursPerWeek: 40,
      reason: 'Akut',
    };
    const refused = await c.call('POST', '/api/staff/casework/placements', body);
    expect([refused.statusCode, refused.json().error]).toEqual([409, 'placement.distribution-rule']);
    const applied = await c.call('POST', '/api/staff/casework/applications', {
      childId: child.id,
      placeKind: 'boernehave',
      neededFrom: body.start,
      wishes: [unit.id],
      reason: 'Familien ønsker plads',
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const offer = await c.call('POST', '/api/staff/offers', {
      applicationId: applied.json().id,
      unitId: unit.id,
      start: body.start,
      reason: 'Manuelt tilbud',
    });
    expect([offer.statusCode, offer.json().error]).toEqual([409, 'placement.distribution-rule']);
    // Once three children from elsewhere start there this year, the fourth may come from the area (1 of 4 ≤ 30 %).
    for (let i = 0; i < 3; i++)
      await aPlacement(db, (await aChild(db, { birthDate: today.plusYears(-4) })).id, unit.id, today.plusDays(7));
    const ok = await c.call('POST', '/api/staff/casework/placements', body);
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
