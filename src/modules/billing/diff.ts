// What a run must write: for each payer and service month, what should be billed minus what already is.
// Lines are keyed by child, kind of place, service month and code; a zero difference writes nothing, so a second
// run with unchanged data writes nothing, and a back-dated change becomes correction lines on this month's invoice.
import { hash } from 'node:crypto';
import type { Oere } from '../../shared/index.js';
import type { DesiredLine } from './engine.js';

export interface BilledLine {
  payerId: string;
  childId: string;
  placementKind: string;
  serviceMonth: string;
  code: string;
  text: string;
  amount: Oere;
}
export type NewLine = DesiredLine;

export const stateKey = (serviceMonth: string, payerId: string) => `${serviceMonth}|${payerId}`;
const lineKey = (l: { payerId: string; childId: string; placementKind: string; serviceMonth: string; code: string }) =>
  `${l.payerId}|${l.childId}|${l.placementKind}|${l.serviceMonth}|${l.code}`;

/** Digests of the desired lines per payer and service month (what billed_state stores after a run). */
export function digests(lines: readonly DesiredLine[]): Map<string, string> {
  const parts = new Map<string, string[]>();
  let payer = '',
    month = '',
    p: string[] = [];
  for (const l of lines) {
    // A payer's lines of a month mostly come together: the key is built once per run of them.
    if (l.payerId !== payer || l.serviceMonth !== month) {
      payer = l.payerId;
      month = l.serviceMonth;
      const k = stateKey(month, payer);
      const got = parts.get(k);
      if (got) p = got;
      else parts.set(k, (p = []));
    }
    p.push(`${l.childId}|${l.placementKind}|${l.code}|${l.amount}`);
  }
  const out = new Map<string, string>();
  for (const [k, p] of parts) out.set(k, sha1(p.length === 1 ? p[0]! : p.sort().join(';')));
  return out;
}
const sha1 = (s: string) => hash('sha1', s, 'base64');
export const EMPTY_DIGEST = sha1('');

/** The (service month, payer) pairs whose desired digest differs from the stored one. */
export function changedStates(desired: Map<string, string>, stored: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [k, d] of desired) if (stored.get(k) !== d) out.add(k);
  for (const [k, d] of stored) if (!desired.has(k) && d !== EMPTY_DIGEST) out.add(k);
  return out;
}

const MONTHS = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];
export const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** Lines to write on `invoiceMonth`'s invoices: desired − billed per key, for the changed states only. */
export function differences(
  invoiceMonth: string,
  desired: readonly DesiredLine[],
  billed: readonly BilledLine[],
  changed: Set<string>,
): NewLine[] {
  const have = new Map<string, { amount: Oere; line: BilledLine }>();
  for (const b of billed) {
    if (!changed.has(stateKey(b.serviceMonth, b.payerId))) continue;
    const k = lineKey(b),
      h = have.get(k);
    if (h) h.amount += b.amount;
    else have.set(k, { amount: b.amount, line: b });
  }
  const out: NewLine[] = [];
  const prefix = (m: string) => (m < invoiceMonth ? `Regulering ${monthName(m)}: ` : '');
  for (const d of desired) {
    if (!changed.has(stateKey(d.serviceMonth, d.payerId))) continue;
    const k = lineKey(d),
      h = have.get(k);
    have.delete(k);
    const delta = d.amount - (h?.amount ?? 0);
    if (delta !== 0 || (!h && d.serviceMonth === invoiceMonth))
      out.push({ ...d, text: prefix(d.serviceMonth) + d.text, amount: delta });
  }
  for (const { amount, line } of have.values()) {
    if (amount === 0) continue;
    out.push({
      payerId: line.payerId,
      householdId: null,
      childId: line.childId,
      placementKind: line.placementKind as NewLine['placementKind'],
      serviceMonth: line.serviceMonth,
      code: line.code as NewLine['code'],
      text: `Tilbageført ${monthName(line.serviceMonth)}: ${line.text.replace(/^(Regulering|Tilbageført) [a-zæøå]+ \d{4}: /, '')}`,
      amount: -amount,
    });
  }
  return out;
}
