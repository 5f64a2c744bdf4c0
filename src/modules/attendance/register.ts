// Registrations: check-in, check-out, status and pickup from a terminal or staff, and staff corrections.
// Each runs in one transaction that locks the child's row for the day, appends an attendance_event and an audit row.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/http/context.js';
import { audit } from '../../platform/audit/audit.js';
import type { LocalDate } from '../../shared/index.js';
import {
  checkInFrom,
  checkOutFrom,
  hhmm,
  setStatusFrom,
  type Transition,
  validCorrection,
  withinCorrectionWindow,
} from './rules.js';
import { correctionWindowDays } from './queries.js';
import { municipalitiesOfUnits } from '../registry/index.js';
import type { AttendanceBus } from './live.js';
import { attendanceError as fail } from './contract.js';

/** Wall-clock time of day in Copenhagen, 'HH:MM:SS'. */
export function timeOfDay(clock: Clock): string {
  return clock.now().toZonedDateTimeISO('Europe/Copenhagen').toPlainTime().round({ smallestUnit: 'second' }).toString();
}

/** The child must be placed in `unitId` on `date`: 403 when it belongs to another unit, 404 when to none. */
export async function requireEnrolled(db: Db, childId: string, unitId: string, date: LocalDate): Promise<void> {
  const rows = await db
    .selectFrom('placement')
    .select('unit_id')
    .where('child_id', '=', childId)
    .where(sql<boolean>`valid @> ${date.toString()}::date`)
    .execute();
  if (rows.some((r) => r.unit_id === unitId)) return;
  if (rows.length) throw fail('attendance.enrolled-elsewhere');
  throw fail('attendance.not-enrolled');
}

export interface By {
  userId: string | null;
  terminalId: string | null;
}
type Row = {
  id: string;
  version: number;
  status: number;
  check_in: string | null;
  check_out: string | null;
  pickup_by: string | null;
};

/** Locks (creating when missing) the child's registration for the day, in one statement: the row exists only when the
 *  child is placed in the unit that day (else null), and a new row starts from a reported absence. DO UPDATE locks it. */
async function lockDay(trx: Db, childId: string, unitId: string, date: LocalDate): Promise<Row | null> {
  const d = date.toString();
  const r = await sql<Row>`
    insert into attendance (child_id, unit_id, date, status)
    select p.child_id, p.unit_id, ${d}::date,
      coalesce((select case ab.type when 'sick' then 1 else 2 end from absence ab where ab.child_id = p.child_id and ab.valid @> ${d}::date), 0)
    from placement p where p.child_id = ${childId} and p.unit_id = ${unitId} and p.valid @> ${d}::date
    limit 1
    on conflict (child_id, date) do update set updated_at = attendance.updated_at
    returning id, version, status, check_in::text, check_out::text, pickup_by`.execute(trx);
  return r.rows[0] ?? null;
}

/** Writes the new state and its event in one statement. */
async function write(
  trx: Db,
  id: string,
  next: Omit<Row, 'id' | 'version'>,
  kind: Action['kind'] | 'correction',
  by: By,
  reason: string | null = null,
) {
  await sql`
    with u as (update attendance set status = ${next.status}, check_in = ${next.check_in}::time, check_out = ${next.check_out}::time,
      pickup_by = ${next.pickup_by}, updated_at = now(), version = version + 1 where id = ${id} returning id)
    insert into attendance_event (attendance_id, kind, status, check_in, check_out, pickup_by, user_id, terminal_id, reason)
    select u.id, ${kind}, ${next.status}, ${next.check_in}::time, ${next.check_out}::time, ${next.pickup_by}, ${by.userId}::uuid, ${by.terminalId}::uuid, ${reason} from u`.execute(
    trx,
  );
}

export type Action =
  | { kind: 'check_in'; pickupBy?: string | null }
  | { kind: 'check_out' }
  | { kind: 'status'; status: number }
  | { kind: 'pickup'; pickupBy: string | null };

/** A tap on the terminal (or the same action by staff) for today. Optimistic and short, for the morning rush: one
 *  statement reads (creating) the day's row, the rules decide, and one statement writes the row, its event and the
 *  audit row together, only if the row's version is unchanged since the read; on a concurrent change it re-reads. */
export async function register(
  ctx: RequestContext,
  bus: AttendanceBus,
  unitId: string,
  childId: string,
  action: Action,
  by: By,
) {
  const date = ctx.clock.today(),
    now = timeOfDay(ctx.clock);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await readDay(ctx.db, childId, unitId, date);
    if (!row) {
      await requireEnrolled(ctx.db, childId, unitId, date);
      throw fail('attendance.enrolment-changed');
    }
    const next = decide(row, action, now);
    if (await writeIfUnchanged(ctx, row, next, action.kind, by, { unitId, childId, date: date.toString() })) {
      const out = {
        childId,
        date: date.toString(),
        status: next.status,
        checkIn: hhmm(next.check_in),
        checkOut: hhmm(next.check_out),
        pickupBy: next.pickup_by,
      };
      bus.publish({ unitId, kind: action.kind, ...out });
      return out;
    }
  }
  throw fail('attendance.concurrent-change');
}

function decide(row: Omit<Row, 'id'>, action: Action, now: string): Omit<Row, 'id' | 'version'> {
  const next = { status: row.status, check_in: row.check_in, check_out: row.check_out, pickup_by: row.pickup_by };
  let t: Transition = { ok: true, status: row.status as any };
  if (action.kind === 'check_in') {
    t = checkInFrom(row.status);
    Object.assign(next, { check_in: row.check_in ?? now, check_out: null }); // came back (also after being sent home sick): keep the first arrival
    if (action.pickupBy !== undefined) next.pickup_by = action.pickupBy;
  } else if (action.kind === 'check_out') {
    t = checkOutFrom(row.status);
    if (t.ok && row.check_in !== null && now < row.check_in) throw fail('attendance.check-out-before-check-in');
    next.check_out = now;
  } else if (action.kind === 'status') {
    t = setStatusFrom(row.status, action.status);
  } else {
    next.pickup_by = action.pickupBy;
  }
  if (!t.ok) throw fail(t.code, t.params);
  return { ...next, status: t.status };
}

/** The day's registration as it stands (id null when there is none yet: its status then comes from a reported
 *  absence), or null when the child is not placed in the unit that day. One statement, nothing written. */
async function readDay(
  db: Db,
  childId: string,
  unitId: string,
  date: LocalDate,
): Promise<(Omit<Row, 'id'> & { id: string | null }) | null> {
  const d = date.toString();
  const r = await sql<Omit<Row, 'id'> & { id: string | null }>`
    select a.id, coalesce(a.version, 0) as version, a.check_in::text, a.check_out::text, a.pickup_by,
      coalesce(a.status, (select case ab.type when 'sick' then 1 else 2 end from absence ab where ab.child_id = p.child_id and ab.valid @> ${d}::date), 0)::int as status
    from placement p left join attendance a on a.child_id = p.child_id and a.date = ${d}::date
    where p.child_id = ${childId} and p.unit_id = ${unitId} and p.valid @> ${d}::date limit 1`.execute(db);
  return r.rows[0] ?? null;
}

/** Row, event and audit row in one atomic statement (the audit row has audit()'s columns). The row is inserted when
 *  there was none, else updated only if its version is unchanged. False when another change came first. */
async function writeIfUnchanged(
  ctx: RequestContext,
  row: Omit<Row, 'id'> & { id: string | null },
  next: Omit<Row, 'id' | 'version'>,
  kind: Action['kind'],
  by: By,
  s: { unitId: string; childId: string; date: string },
) {
  const details = JSON.stringify({ unitId: s.unitId, terminalId: by.terminalId });
  const upsert =
    row.id === null
      ? sql`insert into attendance (child_id, unit_id, date, status, check_in, check_out, pickup_by, version)
        values (${s.childId}, ${s.unitId}, ${s.date}::date, ${next.status}, ${next.check_in}::time, ${next.check_out}::time, ${next.pickup_by}, 1)
        on conflict (child_id, date) do nothing returning id`
      : sql`update attendance set status = ${next.status}, check_in = ${next.check_in}::time, check_out = ${next.check_out}::time,
        pickup_by = ${next.pickup_by}, updated_at = now(), version = version + 1
        where id = ${row.id} and version = ${row.version} returning id`;
  const r = await sql<{ n: number }>`
    with u as (${upsert}),
    e as (insert into attendance_event (attendance_id, kind, status, check_in, check_out, pickup_by, user_id, terminal_id)
      select u.id, ${kind}, ${next.status}, ${next.check_in}::time, ${next.check_out}::time, ${next.pickup_by}, ${by.userId}::uuid, ${by.terminalId}::uuid from u
      returning attendance_id),
    a as (insert into audit_log (user_id, user_role, action, subject_type, subject_ids, ip, user_agent, details)
      select ${ctx.actor?.userId ?? null}::uuid, ${ctx.actor?.role ?? null}::role, ${`attendance.${kind}`}, 'child', array[${s.childId}::uuid], ${ctx.ip}, ${ctx.userAgent}, ${details}::jsonb from e
      returning id)
    select count(*)::int as n from a`.execute(ctx.db);
  return r.rows[0]!.n === 1;
}

export interface Correction {
  status: number;
  checkIn: string | null;
  checkOut: string | null;
  pickupBy: string | null;
  reason: string;
}

/** A staff correction of any day within the correction window, with its reason kept in the event trail. */
export async function correct(
  ctx: RequestContext,
  bus: AttendanceBus,
  unitId: string,
  childId: string,
  date: LocalDate,
  c: Correction,
) {
  const today = ctx.clock.today();
  if (date.isAfter(today)) throw fail('attendance.future-day');
  const [municipality] = await municipalitiesOfUnits(ctx.db, [unitId]);
  const window = await correctionWindowDays(ctx.db, municipality ?? null, today);
  if (!withinCorrectionWindow(date, today, window))
    throw fail('attendance.outside-correction-window', { days: window });
  const v = validCorrection(c);
  if (!v.ok) throw fail(v.code, v.params);
  const next = { status: c.status, check_in: c.checkIn, check_out: c.checkOut, pickup_by: c.pickupBy };
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockDay(trx, childId, unitId, date);
    if (!row) return requireEnrolled(trx, childId, unitId, date);
    await write(trx, row.id, next, 'correction', { userId: ctx.actor?.userId ?? null, terminalId: null }, c.reason);
    await audit(trx, ctx, {
      action: 'attendance.correct',
      subjectType: 'child',
      subjectIds: [childId],
      details: { unitId, date: date.toString(), reason: c.reason },
    });
  });
  const out = {
    childId,
    date: date.toString(),
    status: c.status,
    checkIn: hhmm(c.checkIn),
    checkOut: hhmm(c.checkOut),
    pickupBy: c.pickupBy,
  };
  if (date.isEqual(today)) bus.publish({ unitId, kind: 'correction', ...out });
  return out;
}

/** How long the terminal may take back its own check-out (the tablet offers it for 10 s; the rest is slack). */
export const UNDO_SECONDS = 30;

/** The terminal takes back its own check-out of a moment ago: the day returns to its state before the check-out,
 *  written as a correction with its reason in the trail and an audit row. Refused once anything else happened, by
 *  another terminal, or after UNDO_SECONDS. */
export async function undoCheckOut(
  ctx: RequestContext,
  bus: AttendanceBus,
  unitId: string,
  childId: string,
  terminalId: string,
) {
  const date = ctx.clock.today();
  const next = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockDay(trx, childId, unitId, date);
    if (!row) {
      await requireEnrolled(trx, childId, unitId, date);
      throw fail('attendance.enrolment-changed');
    }
    const events = await sql<{
      kind: string;
      terminal_id: string | null;
      fresh: boolean;
      status: number;
      check_out: string | null;
    }>`
      select kind, terminal_id, at > now() - make_interval(secs => ${UNDO_SECONDS}) as fresh, status, check_out::text
      from attendance_event where attendance_id = ${row.id} order by id desc limit 2`.execute(trx);
    const [last, before] = events.rows;
    if (!last || !before || last.kind !== 'check_out' || last.terminal_id !== terminalId || !last.fresh)
      throw fail('attendance.undo-expired', { seconds: UNDO_SECONDS });
    const state = {
      status: before.status,
      check_in: row.check_in,
      check_out: before.check_out,
      pickup_by: row.pickup_by,
    };
    await write(trx, row.id, state, 'correction', { userId: null, terminalId }, 'Udtjekning fortrudt på terminalen');
    await audit(trx, ctx, {
      action: 'attendance.undo_check_out',
      subjectType: 'child',
      subjectIds: [childId],
      details: { unitId, terminalId, date: date.toString() },
    });
    return state;
  });
  const out = {
    childId,
    date: date.toString(),
    status: next.status,
    checkIn: hhmm(next.check_in),
    checkOut: hhmm(next.check_out),
    pickupBy: next.pickup_by,
  };
  bus.publish({ unitId, kind: 'correction', ...out });
  return out;
}

/** The event trail of one child's day, newest last. */
/** The trail of a child's day as recorded at one unit, and only if the child was placed there that day:
 *  a unit that once had the child sees nothing of the child's days at its new unit. */
export async function eventsOf(db: Db, childId: string, date: LocalDate, unitId: string) {
  const rows = await db
    .selectFrom('attendance_event as e')
    .innerJoin('attendance as a', 'a.id', 'e.attendance_id')
    .leftJoin('app_user as u', 'u.id', 'e.user_id')
    .leftJoin('terminal as t', 't.id', 'e.terminal_id')
    .select([
      'e.id',
      'e.at',
      'e.kind',
      'e.status',
      'e.check_in',
      'e.check_out',
      'e.pickup_by',
      'e.reason',
      'u.name as userName',
      't.name as terminalName',
    ])
    .where('a.child_id', '=', childId)
    .where('a.date', '=', date.toString())
    .where('a.unit_id', '=', unitId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('placement as p')
          .select('p.id')
          .where('p.child_id', '=', childId)
          .where('p.unit_id', '=', unitId)
          .where(sql<boolean>`p.valid @> a.date`),
      ),
    )
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    kind: r.kind,
    status: r.status,
    checkIn: hhmm(r.check_in),
    checkOut: hhmm(r.check_out),
    pickupBy: r.pickup_by,
    reason: r.reason,
    by: r.userName ?? (r.terminalName ? `Terminal: ${r.terminalName}` : null),
  }));
}
