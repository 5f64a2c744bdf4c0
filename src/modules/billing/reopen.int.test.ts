// Closing and reopening a billing month: a month never billed cannot be closed; a closed month reopens only with a
// reason (kept on the month and in the audit log), only for billing.manage, and never once exported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { billingTestApp } from '../../../test/billing-fixture.js';
import { aStaffUser } from '../../../test/builders.js';
import { startRun } from './run.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, fin: Awaited<ReturnType<typeof loginAs>>;
const M = '0860';
const bill = async (month: string) => {
  const r = await startRun(t.database.db, { municipality: M, month: month + '-01', userId: null });
  await r.done;
};
const summary = async (month: string) =>
  (await fin.call('GET', `/api/staff/billing/months?municipality=${M}&month=${month}`)).json();
const close = (month: string) => fin.call('POST', '/api/staff/billing/months/close', { municipality: M, month });
const reopen = (who: typeof fin, month: string, body: object) =>
  who.call('POST', `/api/staff/billing/months/${month}/reopen`, { municipality: M, ...body });
const auditRows = (action: string) =>
  t.database.db.selectFrom('audit_log').select(['user_role', 'details']).where('action', '=', action).execute();

beforeAll(async () => {
  ({ t, f, fin } = await billingTestApp());
});
afterAll(async () => {
  await t?.close();
});

describe(`closing and reopening a billing month (${engine})`, () => {
  it('refuses to close a month that was never billed, and the month stays open', async () => {
    const res = await close('2027-02');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'billing.month-not-billed' });
    expect(await summary('2027-02')).toMatchObject({ billed: false, closed: false });
    // Nothing was closed: the month can still be previewed and run.
    expect((await fin.call('GET', `/api/staff/billing/preview?municipality=${M}&month=2027-02`)).statusCode).toBe(200);
  });

  it('reopens a closed month with a reason, audited, and runs are allowed again', async () => {
    await bill('2026-12');
    expect(
      (await fin.call('POST', '/api/staff/billing/months/send', { municipality: M, month: '2026-12' })).statusCode,
    ).toBe(200);
    const s = await summary('2026-12');
    expect(s).toMatchObject({ billed: true, draft: { count: 0 } });
    expect(s.sent.count).toBeGreaterThan(0);
    expect(s.sent.payers).toBe(s.sent.count);
    expect((await close('2026-12')).statusCode).toBe(200);
    expect(await summary('2026-12')).toMatchObject({ closed: true });
    expect((await fin.call('GET', `/api/staff/billing/preview?municipality=${M}&month=2026-12`)).statusCode).toBe(409);

    // No reason, a blank one, or the wrong role: refused, and the month stays closed.
    expect((await reopen(fin, '2026-12', {})).statusCode).toBe(400);
    expect((await reopen(fin, '2026-12', { reason: '   ' })).statusCode).toBe(400);
    const caseworker = await loginAs(t.app, await aStaffUser(t.database.db, 'caseworker'));
    expect((await reopen(caseworker, '2026-12', { reason: 'Forkert takst for Sol' })).statusCode).toBe(403);
    expect(await summary('2026-12')).toMatchObject({ closed: true, reopenedAt: null });
    expect(await auditRows('billing.month.reopen')).toHaveLength(0);

    const ok = await reopen(fin, '2026-12', { reason: 'Forkert takst for Sol' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ closed: false });
    expect(await summary('2026-12')).toMatchObject({ closed: false, reopenReason: 'Forkert takst for Sol' });
    const audited = await auditRows('billing.month.reopen');
    expect(audited).toHaveLength(1);
    expect(audited[0]!.user_role).toBe('finance');
    expect(audited[0]!.details).toMatchObject({
      municipality: M,
      month: '2026-12-01',
      reason: 'Forkert takst for Sol',
    });
    // Open again: the month can be previewed and run (a closed month refuses both).
    expect((await fin.call('GET', `/api/staff/billing/preview?municipality=${M}&month=2026-12`)).statusCode).toBe(200);
    // Reopening an open month says so.
    const again = await reopen(fin, '2026-12', { reason: 'Igen' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'billing.month-not-closed' });
  });

  it('refuses to reopen once the invoices were exported, and names the correction run', async () => {
    await bill('2027-01');
    await fin.call('POST', '/api/staff/billing/months/send', { municipality: M, month: '2027-01' });
    expect((await close('2027-01')).statusCode).toBe(200);
    const exp = await fin.call('GET', `/api/staff/billing/export?municipality=${M}&month=2027-01`);
    expect(exp.statusCode).toBe(200);
    expect(exp.json().invoices.length).toBeGreaterThan(0);
    expect((await summary('2027-01')).exportedAt).not.toBeNull();
    const before = (await auditRows('billing.month.reopen')).length;
    const res = await reopen(fin, '2027-01', { reason: 'Forkert takst' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: 'billing.month-exported',
      params: { month: 'januar 2027', next: 'februar 2027' },
    });
    expect(await summary('2027-01')).toMatchObject({ closed: true, reopenedAt: null });
    expect(await auditRows('billing.month.reopen')).toHaveLength(before);
    void f;
  });
});
