// Booking a place. The usual case is two statements and no explicit transaction (the fast path):
// 1. read, without a lock, everything the decision needs that does not depend on the unit's load: the unit, child,
//    policy, guardians (the custody check of a family's own booking), closing day and the child's own later places;
// 2. one booking per unit at a time in this process (onePerUnit): when the process holds the unit's timeline at a
//    version at least the one just read, decide in memory (a refusal or 409 is answered from that snapshot), then
//    write the placement, booking, event, audit row and letter in one statement that first locks the unit's load
//    and fails unless its version is still the one decided on (booking_lock_unit_at, 034): a change to the unit's
//    load by another process or path, or to the child's places (the exclusion constraints), makes it fail and
//    nothing is written. Queued per unit, this process's own bookings never make each other fail.
// Otherwise (the timeline not held, the version moved, a current place to end, a caseworker's booking) the full
// path runs in one transaction: lock the unit's load (see lockUnitLoad) and read the same facts (the child's places
// locked); read the occupancy afresh under the lock unless the version is held; write in one statement.
// Few round trips keep the lock short: the fast path holds it only while its one statement writes and commits.
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
import { DAYCARE_TYPES, childEpochs, loadOccupancy, occupancyCache, type UnitOccupancy } from './store.js';
import { addLoad, day, fromEpochDay, loadSegments } from './timeline.js';

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

async function readFacts(
  db: Db,
  unitId: string,
  childId: string,
  start: LocalDate,
  today: LocalDate,
  lock: boolean,
): Promise<Facts> {
  const t = today.toString(),
    s = start.toString();
  const version = lock
    ? sql`insert into unit_load_version (unit_id) select id from unit where id = ${unitId}
      on conflict (unit_id) do update set version = unit_load_version.version returning version::int`
    : sql`select version::int from unit_load_version where unit_id = ${unitId}`;
  // Prepared: its plan (about a millisecond of planning) is made once per connection.
  const { rows } = await sql<Facts>`${sql.raw(PREPARED)} with lock as (${version}), u as (
      select u.id, u.name, u.type, u.street, u.postal_code, u.city, u.closed_on, d.municipality_code
      from unit u join daginstitution d on d.id = u.daginstitution_id where u.id = ${unitId}
    ), mine as (
      select p.id, p.unit_id, lower(p.valid)::text as lo, upper(p.valid)::text as hi,
        (select b.id from booking b where b.placement_id = p.id and b.status = 'active') as booking_id
      from placement p where p.child_id = ${childId} and p.kind = 'dagtilbud' and p.valid && daterange(${s}::date, null)
      ${sql.raw(lock ? 'for update of p' : '')}
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
      (select coalesce(json_agg(mine), '[]') from mine) as mine`.execute(db);
  return rows[0]!;
}

/** `guardianId`: a family's own booking, refused (403) unless that person has custody of the child today. */
type Input = { childId: string; unitId: string; start: LocalDate; guardianId?: string };

/** What is decided before the unit's occupancy is needed (refusals that do not depend on it throw). */
function prepare(f: Facts, input: Input, today: LocalDate) {
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
type Prepared = ReturnType<typeof prepare>;

/** The decision on the unit's occupancy at the read version: the end of the place and the current place it ends. */
function decide(f: Facts, p: Prepared, occ: UnitOccupancy, input: Input) {
  const { start } = input;
  const refusal = refusalAt(occ.timeline, p.facts, p.ctx, start, (d) => isWorkingDay(d) && !f.closed);
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

/** Writes the placement, booking, event, audit row and letter in one statement; with `guard`, the statement first
 *  locks the unit's load and fails (40001) unless its version is still `guard`. Returns the result and the unit's
 *  timeline right after the commit (the read version plus this place, bumped once by the insert). */
async function write(
  db: Db,
  rc: RequestContext,
  input: Input,
  f: Facts,
  p: Prepared,
  occ: UnitOccupancy,
  d: ReturnType<typeof decide>,
  behalf: OnBehalf | undefined,
  guard: number | null,
): Promise<{ result: BookResult; after: UnitOccupancy }> {
  const { unit, policy } = p,
    { start } = input,
    { end, released } = d;
  const today = rc.clock.today();
  const range = DateRange.of(start, end.minusDays(1)).toPgDaterange();
  const placementId = randomUUID(),
    bookingId = randomUUID(),
    userId = rc.actor!.userId;
  const lines = behalf ? await behalf.within(db, { bookingId, placementId, unitId: unit.id, start }) : [];
  const bf = bookingFacts({ id: input.childId, name: p.child.name }, unit, start, end, policy);
  const guardians = f.guardians.map((g) => g.id);
  const letter = bookingConfirmation(bf, guardians, behalf && { reason: behalf.reason, hours: behalf.hours, lines });
  const rows = letterRows(letter, randomUUID(), f.guardians[0]?.municipality ?? null, today);
  let q = db
    .with('guard', (c) =>
      c.selectNoFrom(
        (guard === null
          ? sql<boolean>`true`
          : sql<boolean>`booking_lock_unit_at(${unit.id}::uuid, ${guard}::bigint)`
        ).as('ok'),
      ),
    )
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
  // The guard is a plain SELECT: it runs because the final select reads it (the inserts run in any case; if the
  // guard fails, the whole statement fails and none of them is kept).
  await q.selectFrom('guard').select('ok').execute();

  const e = childEpochs(p.child.birth, policy.transitionAgeMonths);
  const item = { id: placementId, childId: input.childId, from: day(start), to: day(end), ...e };
  // The held timeline plus this place (a copy: a search may be reading the old one).
  const t = occ.timeline,
    timeline = { points: t.points.slice(), cap: t.cap.slice(), load: t.load.slice() };
  for (const s of loadSegments(item, policy.nurseryWeight)) addLoad(timeline, s.from, s.to, s.w);
  const after = { ...occ, version: occ.version + 1, items: [...occ.items, item], timeline };
  const result = {
    bookingId,
    placementId,
    unitId: unit.id,
    unitName: unit.name,
    start: start.toString(),
    end: bf.end.toString(),
    changeDeadline: bf.changeDeadline.toString(),
    letter,
  };
  return { result, after };
}

/** The fast path (see the top of the file): null when the full path must decide, 'moved' when it may try again. */
async function bookFast(db: Db, rc: RequestContext, input: Input): Promise<BookResult | 'moved' | null> {
  const today = rc.clock.today();
  const f = await readFacts(db, input.unitId, input.childId, input.start, today, false);
  if (f.version === null) return null;
  const p = prepare(f, input, today);
  const cache = occupancyCache(db);
  return onePerUnit(db, p.unit.id, async () => {
    // The newest timeline this process holds: the facts above do not depend on the unit's load, and the write's
    // guard refuses it if the load moved since.
    const occ = cache.atLeast(p.policy, today, p.unit.id, p.version);
    if (!occ) return null;
    const d = decide(f, p, occ, input);
    if (d.released) return null;
    try {
      const { result, after } = await write(db, rc, input, f, p, occ, d, undefined, occ.version);
      cache.remember(after);
      return result;
    } catch (e: any) {
      // The unit's load moved (40001), by another process or a locked path: reading again may decide without the
      // lock; the child got a place or booking meanwhile (23P01).
      if (e?.code === '40001') return 'moved';
      if (e?.code === '23P01') return null;
      throw e;
    }
  });
}

const unitQueues = new WeakMap<Db, Map<string, Promise<unknown>>>();
/** Runs `fn` after every earlier call for the same unit in this process has settled. Only statements that hold no
 *  transaction while they wait are queued, so a queued call never waits on a lock its predecessor needs. */
function onePerUnit<T>(db: Db, unitId: string, fn: () => Promise<T>): Promise<T> {
  let queues = unitQueues.get(db);
  if (!queues) unitQueues.set(db, (queues = new Map()));
  const run = (queues.get(unitId) ?? Promise.resolve()).then(fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(unitId, tail);
  void tail.then(() => {
    if (queues.get(unitId) === tail) queues.delete(unitId);
  });
  return run;
}

export async function bookPlace(db: Db, rc: RequestContext, input: Input, behalf?: OnBehalf): Promise<BookResult> {
  // A few fast attempts: a popular unit's version moves with every booking (the full path then queues on its lock).
  for (let attempt = 0; !behalf && attempt < 3; attempt++) {
    const fast = await bookFast(db, rc, input);
    if (fast === null) break;
    if (fast !== 'moved') return fast;
  }
  const today = rc.clock.today();
  let after: UnitOccupancy | null = null;
  const result = await withRetry(() =>
    db.transaction().execute(async (trx) => {
      after = null;
      const f = await readFacts(trx, input.unitId, input.childId, input.start, today, true);
      const p = prepare(f, input, today);
      const occ =
        occupancyCache(db).at(p.policy, today, p.unit.id, p.version) ??
        (await loadOccupancy(trx, [p.unit], p.policy, today)).get(p.unit.id)!;
      const d = decide(f, p, occ, input);
      if (d.released)
        await trx
          .updateTable('placement')
          .set({ valid: sql`daterange(lower(valid), ${input.start.toString()}::date)` })
          .where('id', '=', d.released.id)
          .execute();
      const w = await write(trx, rc, input, f, p, occ, d, behalf, null);
      after = w.after;
      return w.result;
    }),
  );
  if (after) occupancyCache(db).remember(after);
  return result;
}
