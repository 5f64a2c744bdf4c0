// A place given by the caseworker (direct enrolment or transfer), like an accepted offer, meeting the family's
// application for that kind of place.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { PlacementKind, UnitType } from '../../../platform/db/schema.js';
import { DateRange, LocalDate } from '../../../shared/index.js';
import { lockUnitLoad, roomFor } from '../../booking/index.js';
import { isUnitOpen, municipalitiesOfUnits, unitTypeOf } from '../../registry/index.js';
import { distributionAllows } from '../distribution.js';
import { dateDa } from '../letters.js';
import { child, unitName } from '../offers.js';
import { policyOn } from '../placement-policy.js';
import { earliestStart, schoolStart } from '../rules.js';
import { placementError } from '../contract.js';
import { type Caseworker, birthOf, letter, log } from './shared.js';

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
export async function meetApplication(
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
