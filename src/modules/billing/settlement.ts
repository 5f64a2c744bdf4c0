// §41 settlement statements: what the place municipality bills each home municipality for a month.
import type { Oere } from '../../shared/index.js';
import { addMonths, ageInYears } from '../../shared/iso-day.js';
import {
  ageBandOfYears,
  billedShare,
  covers,
  feeKindOf,
  hoursClassOf,
  rateOf,
  settlementOf,
  type BillingData,
} from './engine.js';
import { percentOf } from '../../shared/index.js';

export interface SettlementLine {
  childId: string;
  ageBand: string;
  subsidy: Oere;
  parentExtra: Oere;
  missingCosts: boolean;
}

export function settlementStatement(data: BillingData, month: string): Map<string, SettlementLine[]> {
  const out = new Map<string, SettlementLine[]>();
  const next = addMonths(month, 1);
  for (const p of data.places) {
    if (!(p.lo < next && (p.hi === null || p.hi > month))) continue;
    const d = p.lo > month ? p.lo : month;
    const householdId = data.residences.get(p.childId)?.find((r) => covers(r, d))?.householdId ?? null;
    const age = ageInYears(p.birthDate, month),
      band = ageBandOfYears(age),
      kind = feeKindOf(p.kind, p.unitType, age);
    const cal = data.calendar.get(kind)?.find((c) => covers(c, d));
    const share = billedShare(p, month, cal?.changeDay ?? 1);
    const rate = rateOf(data.rates, kind, band, p.leave30 ? 'leave30' : hoursClassOf(p.hours), d);
    const s = settlementOf(data, householdId, band, month, rate?.amount ?? 0);
    if (!s || share === 0) continue;
    const list = out.get(s.home) ?? [];
    list.push({
      childId: p.childId,
      ageBand: band,
      subsidy: percentOf(s.subsidy, share),
      parentExtra: percentOf(s.parentExtra, share),
      missingCosts: s.missing,
    });
    out.set(s.home, list);
  }
  return out;
}
