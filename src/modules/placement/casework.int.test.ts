// Casework on a family's behalf (issue 16): every action needs a reason, writes its casework row, its audit row and
// where due a letter to the guardians; a caseworker of another municipality is refused. Here: applying for the family
// and withdrawing a place; places given by the caseworker in casework-places.int.test.ts, weekly hours in
// casework-hours.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp } from '../../../test/app.js';
import { aPlacement, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import type { LocalDate } from '../../shared/index.js';
import { caseworkFixture } from './testkit/casework.js';

type Fixture = Awaited<ReturnType<typeof caseworkFixture>>;
let t: TestApp, today: LocalDate, caseworker: string, stranger: string;
let family: Fixture['family'], lettersTo: Fixture['lettersTo'], auditOf: Fixture['auditOf'], logOf: Fixture['logOf'];
beforeAll(async () => {
  ({ t, today, caseworker, stranger, family, lettersTo, auditOf, logOf } = await caseworkFixture());
});
afterAll(async () => {
  await t?.close();
});

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
});
