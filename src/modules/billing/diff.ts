// What a run must write: for each payer and service month, what should be billed minus what already is.
// Lines are keyed by child, kind of place, service month and code; a zero difference writes nothing, so a second
// run with unchanged data writes nothing, and a back-dated change becomes correction lines on this month's invoice.
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

/**
 * Digests of the desired lines per payer and service month (what billed_state stores after a run): the number of
 * lines and two 32-bit sums of a hash of each line (child, kind of place, code, amount). A sum does not depend on the
 * order of the lines, so nothing is sorted, joined or handed to a native hash per state (sha1 of the sorted lines cost
 * ≈ 10 µs per state). A digest that differs only makes the state "changed" (the diff then writes what truly differs);
 * two different sets of lines with the same count and both sums (≈ 2⁻⁶⁴ by chance) would be missed.
 */
export function digests(lines: readonly DesiredLine[]): Map<string, string> {
  const sums = new Map<string, [number, number, number]>();
  let payer = '',
    month = '',
    s: [number, number, number] = [0, 0, 0];
  for (const l of lines) {
    // A payer's lines of a month mostly come together: the key is built once per run of them.
    if (l.payerId !== payer || l.serviceMonth !== month) {
      payer = l.payerId;
      month = l.serviceMonth;
      const k = stateKey(month, payer);
      const got = sums.get(k);
      if (got) s = got;
      else sums.set(k, (s = [0, 0, 0]));
    }
    const lo = l.amount | 0, // øre: the low and high 32 bits
      hi = Math.floor(l.amount / 0x100000000) | 0;
    const a = Math.imul(
      Math.imul(lane(lane(lane(0x811c9dc5, l.childId, M1), l.placementKind, M1), l.code, M1) ^ lo, M1) ^ hi,
      M1,
    );
    const b = Math.imul(
      Math.imul(lane(lane(lane(0x9747b28c, l.childId, M2), l.placementKind, M2), l.code, M2) ^ lo, M2) ^ hi,
      M2,
    );
    s[0]++;
    s[1] = (s[1] + fmix(a)) | 0;
    s[2] = (s[2] + fmix(b ^ 0x5f3759df)) | 0;
  }
  const out = new Map<string, string>();
  for (const [k, s] of sums) out.set(k, digestOf(s));
  return out;
}
// Two 32-bit hashes of a line, part by part (FNV-1a with two multipliers; no string is built per line).
const M1 = 0x01000193,
  M2 = 0x5bd1e995;
function lane(h: number, part: string, mul: number) {
  for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), mul);
  return Math.imul(h ^ 0x7c, mul); // '|' after each part
}
/** murmur3's finaliser: every input bit reaches every output bit. */
function fmix(h: number) {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
const digestOf = (s: readonly [number, number, number]) =>
  `${s[0]}.${(s[1] >>> 0).toString(36)}.${(s[2] >>> 0).toString(36)}`;
/** The digest of a payer's month without lines. */
export const EMPTY_DIGEST = digestOf([0, 0, 0]);

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
