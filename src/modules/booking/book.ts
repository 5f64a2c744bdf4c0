// Booking a place, in three statements inside one transaction:
// 1. lock the unit's load (see lockUnitLoad) and read everything that does not depend on it: unit, child, policy,
//    guardians, closing day, and the child's own later places (locked);
// 2. read the unit's occupancy afresh under the lock, unless this process already holds exactly the locked version;
// 3. write the placement, booking, event, audit row and letter in one statement.
// Few round trips keep the lock short: that is what lets hundreds of bookings a second through on two cores.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { PREPARED, type Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { auditRow } from '../../platform/audit/audit.js';
import { letterRows } from '../../platform/letters/index.js';
import { DomainError } from '../../platform/http/errors.js';
import type { UnitType } from '../../platform/db/schema.js';
import { DateRange, isWorkingDay, LocalDate } from '../../shared/index.js';
import { demandFor, refusalAt, refusalBeforeLoad, unitFacts, type Context, type Refusal } from './availability.js';
import { childDates } from './child-dates.js';
import { bookingError, REFUSAL_CODE } from './contract.js';
import { bookingConfirmation, type BookingFacts, type LetterDraft } from './letters.js';
import { parsePolicy, POLICY_KEY, type BookingPolicy } from './booking-policy.js';
import { epochOf } from '../../shared/iso-day.js';
import { DAYCARE_TYPES, childEpochs, loadOccupancy, occupancyCache, type UnitOccupancy } from './store.js';
import { buildTimeline, fromEpochDay } from './timeline.js';

/** The place is gone (`booking.no-longer-free`): the caller answers 409 with the nearest alternatives. */
export class NoLongerFree extends DomainError {
  constructor(
    readonly childId: string,
    readonly wished: LocalDate,
    readonly birthDate: LocalDate,
  ) {
    super('booking.no-longer-free', bookingError.codes['booking.no-longer-free']);
  }
}

export const refusalError = (r: Refusal) => bookingError(REFUSAL_CODE[r]);

/** Retries a transaction a deadlock or serialization failure aborted. */
export async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e: any) {
      if (attempt >= 5 || (e?.code !== '40P01' && e?.code !== '40001')) throw e;
    }
  }
}

export function bookingFacts(
  child: { id: string; name: string },
  unit: { name: string; street: string; postal_code: string; city: string },
  start: LocalDate,
  endExcl: LocalDate,
  policy: BookingPolicy,
): BookingFacts {
  return {
    childName: child.name,
    childId: child.id,
    unitName: unit.name,
    address: `${unit.street}, ${unit.postal_code} ${unit.city}`,
    start,
    end: endExcl.minusDays(1),
    changeDeadline: start.minusDays(policy.changeDeadlineDays),
  };
}

/** A booking a caseworker makes, moves or cancels for the family (placement's casework, issue 16): the same lock and
 *  re-check as the family's own; the weekly hours, the reason in the letter and the audit action are the caseworker's,
 *  and `within` runs the caseworker's own rules and records in the same transaction, under the unit's load lock, after
 *  booking's checks and before anything is written: it throws to refuse (§ 26 a) and returns lines for the letter. */
export interface OnBehalf {
  reason: string;
  hours?: number;
  auditAction: string;
  within: (
    trx: Db,
    r: { bookingId: string; placementId: string; unitId: string; start: LocalDate },
  ) => Promise<string[]>;
}

export interface BookResult {
  bookingId: string;
  placementId: string;
  unitId: string;
  unitName: string;
  start: string;
  end: string;
  changeDeadline: string;
  letter: LetterDraft;
}

interface Facts {
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

async function lockAndRead(
  trx: Db,
  unitId: string,
  childId: string,
  start: LocalDate,
  today: LocalDate,
): Promise<Facts> {
  const t = today.toString(),
    s = start.toString();
  // Prepared: its plan (about a millisecond of planning) is made once per connection.
  const { rows } = await sql<Facts>`${sql.raw(PREPARED)} with lock as (
      insert into unit_load_version (unit_id) select id from unit where id = ${unitId}
      on conflict (unit_id) do update set version = unit_load_version.version returning version::int
    ), u as (
      select u.id, u.name, u.type, u.street, u.postal_code, u.city, u.closed_on, d.municipality_code
      from unit u join daginstitution d on d.id = u.daginstitution_id where u.id = ${unitId}
    ), mine as (
      select p.id, p.unit_id, lower(p.valid)::text as lo, upper(p.valid)::text as hi,
        (select b.id from booking b where b.placement_id = p.id and b.status = 'active') as booking_id
      from placement p where p.child_id = ${childId} and p.kind = 'dagtilbud' and p.valid && daterange(${s}::date, null)
      for update of p
    )
    select (select version from lock) as version, (select to_json(u) from u) as unit,
      (select json_build_object('name', first_name || ' ' || last_name, 'birth', birth_date) from person where id = ${childId}) as child,
      (select value from setting where municipality_code = (select municipality_code from u)
         and key = ${POLICY_KEY} and valid @> ${t}::date) as policy,
      (select coalesce(json_agg(json_build_object('id', c.guardian_id, 'municipality', h.municipality_code)), '[]')
         from custody c left join residence r on r.person_id = c.guardian_id and r.valid @> ${t}::date
         left join household h on h.id = r.household_id
        where c.child_id = ${childId} and c.valid @> ${t}::date) as guardians,
      exists (select 1 from closing_day cd join u on cd.unit_id = u.id or cd.municipality_code = u.municipality_code where cd.date = ${s}::date) as closed,
      (select coalesce(json_agg(mine), '[]') from mine) as mine`.execute(trx);
  return rows[0]!;
}

export async function bookPlace(
  db: Db,
  rc: RequestContext,
  input: { childId: string; unitId: string; start: LocalDate },
  behalf?: OnBehalf,
): Promise<BookResult> {
  const today = rc.clock.today(),
    { start } = input;
  let after: UnitOccupancy | null = null;
  const result = await withRetry(() =>
    db.transaction().execute(async (trx) => {
      after = null;
      const f = await lockAndRead(trx, input.unitId, input.childId, start, today);
      if (!f.child) throw bookingError('booking.child-not-found');
      const unit = f.unit;
      if (!unit || f.version === null || unit.closed_on || !DAYCARE_TYPES.includes(unit.type))
        throw bookingError('booking.unit-not-daycare');
      const policy = parsePolicy(f.policy);
      const birth = LocalDate.parse(f.child.birth);
      const ctx: Context = { policy, today, child: childDates(birth, policy) };
      const facts = unitFacts(unit.id, unit.type);
      const pre = refusalBeforeLoad(facts, ctx, start);
      if (pre) throw refusalError(pre);
      const cache = occupancyCache(db);
      const occ =
        cache.at(policy, today, unit.id, f.version) ?? (await loadOccupancy(trx, [unit], policy, today)).get(unit.id)!;
      const refusal = refusalAt(occ.timeline, facts, ctx, start, (d) => isWorkingDay(d) && !f.closed);
      if (refusal === 'full') throw new NoLongerFree(input.childId, start, birth);
      if (refusal) throw refusalError(refusal);
      const demand = demandFor(facts, ctx, start) as Exclude<ReturnType<typeof demandFor>, string>;
      const end = fromEpochDay(demand.end);

      // The child's other places in the period: a booking or a later place is a double booking; a current place
      // elsewhere ends the day before the new one starts (the kindergarten place replaces the nursery place).
      let released: { id: string; hi: string | null } | null = null;
      for (const p of f.mine.filter((m) => m.lo < end.toString())) {
        if (p.booking_id) throw bookingError('booking.already-booked');
        if (p.lo >= start.toString()) throw bookingError('booking.place-starts-in-period');
        if (p.unit_id === unit.id) throw bookingError('booking.already-in-unit');
        released = { id: p.id, hi: p.hi };
      }
      if (released)
        await trx
          .updateTable('placement')
          .set({ valid: sql`daterange(lower(valid), ${start.toString()}::date)` })
          .where('id', '=', released.id)
          .execute();

      const range = DateRange.of(start, end.minusDays(1)).toPgDaterange();
      const placementId = randomUUID(),
        bookingId = randomUUID(),
        userId = rc.actor!.userId;
      const lines = behalf ? await behalf.within(trx, { bookingId, placementId, unitId: unit.id, start }) : [];
      const bf = bookingFacts({ id: input.childId, name: f.child.name }, unit, start, end, policy);
      const guardians = f.guardians.map((g) => g.id);
      const letter = bookingConfirmation(
        bf,
        guardians,
        behalf && { reason: behalf.reason, hours: behalf.hours, lines },
      );
      const rows = letterRows(letter, randomUUID(), f.guardians[0]?.municipality ?? null, today);
      let q = trx
        .with('pl', (c) =>
          c.insertInto('placement').values({
            id: placementId,
            child_id: input.childId,
            unit_id: unit.id,
            kind: 'dagtilbud',
            valid: range,
            ...(behalf?.hours ? { hours_per_week: behalf.hours } : {}),
          }),
        )
        .with('bk', (c) =>
          c.insertInto('booking').values({
            id: bookingId,
            child_id: input.childId,
            unit_id: unit.id,
            placement_id: placementId,
            valid: range,
            booked_by: userId,
            released_placement_id: released?.id ?? null,
            released_upper: released?.hi ?? null,
          }),
        )
        .with('ev', (c) =>
          c
            .insertInto('booking_event')
            .values({ booking_id: bookingId, kind: 'booked', unit_id: unit.id, valid: range, user_id: userId }),
        )
        .with('au', (c) =>
          c.insertInto('audit_log').values(
            auditRow(rc, {
              action: behalf?.auditAction ?? 'booking.book',
              subjectType: 'child',
              subjectIds: [input.childId],
              details: {
                bookingId,
                unitId: unit.id,
                start: start.toString(),
                ...(behalf && { reason: behalf.reason, hoursPerWeek: behalf.hours }),
              },
            }),
          ),
        );
      if (rows.recipients.length) {
        q = q
          .with('lt', (c) => c.insertInto('letter').values(rows.letter))
          .with('lr', (c) => c.insertInto('letter_recipient').values(rows.recipients))
          .with('dp', (c) => c.insertInto('digital_post_message').values(rows.recipients)) as unknown as typeof q;
      }
      await q.selectNoFrom(sql<number>`1`.as('done')).execute();

      // The unit's state right after this commit is the locked version plus this place, bumped once by the insert.
      const e = childEpochs(f.child.birth, policy.transitionAgeMonths);
      const items = [
        ...occ.items,
        { id: placementId, childId: input.childId, from: epochOf(start.toString()), to: epochOf(end.toString()), ...e },
      ];
      after = {
        ...occ,
        version: f.version + 1,
        items,
        timeline: buildTimeline(occ.capacity, items, policy.nurseryWeight),
      };
      return {
        bookingId,
        placementId,
        unitId: unit.id,
        unitName: unit.name,
        start: start.toString(),
        end: bf.end.toString(),
        changeDeadline: bf.changeDeadline.toString(),
        letter,
      };
    }),
  );
  if (after) occupancyCache(db).remember(after);
  return result;
}
