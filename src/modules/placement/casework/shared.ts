// What every casework action uses: the caseworker, the casework log and the family's letter.
import type { Db } from '../../../platform/db/database.js';
import { sendLetters } from '../../../platform/letters/index.js';
import { formatDkk, LocalDate } from '../../../shared/index.js';
import { birthDatesOf } from '../../people/index.js';
import { caseworkLetter } from '../letters.js';
import { guardiansOf } from '../offers.js';
import { placementError } from '../contract.js';
import type { CaseworkAction } from '../schema.js';

export interface Caseworker {
  userId: string;
  reason: string;
}

export async function log(
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

export const birthOf = async (db: Db, id: string) => {
  const birth = (await birthDatesOf(db, [id])).get(id);
  if (!birth) throw placementError('placement.child-not-found');
  return LocalDate.parse(birth);
};

export const kr = (oere: number | null) => (oere === null ? 'ingen takst' : formatDkk(oere));

export async function letter(
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
