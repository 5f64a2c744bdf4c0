// Casework on a family's behalf (issue 16): a caseworker applies or changes an application for the family, sets its
// flags, enrols a child directly, transfers a place, withdraws one (notice period, or waived with a reason) and changes
// a place's weekly hours. Each action has a reason (casework_action) and, where the family is owed one, a letter.
// Enrolment and transfer (casework/places.ts) give a place like an accepted offer: the units' load lock (booking's
// lockUnitLoad), § 26 a (distributionAllows) and the capacity re-check under the lock (booking's roomFor), so no
// overbooking path is added. Hours changes are in casework/hours.ts; both re-exported here.
import type { Db } from '../../platform/db/database.js';
import { LocalDate } from '../../shared/index.js';
import type { OnBehalf } from '../booking/index.js';
import { municipalitiesOfUnits } from '../registry/index.js';
import {
  apply,
  changeApplication,
  loadApplication,
  type ApplicationChange,
  type ApplicationInput,
} from './applications.js';
import { distributionAllows } from './distribution.js';
import { dateDa } from './letters.js';
import { child, unitName } from './offers.js';
import { withdrawPlacement } from './withdrawal.js';
import { policyOn } from './placement-policy.js';
import { placementError } from './contract.js';
import { setApplicationPriority } from './queries.js';
import { type Caseworker, letter, log } from './casework/shared.js';
import { meetApplication, placeOf } from './casework/places.js';
export type { Caseworker } from './casework/shared.js';
export * from './casework/places.js';
export * from './casework/hours.js';

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
