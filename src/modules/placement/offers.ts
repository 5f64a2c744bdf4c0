// Offers (pladstilbud): create with a deadline and a letter, accept → enrolment (placement), decline, expire;
// udmeldelse with the notice period. Accepting a new place of the same kind ends the old one.
// Creating an offer and accepting one take the unit's load lock and re-check its capacity under it (booking's
// lockUnitLoad and roomFor), like a booking: no path can give the same place twice.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { sendLetters } from '../../platform/letters/index.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import { lockUnitLoad, roomFor, roomsFor } from '../booking/index.js';
import { guardianIdsOfMany, personsById } from '../people/index.js';
import { municipalitiesOfUnits, municipalityOfUnits, unitNames } from '../registry/index.js';
import { inbox } from './applications.js';
import { decisionLetter, offerLetter, withdrawalLetter } from './letters.js';
import { policyOn } from './placement-policy.js';
import { noticeLastDay } from './rules.js';
import { placementError } from './contract.js';

export async function guardiansOf(db: Db, childId: string, today: LocalDate) {
  return (
    await db
      .selectFrom('custody')
      .select('guardian_id')
      .where('child_id', '=', childId)
      .where(sql<boolean>`valid @> ${today.toString()}::date`)
      .execute()
  ).map((r) => r.guardian_id);
}
export async function child(db: Db, id: string) {
  const c = await db
    .selectFrom('person')
    .select(['first_name', 'last_name'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return `${c.first_name} ${c.last_name}`;
}
const birthOf = async (db: Db, id: string) =>
  LocalDate.parse(
    (await db.selectFrom('person').select('birth_date').where('id', '=', id).executeTakeFirstOrThrow()).birth_date,
  );

export const unitName = async (db: Db, id: string) =>
  (await db.selectFrom('unit').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;

export interface NewOffer {
  applicationId: string;
  unitId: string;
  start: LocalDate;
  roundId: string | null;
  priority: string | null;
  explanation: string;
  reason: string | null;
  userId: string | null;
  guarantee?: boolean;
}

/**
 * Creates a pending offer and sends the letter, under the unit's load lock and only if the child fits (409 otherwise).
 * `skipClosed`: an application closed or already offered, or a unit without room, is skipped (rounds).
 */
export async function createOffer(trx: Db, o: NewOffer, today: LocalDate, skipClosed = false): Promise<string | null> {
  const a = await trx.selectFrom('application').selectAll().where('id', '=', o.applicationId).executeTakeFirst();
  if (!a) throw placementError('placement.application-not-found');
  const pending = await trx
    .selectFrom('offer')
    .select('id')
    .where('application_id', '=', a.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (a.status !== 'active' || pending) {
    if (skipClosed) return null;
    throw placementError(a.status !== 'active' ? 'placement.application-not-active' : 'placement.offer-pending');
  }
  if (o.start.isBefore(today)) throw placementError('placement.start-in-past');
  await lockUnitLoad(trx, [o.unitId]);
  if (
    a.placement_kind === 'dagtilbud' &&
    !(await roomFor(trx, o.unitId, await birthOf(trx, a.child_id), o.start, today))
  ) {
    if (skipClosed) return null;
    throw placementError('placement.no-room');
  }
  // The unit's municipality sets the answer deadline of an offer of its place.
  const [unitMunicipality] = await municipalitiesOfUnits(trx, [o.unitId]);
  const p = await policyOn(trx, unitMunicipality!, today);
  const deadline = LocalDate.min(today.plusDays(p.offerDeadlineDays), LocalDate.max(today, o.start.minusDays(1)));
  const guarantee = o.guarantee ?? (!!a.guarantee_date && !o.start.isAfter(LocalDate.parse(a.guarantee_date)));
  const row = await trx
    .insertInto('offer')
    .values({
      application_id: a.id,
      round_id: o.roundId,
      unit_id: o.unitId,
      start_date: o.start.toString(),
      hours_per_week: a.hours_per_week,
      priority: o.priority,
      explanation: o.explanation,
      manual_reason: o.reason,
      guarantee,
      offered_on: today.toString(),
      deadline: deadline.toString(),
      created_by: o.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sendLetters(
    trx,
    [
      offerLetter({
        childId: a.child_id,
        childName: await child(trx, a.child_id),
        guardians: await guardiansOf(trx, a.child_id, today),
        unitName: await unitName(trx, o.unitId),
        start: o.start.toString(),
        hours: a.hours_per_week,
        deadline: deadline.toString(),
        explanation: o.explanation,
        guarantee,
      }),
    ],
    today,
  );
  return row.id;
}

/** One offer of a round: the engine's proposal, in the engine's order. */
export interface RoundOffer {
  applicationId: string;
  unitId: string;
  start: LocalDate;
  priority: string | null;
  explanation: string;
}

/**
 * A round's offers, set-based: what createOffer(…, skipClosed = true) does for each offer in turn, with every fact
 * read once. The caller holds the load lock of every unit (lockUnitLoad). An application closed, already offered
 * (before or earlier in this round) or whose child no longer fits the unit (booking's roomsFor: each offer checked
 * against the timeline with the offers before it) is skipped; an unknown application or a start before today is
 * refused as in createOffer. All offers go in one multi-row insert and all letters in one sendLetters.
 */
export async function createRoundOffers(
  trx: Db,
  offers: RoundOffer[],
  roundId: string,
  userId: string | null,
  today: LocalDate,
): Promise<number> {
  if (!offers.length) return 0;
  const appIds = [...new Set(offers.map((o) => o.applicationId))];
  const apps = new Map<string, Awaited<ReturnType<typeof appsOf>>[number]>();
  for (let i = 0; i < appIds.length; i += 5000)
    for (const a of await appsOf(trx, appIds.slice(i, i + 5000))) apps.set(a.id, a);
  const offered = new Set<string>();
  for (let i = 0; i < appIds.length; i += 5000)
    for (const r of await trx
      .selectFrom('offer')
      .select('application_id')
      .where('application_id', 'in', appIds.slice(i, i + 5000))
      .where('status', '=', 'pending')
      .execute())
      offered.add(r.application_id);
  const childIds = [...new Set([...apps.values()].map((a) => a.child_id))];
  const unitIds = [...new Set(offers.map((o) => o.unitId))];
  const [people, guardians, names, municipalities, room] = await Promise.all([
    personsById(trx, childIds),
    guardianIdsOfMany(trx, childIds, today),
    unitNames(trx, unitIds),
    municipalityOfUnits(trx, unitIds),
    roomsFor(trx, unitIds, today),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  // The unit's municipality sets the answer deadline of an offer of its place.
  const deadlineDays = new Map<string, number>();
  for (const code of new Set(municipalities.values()))
    deadlineDays.set(code, (await policyOn(trx, code, today)).offerDeadlineDays);
  const rows = [],
    letters = [];
  for (const o of offers) {
    const a = apps.get(o.applicationId);
    if (!a) throw placementError('placement.application-not-found');
    if (a.status !== 'active' || offered.has(a.id)) continue;
    if (o.start.isBefore(today)) throw placementError('placement.start-in-past');
    const child = person.get(a.child_id)!;
    if (a.placement_kind === 'dagtilbud' && !room.take(o.unitId, LocalDate.parse(child.birth_date), o.start)) continue;
    const days = deadlineDays.get(municipalities.get(o.unitId)!)!;
    const deadline = LocalDate.min(today.plusDays(days), LocalDate.max(today, o.start.minusDays(1)));
    const guarantee = !!a.guarantee_date && !o.start.isAfter(LocalDate.parse(a.guarantee_date));
    offered.add(a.id);
    rows.push({
      application_id: a.id,
      round_id: roundId,
      unit_id: o.unitId,
      start_date: o.start.toString(),
      hours_per_week: a.hours_per_week,
      priority: o.priority,
      explanation: o.explanation,
      manual_reason: null,
      guarantee,
      offered_on: today.toString(),
      deadline: deadline.toString(),
      created_by: userId,
    });
    letters.push(
      offerLetter({
        childId: a.child_id,
        childName: `${child.first_name} ${child.last_name}`,
        guardians: guardians.get(a.child_id) ?? [],
        unitName: names.get(o.unitId)!,
        start: o.start.toString(),
        hours: a.hours_per_week,
        deadline: deadline.toString(),
        explanation: o.explanation,
        guarantee,
      }),
    );
  }
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto('offer')
      .values(rows.slice(i, i + 1000))
      .execute();
  await sendLetters(trx, letters, today);
  return rows.length;
}

const appsOf = (db: Db, ids: string[]) =>
  db
    .selectFrom('application')
    .select(['id', 'status', 'child_id', 'placement_kind', 'hours_per_week', 'guarantee_date'])
    .where('id', 'in', ids)
    .execute();

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

/**
 * Udmeldelse: the placement ends after the notice period (never before it starts). A caseworker may waive the notice
 * with a reason: the last day is then theirs to choose (from today and the place's start).
 */
export async function withdrawPlacement(
  trx: Db,
  placementId: string,
  today: LocalDate,
  userId: string | null,
  reason: 'family' | 'staff' = 'family',
  waived?: { lastDay: LocalDate; reason: string },
) {
  const p = await trx
    .selectFrom('placement')
    .select(['id', 'child_id', 'unit_id', 'valid'])
    .where('id', '=', placementId)
    .executeTakeFirst();
  if (!p) throw placementError('placement.place-not-found');
  const r = DateRange.fromPg(p.valid);
  const [unitMunicipality] = await municipalitiesOfUnits(trx, [p.unit_id]);
  const policy = await policyOn(trx, unitMunicipality!, today);
  if (waived && (waived.lastDay.isBefore(today) || waived.lastDay.isBefore(r.start)))
    throw placementError('placement.bad-last-day');
  const lastDay = waived ? waived.lastDay : LocalDate.max(noticeLastDay(today, policy.notice), r.start);
  if (r.end && !r.end.isAfter(lastDay)) throw placementError('placement.already-ended');
  await trx
    .updateTable('placement')
    .set({ valid: DateRange.of(r.start, lastDay).toPgDaterange() })
    .where('id', '=', p.id)
    .execute();
  await trx
    .insertInto('placement_withdrawal')
    .values({
      placement_id: p.id,
      requested_on: today.toString(),
      last_day: lastDay.toString(),
      reason,
      requested_by: userId,
      notice_waived_reason: waived?.reason ?? null,
    })
    .execute();
  const name = await child(trx, p.child_id),
    unit = await unitName(trx, p.unit_id);
  await sendLetters(
    trx,
    [
      withdrawalLetter({
        childId: p.child_id,
        childName: name,
        guardians: await guardiansOf(trx, p.child_id, today),
        unitName: unit,
        lastDay: lastDay.toString(),
        noticeWaived: waived?.reason ?? null,
      }),
    ],
    today,
  );
  await inbox(trx, 'withdrawal', p.child_id, `${name} er udmeldt af ${unit}, sidste dag ${lastDay.toString()}.`, today);
  return { lastDay: lastDay.toString() };
}
