// Approving a round is set-based (createRoundOffers: every fact read once, each offer re-checked against the units'
// timelines in the engine's order): it must create exactly the offers and letters the one-offer-at-a-time path
// (createOffer per offer) creates, and refuse the same offer that no longer fits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { aChild, aGuardianOf, aStaffUser, aUnit } from '../../../test/builders.js';
import { overCapacityDays } from '../../../test/capacity-check.js';
import { engine } from '../../../test/db.js';
import { setActor, type Db } from '../../platform/db/database.js';
import { isWorkingDay, LocalDate } from '../../shared/index.js';
import type { AllocationResult } from './engine-port.js';
import { createOffer } from './offers.js';
import { approveRound, previewRound } from './round.js';

let t: TestApp, today: LocalDate, start: LocalDate, horizon: LocalDate, user: string;
beforeAll(async () => {
  t = await testApp();
  today = t.clock.today();
  start = today.plusDays(14);
  while (!isWorkingDay(start)) start = start.plusDays(1);
  horizon = today.plusMonths(6);
  user = await aStaffUser(t.database.db, 'caseworker');
});
afterAll(async () => {
  await t?.close();
});

/** A child ten months old with a guardian and an active application for the units (in this order). */
async function waiting(
  db: Db,
  name: string,
  units: string[],
  opts: { hours?: number; guarantee?: LocalDate | null; appliedDaysAgo?: number } = {},
) {
  const child = await aChild(db, { firstName: name, lastName: 'Rund', birthDate: today.plusMonths(-10) });
  await aGuardianOf(db, child, { firstName: `Mor til ${name}` });
  await aGuardianOf(db, child, { firstName: `Far til ${name}` });
  const applied = today.minusDays(opts.appliedDaysAgo ?? 60);
  const app = await db
    .insertInto('application')
    .values({
      child_id: child.id,
      place_kind: 'vuggestue',
      placement_kind: 'dagtilbud',
      needed_from: start.toString(),
      hours_per_week: opts.hours ?? 40,
      applied_on: applied.toString(),
      seniority_date: applied.toString(),
      guarantee_date:
        opts.guarantee === undefined ? start.plusMonths(1).toString() : (opts.guarantee?.toString() ?? null),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('application_wish')
    .values(units.map((unit_id, i) => ({ application_id: app.id, rank: i + 1, unit_id })))
    .execute();
  return { childId: child.id, applicationId: app.id };
}

/** What a round wrote: its offers and their letters with recipients, in a stable order without generated ids. */
async function written(db: Db, roundId: string) {
  const offers = await db
    .selectFrom('offer')
    .select([
      'application_id',
      'unit_id',
      'start_date',
      'hours_per_week',
      'priority',
      'explanation',
      'manual_reason',
      'guarantee',
      'offered_on',
      'deadline',
      'status',
      'created_by',
    ])
    .where('round_id', '=', roundId)
    .orderBy('application_id')
    .execute();
  const children = (
    await db
      .selectFrom('application')
      .select('child_id')
      .where(
        'id',
        'in',
        offers.map((o) => o.application_id),
      )
      .execute()
  ).map((a) => a.child_id);
  const letters = children.length
    ? await db
        .selectFrom('letter')
        .select(['id', 'kind', 'subject', 'child_id', 'municipality_code', 'letter_date', 'content'])
        .where('child_id', 'in', children)
        .orderBy('child_id')
        .execute()
    : [];
  const recipients = letters.length
    ? await db
        .selectFrom('letter_recipient')
        .select(['letter_id', 'person_id'])
        .where(
          'letter_id',
          'in',
          letters.map((l) => l.id),
        )
        .execute()
    : [];
  const posts = letters.length
    ? await db
        .selectFrom('digital_post_message')
        .select(['letter_id', 'person_id'])
        .where(
          'letter_id',
          'in',
          letters.map((l) => l.id),
        )
        .execute()
    : [];
  return {
    offers,
    letters: letters.map(({ id, ...l }) => ({
      ...l,
      recipients: recipients
        .filter((r) => r.letter_id === id)
        .map((r) => r.person_id)
        .sort(),
      digitalPost: posts
        .filter((r) => r.letter_id === id)
        .map((r) => r.person_id)
        .sort(),
    })),
  };
}

class Rollback extends Error {}

/** The one-offer-at-a-time approval as it was before (createOffer for each of the preview's offers), rolled back. */
async function referenceApproval(db: Db, roundId: string) {
  let out: Awaited<ReturnType<typeof written>> | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      await setActor(trx, user);
      const r = await trx
        .selectFrom('allocation_round')
        .select('result')
        .where('id', '=', roundId)
        .executeTakeFirstOrThrow();
      for (const o of (r.result as AllocationResult).offers)
        await createOffer(
          trx,
          {
            applicationId: o.applicant,
            unitId: o.unit,
            start: LocalDate.parse(o.start),
            roundId,
            priority: o.priority,
            explanation: o.explanation.da,
            reason: null,
            userId: user,
          },
          today,
          true,
        );
      out = await written(trx, roundId);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return out!;
}

describe(`set-based round approval (${engine})`, () => {
  it('creates the same offers and letters as one offer at a time, and refuses the offer that no longer fits', async () => {
    const db = t.database.db;
    // A nursery with 2 places (4 weighted) until a month after the horizon, 1 place from then on: the engine (which
    // looks up to the horizon) offers both places; only one child still fits until school start.
    const shrinking = await aUnit(db, { type: 'vuggestue', name: 'Vuggestuen Krympe', places: {} });
    const drop = horizon.plusMonths(1).toString();
    await db
      .insertInto('capacity')
      .values([
        { unit_id: shrinking.id, age_band: '0-2', places: 2, valid: `[2020-01-01,${drop})` },
        { unit_id: shrinking.id, age_band: '0-2', places: 1, valid: `[${drop},)` },
      ])
      .execute();
    const roomy = await aUnit(db, { type: 'integreret', name: 'Børnehuset Plads', places: { '0-2': 3, '3-5': 10 } });
    const first = await waiting(db, 'Alma', [shrinking.id], { appliedDaysAgo: 200 });
    const second = await waiting(db, 'Bjørn', [shrinking.id], { appliedDaysAgo: 190 });
    const partTime = await waiting(db, 'Cecilie', [roomy.id], { hours: 30, guarantee: null, appliedDaysAgo: 180 });
    const guaranteed = await waiting(db, 'Dennis', [shrinking.id, roomy.id], { appliedDaysAgo: 10 });
    const withdrawn = await waiting(db, 'Esther', [roomy.id], { appliedDaysAgo: 100 });

    const preview = await db.transaction().execute(async (trx) => {
      await setActor(trx, user);
      return previewRound(trx, '0860', 'dagtilbud', horizon, today, user);
    });
    const proposed = preview.result.offers.map((o) => [o.applicant, o.unit]);
    expect(proposed).toEqual(
      expect.arrayContaining([
        [first.applicationId, shrinking.id],
        [second.applicationId, shrinking.id],
        [partTime.applicationId, roomy.id],
        [guaranteed.applicationId, roomy.id],
        [withdrawn.applicationId, roomy.id],
      ]),
    );
    // Esther's family withdraws the application after the preview (no unit's load changes: the preview is not stale).
    await db
      .updateTable('application')
      .set({ status: 'withdrawn', closed_on: today.toString() })
      .where('id', '=', withdrawn.applicationId)
      .execute();

    const before = await referenceApproval(db, preview.id);
    const approved = await db.transaction().execute(async (trx) => {
      await setActor(trx, user);
      return approveRound(trx, preview.id, today, user);
    });
    const after = await written(db, preview.id);

    expect(after).toEqual(before);
    expect(approved.offers).toBe(3);
    // The later of the two children in the engine's order no longer fits the shrinking nursery: no offer, no letter.
    const firstInOrder = proposed.findIndex(([a]) => a === first.applicationId),
      secondInOrder = proposed.findIndex(([a]) => a === second.applicationId);
    const [kept, refused] = firstInOrder < secondInOrder ? [first, second] : [second, first];
    expect(after.offers.map((o) => o.application_id).sort()).toEqual(
      [kept.applicationId, partTime.applicationId, guaranteed.applicationId].sort(),
    );
    expect(after.letters.map((l) => l.child_id)).not.toContain(refused.childId);
    expect(after.letters.map((l) => l.child_id)).not.toContain(withdrawn.childId);
    // Per offer as before: the guarantee flag, part time in the letter, both guardians as recipients and Digital Post.
    const offerOf = (a: { applicationId: string }) => after.offers.find((o) => o.application_id === a.applicationId)!;
    expect(offerOf(guaranteed)).toMatchObject({ guarantee: true, hours_per_week: 40, status: 'pending' });
    expect(offerOf(partTime)).toMatchObject({ guarantee: false, hours_per_week: 30 });
    const letterOf = (c: { childId: string }) => after.letters.find((l) => l.child_id === c.childId)!;
    expect(letterOf(partTime).subject).toBe('Tilbud om plads til Cecilie Rund i Børnehuset Plads');
    expect(JSON.stringify(letterOf(partTime).content)).toContain('deltid, 30 timer om ugen');
    expect(JSON.stringify(letterOf(guaranteed).content)).toContain('pasningsgarantien');
    expect(letterOf(guaranteed).recipients).toHaveLength(2);
    expect(letterOf(guaranteed).digitalPost).toEqual(letterOf(guaranteed).recipients);
    expect(await overCapacityDays(db, [shrinking.id, roomy.id], today, 2200)).toEqual([]);
  });
});
