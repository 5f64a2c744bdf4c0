// Retention (issue 16): the people billing still holds, the invoices due for erasure and their erasure.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

/** Retention (issue 16): the people (children on a line, payers) billing still holds. Spire records no payments (the
 *  debtor system does), so an invoice is held while it is a draft or within the bookkeeping law's period: `years`
 *  after the end of its financial year (the calendar year). That is longer than the 3-year limitation of a claim
 *  (forældelsesloven § 3), so every invoice that may still be unpaid holds its child and payer. */
export async function billingHolds(db: Db, personIds: string[], today: { year: number }, years: number) {
  if (!personIds.length) return new Set<string>();
  const rows = await sql<{ id: string }>`
    with kept as (select id, payer_id from invoice
                   where status = 'draft' or extract(year from month)::int >= ${today.year - years})
    select l.child_id as id from invoice_line l join kept k on k.id = l.invoice_id where l.child_id = any(${personIds}::uuid[])
    union select payer_id from kept where payer_id = any(${personIds}::uuid[])`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}

/** The municipality's sent invoices whose bookkeeping period is over (financial year + `years` before this year). */
export async function invoicesDue(db: Db, municipalityCode: string, today: { year: number }, years: number) {
  const rows = await db
    .selectFrom('invoice')
    .select(['id', 'payer_id as payerId'])
    .where('municipality_code', '=', municipalityCode)
    .where('status', '=', 'sent')
    .where(sql<boolean>`extract(year from month)::int < ${today.year - years}`)
    .execute();
  return rows;
}

/** Deletes invoices with their lines and events; returns the letters that carried them (for the letters module). */
export async function eraseInvoices(trx: Db, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const letters = await trx
    .selectFrom('invoice')
    .select('letter_id')
    .where('id', 'in', ids)
    .where('letter_id', 'is not', null)
    .execute();
  await trx.deleteFrom('billing_event').where('invoice_id', 'in', ids).execute();
  await trx.deleteFrom('invoice').where('id', 'in', ids).execute();
  return letters.map((l) => l.letter_id!);
}

/** Of these letters, those that carry an invoice (kept with it). */
export async function invoiceLetterIds(db: Db, letterIds: string[]): Promise<Set<string>> {
  if (!letterIds.length) return new Set();
  const rows = await db.selectFrom('invoice').select('letter_id').where('letter_id', 'in', letterIds).execute();
  return new Set(rows.map((r) => r.letter_id!));
}
