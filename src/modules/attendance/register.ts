// Registrations: check-in, check-out, status and pickup from a terminal or staff, and staff corrections.
// Each runs in one transaction that locks the child's row for the day, appends an attendance_event and an audit row.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/http/context.js';
import { audit } from '../../platform/audit/audit.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import type { LocalDate } from '../../shared/index.js';
import { checkInFrom, checkOutFrom, derivedStatus, hhmm, setStatusFrom, type Transition, validCorrection, withinCorrectionWindow } from './rules.js';
import { correctionWindowDays } from './queries.js';
import type { AttendanceBus } from './live.js';

/** Wall-clock time of day in Copenhagen, 'HH:MM:SS'. */
export function timeOfDay(clock: Clock): string {
  return clock.now().toZonedDateTimeISO('Europe/Copenhagen').toPlainTime().round({ smallestUnit: 'second' }).toString();
}

/** The child must be placed in `unitId` on `date`: 403 when it belongs to another unit, 404 when to none. */
export async function requireEnrolled(db: Db, childId: string, unitId: string, date: LocalDate): Promise<void> {
  const rows = await db.selectFrom('placement').select('unit_id').where('child_id', '=', childId)
    .where(sql<boolean>`valid @> ${date.toString()}::date`).execute();
  if (rows.some((r) => r.unit_id === unitId)) return;
  if (rows.length) throw forbidden('Barnet er ikke indskrevet i denne enhed.');
  throw notFound('Barnet er ikke indskrevet i enheden.');
}

export interface By { userId: string | null; terminalId: string | null }
type Row = { id: string; status: number; check_in: string | null; check_out: string | null; pickup_by: string | null };

/** Locks (creating when missing) the child's registration for the day. A new row starts from a reported absence. */
async function lockDay(trx: Db, childId: string, unitId: string, date: LocalDate): Promise<Row> {
  const d = date.toString();
  const absence = await trx.selectFrom('absence').select('type').where('child_id', '=', childId)
    .where(sql<boolean>`valid @> ${d}::date`).executeTakeFirst();
  await trx.insertInto('attendance').values({ child_id: childId, unit_id: unitId, date: d, status: derivedStatus(null, absence?.type ?? null) })
    .onConflict((oc) => oc.columns(['child_id', 'date']).doNothing()).execute();
  return trx.selectFrom('attendance').select(['id', 'status', 'check_in', 'check_out', 'pickup_by'])
    .where('child_id', '=', childId).where('date', '=', d).forUpdate().executeTakeFirstOrThrow();
}

export type Action = { kind: 'check_in'; pickupBy?: string | null } | { kind: 'check_out' } | { kind: 'status'; status: number } | { kind: 'pickup'; pickupBy: string | null };

/** A tap on the terminal (or the same action by staff) for today. */
export async function register(ctx: RequestContext, bus: AttendanceBus, unitId: string, childId: string, action: Action, by: By) {
  const date = ctx.clock.today(), now = timeOfDay(ctx.clock);
  const result = await ctx.db.transaction().execute(async (trx) => {
    await requireEnrolled(trx, childId, unitId, date);
    const row = await lockDay(trx, childId, unitId, date);
    const next = { status: row.status, check_in: row.check_in, check_out: row.check_out, pickup_by: row.pickup_by };
    let t: Transition = { ok: true, status: row.status as any };
    if (action.kind === 'check_in') {
      t = checkInFrom(row.status);
      Object.assign(next, { check_in: row.status === 8 ? row.check_in : now, check_out: null });
      if (action.pickupBy !== undefined) next.pickup_by = action.pickupBy;
    } else if (action.kind === 'check_out') {
      t = checkOutFrom(row.status);
      if (t.ok && row.check_in !== null && now < row.check_in) throw conflict('Udtjek kan ikke ligge før indtjek.');
      next.check_out = now;
    } else if (action.kind === 'status') {
      t = setStatusFrom(row.status, action.status);
    } else {
      next.pickup_by = action.pickupBy;
    }
    if (!t.ok) throw conflict(t.message);
    next.status = t.status;
    await trx.updateTable('attendance').set({ ...next, updated_at: sql`now()` }).where('id', '=', row.id).execute();
    await trx.insertInto('attendance_event').values({ attendance_id: row.id, kind: action.kind, ...next, user_id: by.userId, terminal_id: by.terminalId }).execute();
    await audit(trx, ctx, { action: `attendance.${action.kind}`, subjectType: 'child', subjectIds: [childId], details: { unitId, terminalId: by.terminalId } });
    return next;
  });
  const out = { childId, date: date.toString(), status: result.status, checkIn: hhmm(result.check_in), checkOut: hhmm(result.check_out), pickupBy: result.pickup_by };
  bus.publish({ unitId, kind: action.kind, ...out });
  return out;
}

export interface Correction { status: number; checkIn: string | null; checkOut: string | null; pickupBy: string | null; reason: string }

/** A staff correction of any day within the correction window, with its reason kept in the event trail. */
export async function correct(ctx: RequestContext, bus: AttendanceBus, unitId: string, childId: string, date: LocalDate, c: Correction) {
  const today = ctx.clock.today();
  if (date.isAfter(today)) throw badRequest('Der kan ikke rettes i fremtidige dage.');
  const window = await correctionWindowDays(ctx.db, today);
  if (!withinCorrectionWindow(date, today, window)) throw badRequest(`Registreringer kan højst rettes ${window} dage tilbage.`);
  const v = validCorrection(c);
  if (!v.ok) throw badRequest(v.message);
  const next = { status: c.status, check_in: c.checkIn, check_out: c.checkOut, pickup_by: c.pickupBy };
  await ctx.db.transaction().execute(async (trx) => {
    await requireEnrolled(trx, childId, unitId, date);
    const row = await lockDay(trx, childId, unitId, date);
    await trx.updateTable('attendance').set({ ...next, updated_at: sql`now()` }).where('id', '=', row.id).execute();
    await trx.insertInto('attendance_event').values({ attendance_id: row.id, kind: 'correction', ...next, user_id: ctx.actor?.userId ?? null, reason: c.reason }).execute();
    await audit(trx, ctx, { action: 'attendance.correct', subjectType: 'child', subjectIds: [childId], details: { unitId, date: date.toString(), reason: c.reason } });
  });
  const out = { childId, date: date.toString(), status: c.status, checkIn: hhmm(c.checkIn), checkOut: hhmm(c.checkOut), pickupBy: c.pickupBy };
  if (date.isEqual(today)) bus.publish({ unitId, kind: 'correction', ...out });
  return out;
}

/** The event trail of one child's day, newest last. */
export async function eventsOf(db: Db, childId: string, date: LocalDate) {
  const rows = await db.selectFrom('attendance_event as e').innerJoin('attendance as a', 'a.id', 'e.attendance_id')
    .leftJoin('app_user as u', 'u.id', 'e.user_id').leftJoin('terminal as t', 't.id', 'e.terminal_id')
    .select(['e.id', 'e.at', 'e.kind', 'e.status', 'e.check_in', 'e.check_out', 'e.pickup_by', 'e.reason', 'u.name as userName', 't.name as terminalName'])
    .where('a.child_id', '=', childId).where('a.date', '=', date.toString()).orderBy('e.id').execute();
  return rows.map((r) => ({ id: Number(r.id), at: r.at, kind: r.kind, status: r.status, checkIn: hhmm(r.check_in), checkOut: hhmm(r.check_out),
    pickupBy: r.pickup_by, reason: r.reason, by: r.userName ?? (r.terminalName ? `Terminal: ${r.terminalName}` : null) }));
}

