// Demo bookings in bulk: candidates are checked against the in-memory timelines with the same rules as bookPlace
// (refusalAt, held-back share, closing days), each accepted booking is added to its unit's timeline before the next
// check, and everything is written in a handful of statements so the demo seeds fast. No letters for demo history.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import { demandFor, refusalAt, unitFacts, type Context } from './availability.js';
import { childDates } from './child-dates.js';
import { policyOn } from './booking-policy.js';
import { openCheck } from './search.js';
import { childEpochs, daycareUnits, loadOccupancy } from './store.js';
import { closingDays } from './closing.js';
import { buildTimeline, epochDay, fromEpochDay, type Demand } from './timeline.js';

export interface DemoBookingWish {
  childId: string;
  birthDate: string;
  unitIds: string[];
  start: LocalDate;
  current: { placementId: string; hi: string | null } | null;
}

/** Books the first unit of each wish that can take the child; returns the number booked. */
export async function seedDemoBookings(
  db: Db,
  today: LocalDate,
  bookedBy: string,
  wishes: DemoBookingWish[],
  newId: () => string,
  municipalityCode: string,
): Promise<number> {
  const policy = await policyOn(db, municipalityCode, today);
  const info = await daycareUnits(db);
  const byId = new Map(info.map((u) => [u.id, u]));
  const occ = await loadOccupancy(db, info, policy, today);
  const closing = await closingDays(db, today);
  const released: { id: string; start: string }[] = [],
    placements: any[] = [],
    bookings: any[] = [],
    events: any[] = [];
  for (const w of wishes) {
    const ctx: Context = { policy, today, child: childDates(LocalDate.parse(w.birthDate), policy) };
    for (const unitId of w.unitIds) {
      const u = byId.get(unitId),
        o = occ.get(unitId);
      if (!u || !o || refusalAt(o.timeline, o.facts, ctx, w.start, openCheck(closing, u))) continue;
      const demand = demandFor(unitFacts(u.id, u.type), ctx, w.start) as Demand;
      const range = DateRange.of(w.start, fromEpochDay(demand.end).minusDays(1)).toPgDaterange();
      const release = w.current && (w.current.hi === null || w.current.hi > w.start.toString()) ? w.current : null;
      if (release) released.push({ id: release.placementId, start: w.start.toString() });
      const placementId = newId(),
        bookingId = newId();
      placements.push({ id: placementId, child_id: w.childId, unit_id: unitId, kind: 'dagtilbud', valid: range });
      bookings.push({
        id: bookingId,
        child_id: w.childId,
        unit_id: unitId,
        placement_id: placementId,
        valid: range,
        booked_by: bookedBy,
        released_placement_id: release?.placementId ?? null,
        released_upper: release?.hi ?? null,
      });
      events.push({ booking_id: bookingId, kind: 'booked', unit_id: unitId, valid: range, user_id: bookedBy });
      o.items.push({
        id: placementId,
        childId: w.childId,
        from: epochDay(w.start),
        to: demand.end,
        ...childEpochs(w.birthDate, policy.transitionAgeMonths),
      });
      o.timeline = buildTimeline(o.capacity, o.items, policy.nurseryWeight);
      break;
    }
  }
  if (!bookings.length) return 0;
  if (released.length) {
    await sql`update placement p set valid = daterange(lower(p.valid), x.d) from unnest(${released.map((r) => r.id)}::uuid[], ${released.map((r) => r.start)}::date[]) as x(id, d) where p.id = x.id`.execute(
      db,
    );
  }
  await db.insertInto('placement').values(placements).execute();
  await db.insertInto('booking').values(bookings).execute();
  await db.insertInto('booking_event').values(events).execute();
  return bookings.length;
}
