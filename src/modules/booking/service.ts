// Move and cancel a booking (booking itself is book.ts). Each runs in one transaction that takes the units' load lock
// (lockUnitLoad) and rechecks availability from the database under it, so no change can take a place twice.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { audit } from '../../platform/audit/audit.js';
import { sendLetters } from '../../platform/letters/index.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import { guardianIdsOf, personsById } from '../people/index.js';
import { demandFor, policyRefusal, refusalAt, refusalBeforeLoad, unitFacts, type Context } from './availability.js';
import { bookingFacts, NoLongerFree, refusalError, withRetry, type OnBehalf } from './book.js';
import { childDates } from './child-dates.js';
import { bookingError } from './contract.js';
import { bookingCancelled, bookingMoved, type LetterDraft } from './letters.js';
import { policyOn, type BookingPolicy } from './booking-policy.js';
import { openCheck } from './search.js';
import { DAYCARE_TYPES, loadOccupancy, lockUnitLoad } from './store.js';
import { closingDays } from './closing.js';
import { earliestFit, day, fromEpochDay } from './timeline.js';

export { bookPlace, NoLongerFree, type BookResult, type OnBehalf } from './book.js';

async function childOf(db: Db, childId: string) {
  const [c] = await personsById(db, [childId]);
  if (!c) throw bookingError('booking.child-not-found');
  return { ...c, name: `${c.first_name} ${c.last_name}`, birth: LocalDate.parse(c.birth_date) };
}

const guardiansOf = guardianIdsOf;

/** Reads the unit (its load already locked) and answers whether the child fits from `start` under the lock. */
async function checkLocked(trx: Db, unitId: string, ctx: Context, start: LocalDate, excludePlacementId?: string) {
  const unit = await trx
    .selectFrom('unit')
    .innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id')
    .select([
      'unit.id',
      'unit.name',
      'unit.type',
      'unit.street',
      'unit.postal_code',
      'unit.city',
      'unit.closed_on',
      'd.municipality_code',
    ])
    .where('unit.id', '=', unitId)
    .executeTakeFirst();
  if (!unit || unit.closed_on || !DAYCARE_TYPES.includes(unit.type)) throw bookingError('booking.unit-not-daycare');
  const facts = unitFacts(unit.id, unit.type);
  const pre = refusalBeforeLoad(facts, ctx, start);
  if (pre) throw refusalError(pre);
  const closing = await closingDays(trx, start, unit.id);
  const occ = (
    await loadOccupancy(trx, [{ id: unit.id, type: unit.type }], ctx.policy, ctx.today, excludePlacementId)
  ).get(unit.id)!;
  const r = refusalAt(
    occ.timeline,
    facts,
    ctx,
    start,
    openCheck(closing, { id: unit.id, municipalityCode: unit.municipality_code }),
  );
  return { unit, facts, refusal: r };
}

async function activeBooking(trx: Db, bookingId: string, today: LocalDate, policy: BookingPolicy) {
  const b = await trx.selectFrom('booking').selectAll().where('id', '=', bookingId).forUpdate().executeTakeFirst();
  if (!b) throw bookingError('booking.not-found');
  if (b.status !== 'active' || !b.placement_id) throw bookingError('booking.already-cancelled');
  const r = DateRange.fromPg(b.valid);
  const deadline = r.start.minusDays(policy.changeDeadlineDays);
  if (today.isAfter(deadline))
    throw bookingError('booking.change-deadline', { days: policy.changeDeadlineDays, deadline: deadline.toString() });
  return { ...b, range: r };
}

/** Puts a current place the booking ended back as it was, if the child still fits there; true if restored. */
async function restoreReleased(
  trx: Db,
  b: { released_placement_id: string | null; released_upper: string | null },
  from: LocalDate,
  to: LocalDate | null,
  ctx: Context,
) {
  if (!b.released_placement_id) return true;
  const p = await trx
    .selectFrom('placement')
    .select(['id', 'unit_id', sql<string | null>`upper(valid)::text`.as('hi')])
    .where('id', '=', b.released_placement_id)
    .executeTakeFirst();
  if (!p || p.hi !== from.toString()) return false;
  const newHi = to ?? (b.released_upper ? LocalDate.parse(b.released_upper) : null);
  await lockUnitLoad(trx, [p.unit_id]);
  const unit = await trx
    .selectFrom('unit')
    .select(['id', 'type'])
    .where('id', '=', p.unit_id)
    .executeTakeFirstOrThrow();
  const occ = (await loadOccupancy(trx, [unit], ctx.policy, ctx.today, p.id)).get(unit.id)!;
  const end = Math.min(newHi ? day(newHi) : Infinity, day(ctx.child.schoolStart));
  if (
    end > day(from) &&
    earliestFit(occ.timeline, day(from), {
      transition: day(ctx.child.transition),
      end,
      weight: ctx.policy.nurseryWeight,
    }) !== day(from)
  )
    return false;
  await trx
    .updateTable('placement')
    .set({ valid: sql`daterange(lower(valid), ${newHi?.toString() ?? null}::date)` })
    .where('id', '=', p.id)
    .execute();
  return true;
}

/** The municipality of the unit a booking holds a place in: its booking policy governs moving and cancelling. */
async function bookingMunicipality(db: Db, bookingId: string): Promise<string | null> {
  const r = await db
    .selectFrom('booking as b')
    .innerJoin('placement as p', 'p.id', 'b.placement_id')
    .innerJoin('unit as u', 'u.id', 'p.unit_id')
    .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
    .select('d.municipality_code')
    .where('b.id', '=', bookingId)
    .executeTakeFirst();
  return r?.municipality_code ?? null;
}

export async function moveBooking(
  db: Db,
  rc: RequestContext,
  input: { bookingId: string; unitId: string; start: LocalDate },
  behalf?: OnBehalf,
) {
  const today = rc.clock.today();
  return withRetry(() =>
    db.transaction().execute(async (trx) => {
      const policy = await policyOn(trx, await bookingMunicipality(trx, input.bookingId), today);
      const b = await activeBooking(trx, input.bookingId, today, policy);
      const child = await childOf(trx, b.child_id);
      const ctx: Context = { policy, today, child: childDates(child.birth, policy) };
      const pre = policyRefusal(ctx, input.start);
      if (pre) throw refusalError(pre);
      await lockUnitLoad(trx, [b.unit_id, input.unitId]);
      const { unit, facts: uf, refusal } = await checkLocked(trx, input.unitId, ctx, input.start, b.placement_id!);
      if (refusal === 'full') throw new NoLongerFree(child.id, input.start, child.birth, b.placement_id);
      if (refusal) throw refusalError(refusal);
      const demand = demandFor(uf, ctx, input.start) as Exclude<ReturnType<typeof demandFor>, string>;
      const end = fromEpochDay(demand.end);
      const range = DateRange.of(input.start, end.minusDays(1)).toPgDaterange();
      const lines = behalf
        ? await behalf.within(trx, {
            bookingId: b.id,
            placementId: b.placement_id!,
            unitId: unit.id,
            start: input.start,
          })
        : [];
      // A current place the booking ended follows the new start (shorter, or longer if the child still fits there).
      if (b.released_placement_id && !input.start.isEqual(b.range.start)) {
        const p = await trx
          .selectFrom('placement')
          .select(sql<string | null>`upper(valid)::text`.as('hi'))
          .where('id', '=', b.released_placement_id)
          .executeTakeFirst();
        if (p?.hi === b.range.start.toString()) {
          if (input.start.isBefore(b.range.start)) {
            await trx
              .updateTable('placement')
              .set({ valid: sql`daterange(lower(valid), ${input.start.toString()}::date)` })
              .where('id', '=', b.released_placement_id)
              .execute();
          } else if (!(await restoreReleased(trx, b, b.range.start, input.start, ctx))) {
            throw bookingError('booking.current-place-not-extendable');
          }
        }
      }
      await trx
        .updateTable('placement')
        .set({ unit_id: unit.id, valid: range, ...(behalf?.hours ? { hours_per_week: behalf.hours } : {}) })
        .where('id', '=', b.placement_id!)
        .execute();
      await trx.updateTable('booking').set({ unit_id: unit.id, valid: range }).where('id', '=', b.id).execute();
      await trx
        .insertInto('booking_event')
        .values({ booking_id: b.id, kind: 'moved', unit_id: unit.id, valid: range, user_id: rc.actor!.userId })
        .execute();
      await audit(trx, rc, {
        action: behalf?.auditAction ?? 'booking.move',
        subjectType: 'child',
        subjectIds: [child.id],
        details: {
          bookingId: b.id,
          unitId: unit.id,
          start: input.start.toString(),
          ...(behalf && { reason: behalf.reason, hoursPerWeek: behalf.hours }),
        },
      });
      const f = bookingFacts(child, unit, input.start, end, policy);
      const letter = bookingMoved(
        f,
        await guardiansOf(trx, child.id, today),
        behalf && { reason: behalf.reason, hours: behalf.hours, lines },
      );
      await deliverLetters(trx, [letter], today);
      return {
        bookingId: b.id,
        unitId: unit.id,
        unitName: unit.name,
        start: input.start.toString(),
        end: f.end.toString(),
        changeDeadline: f.changeDeadline.toString(),
        letter,
      };
    }),
  );
}

export async function cancelBooking(db: Db, rc: RequestContext, bookingId: string, behalf?: OnBehalf) {
  const today = rc.clock.today();
  return withRetry(() =>
    db.transaction().execute(async (trx) => {
      const policy = await policyOn(trx, await bookingMunicipality(trx, bookingId), today);
      const b = await activeBooking(trx, bookingId, today, policy);
      const child = await childOf(trx, b.child_id);
      const ctx: Context = { policy, today, child: childDates(child.birth, policy) };
      await lockUnitLoad(trx, [b.unit_id]);
      const unit = await trx
        .selectFrom('unit')
        .select(['id', 'name', 'street', 'postal_code', 'city'])
        .where('id', '=', b.unit_id)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('booking')
        .set({ status: 'cancelled', placement_id: null })
        .where('id', '=', b.id)
        .execute();
      await trx.deleteFrom('placement').where('id', '=', b.placement_id!).execute();
      const restored = await restoreReleased(trx, b, b.range.start, null, ctx);
      const lines = behalf
        ? await behalf.within(trx, {
            bookingId: b.id,
            placementId: b.placement_id!,
            unitId: b.unit_id,
            start: b.range.start,
          })
        : [];
      await trx
        .insertInto('booking_event')
        .values({ booking_id: b.id, kind: 'cancelled', unit_id: b.unit_id, valid: b.valid, user_id: rc.actor!.userId })
        .execute();
      await audit(trx, rc, {
        action: behalf?.auditAction ?? 'booking.cancel',
        subjectType: 'child',
        subjectIds: [child.id],
        details: { bookingId: b.id, ...(behalf && { reason: behalf.reason }) },
      });
      const f = bookingFacts(child, unit, b.range.start, b.range.end ? b.range.end.plusDays(1) : b.range.start, policy);
      const letter = bookingCancelled(
        f,
        await guardiansOf(trx, child.id, today),
        behalf && { reason: behalf.reason, lines },
      );
      await deliverLetters(trx, [letter], today);
      const previousPlace: 'none' | 'restored' | 'ended' = !b.released_placement_id
        ? 'none'
        : restored
          ? 'restored'
          : 'ended';
      return { bookingId: b.id, status: 'cancelled' as const, previousPlace, letter };
    }),
  );
}

/** The letters go to the guardians' inbox (and Digital Post) in the same transaction as the change. */
async function deliverLetters(trx: Db, drafts: LetterDraft[], today: LocalDate): Promise<void> {
  await sendLetters(
    trx,
    drafts.filter((d) => d.recipients.length > 0),
    today,
  );
}
