// Booking a place. The usual case is two statements and no explicit transaction (the fast path):
// 1. read, without a lock, everything the decision needs that does not depend on the unit's load: the unit, child,
//    policy, guardians (the custody check of a family's own booking), closing day and the child's own later places;
// 2. per unit, this process's bookings run in batches (batches.ts): the bookings that arrived while the unit's last
//    batch was writing are decided together, in order, on the newest timeline the process holds (each sees the
//    places of those before it; a refusal or 409 is answered from that snapshot), then written in one statement that
//    first locks the unit's load and fails unless its version is still the one decided on (booking_lock_unit_at,
//    034): a change to the unit's load by another process or path, or to a child's places (the exclusion
//    constraints), makes it fail and nothing is written. One statement and one commit for a popular unit's rush.
// Otherwise (the timeline not held, the version moved, a current place to end, a caseworker's booking) the full
// path runs in one transaction: lock the unit's load (see lockUnitLoad) and read the same facts (the child's places
// locked); read the occupancy afresh under the lock unless the version is held; write in one statement.
// Few round trips keep the lock short: the fast path holds it only while its one statement writes and commits.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { PREPARED, type Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { auditRow } from '../../platform/audit/audit.js';
import type { LocalDate } from '../../shared/index.js';
import { Batches } from './batches.js';
import { POLICY_KEY } from './booking-policy.js';
import {
  addPlace,
  copyTimeline,
  decide,
  draftOf,
  prepare,
  withPlaces,
  type Draft,
  type Facts,
  type Input,
  type Prepared,
} from './decide.js';
import { bookingFacts, NoLongerFree, refusalError, withRetry, type BookResult, type OnBehalf } from './outcomes.js';
import { loadOccupancy, loadsSince, occupancyCache, type UnitOccupancy, type Versions } from './store.js';

export { bookingFacts, NoLongerFree, refusalError, withRetry, type BookResult, type OnBehalf };

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
      ${loadsSince(occupancyCache(db).horizon)}`.execute(db);
  const { child, home, policy, units, closing, loads, horizon } = rows[0]!;
  return { child, home, policy, versions: { units, closing, loads, horizon } };
}

/** Writes the drafts (all for one unit) in one prepared statement; with `guard`, the statement first locks the
 *  unit's load and fails (40001) unless its version is still `guard`. The guard is a plain SELECT that runs first
 *  because the final select reads it; the inserts run in any case, and if the guard fails the whole statement fails
 *  and none of them is kept. No recipient, no letter (as sendLetters). Two texts: with and without hours. */
async function write(db: Db, unitId: string, drafts: Draft[], guard: number | null) {
  const hours = drafts.some((d) => d.placement.hours !== null);
  const json = (rows: object[]) => JSON.stringify(rows);
  await sql`${sql.raw(PREPARED)} with guard as (
      select case when ${guard}::bigint is null then true
        else booking_lock_unit_at(${unitId}::uuid, ${guard}::bigint) end as ok
    ), pl as (
      insert into placement (id, child_id, unit_id, kind, valid${sql.raw(hours ? ', hours_per_week' : '')})
      select x.id, x.child_id, x.unit_id, 'dagtilbud', x.valid${sql.raw(hours ? ', x.hours' : '')}
      from jsonb_to_recordset(${json(drafts.map((d) => d.placement))}::jsonb)
        as x(id uuid, child_id uuid, unit_id uuid, valid daterange, hours smallint)
    ), bk as (
      insert into booking (id, child_id, unit_id, placement_id, valid, booked_by, released_placement_id, released_upper)
      select * from jsonb_to_recordset(${json(drafts.map((d) => d.booking))}::jsonb) as x(id uuid, child_id uuid,
        unit_id uuid, placement_id uuid, valid daterange, booked_by uuid, released_placement_id uuid, released_upper date)
    ), ev as (
      insert into booking_event (booking_id, kind, unit_id, valid, user_id)
      select x.booking_id, 'booked', x.unit_id, x.valid, x.user_id
      from jsonb_to_recordset(${json(drafts.map((d) => d.event))}::jsonb)
        as x(booking_id uuid, unit_id uuid, valid daterange, user_id uuid)
    ), au as (
      insert into audit_log (user_id, user_role, action, subject_type, subject_ids, ip, user_agent, details)
      select * from jsonb_to_recordset(${json(drafts.map((d) => d.audit))}::jsonb) as x(user_id uuid, user_role role,
        action text, subject_type text, subject_ids uuid[], ip text, user_agent text, details jsonb)
    ), lt as (
      insert into letter (id, kind, subject, child_id, letter_date, municipality_code, content)
      select * from jsonb_to_recordset(${json(drafts.flatMap((d) => d.letter ?? []))}::jsonb) as x(id uuid,
        kind text, subject text, child_id uuid, letter_date date, municipality_code char(4), content jsonb)
    ), lr as (
      insert into letter_recipient (letter_id, person_id)
      select * from jsonb_to_recordset(${json(drafts.flatMap((d) => d.recipients))}::jsonb) as x(letter_id uuid, person_id uuid)
    ), dp as (
      insert into digital_post_message (letter_id, person_id)
      select * from jsonb_to_recordset(${json(drafts.flatMap((d) => d.recipients))}::jsonb) as x(letter_id uuid, person_id uuid)
    )
    select ok from guard`.execute(db);
}

type Attempt = { rc: RequestContext; input: Input; f: Facts; p: Prepared };
type Outcome = BookResult | 'moved' | null;

/** The fast path (see the top of the file): null when the full path must decide, 'moved' when it may try again. */
async function bookFast(db: Db, rc: RequestContext, input: Input): Promise<Outcome> {
  const today = rc.clock.today();
  const f = await readFacts(db, input.unitId, input.childId, input.start, today, false);
  if (f.version === null) return null;
  const p = prepare(f, input, today);
  return batchesOf(db).submit(p.unit.id, { rc, input, f, p });
}

const batches = new WeakMap<Db, Batches<Attempt, Outcome>>();
function batchesOf(db: Db) {
  let b = batches.get(db);
  if (!b) batches.set(db, (b = new Batches((unitId, attempts) => bookBatch(db, unitId, attempts))));
  return b;
}

/** Decides a batch of one unit's attempts in order on the newest timeline held and writes the accepted ones in one
 *  statement. Each attempt's answer: its result, its refusal, null (the full path decides) or 'moved'. */
async function bookBatch(db: Db, unitId: string, attempts: Attempt[]): Promise<(Outcome | Error)[]> {
  const out: (Outcome | Error)[] = attempts.map(() => null);
  const cache = occupancyCache(db),
    { policy, ctx } = attempts[0]!.p,
    today = ctx.today.toString();
  // The facts do not depend on the unit's load; the write's guard refuses the batch if the load moved since.
  const occ = cache.atLeast(policy, ctx.today, unitId, Math.max(...attempts.map((a) => a.p.version)));
  if (!occ) return out;
  const timeline = copyTimeline(occ.timeline),
    drafts: Draft[] = [],
    accepted: number[] = [],
    children = new Set<string>();
  for (const [i, a] of attempts.entries()) {
    // A timeline for another day or weighting (the clock or policy changed meanwhile), or the same child twice: the
    // full path decides.
    const other = a.p.policy.nurseryWeight !== policy.nurseryWeight || a.p.ctx.today.toString() !== today;
    if (other || a.p.policy.transitionAgeMonths !== policy.transitionAgeMonths || children.has(a.input.childId))
      continue;
    try {
      const d = decide(a.f, a.p, timeline, a.input);
      if (d.released) continue;
      const draft = draftOf(a.rc, a.input, a.f, a.p, d);
      addPlace(timeline, draft, policy.nurseryWeight);
      drafts.push(draft);
      accepted.push(i);
      children.add(a.input.childId);
    } catch (e) {
      out[i] = e as Error;
    }
  }
  if (!drafts.length) return out;
  try {
    await cache.writing(unitId, () => write(db, unitId, drafts, occ.version));
    cache.remember(withPlaces(occ, drafts, timeline));
    accepted.forEach((i, k) => (out[i] = drafts[k]!.result));
  } catch (e: any) {
    // The unit's load moved (40001), by another process or a locked path: reading again may decide without the
    // lock; a child got a place or booking meanwhile (23P01): the full path decides each.
    // A "no longer free" decided behind places of this batch is decided again too: those places were not written.
    if (e?.code !== '40001' && e?.code !== '23P01') throw e;
    out.forEach((o, i) => {
      if (o === null || o instanceof NoLongerFree) out[i] = e.code === '40001' ? 'moved' : null;
    });
  }
  return out;
}

export async function bookPlace(db: Db, rc: RequestContext, input: Input, behalf?: OnBehalf): Promise<BookResult> {
  // A few fast attempts: another process or path may move the unit's version (the full path then queues on its lock).
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
      const d = decide(f, p, occ.timeline, input);
      if (d.released)
        await trx
          .updateTable('placement')
          .set({ valid: sql`daterange(lower(valid), ${input.start.toString()}::date)` })
          .where('id', '=', d.released.id)
          .execute();
      const ids = { bookingId: randomUUID(), placementId: randomUUID() };
      const lines = behalf ? await behalf.within(trx, { ...ids, unitId: p.unit.id, start: input.start }) : [];
      const draft = draftOf(rc, input, f, p, d, behalf && { ...behalf, ...ids, lines });
      await write(trx, p.unit.id, [draft], null);
      const timeline = copyTimeline(occ.timeline);
      addPlace(timeline, draft, p.policy.nurseryWeight);
      after = withPlaces(occ, [draft], timeline);
      return draft.result;
    }),
  );
  if (after) occupancyCache(db).remember(after);
  return result;
}
