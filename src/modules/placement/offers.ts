// Offers (pladstilbud): create with a deadline and a letter, one at a time or a round's offers set-based. Answering
// an offer (accept → enrolment, decline, expire) is in offer-answers.ts, udmeldelse in withdrawal.ts; they use the
// child, guardian and unit lookups here.
// Creating an offer and accepting one take the unit's load lock and re-check its capacity under it (booking's
// lockUnitLoad and roomFor), like a booking: no path can give the same place twice.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { sendLetters } from '../../platform/letters/index.js';
import { LocalDate } from '../../shared/index.js';
import { lockUnitLoad, roomFor, roomsFor } from '../booking/index.js';
import { guardianIdsOfMany, personsById } from '../people/index.js';
import { municipalitiesOfUnits, municipalityOfUnits, unitNames } from '../registry/index.js';
import { offerLetter } from './letters.js';
import { policyOn } from './placement-policy.js';
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
export const birthOf = async (db: Db, id: string) =>
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
