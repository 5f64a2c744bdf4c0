// Udmeldelse: a placement ends after the notice period, or on a day the caseworker chooses when waiving it.
import type { Db } from '../../platform/db/database.js';
import { sendLetters } from '../../platform/letters/index.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import { municipalitiesOfUnits } from '../registry/index.js';
import { inbox } from './applications.js';
import { withdrawalLetter } from './letters.js';
import { policyOn } from './placement-policy.js';
import { noticeLastDay } from './rules.js';
import { placementError } from './contract.js';
import { child, guardiansOf, unitName } from './offers.js';

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
