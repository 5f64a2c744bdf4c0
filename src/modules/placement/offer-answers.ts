// Answering an offer: accepting enrols the child (a new place of the same kind ends the old one, a transfer) and
// sends the decision letter; declining, or letting the deadline pass, takes the unit off the wishes.
// Accepting takes the unit's load lock and re-checks its capacity under it (booking's lockUnitLoad and roomFor).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { sendLetters } from '../../platform/letters/index.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import { lockUnitLoad, roomFor } from '../booking/index.js';
import { inbox } from './applications.js';
import { decisionLetter } from './letters.js';
import { placementError } from './contract.js';
import { birthOf, child, guardiansOf, unitName } from './offers.js';

export async function loadOffer(db: Db, id: string) {
  const o = await db
    .selectFrom('offer')
    .innerJoin('application as a', 'a.id', 'offer.application_id')
    .select([
      'offer.id',
      'offer.status',
      'offer.deadline',
      'offer.unit_id',
      'offer.start_date',
      'offer.hours_per_week',
      'offer.application_id',
      'a.child_id',
      'a.placement_kind',
      'a.place_kind',
    ])
    .where('offer.id', '=', id)
    .executeTakeFirst();
  if (!o) throw placementError('placement.offer-not-found');
  return o;
}

export async function acceptOffer(trx: Db, id: string, today: LocalDate) {
  const o = await loadOffer(trx, id);
  if (o.status !== 'pending') throw placementError('placement.offer-not-open');
  if (today.isAfter(LocalDate.parse(o.deadline))) throw placementError('placement.offer-expired');
  const start = LocalDate.parse(o.start_date);
  const old = await trx
    .selectFrom('placement')
    .select(['id', 'unit_id', 'valid'])
    .where('child_id', '=', o.child_id)
    .where('kind', '=', o.placement_kind)
    .where(sql<boolean>`valid && daterange(${start.toString()}::date, null)`)
    .execute();
  // The units whose load changes, locked in id order (lockUnitLoad) before anything is written.
  await lockUnitLoad(trx, [o.unit_id, ...old.map((p) => p.unit_id)]);
  // The old place of the same kind ends the day before (a transfer); one that starts later cannot be replaced this way.
  let ended: { unitName: string; lastDay: string } | null = null;
  for (const p of old) {
    const r = DateRange.fromPg(p.valid);
    if (!r.start.isBefore(start)) throw placementError('placement.already-placed');
    const lastDay = start.minusDays(1);
    await trx
      .updateTable('placement')
      .set({ valid: DateRange.of(r.start, lastDay).toPgDaterange() })
      .where('id', '=', p.id)
      .execute();
    await trx
      .insertInto('placement_withdrawal')
      .values({ placement_id: p.id, requested_on: today.toString(), last_day: lastDay.toString(), reason: 'transfer' })
      .execute();
    ended = { unitName: await unitName(trx, p.unit_id), lastDay: lastDay.toString() };
  }
  // The pending offer held the place; re-check without it (the old place above already ends), in case it no longer fits.
  if (
    o.placement_kind === 'dagtilbud' &&
    !(await roomFor(trx, o.unit_id, await birthOf(trx, o.child_id), start, today, o.id))
  )
    throw placementError('placement.no-room');
  const placement = await trx
    .insertInto('placement')
    .values({
      child_id: o.child_id,
      unit_id: o.unit_id,
      kind: o.placement_kind,
      hours_per_week: o.hours_per_week,
      valid: DateRange.of(start, null).toPgDaterange(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('offer')
    .set({ status: 'accepted', answered_on: today.toString(), placement_id: placement.id })
    .where('id', '=', id)
    .execute();
  await trx
    .updateTable('application')
    .set({ status: 'placed', closed_on: today.toString() })
    .where('id', '=', o.application_id)
    .execute();
  const name = await child(trx, o.child_id),
    unit = await unitName(trx, o.unit_id);
  await sendLetters(
    trx,
    [
      decisionLetter({
        childId: o.child_id,
        childName: name,
        guardians: await guardiansOf(trx, o.child_id, today),
        unitName: unit,
        start: o.start_date,
        hours: o.hours_per_week,
        ended,
      }),
    ],
    today,
  );
  await inbox(trx, 'offer_answer', o.child_id, `${name} har takket ja til ${unit} fra ${o.start_date}.`, today);
  return { placementId: placement.id };
}

/** Declining (or letting the offer lapse) takes the unit off the wishes; the other wishes stay on the waitlist. */
async function dropWish(trx: Db, applicationId: string, unitId: string, today: LocalDate) {
  await trx
    .deleteFrom('application_wish')
    .where('application_id', '=', applicationId)
    .where('unit_id', '=', unitId)
    .execute();
  const rest = await trx
    .selectFrom('application_wish')
    .select(['rank', 'unit_id'])
    .where('application_id', '=', applicationId)
    .orderBy('rank')
    .execute();
  if (!rest.length) {
    await trx
      .updateTable('application')
      .set({ status: 'withdrawn', closed_on: today.toString() })
      .where('id', '=', applicationId)
      .execute();
    return;
  }
  await trx.deleteFrom('application_wish').where('application_id', '=', applicationId).execute();
  await trx
    .insertInto('application_wish')
    .values(rest.map((w, i) => ({ application_id: applicationId, rank: i + 1, unit_id: w.unit_id })))
    .execute();
}

export async function declineOffer(trx: Db, id: string, today: LocalDate) {
  const o = await loadOffer(trx, id);
  if (o.status !== 'pending') throw placementError('placement.offer-not-open');
  await trx
    .updateTable('offer')
    .set({ status: 'declined', answered_on: today.toString() })
    .where('id', '=', id)
    .execute();
  await dropWish(trx, o.application_id, o.unit_id, today);
  await inbox(
    trx,
    'offer_answer',
    o.child_id,
    `${await child(trx, o.child_id)} har takket nej til ${await unitName(trx, o.unit_id)}.`,
    today,
  );
}

/** Offers past their deadline lapse (run daily and before rounds). */
export async function expireOffers(trx: Db, today: LocalDate) {
  const due = await trx
    .selectFrom('offer')
    .select(['id', 'application_id', 'unit_id'])
    .where('status', '=', 'pending')
    .where('deadline', '<', today.toString())
    .execute();
  for (const o of due) {
    await trx
      .updateTable('offer')
      .set({ status: 'expired', answered_on: today.toString() })
      .where('id', '=', o.id)
      .execute();
    await dropWish(trx, o.application_id, o.unit_id, today);
  }
  return due.length;
}
