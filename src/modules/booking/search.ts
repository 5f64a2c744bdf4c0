// The availability search for one child: every daycare unit with its earliest bookable start from the wished date.
import { distanceKm } from '../registry/index.js';
import { isWorkingDay, LocalDate } from '../../shared/index.js';
import type { Db } from '../../platform/db/database.js';
import { refusalAt, type Context } from './availability.js';
import { childDates } from './child-dates.js';
import type { BookingPolicy } from './booking-policy.js';
import { buildTimeline } from './timeline.js';
import { cachedClosingDays, closingDays, type ClosingEpochs } from './closing.js';
import { currentVersions, occupancyCache, type UnitInfo, type UnitOccupancy, type Versions } from './store.js';
import { epochOf, isoOf, yearOf } from '../../shared/iso-day.js';
import { earliestBookableFast, fastContext, isNonWorkingDay, type FastContext } from './fast.js';

export interface SearchInput {
  birthDate: LocalDate;
  wished: LocalDate;
  today: LocalDate;
  policy: BookingPolicy;
  home?: { lat: number | null; lon: number | null } | null;
  excludePlacementId?: string | null;
  unitIds?: string[];
  /** The versions to compare the held timelines with, when already read (else read here). */
  versions?: Versions;
}

export interface AvailabilityItem {
  unitId: string;
  number: string;
  name: string;
  type: string;
  address: string;
  distanceKm: number | null;
  start: string;
  end: string;
  onWished: boolean;
}

type Closing = Awaited<ReturnType<typeof closingDays>>;
export const openCheck = (closing: Closing, u: { id: string; municipalityCode: string }) => (d: LocalDate) => {
  if (!isWorkingDay(d)) return false;
  const s = d.toString();
  return !closing.byUnit.get(u.id)?.has(s) && !closing.byMunicipality.get(u.municipalityCode)?.has(s);
};

/** A unit's timeline without one placement (the child's own booking when moving it). */
export function without(o: UnitOccupancy, placementId: string | null | undefined, nw: number): UnitOccupancy {
  if (!placementId || !o.items.some((i) => i.id === placementId)) return o;
  const items = o.items.filter((i) => i.id !== placementId);
  return { ...o, items, timeline: buildTimeline(o.capacity, items, nw) };
}

type Answer = { startDay: number; start: string; end: string } | null;
/** A unit's answer depends on its timeline, the closing days and the child's dates only through `answerKey`, not on
 *  the family's home: it is kept per held timeline (a change to the unit's load makes a new UnitOccupancy, so a kept
 *  answer is never stale), and during a rush the many searches for children of the same months share it. */
const answers = new WeakMap<UnitOccupancy, { closing: ClosingEpochs; byKey: Map<string, Answer> }>();
const ANSWERS_PER_TIMELINE = 256;
/** `earliest` and the wished date matter only through the first candidate (no candidate is before it). */
const answerKey = (c: FastContext, wished: number) =>
  `${Math.max(wished, c.tomorrow, c.earliest)}|${c.transition}|${c.school}|${c.horizon}|${c.hybridFrom}|${c.release}|${c.modeN}|${c.modeK}|${c.nw}|${c.held}`;
/** The answers held for the timeline `o` under these closing days (a fresh set when they moved or it is full). */
function answersOf(o: UnitOccupancy, closing: ClosingEpochs) {
  let held = answers.get(o);
  if (!held || held.closing !== closing || held.byKey.size >= ANSWERS_PER_TIMELINE)
    answers.set(o, (held = { closing, byKey: new Map() }));
  return held.byKey;
}

export async function searchAvailability(
  db: Db,
  input: SearchInput,
  /** Only the `nearest` units with room (by distance, as sortItems orders them): the 409's alternatives. */
  nearest?: number,
): Promise<{
  items: AvailabilityItem[];
  units: UnitInfo[];
  occ: Map<string, UnitOccupancy>;
  ctx: Context;
  closing: Closing;
}> {
  const { policy, today, wished } = input;
  const ctx: Context = { policy, today, child: childDates(input.birthDate, policy) };
  const versions = input.versions ?? (await currentVersions(db));
  const [{ info, occ }, { closing, epochs }] = await Promise.all([
    occupancyCache(db).get(db, policy, today, versions),
    cachedClosingDays(db, today, versions.closing),
  ]);
  const home = input.home?.lat != null && input.home.lon != null ? { lat: input.home.lat, lon: input.home.lon } : null;
  const fc = fastContext(policy, today, ctx.child);
  const wishedDay = epochOf(wished.toString());
  const key = answerKey(fc, wishedDay);
  const unitClosed = epochs.byUnit,
    municipalityClosed = epochs.byMunicipality;
  const distanceOf = (u: UnitInfo) =>
    home && u.lat != null && u.lon != null ? Math.round(distanceKm(home, { lat: u.lat, lon: u.lon }) * 10) / 10 : null;
  let units: { u: UnitInfo; d: number | null }[] = [];
  for (const u of info) if (!input.unitIds || input.unitIds.includes(u.id)) units.push({ u, d: distanceOf(u) });
  // The nearest n: units in order of distance, until n have room and the next is farther than the n-th.
  if (nearest !== undefined) units = units.sort((a, b) => (a.d ?? 1e9) - (b.d ?? 1e9));
  const items: AvailabilityItem[] = [];
  for (const { u, d } of units) {
    if (nearest !== undefined && items.length >= nearest && (d ?? 1e9) > (items[nearest - 1]!.distanceKm ?? 1e9)) break;
    const o0 = occ.get(u.id);
    if (!o0) continue;
    const o = without(o0, input.excludePlacementId, policy.nurseryWeight);
    // (A timeline without the child's own place is this search's alone: its answer is not kept.)
    const held = o === o0 ? answersOf(o, epochs) : null;
    let answer = held?.get(key);
    if (answer === undefined) {
      const uc = unitClosed.get(u.id),
        mc = municipalityClosed.get(u.municipalityCode);
      const closed = (day: number) => isNonWorkingDay(day, yearOf) || !!uc?.has(day) || !!mc?.has(day);
      const found = earliestBookableFast(o.timeline, o.facts, fc, wishedDay, closed);
      answer = found && { startDay: found.start, start: isoOf(found.start), end: isoOf(found.end - 1) };
      held?.set(key, answer);
    }
    if (!answer) continue;
    items.push({
      unitId: u.id,
      number: u.number,
      name: u.name,
      type: u.type,
      address: `${u.street}, ${u.postalCode} ${u.city}`,
      distanceKm: d,
      start: answer.start,
      end: answer.end,
      onWished: answer.startDay === wishedDay,
    });
  }
  return {
    items: nearest === undefined ? items : sortItems(items, 'distance').slice(0, nearest),
    units: info,
    occ,
    ctx,
    closing,
  };
}

const byIso = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** By distance or start date; ties keep the search's order, which is by name (the units are held in name order and
 *  Array.prototype.sort is stable). */
export function sortItems(items: AvailabilityItem[], by: 'distance' | 'date') {
  const dist = (a: AvailabilityItem) => a.distanceKm ?? 1e9;
  return items.sort(
    by === 'distance'
      ? (a, b) => dist(a) - dist(b) || byIso(a.start, b.start)
      : (a, b) => byIso(a.start, b.start) || dist(a) - dist(b),
  );
}

/** Day-by-day status for a unit's calendar: free (bookable start), full, or closed. */
export function calendarDays(
  o: UnitOccupancy,
  ctx: Context,
  isOpen: (d: LocalDate) => boolean,
  from: LocalDate,
  days: number,
) {
  const out: { date: string; status: 'free' | 'full' | 'closed' | 'unavailable' }[] = [];
  for (let k = 0; k < days; k++) {
    const d = from.plusDays(k);
    const r = refusalAt(o.timeline, o.facts, ctx, d, isOpen);
    out.push({
      date: d.toString(),
      status: r === null ? 'free' : r === 'closed_day' ? 'closed' : r === 'full' ? 'full' : 'unavailable',
    });
  }
  return out;
}
