// The finance page's payout preview: the month's summary (new, changed and unchanged against what was paid) and one
// page of its lines, the changes first; paging and the "only changes" filter. A database of its own, so the month
// holds only these cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, aStaffUser } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { LocalDate } from '../../shared/index.js';

let t: TestApp;
let caseworker: string, finance: string;
// The clock is pinned: 23 November 2026; December 2026 is paid in advance.
beforeAll(async () => {
  t = await testApp(LocalDate.of(2026, 11, 23));
  caseworker = await aStaffUser(t.database.db, 'caseworker');
  finance = await aStaffUser(t.database.db, 'finance');
});
afterAll(async () => {
  await t?.close();
});

/** A child (about 20 months in December 2026) in privat pasning at 4.000 kr. a month, applied for and approved:
 *  75 % = 3.000 kr. a month, alone in its household. */
async function approvedCase(firstName: string, payee: string) {
  const db = t.database.db;
  const child = await aChild(db, { birthDate: LocalDate.of(2025, 4, 1), firstName, lastName: 'Test' });
  const g = await aGuardianOf(db, child, { firstName: payee, lastName: 'Test' });
  const api = await loginAs(t.app, g.userId);
  const applied = await api.call('POST', '/api/citizen/subsidies', {
    childId: child.id,
    start: '2026-12-01',
    carer: { name: 'Privat pasningsordning Solstrålen', street: 'Havnegade 3', postalCode: '9800', city: 'Hjørring' },
    expenseOere: 400_000,
    hoursPerWeek: 40,
    childrenInCare: 4,
  });
  expect(applied.statusCode, applied.body).toBe(201);
  const cw = await loginAs(t.app, caseworker);
  const d = await cw.call('POST', `/api/staff/subsidies/cases/${applied.json().id}/decision`, { approve: true });
  expect(d.statusCode, d.body).toBe(200);
  return { caseId: applied.json().id as string, childId: child.id, payeeId: g.id };
}

describe(`the payout preview: summary and pages (${engine})`, () => {
  it('counts new, changed and unchanged against what was paid, lists the changes first and pages through the rest', async () => {
    const fin = await loginAs(t.app, finance);
    const preview = async (q = '') => {
      const r = await fin.call('GET', `/api/staff/subsidies/payouts/preview?municipality=0860&month=2026-12${q}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const a = await approvedCase('Asta', 'Anne'),
      b = await approvedCase('Bent', 'Birgit'),
      c = await approvedCase('Carl', 'Cecilie');

    // Nothing paid yet: three new lines of 3.000 kr.
    const first = await preview();
    expect(first.summary).toEqual({
      cases: 3,
      changes: 3,
      new: 3,
      changed: 0,
      unchanged: 0,
      totalOere: 900_000,
      dueOere: 900_000,
      paidOere: 0,
    });
    expect([first.page, first.pages, first.total, first.size]).toEqual([1, 1, 3, 50]);
    // By payee: Anne, Birgit, Cecilie.
    expect(first.lines.map((l: { caseId: string }) => l.caseId)).toEqual([a.caseId, b.caseId, c.caseId]);

    const run = await fin.call('POST', '/api/staff/subsidies/payouts', { municipality: '0860', month: '2026-12' });
    expect(run.json()).toMatchObject({ lines: 3, totalOere: 900_000 });
    // After the run: all unchanged, nothing to write, and "only changes" lists nothing.
    expect((await preview()).summary).toMatchObject({ cases: 3, changes: 0, new: 0, changed: 0, unchanged: 3 });
    expect(await preview('&filter=changes')).toMatchObject({ total: 0, pages: 1, page: 1, lines: [] });

    // Bent stops back-dated (last day 15 December: 15/31 of 3.000 kr. = 1.451,61 kr. due, 3.000 kr. paid) and Dorte's
    // new case starts: one changed, one new, two unchanged.
    const cw = await loginAs(t.app, caseworker);
    const stop = await cw.call('POST', `/api/staff/subsidies/cases/${b.caseId}/stop`, {
      lastDay: '2026-12-15',
      reason: 'Barnet er flyttet',
    });
    expect(stop.statusCode, stop.body).toBe(200);
    const d = await approvedCase('Dagmar', 'Dorte');
    const changed = await preview('&size=2');
    expect(changed.summary).toEqual({
      cases: 4,
      changes: 2,
      new: 1,
      changed: 1,
      unchanged: 2,
      totalOere: 145_161, // 1.548,39 kr. back from Birgit, 3.000 kr. to Dorte
      dueOere: 300_000 + 145_161 + 300_000 + 300_000,
      paidOere: 900_000,
    });
    // Page 1 of 2: the changes first (Birgit's correction, Dorte's payment); page 2: the unchanged (Anne, Cecilie).
    expect([changed.page, changed.pages, changed.total, changed.size]).toEqual([1, 2, 4, 2]);
    const kinds = (p: { lines: { caseId: string; kind: string }[] }) => p.lines.map((l) => [l.caseId, l.kind]);
    expect(kinds(changed)).toEqual([
      [b.caseId, 'correction'],
      [d.caseId, 'payment'],
    ]);
    expect(changed.lines[0]).toMatchObject({ payee: 'Birgit Test', child: 'Bent Test', paidOere: 300_000 });
    expect(changed.lines[0].amountOere).toBe(145_161 - 300_000);
    const second = await preview('&size=2&page=2');
    expect([second.page, second.pages, second.total]).toEqual([2, 2, 4]);
    expect(second.summary).toEqual(changed.summary); // the summary is of the month, not of the page
    expect(kinds(second)).toEqual([
      [a.caseId, 'unchanged'],
      [c.caseId, 'unchanged'],
    ]);
    // Past the last page: the last page.
    expect((await preview('&size=2&page=9')).page).toBe(2);
    // Only the changes: both on one page.
    const only = await preview('&filter=changes');
    expect([only.total, only.pages, kinds(only)]).toEqual([
      2,
      1,
      [
        [b.caseId, 'correction'],
        [d.caseId, 'payment'],
      ],
    ]);

    // The audit names the people on the page shown, not the whole month.
    const last = await t.database.db
      .selectFrom('audit_log')
      .select(['subject_ids', 'details'])
      .where('action', '=', 'subsidies.payout_preview')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // (The last preview above was "only changes", page 1.)
    expect([...last.subject_ids].sort()).toEqual([b.childId, b.payeeId, d.childId, d.payeeId].sort());

    // The run writes exactly the two changes the preview showed.
    const run2 = await fin.call('POST', '/api/staff/subsidies/payouts', { municipality: '0860', month: '2026-12' });
    expect(run2.json()).toMatchObject({ lines: 2, totalOere: changed.summary.totalOere, recoveries: 1 });
  });

  it('refuses a page size outside 1–500 and an unknown filter with a 400', async () => {
    const fin = await loginAs(t.app, finance);
    for (const q of ['&size=0', '&size=501', '&page=0', '&filter=some'])
      expect(
        (await fin.call('GET', `/api/staff/subsidies/payouts/preview?municipality=0860&month=2026-12${q}`)).statusCode,
      ).toBe(400);
  });
});
