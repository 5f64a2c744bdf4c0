// A run is written by chunks of payers, two write transactions side by side: the run records every chunk's invoices
// and lines, each payer gets one invoice, and a second run with nothing changed writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, aPlacement, aUnit } from '../../../test/builders.js';
import { engine } from '../../../test/db.js';
import { billingTestApp } from '../../../test/billing-fixture.js';
import { LocalDate } from '../../shared/index.js';
import { startRun } from './run.js';

let t: TestApp;
beforeAll(async () => {
  ({ t } = await billingTestApp());
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe(`a run written by chunks (${engine})`, () => {
  it('counts the invoices and lines of every chunk, one invoice per payer; no change writes nothing', async () => {
    const db = t.database.db;
    const today = LocalDate.parse((await t.app.inject({ url: '/api/health' })).json().today);
    const month = today.plusMonths(1).firstOfMonth();
    const unit = await aUnit(db, { type: 'integreret' });
    for (let i = 0; i < 5; i++) {
      const child = await aChild(db);
      await aGuardianOf(db, child);
      await aPlacement(db, child.id, unit.id, month.plusMonths(-2));
    }
    const run = async () => {
      const r = await startRun(db, { municipality: '0860', month: month.toString(), userId: null, writePayers: 1 });
      await r.done;
      const row = await db.selectFrom('billing_run').selectAll().where('id', '=', r.runId).executeTakeFirstOrThrow();
      const written = await sql<{ invoices: number; payers: number; lines: number }>`
        select count(distinct i.id)::int as invoices, count(distinct i.payer_id)::int as payers, count(l.id)::int as lines
        from invoice i left join invoice_line l on l.invoice_id = i.id where i.run_id = ${r.runId}`.execute(db);
      return { row, written: written.rows[0]! };
    };
    const first = await run();
    expect(first.row.status).toBe('done');
    expect(first.written.payers).toBeGreaterThanOrEqual(5);
    expect(first.written.invoices).toBe(first.written.payers);
    expect(first.row.invoices_written).toBe(first.written.invoices);
    expect(first.row.lines_written).toBe(first.written.lines);
    const second = await run();
    expect(second.row).toMatchObject({ status: 'done', invoices_written: 0, lines_written: 0 });
  });
});
