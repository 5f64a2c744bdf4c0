// Book, move and cancel a place. Each runs in one transaction that locks the unit row (SELECT … FOR UPDATE) and
// rechecks availability from the database under the lock, so two parents can never take the same last place.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { audit } from '../../platform/audit/audit.js';
import { sendLetters } from '../../platform/letters/index.js';
import { HttpError, conflict, notFound } from '../../platform/http/errors.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import { REFUSAL_DA, demandFor, policyRefusal, refusalAt, unitFacts, type Context, type Refusal } from './availability.js';
import { childDates } from './child-dates.js';
import { bookingCancelled, bookingConfirmation, bookingMoved, type BookingFacts, type LetterDraft } from './letters.js';
import { policyOn, type BookingPolicy } from './policy.js';
import { openCheck } from './search.js';
import { closingDays, DAYCARE_TYPES, loadOccupancy } from './store.js';
import { earliestFit, day, fromEpochDay } from './timeline.js';

/** The place is gone: the caller answers 409 with the nearest alternatives. */
export class NoLongerFree extends HttpError {
  constructor(readonly childId: string, readonly wished: LocalDate, readonly birthDate: LocalDate) {
    super(409, 'no_longer_free', 'Pladsen er ikke længere ledig. Se de nærmeste alternativer.');
  }
}

const refusalError = (r: Refusal) => (r === 'full' ? conflict(REFUSAL_DA.full) : new HttpError(400, r, REFUSAL_DA[r]));

/** Retries a transaction a deadlock or serialization failure aborted. */
async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try { return await fn(); } catch (e: any) {
      if (attempt >= 5 || (e?.code !== '40P01' && e?.code !== '40001')) throw e;
    }
  }
}

export interface BookResult { bookingId: string; placementId: string; unitId: string; unitName: string; start: string; end: string; changeDeadline: string; letter: LetterDraft }

async function childOf(db: Db, childId: string) {
  const c = await db.selectFrom('person').select(['id', 'first_name', 'last_name', 'birth_date']).where('id', '=', childId).executeTakeFirst();
  if (!c) throw notFound('Barnet findes ikke.');
  return { ...c, name: `${c.first_name} ${c.last_name}`, birth: LocalDate.parse(c.birth_date) };
}

async function guardiansOf(db: Db, childId: string, today: LocalDate) {
  const rows = await db.selectFrom('custody').select('guardian_id').where('child_id', '=', childId)
    .where(sql<boolean>`valid @> ${today.toString()}::date`).execute();
  return rows.map((r) => r.guardian_id);
}

/** Locks the unit and answers whether the child fits from `start`, reading the unit's occupancy under the lock. */
async function lockAndCheck(trx: Db, unitId: string, ctx: Context, start: LocalDate, excludePlacementId?: string) {
  const unit = await trx.selectFrom('unit').innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id')
    .select(['unit.id', 'unit.name', 'unit.type', 'unit.street', 'unit.postal_code', 'unit.city', 'unit.closed_on', 'd.municipality_code'])
    .where('unit.id', '=', unitId).forUpdate('unit').executeTakeFirst();
  if (!unit || unit.closed_on || !DAYCARE_TYPES.includes(unit.type)) throw notFound('Enheden findes ikke eller tager ikke imod børn i dagtilbud.');
  const facts = unitFacts(unit.id, unit.type);
  const pre = policyRefusal(ctx, start) ?? (() => { const d = demandFor(facts, ctx, start); return typeof d === 'string' ? d : null; })();
  if (pre) throw refusalError(pre);
  const closing = await closingDays(trx, start, unit.id);
  const occ = (await loadOccupancy(trx, [{ id: unit.id, type: unit.type }], ctx.policy, ctx.today, excludePlacementId)).get(unit.id)!;
  const r = refusalAt(occ.timeline, facts, ctx, start, openCheck(closing, { id: unit.id, municipalityCode: unit.municipality_code }));
  return { unit, facts, refusal: r };
}

function facts(child: { id: string; name: string }, unit: { name: string; street: string; postal_code: string; city: string }, start: LocalDate, endExcl: LocalDate, policy: BookingPolicy): BookingFacts {
  return { childName: child.name, childId: child.id, unitName: unit.name, address: `${unit.street}, ${unit.postal_code} ${unit.city}`,
    start, end: endExcl.minusDays(1), changeDeadline: start.minusDays(policy.changeDeadlineDays) };
}

export async function bookPlace(db: Db, rc: RequestContext, input: { childId: string; unitId: string; start: LocalDate }): Promise<BookResult> {
  const today = rc.clock.today();
  return withRetry(() => db.transaction().execute(async (trx) => {
    const child = await childOf(trx, input.childId);
    const policy = await policyOn(trx, today);
    const ctx: Context = { policy, today, child: childDates(child.birth, policy) };
    const { start } = input;
    // Cheap refusals before taking the lock.
    const pre = policyRefusal(ctx, start);
    if (pre) throw refusalError(pre);
    const { unit, facts: uf, refusal } = await lockAndCheck(trx, input.unitId, ctx, start);
    const demand = demandFor(uf, ctx, start) as Exclude<ReturnType<typeof demandFor>, string>;
    const end = LocalDate.parse(fromDay(demand.end));
    if (refusal === 'full') throw new NoLongerFree(child.id, start, child.birth);
    if (refusal) throw refusalError(refusal);

    // The child's other places in the period: a booking or a later place is a double booking; a current place
    // elsewhere ends the day before the new one starts (the kindergarten place replaces the nursery place).
    const range = DateRange.of(start, end.minusDays(1)).toPgDaterange();
    const overlapping = await trx.selectFrom('placement').leftJoin('booking as b', (j) => j.onRef('b.placement_id', '=', 'placement.id').on('b.status', '=', 'active'))
      .select(['placement.id', 'placement.unit_id', sql<string>`lower(placement.valid)::text`.as('lo'), sql<string | null>`upper(placement.valid)::text`.as('hi'), 'b.id as bookingId'])
      .where('placement.child_id', '=', child.id).where('placement.kind', '=', 'dagtilbud').where(sql<boolean>`placement.valid && ${range}::daterange`)
      .forUpdate('placement').execute();
    let released: { id: string; hi: string | null } | null = null;
    for (const p of overlapping) {
      if (p.bookingId) throw conflict('Barnet har allerede en booking i perioden. Flyt eller afmeld den i stedet.');
      if (p.lo >= start.toString()) throw conflict('Barnet har allerede en plads, der starter i perioden.');
      if (p.unit_id === unit.id) throw conflict('Barnet går allerede i denne enhed.');
      released = { id: p.id, hi: p.hi };
    }
    if (released) await trx.updateTable('placement').set({ valid: sql`daterange(lower(valid), ${start.toString()}::date)` }).where('id', '=', released.id).execute();
    const placement = await trx.insertInto('placement').values({ child_id: child.id, unit_id: unit.id, kind: 'dagtilbud', valid: range })
      .returning('id').executeTakeFirstOrThrow();
    const booking = await trx.insertInto('booking').values({ child_id: child.id, unit_id: unit.id, placement_id: placement.id, valid: range,
      booked_by: rc.actor!.userId, released_placement_id: released?.id ?? null, released_upper: released?.hi ?? null }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('booking_event').values({ booking_id: booking.id, kind: 'booked', unit_id: unit.id, valid: range, user_id: rc.actor!.userId }).execute();
    await audit(trx, rc, { action: 'booking.book', subjectType: 'child', subjectIds: [child.id], details: { bookingId: booking.id, unitId: unit.id, start: start.toString() } });
    const f = facts(child, unit, start, end, policy);
    const letter = bookingConfirmation(f, await guardiansOf(trx, child.id, today));
    await deliverLetters(trx, [letter], today);
    return { bookingId: booking.id, placementId: placement.id, unitId: unit.id, unitName: unit.name, start: start.toString(),
      end: f.end.toString(), changeDeadline: f.changeDeadline.toString(), letter };
  }));
}

const fromDay = (n: number) => fromEpochDay(n).toString();

async function activeBooking(trx: Db, bookingId: string, today: LocalDate, policy: BookingPolicy) {
  const b = await trx.selectFrom('booking').selectAll().where('id', '=', bookingId).forUpdate().executeTakeFirst();
  if (!b) throw notFound('Bookingen findes ikke.');
  if (b.status !== 'active' || !b.placement_id) throw conflict('Bookingen er allerede afmeldt.');
  const r = DateRange.fromPg(b.valid);
  const deadline = r.start.minusDays(policy.changeDeadlineDays);
  if (today.isAfter(deadline)) throw conflict(`Bookingen kan kun ændres frem til ${policy.changeDeadlineDays} dage før start (${deadline}).`);
  return { ...b, range: r };
}

/** Puts a current place the booking ended back as it was, if the child still fits there; true if restored. */
async function restoreReleased(trx: Db, b: { released_placement_id: string | null; released_upper: string | null }, from: LocalDate, to: LocalDate | null, ctx: Context) {
  if (!b.released_placement_id) return true;
  const p = await trx.selectFrom('placement').select(['id', 'unit_id', sql<string | null>`upper(valid)::text`.as('hi')]).where('id', '=', b.released_placement_id).executeTakeFirst();
  if (!p || p.hi !== from.toString()) return false;
  const newHi = to ?? (b.released_upper ? LocalDate.parse(b.released_upper) : null);
  const unit = await trx.selectFrom('unit').select(['id', 'type']).where('id', '=', p.unit_id).forUpdate().executeTakeFirstOrThrow();
  const occ = (await loadOccupancy(trx, [unit], ctx.policy, ctx.today, p.id)).get(unit.id)!;
  const end = Math.min(newHi ? day(newHi) : Infinity, day(ctx.child.schoolStart));
  if (end > day(from) && earliestFit(occ.timeline, day(from), { transition: day(ctx.child.transition), end, weight: ctx.policy.nurseryWeight }) !== day(from)) return false;
  await trx.updateTable('placement').set({ valid: sql`daterange(lower(valid), ${newHi?.toString() ?? null}::date)` }).where('id', '=', p.id).execute();
  return true;
}

export async function moveBooking(db: Db, rc: RequestContext, input: { bookingId: string; unitId: string; start: LocalDate }) {
  const today = rc.clock.today();
  return withRetry(() => db.transaction().execute(async (trx) => {
    const policy = await policyOn(trx, today);
    const b = await activeBooking(trx, input.bookingId, today, policy);
    const child = await childOf(trx, b.child_id);
    const ctx: Context = { policy, today, child: childDates(child.birth, policy) };
    const pre = policyRefusal(ctx, input.start);
    if (pre) throw refusalError(pre);
    // Lock both units in id order so two moves between the same units cannot deadlock.
    if (b.unit_id !== input.unitId && b.unit_id < input.unitId) await trx.selectFrom('unit').select('id').where('id', '=', b.unit_id).forUpdate().execute();
    const { unit, facts: uf, refusal } = await lockAndCheck(trx, input.unitId, ctx, input.start, b.placement_id!);
    if (b.unit_id !== input.unitId && b.unit_id > input.unitId) await trx.selectFrom('unit').select('id').where('id', '=', b.unit_id).forUpdate().execute();
    if (refusal === 'full') throw new NoLongerFree(child.id, input.start, child.birth);
    if (refusal) throw refusalError(refusal);
    const demand = demandFor(uf, ctx, input.start) as Exclude<ReturnType<typeof demandFor>, string>;
    const end = LocalDate.parse(fromDay(demand.end));
    const range = DateRange.of(input.start, end.minusDays(1)).toPgDaterange();
    // A current place the booking ended follows the new start (shorter, or longer if the child still fits there).
    if (b.released_placement_id && !input.start.isEqual(b.range.start)) {
      const p = await trx.selectFrom('placement').select(sql<string | null>`upper(valid)::text`.as('hi')).where('id', '=', b.released_placement_id).executeTakeFirst();
      if (p?.hi === b.range.start.toString()) {
        if (input.start.isBefore(b.range.start)) {
          await trx.updateTable('placement').set({ valid: sql`daterange(lower(valid), ${input.start.toString()}::date)` }).where('id', '=', b.released_placement_id).execute();
        } else if (!(await restoreReleased(trx, b, b.range.start, input.start, ctx))) {
          throw conflict('Den nuværende plads kan ikke forlænges til den nye startdato. Vælg en tidligere dato.');
        }
      }
    }
    await trx.updateTable('placement').set({ unit_id: unit.id, valid: range }).where('id', '=', b.placement_id!).execute();
    await trx.updateTable('booking').set({ unit_id: unit.id, valid: range }).where('id', '=', b.id).execute();
    await trx.insertInto('booking_event').values({ booking_id: b.id, kind: 'moved', unit_id: unit.id, valid: range, user_id: rc.actor!.userId }).execute();
    await audit(trx, rc, { action: 'booking.move', subjectType: 'child', subjectIds: [child.id], details: { bookingId: b.id, unitId: unit.id, start: input.start.toString() } });
    const f = facts(child, unit, input.start, end, policy);
    const letter = bookingMoved(f, await guardiansOf(trx, child.id, today));
    await deliverLetters(trx, [letter], today);
    return { bookingId: b.id, unitId: unit.id, unitName: unit.name, start: input.start.toString(), end: f.end.toString(), changeDeadline: f.changeDeadline.toString(), letter };
  }));
}

export async function cancelBooking(db: Db, rc: RequestContext, bookingId: string) {
  const today = rc.clock.today();
  return withRetry(() => db.transaction().execute(async (trx) => {
    const policy = await policyOn(trx, today);
    const b = await activeBooking(trx, bookingId, today, policy);
    const child = await childOf(trx, b.child_id);
    const ctx: Context = { policy, today, child: childDates(child.birth, policy) };
    const unit = await trx.selectFrom('unit').select(['id', 'name', 'street', 'postal_code', 'city']).where('id', '=', b.unit_id).forUpdate().executeTakeFirstOrThrow();
    await trx.updateTable('booking').set({ status: 'cancelled', placement_id: null }).where('id', '=', b.id).execute();
    await trx.deleteFrom('placement').where('id', '=', b.placement_id!).execute();
    const restored = await restoreReleased(trx, b, b.range.start, null, ctx);
    await trx.insertInto('booking_event').values({ booking_id: b.id, kind: 'cancelled', unit_id: b.unit_id, valid: b.valid, user_id: rc.actor!.userId }).execute();
    await audit(trx, rc, { action: 'booking.cancel', subjectType: 'child', subjectIds: [child.id], details: { bookingId: b.id } });
    const f = facts(child, unit, b.range.start, b.range.end ? b.range.end.plusDays(1) : b.range.start, policy);
    const letter = bookingCancelled(f, await guardiansOf(trx, child.id, today));
    await deliverLetters(trx, [letter], today);
    return { bookingId: b.id, status: 'cancelled' as const, previousPlaceRestored: restored, letter };
  }));
}

/** The letters go to the guardians' inbox (and Digital Post) in the same transaction as the change. */
async function deliverLetters(trx: Db, drafts: LetterDraft[], today: LocalDate): Promise<void> {
  await sendLetters(trx, drafts.filter((d) => d.recipients.length > 0), today);
}

