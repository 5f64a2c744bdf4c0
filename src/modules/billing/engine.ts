// The billing engine, pure: from a municipality's data over a few months (loaded set-based by load.ts) to the
// invoice lines every payer should have for one service month. The fee of each household comes from
// monthlyFees (fees.ts), the same code `spire fees` prints. Dates are ISO strings here: 30,000 children × months
// is a hot loop, and ISO dates compare correctly as strings. Intervals are [lo, hi) with hi null for open-ended.
import { LocalDate, municipalityByCode, percentOf, type Oere } from '../../shared/index.js';
import { addMonths, ageInYears } from '../../shared/iso-day.js';
import type { AgeBand, FeeHours, PlacementKind, UnitType } from '../../platform/db/schema.js';
import { monthlyFees, type ChildPlace, type FeeLine, type PlaceKind } from './fees.js';
import type { FripladsScale } from './friplads.js';

export interface Iv {
  lo: string;
  hi: string | null;
}
export const covers = (iv: Iv, d: string) => iv.lo <= d && (iv.hi === null || d < iv.hi);
const overlaps = (iv: Iv, a: string, b: string) => iv.lo < b && (iv.hi === null || iv.hi > a);
function on<T extends Iv>(list: readonly T[] | undefined, d: string): T | undefined {
  if (list) for (const x of list) if (x.lo <= d && (x.hi === null || d < x.hi)) return x;
  return undefined;
}

export interface Place extends Iv {
  id: string;
  childId: string;
  birthDate: string;
  unitId: string;
  unitType: UnitType;
  kind: PlacementKind;
  hours: number;
  leave30?: boolean;
}
export interface BillingData {
  municipality: string;
  places: Place[];
  /** Folkeregister address over time, for children and guardians. */
  residences: Map<string, (Iv & { householdId: string })[]>;
  custody: Map<string, (Iv & { guardianId: string })[]>;
  /** Everyone registered at a household, with birth date (to count children under 18). */
  members: Map<string, (Iv & { birthDate: string })[]>;
  incomes: Map<string, (Iv & { yearly: Oere; singleProvider: boolean })[]>;
  /** Key `${kind}|${ageBand}|${hours}`. */
  rates: Map<string, (Iv & { amount: Oere })[]>;
  lunch: Map<string, (Iv & { amount: Oere; optedOut: boolean })[]>;
  calendar: Map<string, (Iv & { payingMonths: number; changeDay: number })[]>;
  social: Map<string, (Iv & { percent: number })[]>;
  scales: FripladsScale[];
  /** §41: the municipality of each household (absent: the billing municipality). */
  householdMunicipality?: Map<string, string>;
  /** §41: key `${municipality}|${year}|${ageBand}`. */
  placeCosts?: Map<string, { net: Oere; gross: Oere; subsidyPercent: number }>;
}

export interface DesiredLine {
  payerId: string;
  householdId: string | null;
  childId: string;
  placementKind: PlacementKind;
  serviceMonth: string;
  code: FeeLine['code'] | 'settlement';
  text: string;
  amount: Oere;
}
/** A placed child the month bills nothing for, though it should: a run refuses while there is one (run.ts). */
export interface Unbilled {
  childId: string;
  placementId: string;
  month: string;
  reason: string;
}
/** A placed child the month bills, though not as it should be: the run goes ahead and keeps the warning (run.ts). */
export interface Warning {
  childId: string;
  month: string;
  text: string;
}
export interface MonthResult {
  lines: DesiredLine[];
  warnings: Warning[];
  children: number;
  unbilled: Unbilled[];
}

const day15 = (month: string) => month.slice(0, 8) + '15';

export function ageBandOfYears(years: number): AgeBand {
  return years < 3 ? '0-2' : years < 6 ? '3-5' : years < 10 ? '6-9' : years < 14 ? '10-13' : '14-17';
}

/**
 * Which rate applies: the kind of the place. Dagpleje, vuggestue and børnehave by the unit (a 3-year-old still in
 * dagpleje pays the dagpleje rate, a 6-year-old still in børnehave the børnehave rate); in an integrated unit
 * (integreret, landsbyordning) the nursery rate under 3 and the kindergarten rate from 3; SFO or fritidshjem by the unit.
 */
export function feeKindOf(kind: PlacementKind, unitType: UnitType, ageYears: number): PlaceKind {
  if (kind === 'klub') return 'klub';
  if (kind === 'fritidstilbud') return unitType === 'fritidshjem' ? 'fritidshjem' : 'sfo';
  if (unitType === 'dagpleje' || unitType === 'vuggestue' || unitType === 'boernehave') return unitType;
  return ageYears < 3 ? 'vuggestue' : 'boernehave';
}
/** The age band each kind of place is made for: its rate there is the fallback for a child older or younger. */
export const HOME_BAND: Record<PlaceKind, AgeBand> = {
  dagpleje: '0-2',
  vuggestue: '0-2',
  boernehave: '3-5',
  integreret: '3-5',
  sfo: '6-9',
  fritidshjem: '6-9',
  klub: '10-13',
};
const KIND_NAME: Record<PlaceKind, string> = {
  dagpleje: 'dagpleje',
  vuggestue: 'vuggestue',
  boernehave: 'børnehave',
  integreret: 'integreret',
  sfo: 'SFO',
  fritidshjem: 'fritidshjem',
  klub: 'klub',
};
const HOURS_NAME: Record<FeeHours, string> = { full: 'fuld tid', part: 'deltid', leave30: '30-timers orlovsplads' };

/**
 * The rate of a place on a day: the kind's rate for the child's own age band, else the kind's rate for its home band
 * (HOME_BAND). Part time falls back to the full-time rate of the same band; a leave30 place never does.
 */
export function rateOf(
  rates: BillingData['rates'],
  kind: PlaceKind,
  band: AgeBand,
  hours: FeeHours,
  d: string,
): (Iv & { amount: Oere }) | undefined {
  for (const b of band === HOME_BAND[kind] ? [band] : [band, HOME_BAND[kind]]) {
    const r =
      on(rates.get(`${kind}|${b}|${hours}`), d) ??
      (hours === 'part' ? on(rates.get(`${kind}|${b}|full`), d) : undefined);
    if (r) return r;
  }
  return undefined;
}
/** Up to 30 hours a week is a part-time place; a municipality without part-time rates charges the full rate. */
export const hoursClassOf = (hours: number): FeeHours => (hours > 30 ? 'full' : 'part');

/**
 * Share of a month billed for a place (percent). Change day 1: the whole month once the place runs on any day of it.
 * Change day 15: the month is two halves (1st–14th, 15th–end), each billed when the place runs on any day of it.
 * A period is billed once per child and kind of place: after a transfer within the period, it stays with the
 * `previous` place (the child's place of the same kind just before this one), and the new place pays from the next period.
 */
export function billedShare(place: Iv, month: string, changeDay: number, previous?: Iv): number {
  return shareOf(place, month, addMonths(month, 1), changeDay, previous);
}
function shareOf(place: Iv, month: string, next: string, changeDay: number, previous?: Iv): number {
  const billed = (a: string, b: string) => overlaps(place, a, b) && !(previous && overlaps(previous, a, b));
  if (changeDay === 1) return billed(month, next) ? 100 : 0;
  return (billed(month, day15(month)) ? 50 : 0) + (billed(day15(month), next) ? 50 : 0);
}

/** Each place's predecessor: the same child's place of the same kind that ended just before it (cached per data set). */
const predecessors = new WeakMap<readonly Place[], Map<string, Place>>();
function previousPlaces(places: readonly Place[]): Map<string, Place> {
  let prev = predecessors.get(places);
  if (prev) return prev;
  prev = new Map();
  // Keyed by the child's id string as loaded (its hash is computed once and reused by every lookup of the child);
  // a child's few places are then split by kind.
  const byChild = new Map<string, Place[]>();
  for (const p of places) {
    const list = byChild.get(p.childId);
    if (list) list.push(p);
    else byChild.set(p.childId, [p]);
  }
  for (const all of byChild.values()) {
    if (all.length < 2) continue;
    for (const kind of new Set(all.map((p) => p.kind))) {
      const list = all.filter((p) => p.kind === kind);
      list.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
      for (let i = 1; i < list.length; i++) prev.set(list[i]!.id, list[i - 1]!);
    }
  }
  predecessors.set(places, prev);
  return prev;
}

export function scaleFor(scales: readonly FripladsScale[], year: number): FripladsScale | undefined {
  let best: FripladsScale | undefined;
  for (const s of scales) if (s.year <= year && (!best || s.year > best.year)) best = s;
  return best ?? scales[0];
}

const NO_INCOME = Number.MAX_SAFE_INTEGER; // no registered income: no økonomisk friplads (100 %)

export function computeMonth(data: BillingData, month: string): MonthResult {
  const next = addMonths(month, 1);
  const warnings: Warning[] = [];
  const unbilled: Unbilled[] = [];
  const scale = scaleFor(data.scales, Number(month.slice(0, 4)));

  // Places of the month, grouped by the household of the child (siblings = same folkeregister address).
  const groups = new Map<
    string,
    {
      householdId: string | null;
      payerId: string;
      items: { place: ChildPlace; src: Place; share: number; band: AgeBand }[];
    }
  >();
  const children = new Set<string>();
  const previous = previousPlaces(data.places);
  // The rate of a kind, band and hours on the first of the month, looked up once (most places start before the month).
  const rates = new Map<PlaceKind, Map<AgeBand, Map<FeeHours, (Iv & { amount: Oere }) | null>>>();
  const rateOn = (kind: PlaceKind, band: AgeBand, hours: FeeHours) => {
    let byBand = rates.get(kind);
    if (!byBand) rates.set(kind, (byBand = new Map()));
    let byHours = byBand.get(band);
    if (!byHours) byBand.set(band, (byHours = new Map()));
    let r = byHours.get(hours);
    if (r === undefined) byHours.set(hours, (r = rateOf(data.rates, kind, band, hours, month) ?? null));
    return r ?? undefined;
  };
  for (const p of data.places) {
    if (!overlaps(p, month, next)) continue;
    const d = p.lo > month ? p.lo : month; // the first billed day: rates, address and custody on that day
    const age = ageInYears(p.birthDate, month);
    const kind = feeKindOf(p.kind, p.unitType, age);
    const cal = on(data.calendar.get(kind), d);
    if (cal?.payingMonths === 11 && month.slice(5, 7) === '07') continue; // July is free
    const share = shareOf(p, month, next, cal?.changeDay ?? 1, previous.size ? previous.get(p.id) : undefined);
    if (share === 0) continue;
    const band = ageBandOfYears(age),
      hours: FeeHours = p.leave30 ? 'leave30' : hoursClassOf(p.hours);
    // Every placed child is billed, or named: no scale, no rate (a leave30 place is never billed at the full rate) or
    // no guardian to pay makes the child unbilled, and a run refuses until finance has fixed it.
    const miss = (reason: string) => unbilled.push({ childId: p.childId, placementId: p.id, month, reason });
    if (!scale) {
      miss(`Der er ingen fripladsskala for ${month.slice(0, 4)}.`);
      continue;
    }
    const rate = d === month ? rateOn(kind, band, hours) : rateOf(data.rates, kind, band, hours, d);
    if (!rate) {
      const home = HOME_BAND[kind] === band ? '' : ` eller ${HOME_BAND[kind]} år`;
      miss(
        `Ingen takst for ${KIND_NAME[kind]} ${band} år${home}, ${HOURS_NAME[hours]}, pr. ${LocalDate.parse(d).toDanish()}.`,
      );
      continue;
    }
    const lunchRow = p.kind === 'dagtilbud' && kind !== 'dagpleje' ? on(data.lunch.get(p.unitId), d) : undefined;
    const householdId = on(data.residences.get(p.childId), d)?.householdId ?? null;
    const payerId = payerOf(data, p.childId, householdId, d);
    if (!payerId) {
      miss(`Ingen forælder med forældremyndighed pr. ${LocalDate.parse(d).toDanish()}.`);
      continue;
    }
    if (!householdId)
      warnings.push({
        childId: p.childId,
        month,
        text: `Ingen folkeregisteradresse pr. ${LocalDate.parse(d).toDanish()}: opkræves fuld takst uden økonomisk friplads og søskendetilskud.`,
      });
    const key = householdId ?? 'child:' + p.childId;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { householdId, payerId, items: [] }));
    children.add(p.childId);
    g.items.push({
      src: p,
      share,
      band,
      place: {
        childId: p.childId,
        kind,
        rate: rate.amount,
        lunch: lunchRow && !lunchRow.optedOut ? lunchRow.amount : 0,
        socialFripladsPercent: on(data.social.get(p.childId), d)?.percent ?? 0,
      },
    });
  }

  const lines: DesiredLine[] = [];
  if (!scale) return { lines, warnings, children: 0, unbilled };
  for (const g of groups.values()) {
    const inc = g.householdId ? on(data.incomes.get(g.householdId), month) : undefined;
    const under18 = g.householdId ? countUnder18(data.members.get(g.householdId), month) : 1;
    const fees = monthlyFees(
      scale,
      {
        income: inc?.yearly ?? NO_INCOME,
        childrenUnder18: Math.max(1, under18),
        singleProvider: inc?.singleProvider ?? false,
      },
      g.items.map((i) => i.place),
    );
    fees.children.forEach((c, i) => {
      const { src, share, band } = g.items[i]!;
      const settlement = settlementOf(data, g.householdId, band, month, g.items[i]!.place.rate);
      const extra = settlement?.parentExtra ?? 0;
      if (settlement?.missing)
        warnings.push({
          childId: src.childId,
          month,
          text: `Bor i ${municipalityByCode(settlement.home)?.name ?? settlement.home} Kommune, men der mangler pladsudgifter for ${month.slice(0, 4)} (${band} år): merbetalingen efter § 41 er ikke beregnet.`,
        });
      const all =
        extra > 0
          ? [
              ...c.lines,
              { code: 'settlement' as const, text: 'Merbetaling for plads i anden kommune (§ 41)', amount: extra },
            ]
          : c.lines;
      for (const l of all) {
        const amount = share === 100 ? l.amount : percentOf(l.amount, share);
        const text = share === 100 ? l.text : `${l.text} (${share} % af måneden)`;
        lines.push({
          payerId: g.payerId,
          householdId: g.householdId,
          childId: src.childId,
          placementKind: src.kind,
          serviceMonth: month,
          code: l.code,
          text,
          amount,
        });
      }
    });
  }
  return { lines, warnings, children: children.size, unbilled };
}

/**
 * §41 for a child living in another municipality (A) than the place's (B): A pays B its own average net cost per place
 * for the age band, capped at its subsidy share of B's gross cost; the parents pay what B's gross cost leaves beyond
 * that subsidy and their ordinary rate, with no friplads or sibling subsidy on that extra.
 */
export function settlementOf(data: BillingData, householdId: string | null, band: AgeBand, month: string, rate: Oere) {
  const home = householdId ? data.householdMunicipality?.get(householdId) : undefined;
  if (!home || home === data.municipality) return null;
  const year = month.slice(0, 4);
  const a = data.placeCosts?.get(`${home}|${year}|${band}`),
    b = data.placeCosts?.get(`${data.municipality}|${year}|${band}`);
  if (!a || !b) return { home, subsidy: 0, parentExtra: 0, missing: true };
  const subsidy = Math.min(a.net, percentOf(b.gross, a.subsidyPercent));
  return { home, subsidy, parentExtra: Math.max(0, b.gross - subsidy - rate), missing: false };
}

/** The payer: a guardian with custody on the day who lives at the child's address, else any guardian; lowest id wins. */
function payerOf(data: BillingData, childId: string, householdId: string | null, d: string): string | null {
  let home: string | null = null,
    any: string | null = null;
  for (const c of data.custody.get(childId) ?? []) {
    if (!covers(c, d)) continue;
    if (any === null || c.guardianId < any) any = c.guardianId;
    if (
      householdId &&
      on(data.residences.get(c.guardianId), d)?.householdId === householdId &&
      (home === null || c.guardianId < home)
    )
      home = c.guardianId;
  }
  return home ?? any;
}

function countUnder18(members: readonly (Iv & { birthDate: string })[] | undefined, d: string): number {
  let n = 0;
  for (const m of members ?? []) if (covers(m, d) && m.birthDate <= d && ageInYears(m.birthDate, d) < 18) n++;
  return n;
}
