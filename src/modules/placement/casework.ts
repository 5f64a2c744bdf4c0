// Casework on a family's behalf (issue 16): a caseworker applies or changes an application for the family, sets its
// flags, enrols a child directly, transfers a place, withdraws one (notice period, or waived with a reason) and changes
// a place's weekly hours. Each action has a reason (casework_action) and, where the family is owed one, a letter.
// Enrolment and transfer give a place like an accepted offer: the units' load lock (booking's lockUnitLoad), § 26 a
// (distributionAllows) and the capacity re-check under the lock (booking's roomFor), so no overbooking path is added.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { sendLetters } from '../../platform/letters/index.js';
import type { PlacementKind, UnitType } from '../../platform/db/schema.js';
import { DateRange, formatDkk, LocalDate } from '../../shared/index.js';
import { lockUnitLoad, roomFor, type OnBehalf } from '../booking/index.js';
import { monthlyRateOf } from '../billing/index.js';
import { childFteOn } from '../reporting/index.js';
import { isUnitOpen, municipalitiesOfUnits, unitTypeOf } from '../registry/index.js';
import { birthDatesOf } from '../people/index.js';
import {
  apply,
  changeApplication,
  loadApplication,
  type ApplicationChange,
  type ApplicationInput,
} from './applications.js';
import { distributionAllows } from './distribution.js';
import { caseworkLetter, dateDa } from './letters.js';
import { child, guardiansOf, unitName, withdrawPlacement } from './offers.js';
import { policyOn } from './placement-policy.js';
import { earliestStart, schoolStart } from './rules.js';
import { placementError } from './contract.js';
import type { CaseworkAction } from './schema.js';
import { setApplicationPriority } from './queries.js';

export interface Caseworker {
  userId: string;
  reason: string;
}

async function log(
  trx: Db,
  by: Caseworker,
  row: { childId: string; action: CaseworkAction; applicationId?: string; placementId?: string; details: object },
  today: LocalDate,
) {
  await trx
    .insertInto('casework_action')
    .values({
      child_id: row.childId,
      action: row.action,
      reason: by.reason,
      details: JSON.stringify(row.details),
      application_id: row.applicationId ?? null,
      placement_id: row.placementId ?? null,
      created_by: by.userId,
      created_on: today.toString(),
    })
    .execute();
}

const birthOf = async (db: Db, id: string) => {
  const birth = (await birthDatesOf(db, [id])).get(id);
  if (!birth) throw placementError('placement.child-not-found');
  return LocalDate.parse(birth);
};

const kr = (oere: number | null) => (oere === null ? 'ingen takst' : formatDkk(oere));

async function letter(
  trx: Db,
  childId: string,
  by: Caseworker,
  o: { subject: string; heading: string; lines: string[]; decision: boolean },
  today: LocalDate,
) {
  await sendLetters(
    trx,
    [caseworkLetter({ childId, guardians: await guardiansOf(trx, childId, today), reason: by.reason, ...o })],
    today,
  );
}

/** 1. An application on the family's behalf: the citizen's rules (apply), the flags, a receipt to the guardians. */
export async function applyForFamily(
  trx: Db,
  by: Caseworker,
  input: ApplicationInput & { specialNeeds: boolean; movingIn: boolean },
  today: LocalDate,
) {
  const r = await apply(trx, by.userId, input, today);
  if (input.specialNeeds || input.movingIn)
    await setApplicationPriority(trx, r.id, { specialNeeds: input.specialNeeds, movingIn: input.movingIn });
  const name = await child(trx, input.childId);
  const wished = await Promise.all(input.wishes.map((u) => unitName(trx, u)));
  await letter(
    trx,
    input.childId,
    by,
    {
      subject: `Kvittering: ansøgning om plads til ${name}`,
      heading: 'Kommunen har søgt plads på jeres vegne',
      lines: [
        `Pladsanvisningen har skrevet ${name} op til plads fra ${dateDa(input.neededFrom)}, ${input.hoursPerWeek} timer om ugen.`,
        `Ønsker: ${wished.map((w, i) => `${i + 1}. ${w}`).join(', ')}.`,
        ...(r.guaranteeDate ? [`Garantidato (pasningsgarantien): ${dateDa(r.guaranteeDate)}.`] : []),
        'I kan se og ændre ansøgningen på borgerportalen under "Pladser og ventelister".',
      ],
      decision: false,
    },
    today,
  );
  await log(
    trx,
    by,
    {
      childId: input.childId,
      action: 'apply',
      applicationId: r.id,
      details: {
        neededFrom: input.neededFrom,
        wishes: input.wishes,
        specialNeeds: input.specialNeeds,
        movingIn: input.movingIn,
      },
    },
    today,
  );
  return r;
}

/** An application changed on the family's behalf; a letter when the garantidato moves. */
export async function changeForFamily(
  trx: Db,
  by: Caseworker,
  id: string,
  change: ApplicationChange,
  today: LocalDate,
) {
  const a = await loadApplication(trx, id);
  const r = await changeApplication(trx, id, change, today);
  if (r.guaranteeDate !== a.guarantee_date || (change.neededFrom && change.neededFrom !== a.needed_from)) {
    const name = await child(trx, a.child_id);
    await letter(
      trx,
      a.child_id,
      by,
      {
        subject: `Ændring af ansøgning om plads til ${name}`,
        heading: 'Kommunen har ændret ansøgningen',
        lines: [
          `Behovsdato: ${dateDa(change.neededFrom ?? a.needed_from)}.`,
          ...(r.guaranteeDate ? [`Garantidato (pasningsgarantien): ${dateDa(r.guaranteeDate)}.`] : []),
        ],
        decision: false,
      },
      today,
    );
  }
  await log(trx, by, { childId: a.child_id, action: 'change', applicationId: id, details: change }, today);
  return { ...r, childId: a.child_id };
}

/** 5. Special needs and moving in on an active application (internal priority: no letter). */
export async function setFlags(
  trx: Db,
  by: Caseworker,
  id: string,
  flags: { specialNeeds: boolean; movingIn: boolean },
  today: LocalDate,
) {
  const a = await loadApplication(trx, id);
  if (a.status !== 'active') throw placementError('placement.application-not-active');
  await setApplicationPriority(trx, id, flags);
  await log(trx, by, { childId: a.child_id, action: 'flags', applicationId: id, details: flags }, today);
  return a.child_id;
}

/** The kind of place a unit gives a child starting on a date, or null when the unit is not for the child's age. */
function kindIn(type: UnitType, birth: LocalDate, start: LocalDate): PlacementKind | null {
  const beforeSchool = start.isBefore(schoolStart(birth));
  if (type === 'klub') return beforeSchool ? null : 'klub';
  if (type === 'sfo' || type === 'fritidshjem') return beforeSchool ? null : 'fritidstilbud';
  if (type === 'landsbyordning') return beforeSchool ? 'dagtilbud' : 'fritidstilbud';
  return beforeSchool ? 'dagtilbud' : null;
}

/** The family's active application for the kind is met by a place from `start` (an enrolment or a booking; a transfer
 *  only when the unit is one of its wishes): its pending offers are withdrawn and it is closed as placed. True when the
 *  place meets the guarantee (it starts on or before the garantidato). */
async function meetApplication(
  trx: Db,
  childId: string,
  kind: PlacementKind,
  unitId: string,
  start: LocalDate,
  today: LocalDate,
  onlyWished: boolean,
): Promise<boolean> {
  const open = await trx
    .selectFrom('application')
    .select(['id', 'guarantee_date'])
    .where('child_id', '=', childId)
    .where('placement_kind', '=', kind)
    .where('status', '=', 'active')
    .executeTakeFirst();
  const wished =
    open &&
    (!onlyWished ||
      !!(await trx
        .selectFrom('application_wish')
        .select('rank')
        .where('application_id', '=', open.id)
        .where('unit_id', '=', unitId)
        .executeTakeFirst()));
  const guarantee = !!(wished && open.guarantee_date && !start.isAfter(LocalDate.parse(open.guarantee_date)));
  if (wished) {
    await trx
      .updateTable('offer')
      .set({ status: 'cancelled', answered_on: today.toString() })
      .where('application_id', '=', open.id)
      .where('status', '=', 'pending')
      .execute();
    await trx
      .updateTable('application')
      .set({ status: 'placed', closed_on: today.toString() })
      .where('id', '=', open.id)
      .execute();
  }
  return guarantee;
}

interface Give {
  childId: string;
  unitId: string;
  start: LocalDate;
  hours: number;
  /** A transfer: the place that ends the day before `start`. */
  from?: { id: string; unitId: string; range: DateRange };
}

/** 2. A place given by the caseworker (direct enrolment or transfer), like an accepted offer. */
async function give(trx: Db, by: Caseworker, g: Give, today: LocalDate) {
  const birth = await birthOf(trx, g.childId);
  if (g.start.isBefore(today)) throw placementError('placement.start-in-past');
  const type = await unitTypeOf(trx, g.unitId);
  if (!type || !(await isUnitOpen(trx, g.unitId))) throw placementError('placement.unit-closed');
  const kind = kindIn(type, birth, g.start);
  if (!kind) throw placementError('placement.unit-wrong-kind');
  const [unitMunicipality] = await municipalitiesOfUnits(trx, [g.unitId]);
  const p = await policyOn(trx, unitMunicipality!, today);
  if (kind === 'dagtilbud') {
    const earliest = earliestStart(birth, p.earliestStart);
    if (g.start.isBefore(earliest)) throw placementError('placement.too-early', { earliest: earliest.toString() });
  }
  // The units whose load changes, locked in id order before anything is read for the decision or written.
  await lockUnitLoad(trx, [g.unitId, ...(g.from ? [g.from.unitId] : [])]);
  if (g.from) {
    // The place being moved, as it is under the lock (a withdrawal may have ended it meanwhile).
    const now = await placeOf(trx, g.from.id);
    if (now.range.end && g.start.isAfter(now.range.end)) throw placementError('placement.move-date');
    g = { ...g, from: { ...g.from, range: now.range } };
  }
  const other = await trx
    .selectFrom('placement')
    .select('id')
    .where('child_id', '=', g.childId)
    .where('kind', '=', kind)
    .where(sql<boolean>`valid && daterange(${g.start.toString()}::date, null)`)
    .$if(!!g.from, (q) => q.where('id', '<>', g.from!.id))
    .executeTakeFirst();
  if (other) throw placementError('placement.already-placed');
  if (!(await distributionAllows(trx, p, g.childId, g.unitId, g.start, today)))
    throw placementError('placement.distribution-rule');
  if (kind === 'dagtilbud' && !(await roomFor(trx, g.unitId, birth, g.start, today)))
    throw placementError('placement.no-room');
  let ended: { unitName: string; lastDay: string } | null = null;
  if (g.from) {
    const lastDay = g.start.minusDays(1);
    await trx
      .updateTable('placement')
      .set({ valid: DateRange.of(g.from.range.start, lastDay).toPgDaterange() })
      .where('id', '=', g.from.id)
      .execute();
    await trx
      .insertInto('placement_withdrawal')
      .values({
        placement_id: g.from.id,
        requested_on: today.toString(),
        last_day: lastDay.toString(),
        reason: 'transfer',
        requested_by: by.userId,
      })
      .execute();
    ended = { unitName: await unitName(trx, g.from.unitId), lastDay: lastDay.toString() };
  }
  const placement = await trx
    .insertInto('placement')
    .values({
      child_id: g.childId,
      unit_id: g.unitId,
      kind,
      hours_per_week: g.hours,
      valid: DateRange.of(g.start, null).toPgDaterange(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const guarantee = await meetApplication(trx, g.childId, kind, g.unitId, g.start, today, !!g.from);
  const name = await child(trx, g.childId),
    unit = await unitName(trx, g.unitId);
  await letter(
    trx,
    g.childId,
    by,
    {
      subject: `Afgørelse: plads til ${name} i ${unit}`,
      heading: g.from ? 'Flytning af plads' : 'Indmeldelse',
      lines: [
        `Kommunen har ${g.from ? 'flyttet' : 'indmeldt'} ${name} ${g.from ? 'til' : 'i'} ${unit} fra ${dateDa(g.start.toString())}, ${g.hours} timer om ugen.`,
        ...(ended ? [`Pladsen i ${ended.unitName} ophører med sidste dag ${dateDa(ended.lastDay)}.`] : []),
        ...(guarantee ? ['Pladsen opfylder pasningsgarantien (dagtilbudslovens § 23).'] : []),
      ],
      decision: true,
    },
    today,
  );
  await log(
    trx,
    by,
    {
      childId: g.childId,
      action: g.from ? 'transfer' : 'enrol',
      placementId: placement.id,
      details: { unitId: g.unitId, start: g.start.toString(), hours: g.hours, ...(g.from ? { from: g.from.id } : {}) },
    },
    today,
  );
  return { placementId: placement.id, guarantee };
}

export async function enrol(
  trx: Db,
  by: Caseworker,
  e: { childId: string; unitId: string; start: LocalDate; hours: number },
  today: LocalDate,
) {
  return give(trx, by, e, today);
}

/** A child's place (for the access check and the actions on it). */
export async function placeOf(db: Db, id: string) {
  const p = await db
    .selectFrom('placement')
    .select(['id', 'child_id', 'unit_id', 'kind', 'hours_per_week', 'valid', 'dagplejer_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!p) throw placementError('placement.place-not-found');
  return { ...p, range: DateRange.fromPg(p.valid) };
}

export async function transfer(
  trx: Db,
  by: Caseworker,
  placementId: string,
  t: { unitId: string; start: LocalDate },
  today: LocalDate,
) {
  const p = await placeOf(trx, placementId);
  if (p.unit_id === t.unitId) throw placementError('placement.same-unit');
  // The move lies inside the place: after its first day, not after its last.
  if (!t.start.isAfter(p.range.start) || (p.range.end && t.start.isAfter(p.range.end)))
    throw placementError('placement.move-date');
  return give(
    trx,
    by,
    {
      childId: p.child_id,
      unitId: t.unitId,
      start: t.start,
      hours: p.hours_per_week,
      from: { id: p.id, unitId: p.unit_id, range: p.range },
    },
    today,
  );
}

/** 3. Udmeldelse with the notice period, or waived with a reason and a last day. */
export async function withdrawForFamily(
  trx: Db,
  by: Caseworker,
  placementId: string,
  w: { waiveNotice: boolean; lastDay?: LocalDate },
  today: LocalDate,
) {
  const p = await placeOf(trx, placementId);
  const r = await withdrawPlacement(
    trx,
    p.id,
    today,
    by.userId,
    'staff',
    w.waiveNotice && w.lastDay ? { lastDay: w.lastDay, reason: by.reason } : undefined,
  );
  await log(
    trx,
    by,
    {
      childId: p.child_id,
      action: 'withdraw',
      placementId: p.id,
      details: { lastDay: r.lastDay, waived: w.waiveNotice },
    },
    today,
  );
  return { ...r, childId: p.child_id, unitId: p.unit_id, kind: p.kind };
}

/** The monthly rate (billing) and the full-time equivalent (FLIS) of a place with these hours on a day. */
export async function feeFacts(
  db: Db,
  p: { child_id: string; unit_id: string; kind: PlacementKind },
  hours: number,
  day: LocalDate,
) {
  const [municipalityCode] = await municipalitiesOfUnits(db, [p.unit_id]);
  const unitType = await unitTypeOf(db, p.unit_id);
  const monthlyRateOere =
    municipalityCode && unitType
      ? await monthlyRateOf(db, {
          municipalityCode,
          placementKind: p.kind,
          unitType,
          birthDate: (await birthOf(db, p.child_id)).toString(),
          hours,
          day: day.toString(),
        })
      : null;
  return { hoursPerWeek: hours, monthlyRateOere, fte: await childFteOn(db, hours, day.toString()) };
}

/** Where an hours change from `from` may go: inside the place, from today. */
function checkHoursDate(p: { range: DateRange }, from: LocalDate, today: LocalDate) {
  if (from.isBefore(today)) throw placementError('placement.start-in-past');
  if (from.isBefore(p.range.start) || (p.range.end && from.isAfter(p.range.end)))
    throw placementError('placement.hours-date');
}

export async function previewHours(db: Db, placementId: string, from: LocalDate, hours: number, today: LocalDate) {
  const p = await placeOf(db, placementId);
  if (from.isBefore(p.range.start) || (p.range.end && from.isAfter(p.range.end)))
    throw placementError('placement.hours-date');
  const day = LocalDate.max(from, today);
  return {
    childId: p.child_id,
    unitId: p.unit_id,
    change: {
      from: from.toString(),
      before: await feeFacts(db, p, p.hours_per_week, day),
      after: await feeFacts(db, p, hours, day),
    },
  };
}

/**
 * 4. New weekly hours from a date: the place is split there (the old row ends the day before, a new row with the new
 * hours runs to the old end), so billing and the statistics see the old hours before and the new ones after.
 */
export async function changeHours(
  trx: Db,
  by: Caseworker,
  placementId: string,
  c: { from: LocalDate; hours: number },
  today: LocalDate,
) {
  // The unit's load lock first, then the place as it is under it: a withdrawal or transfer that committed meanwhile
  // has ended it, and the split must not stretch it again into days another child may have been given.
  await lockUnitLoad(trx, [(await placeOf(trx, placementId)).unit_id]);
  const p = await placeOf(trx, placementId);
  checkHoursDate(p, c.from, today);
  if (p.hours_per_week === c.hours) throw placementError('placement.same-hours');
  const before = await feeFacts(trx, p, p.hours_per_week, c.from);
  let id = p.id;
  if (c.from.isAfter(p.range.start)) {
    await trx
      .updateTable('placement')
      .set({ valid: DateRange.of(p.range.start, c.from.minusDays(1)).toPgDaterange() })
      .where('id', '=', p.id)
      .execute();
    id = (
      await trx
        .insertInto('placement')
        .values({
          child_id: p.child_id,
          unit_id: p.unit_id,
          kind: p.kind,
          hours_per_week: c.hours,
          valid: DateRange.of(c.from, p.range.end).toPgDaterange(),
          dagplejer_id: p.dagplejer_id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  } else {
    await trx.updateTable('placement').set({ hours_per_week: c.hours }).where('id', '=', p.id).execute();
  }
  const after = await feeFacts(trx, p, c.hours, c.from);
  const name = await child(trx, p.child_id),
    unit = await unitName(trx, p.unit_id);
  await letter(
    trx,
    p.child_id,
    by,
    {
      subject: `Afgørelse: ændret timetal for ${name}`,
      heading: 'Ændring af pladsens timetal',
      lines: [
        `${name}s plads i ${unit} er fra ${dateDa(c.from.toString())} på ${c.hours} timer om ugen (før ${p.hours_per_week} timer).`,
        `Månedstakst fra ${dateDa(c.from.toString())}: ${kr(after.monthlyRateOere)} (før ${kr(before.monthlyRateOere)}), før eventuel friplads og søskendetilskud.`,
      ],
      decision: true,
    },
    today,
  );
  await log(
    trx,
    by,
    {
      childId: p.child_id,
      action: 'hours',
      placementId: id,
      details: { from: c.from.toString(), hours: c.hours, before: p.hours_per_week },
    },
    today,
  );
  return { childId: p.child_id, placementId: id, change: { from: c.from.toString(), before, after } };
}

/** 6. Booking on the family's behalf (book en plads): booking's bookPlace / moveBooking / cancelBooking do the lock, the
 *  capacity re-check and the writes; this is what casework adds inside their transaction, under the unit's load lock:
 *  § 26 a for the unit a place is booked in, the application the booking meets (the guarantee), the casework log. */
export function bookingOnBehalf(
  by: Caseworker,
  childId: string,
  action: 'book' | 'move-booking' | 'cancel-booking',
  today: LocalDate,
  hours?: number,
): OnBehalf & { guarantee: boolean } {
  const behalf = {
    reason: by.reason,
    hours,
    auditAction: `casework.${action}`,
    guarantee: false,
    within: async (trx: Db, r: { bookingId: string; unitId: string; start: LocalDate }) => {
      if (action !== 'cancel-booking') {
        const [municipality] = await municipalitiesOfUnits(trx, [r.unitId]);
        const p = await policyOn(trx, municipality!, today);
        if (!(await distributionAllows(trx, p, childId, r.unitId, r.start, today)))
          throw placementError('placement.distribution-rule');
      }
      if (action === 'book')
        behalf.guarantee = await meetApplication(trx, childId, 'dagtilbud', r.unitId, r.start, today, false);
      await log(
        trx,
        by,
        {
          childId,
          action,
          details: { bookingId: r.bookingId, unitId: r.unitId, start: r.start.toString(), ...(hours && { hours }) },
        },
        today,
      );
      return behalf.guarantee ? ['Pladsen opfylder pasningsgarantien (dagtilbudslovens § 23).'] : [];
    },
  };
  return behalf;
}
