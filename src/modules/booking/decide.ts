// A booking decided in memory, no SQL: the facts read for it, the refusals, the rows one booking writes (its draft)
// and the unit's timeline with the new places. book.ts reads the facts and writes the drafts.
import { randomUUID } from 'node:crypto';
import { auditRow } from '../../platform/audit/audit.js';
import type { UnitType } from '../../platform/db/schema.js';
import type { RequestContext } from '../../platform/http/context.js';
import { letterRows } from '../../platform/letters/index.js';
import { DateRange, isWorkingDay, LocalDate } from '../../shared/index.js';
import { demandFor, refusalAt, refusalBeforeLoad, unitFacts, type Context } from './availability.js';
import { parsePolicy } from './booking-policy.js';
import { childDates } from './child-dates.js';
import { bookingError } from './contract.js';
import { bookingConfirmation } from './letters.js';
import { bookingFacts, NoLongerFree, refusalError, type BookResult, type OnBehalf } from './outcomes.js';
import { childEpochs, DAYCARE_TYPES, type UnitOccupancy } from './store.js';
import { addLoad, day, fromEpochDay, loadSegments, settled, type Timeline } from './timeline.js';

/** What a booking's decision needs, read in one statement (book.ts's readFacts). */
export interface Facts {
  version: number | null;
  unit: {
    id: string;
    name: string;
    type: UnitType;
    street: string;
    postal_code: string;
    city: string;
    closed_on: string | null;
    municipality_code: string;
  } | null;
  child: { name: string; birth: string } | null;
  policy: unknown;
  guardians: { id: string; municipality: string | null }[];
  closed: boolean;
  /** The child's dagtilbud places that end after the wished start, locked. */
  mine: { id: string; unit_id: string; lo: string; hi: string | null; booking_id: string | null }[];
}

/** `guardianId`: a family's own booking, refused (403) unless that person has custody of the child today. */
export type Input = { childId: string; unitId: string; start: LocalDate; guardianId?: string };

/** What is decided before the unit's occupancy is needed (refusals that do not depend on it throw). */
export function prepare(f: Facts, input: Input, today: LocalDate) {
  if (input.guardianId && !f.guardians.some((g) => g.id === input.guardianId))
    throw bookingError('booking.not-your-child');
  if (!f.child) throw bookingError('booking.child-not-found');
  const unit = f.unit;
  if (!unit || f.version === null || unit.closed_on || !DAYCARE_TYPES.includes(unit.type))
    throw bookingError('booking.unit-not-daycare');
  const policy = parsePolicy(f.policy);
  const birth = LocalDate.parse(f.child.birth);
  const ctx: Context = { policy, today, child: childDates(birth, policy) };
  const facts = unitFacts(unit.id, unit.type);
  const pre = refusalBeforeLoad(facts, ctx, input.start);
  if (pre) throw refusalError(pre);
  return { unit, child: f.child, version: f.version, policy, birth, ctx, facts };
}
export type Prepared = ReturnType<typeof prepare>;

/** The decision on a timeline of the unit: the end of the place and the current place it ends. */
export function decide(f: Facts, p: Prepared, timeline: Timeline, input: Input) {
  const { start } = input;
  const refusal = refusalAt(timeline, p.facts, p.ctx, start, (d) => isWorkingDay(d) && !f.closed);
  if (refusal === 'full') throw new NoLongerFree(input.childId, start, p.birth);
  if (refusal) throw refusalError(refusal);
  const demand = demandFor(p.facts, p.ctx, start) as Exclude<ReturnType<typeof demandFor>, string>;
  const end = fromEpochDay(demand.end);
  // The child's other places in the period: a booking or a later place is a double booking; a current place
  // elsewhere ends the day before the new one starts (the kindergarten place replaces the nursery place).
  let released: { id: string; hi: string | null } | null = null;
  for (const m of f.mine.filter((x) => x.lo < end.toString())) {
    if (m.booking_id) throw bookingError('booking.already-booked');
    if (m.lo >= start.toString()) throw bookingError('booking.place-starts-in-period');
    if (m.unit_id === p.unit.id) throw bookingError('booking.already-in-unit');
    released = { id: m.id, hi: m.hi };
  }
  return { end, released };
}
export type Decision = ReturnType<typeof decide>;

/** The rows one booking writes (placement, booking, event, audit row, letter), its answer and its load item. */
export function draftOf(
  rc: RequestContext,
  input: Input,
  f: Facts,
  p: Prepared,
  d: Decision,
  behalf?: OnBehalf & { lines: string[]; bookingId: string; placementId: string },
) {
  const { unit, policy } = p,
    { start } = input,
    { end, released } = d;
  const range = DateRange.of(start, end.minusDays(1)).toPgDaterange();
  const placementId = behalf?.placementId ?? randomUUID(),
    bookingId = behalf?.bookingId ?? randomUUID(),
    userId = rc.actor!.userId;
  const bf = bookingFacts({ id: input.childId, name: p.child.name }, unit, start, end, policy);
  const guardians = f.guardians.map((g) => g.id);
  const letter = bookingConfirmation(
    bf,
    guardians,
    behalf && { reason: behalf.reason, hours: behalf.hours, lines: behalf.lines },
  );
  const rows = letterRows(letter, randomUUID(), f.guardians[0]?.municipality ?? null, rc.clock.today());
  const details = {
    bookingId,
    unitId: unit.id,
    start: start.toString(),
    ...(behalf && { reason: behalf.reason, hoursPerWeek: behalf.hours }),
  };
  const audit = auditRow(rc, {
    action: behalf?.auditAction ?? 'booking.book',
    subjectType: 'child',
    subjectIds: [input.childId],
    details,
  });
  const e = childEpochs(p.child.birth, policy.transitionAgeMonths);
  const result: BookResult = {
    bookingId,
    placementId,
    unitId: unit.id,
    unitName: unit.name,
    start: start.toString(),
    end: bf.end.toString(),
    changeDeadline: bf.changeDeadline.toString(),
    letter,
  };
  return {
    placement: {
      id: placementId,
      child_id: input.childId,
      unit_id: unit.id,
      valid: range,
      hours: behalf?.hours ?? null,
    },
    booking: {
      id: bookingId,
      child_id: input.childId,
      unit_id: unit.id,
      placement_id: placementId,
      valid: range,
      booked_by: userId,
      released_placement_id: released?.id ?? null,
      released_upper: released?.hi ?? null,
    },
    event: { booking_id: bookingId, unit_id: unit.id, valid: range, user_id: userId },
    // As JSON rows (book.ts's write): the array and the objects as themselves, not as text.
    audit: { ...audit, subject_ids: `{${audit.subject_ids.join(',')}}`, details },
    letter: rows.recipients.length ? { ...rows.letter, content: letter.blocks } : null,
    recipients: rows.recipients,
    result,
    item: { id: placementId, childId: input.childId, from: day(start), to: day(end), ...e },
  };
}
export type Draft = ReturnType<typeof draftOf>;

/** A copy of the timeline, to extend with new places (a search may be reading the old one). */
export const copyTimeline = (t: Timeline): Timeline => ({
  points: t.points.slice(),
  cap: t.cap.slice(),
  load: t.load.slice(),
});

/** Adds a draft's place to the timeline in place. */
export function addPlace(t: Timeline, d: Draft, nurseryWeight: number) {
  for (const s of loadSegments(d.item, nurseryWeight)) addLoad(t, s.from, s.to, s.w);
}

/** The unit's occupancy right after the drafts' one statement commits (its trigger bumps the version once). */
export function withPlaces(occ: UnitOccupancy, drafts: Draft[], timeline: Timeline): UnitOccupancy {
  const items = [...occ.items, ...drafts.map((d) => d.item)];
  return { ...occ, version: occ.version + 1, items, timeline: settled(timeline) };
}
