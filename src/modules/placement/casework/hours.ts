// A place's weekly hours changed on the family's behalf: the fee and FTE before and after, the change, the letter.
import type { Db } from '../../../platform/db/database.js';
import type { PlacementKind } from '../../../platform/db/schema.js';
import { DateRange, LocalDate } from '../../../shared/index.js';
import { lockUnitLoad } from '../../booking/index.js';
import { monthlyRateOf } from '../../billing/index.js';
import { childFteOn } from '../../reporting/index.js';
import { municipalitiesOfUnits, unitTypeOf } from '../../registry/index.js';
import { dateDa } from '../letters.js';
import { child, unitName } from '../offers.js';
import { placementError } from '../contract.js';
import { type Caseworker, birthOf, kr, letter, log } from './shared.js';
import { placeOf } from './places.js';

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
