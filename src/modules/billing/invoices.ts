// Invoices: lists, one invoice with its lines, sending a month (outbox events), and the debtor export.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { formatDkk } from '../../shared/index.js';
import { sendLetters, type LetterDraft } from '../../platform/letters/index.js';
import type { LocalDate } from '../../shared/index.js';
import { monthName } from './diff.js';
import { monthState } from './queries.js';

export interface InvoiceView {
  id: string;
  number: number;
  month: string;
  seq: number;
  status: 'draft' | 'sent';
  totalOere: number;
  payerId: string;
  payerName: string;
  lines: { childId: string; childName: string; serviceMonth: string; code: string; text: string; amountOere: number }[];
}

export async function invoicesWithLines(
  db: Db,
  where: { ids?: string[]; payerId?: string; municipality?: string; month?: string },
): Promise<InvoiceView[]> {
  let q = db
    .selectFrom('invoice as i')
    .innerJoin('person as p', 'p.id', 'i.payer_id')
    .select([
      'i.id',
      'i.number',
      sql<string>`i.month::text`.as('month'),
      'i.seq',
      'i.status',
      'i.total_oere',
      'i.payer_id',
      'p.first_name',
      'p.last_name',
    ]);
  if (where.ids) q = q.where('i.id', 'in', where.ids.length ? where.ids : ['00000000-0000-0000-0000-000000000000']);
  if (where.payerId) q = q.where('i.payer_id', '=', where.payerId);
  if (where.municipality) q = q.where('i.municipality_code', '=', where.municipality);
  if (where.month) q = q.where('i.month', '=', where.month);
  const inv = await q
    .orderBy('i.month', 'desc')
    .orderBy('i.number', 'desc')
    .limit(where.ids ? where.ids.length : 500)
    .execute();
  if (!inv.length) return [];
  const lines = await db
    .selectFrom('invoice_line as l')
    .innerJoin('person as c', 'c.id', 'l.child_id')
    .select([
      'l.invoice_id',
      'l.child_id',
      'c.first_name',
      sql<string>`l.service_month::text`.as('service_month'),
      'l.code',
      'l.text',
      'l.amount_oere',
    ])
    .where(
      'l.invoice_id',
      'in',
      inv.map((i) => i.id),
    )
    .orderBy('l.id')
    .execute();
  return inv.map((i) => ({
    id: i.id,
    number: Number(i.number),
    month: i.month,
    seq: i.seq,
    status: i.status,
    totalOere: Number(i.total_oere),
    payerId: i.payer_id,
    payerName: `${i.first_name} ${i.last_name}`,
    lines: lines
      .filter((l) => l.invoice_id === i.id)
      .map((l) => ({
        childId: l.child_id,
        childName: l.first_name,
        serviceMonth: l.service_month,
        code: l.code,
        text: l.text,
        amountOere: Number(l.amount_oere),
      })),
  }));
}

/** Invoice summary of a month: counts and totals by status. */
export async function monthSummary(db: Db, municipality: string, month: string) {
  const rows = await db
    .selectFrom('invoice')
    .select([
      'status',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`count(distinct payer_id)::int`.as('payers'),
      sql<number>`coalesce(sum(total_oere), 0)::bigint`.as('total'),
    ])
    .where('municipality_code', '=', municipality)
    .where('month', '=', month)
    .groupBy('status')
    .execute();
  const state = await monthState(db, municipality, month);
  const by = (s: string) => {
    const r = rows.find((x) => x.status === s);
    return { count: r?.n ?? 0, totalOere: Number(r?.total ?? 0), payers: r?.payers ?? 0 };
  };
  return {
    month,
    draft: by('draft'),
    sent: by('sent'),
    closed: !!state.closedAt,
    billed: state.billed || rows.length > 0,
    exportedAt: state.exportedAt,
    reopenedAt: state.reopenedAt,
    reopenReason: state.reopenReason,
  };
}

/** The body of an invoice letter (Danish), for the family's inbox. */
export function invoiceLetter(inv: InvoiceView): LetterDraft {
  return {
    kind: 'invoice',
    subject: `Opkrævning for ${monthName(inv.month)}${inv.seq > 1 ? ` (tillæg ${inv.seq - 1})` : ''}`,
    recipients: [inv.payerId],
    childId: inv.lines[0]?.childId ?? null,
    blocks: [
      { heading: `Forældrebetaling for ${monthName(inv.month)}` },
      {
        text: `Faktura nr. ${inv.number}. Beløbet opkræves forud for måneden. Linjerne viser takst, frokostordning og de tilskud, I får.`,
      },
      {
        table: {
          columns: ['Barn', 'Måned', 'Tekst', 'Beløb'],
          alignRight: [3],
          rows: [
            ...inv.lines.map((l) => [l.childName, monthName(l.serviceMonth), l.text, formatDkk(l.amountOere)]),
            ['', '', 'I alt', formatDkk(inv.totalOere)],
          ],
        },
      },
      {
        text: 'Har I spørgsmål til opkrævningen, eller er jeres indkomst ændret, så kontakt kommunens pladsanvisning. Ændringer med tilbagevirkende kraft reguleres på en senere opkrævning.',
      },
    ],
  };
}

/** Marks a month's draft invoices sent, puts each in the payer's inbox as a letter (rendered to PDF on demand)
 *  and writes one outbox event each, all in the caller's transaction. */
export async function sendMonth(trx: Db, municipality: string, month: string, today: LocalDate) {
  const sent = await trx
    .updateTable('invoice')
    .set({ status: 'sent', sent_at: sql`now()` })
    .where('municipality_code', '=', municipality)
    .where('month', '=', month)
    .where('status', '=', 'draft')
    .returning(['id'])
    .execute();
  const ids = sent.map((s) => s.id);
  for (let i = 0; i < ids.length; i += 5000) {
    await sql`insert into billing_event (type, invoice_id, payload)
      select 'invoice.sent', i.id, jsonb_build_object('version', 1, 'invoiceNumber', i.number, 'municipality', i.municipality_code, 'month', to_char(i.month, 'YYYY-MM'),
        'seq', i.seq, 'payerId', i.payer_id, 'amountOere', i.total_oere)
      from invoice i where i.id = any(${ids.slice(i, i + 5000)}::uuid[]) order by i.number`.execute(trx);
  }
  for (let i = 0; i < ids.length; i += 2000) {
    const invoices = await invoicesWithLines(trx, { ids: ids.slice(i, i + 2000) });
    const letters = await sendLetters(trx, invoices.map(invoiceLetter), today);
    await sql`update invoice set letter_id = l.letter from unnest(${invoices.map((x) => x.id)}::uuid[], ${letters}::uuid[]) as l(id, letter)
      where invoice.id = l.id`.execute(trx);
  }
  return ids;
}

export const EXPORT_VERSION = 1;
/** The debtor export of a month's sent invoices (docs/formats/debtor-export.md). */
export async function debtorExport(db: Db, municipality: string, month: string) {
  const rows =
    await sql<any>`select i.number, i.seq, to_char(i.month, 'YYYY-MM') as month, i.total_oere, p.cpr, p.first_name, p.last_name, p.address_protected,
      h.street, h.postal_code, h.city, to_char(i.sent_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD') as sent_on,
      coalesce((select jsonb_agg(jsonb_build_object('childId', l.child_id, 'serviceMonth', to_char(l.service_month, 'YYYY-MM'), 'code', l.code, 'amountOere', l.amount_oere) order by l.id)
        from invoice_line l where l.invoice_id = i.id), '[]') as lines
    from invoice i join person p on p.id = i.payer_id left join household h on h.id = i.household_id
    where i.municipality_code = ${municipality} and i.month = ${month}::date and i.status = 'sent' order by i.number`.execute(
      db,
    );
  return rows.rows.map((r) => ({
    invoiceNumber: Number(r.number),
    seq: r.seq,
    month: r.month,
    municipality,
    payerCpr: r.cpr,
    payerName: `${r.first_name} ${r.last_name}`,
    // A protected payer's address stays out of the export (the debtor system has it from CPR itself).
    address: r.street && !r.address_protected ? `${r.street}, ${r.postal_code} ${r.city}` : null,
    amountOere: Number(r.total_oere),
    sentOn: r.sent_on,
    dueOn: `${r.month}-01`,
    lines: (typeof r.lines === 'string' ? JSON.parse(r.lines) : r.lines).map((l: any) => ({
      ...l,
      amountOere: Number(l.amountOere),
    })),
  }));
}

const csvCell = (v: string | number | boolean | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[";\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
export function debtorCsv(rows: Awaited<ReturnType<typeof debtorExport>>) {
  const head = [
    'format_version',
    'invoice_number',
    'seq',
    'month',
    'municipality',
    'payer_cpr',
    'payer_name',
    'address',
    'amount_oere',
    'sent_on',
    'due_on',
  ];
  return (
    [
      head.join(';'),
      ...rows.map((r) =>
        [
          EXPORT_VERSION,
          r.invoiceNumber,
          r.seq,
          r.month,
          r.municipality,
          r.payerCpr,
          r.payerName,
          r.address,
          r.amountOere,
          r.sentOn,
          r.dueOn,
        ]
          .map(csvCell)
          .join(';'),
      ),
    ].join('\r\n') + '\r\n'
  );
}
