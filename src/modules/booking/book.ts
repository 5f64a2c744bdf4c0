// Booking a place. The usual case is two statements and no explicit transaction (the fast path):
// 1. read, without a lock, everything the decision needs that does not depend on the unit's load: the unit, child,
//    policy, guardians (the custody check of a family's own booking), closing day and the child's own later places;
// 2. one booking per unit at a time in this process (OccupancyCache.onePerUnit): when the process holds the unit's timeline at a
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
import type { UnitType } from '../../platform/db/schema.js';
import { DateRange, isWorkingDay, LocalDate } from '../../shared/index.js';
import { demandFor, refusalAt, refusalBeforeLoad, unitFacts, type Context } from './availability.js';
import { childDates } from './child-dates.js';
import { bookingError } from './contract.js';
import { bookingFacts, NoLongerFree, refusalError, withRetry, type BookResult, type OnBehalf } from './outcomes.js';

export { bookingFacts, NoLongerFree, refusalError, withRetry, type BookResult, type OnBehalf };
import { bookingConfirmation } from './letters.js';
import { parsePolicy, POLICY_KEY } from './booking-policy.js';
import {
  DAYCARE_TYPES,
  childEpochs,
  loadOccupancy,
  occupancyCache,
  type UnitOccupancy,
  type Versions,
} from './store.js';
import { addLoad, day, fromEpochDay, loadSegments } from './timeline.js';

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

export interface SearchFacts {
  /** The child, only if `guardianId` has custody of it today. */
  child: { id: string; first_name: string; last_name: string; birth_date: string } | null;
  /** The family's home: the child's, else the guardian's. */
  home: { lat: number | null; lon: number | null; municipalityCode: string } | null;
  /** The home municipality's booking policy setting (raw). */
  policy: unknown;
  versions: Versions;
}

/** What a family's availability search needs before it looks at the units, in one statement: the child (if the
 *  guardian has custody today), the home, its municipality's policy and the versions the search compares with what it
 *  holds. The read is audited in the same statement, and only when the child is the guardian's (a refusal is audited
 *  as one by the error handler). */
export async function searchFacts(
  db: Db,
  rc: RequestContext,
  guardianId: string,
  childId: string,
  today: LocalDate,
): Promise<SearchFacts> {
  const t = today.toString();
  const a = auditRow(rc, { action: 'booking.availability', subjectType: 'child', subjectIds: [childId] });
  const { rows } = await sql<SearchFacts & Omit<Versions, 'units'> & { units: string }>`${sql.raw(PREPARED)}
    with c as (
      select p.id, p.first_name, p.last_name, p.birth_date::text as birth_date
      from custody cu join person p on p.id = cu.child_id
      where cu.guardian_id = ${guardianId} and cu.child_id = ${childId} and cu.valid @> ${t}::date limit 1
    ), home as (
      select h.lat, h.lon, h.municipality_code as "municipalityCode"
      from residence r join household h on h.id = r.household_id
      where r.person_id in (${childId}, ${guardianId}) and r.valid @> ${t}::date and exists (select 1 from c)
      order by r.person_id = ${childId} desc limit 1
    ), au as (
      insert into audit_log (user_id, user_role, action, subject_type, subject_ids, ip, user_agent, details)
      select ${a.user_id}::uuid, ${a.user_role}::role, ${a.action}, ${a.subject_type}, ${a.subject_ids}::uuid[],
        ${a.ip}, ${a.user_agent}, ${a.details}::jsonb from c
    )
    select (select to_json(c) from c) as child, (select to_json(home) from home) as home,
      (select value from setting where municipality_code = (select "municipalityCode" from home)
         and key = ${POLICY_KEY} and valid @> ${t}::date) as policy,
      (select version::text from booking_unit_version) as units,
      (select version::text from booking_closing_version) as closing,
      (select json_object_agg(unit_id, version) from unit_load_version) as loads`.execute(db);
  const { child, home, policy, units, closing, loads } = rows[0]!;
  return { child, home, policy, versions: { units, closing, loads } };
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
  const au = auditRow(rc, {
    action: behalf?.auditAction ?? 'booking.book',
    subjectType: 'child',
    subjectIds: [input.childId],
    details: {
      bookingId,
      unitId: unit.id,
      start: start.toString(),
      ...(behalf && { reason: behalf.reason, hoursPerWeek: behalf.hours }),
    },
  });
  const l = rows.letter,
    to = rows.recipients.map((r) => r.person_id),
    hours = behalf?.hours;
  // One prepared statement (two texts: with and without the caseworker's hours). The guard is a plain SELECT that
  // runs first because the final select reads it; the inserts run in any case, and if the guard fails the whole
  // statement fails and none of them is kept. No recipient, no letter (as sendLetters).
  await sql`${sql.raw(PREPARED)} with guard as (
      select case when ${guard}::bigint is null then true
        else booking_lock_unit_at(${unit.id}::uuid, ${guard}::bigint) end as ok
    ), pl as (
      insert into placement (id, child_id, unit_id, kind, valid${sql.raw(hours ? ', hours_per_week' : '')})
      values (${placementId}::uuid, ${input.childId}::uuid, ${unit.id}::uuid, 'dagtilbud', ${range}::daterange
        ${hours ? sql`, ${hours}::smallint` : sql``})
    ), bk as (
      insert into booking (id, child_id, unit_id, placement_id, valid, booked_by, released_placement_id, released_upper)
      values (${bookingId}::uuid, ${input.childId}::uuid, ${unit.id}::uuid, ${placementId}::uuid, ${range}::daterange,
        ${userId}::uuid, ${released?.id ?? null}::uuid, ${released?.hi ?? null}::date)
    ), ev as (
      insert into booking_event (booking_id, kind, unit_id, valid, user_id)
      values (${bookingId}::uuid, 'booked', ${unit.id}::uuid, ${range}::daterange, ${userId}::uuid)
    ), au as (
      insert into audit_log (user_id, user_role, action, subject_type, subject_ids, ip, user_agent, details)
      values (${au.user_id}::uuid, ${au.user_role}::role, ${au.action}, ${au.subject_type}, ${au.subject_ids}::uuid[],
        ${au.ip}, ${au.user_agent}, ${au.details}::jsonb)
    ), lt as (
      insert into letter (id, kind, subject, child_id, letter_date, municipality_code, content)
      select ${l.id}::uuid, ${l.kind}::text, ${l.subject}::text, ${l.child_id}::uuid, ${l.letter_date}::date,
        ${l.municipality_code}::char(4), ${l.content}::jsonb
      where cardinality(${to}::uuid[]) > 0 returning id
    ), lr as (
      insert into letter_recipient (letter_id, person_id) select lt.id, r from lt, unnest(${to}::uuid[]) r
    ), dp as (
      insert into digital_post_message (letter_id, person_id) select lt.id, r from lt, unnest(${to}::uuid[]) r
    )
    select ok from guard`.execute(db);

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
  return cache.onePerUnit(p.unit.id, async () => {
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
