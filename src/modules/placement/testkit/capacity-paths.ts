// The paths that give places, as random operations for the capacity property (capacity.property.int.test.ts):
// booking, moving a booking, a round's preview and approval, manual offers, accepting and declining offers, continuous
// allocation, årsrulning and casework on a family's behalf (enrol, transfer, udmeldelse, weekly hours).
import fc from 'fast-check';
import { sql } from 'kysely';
import type { TestApp } from '../../../../test/app.js';
import type { smallFixture } from '../../../../test/fixture.js';
import { setActor, type Db } from '../../../platform/db/database.js';
import { DomainError, fromDatabaseError, HttpError } from '../../../platform/http/errors.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { LocalDate } from '../../../shared/index.js';
import { bookPlace, moveBooking, withRetry } from '../../booking/index.js';
import { scopeOf } from '../../people/index.js';
import { aarsrulning, continuousAllocation } from '../aarsrulning.js';
import { createOffer } from '../offers.js';
import { acceptOffer, declineOffer, expireOffers } from '../offer-answers.js';
import { approveRound, previewRound } from '../round.js';
import { changeHours, enrol, transfer, withdrawForFamily } from '../casework.js';
import { workday, type World } from './capacity-world.js';

const pick = <T>(xs: T[], i: number) => (xs.length ? xs[i % xs.length]! : undefined);
// Booking weighs three: most of its attempts are refused (age band, full), and a run in which none succeeded would
// leave its path untested (the check at the end).
export const op = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      child: fc.nat(),
      unit: fc.nat(),
      days: fc.integer({ min: 15, max: 120 }),
    }),
  },
  fc.record({
    kind: fc.constant('move' as const),
    booking: fc.nat(),
    unit: fc.nat(),
    days: fc.integer({ min: 15, max: 120 }),
  }),
  fc.record({ kind: fc.constant('preview' as const) }),
  fc.record({ kind: fc.constant('approve' as const), round: fc.nat() }),
  fc.record({
    kind: fc.constant('offer' as const),
    app: fc.nat(),
    unit: fc.nat(),
    days: fc.integer({ min: 1, max: 120 }),
  }),
  fc.record({ kind: fc.constant('accept' as const), offer: fc.nat() }),
  fc.record({ kind: fc.constant('decline' as const), offer: fc.nat() }),
  fc.record({ kind: fc.constant('continuous' as const) }),
  fc.record({
    kind: fc.constant('enrol' as const),
    child: fc.nat(),
    unit: fc.nat(),
    days: fc.integer({ min: 1, max: 120 }),
  }),
  fc.record({
    kind: fc.constant('transfer' as const),
    place: fc.nat(),
    unit: fc.nat(),
    days: fc.integer({ min: 1, max: 120 }),
  }),
  fc.record({
    kind: fc.constant('withdraw' as const),
    place: fc.nat(),
    days: fc.integer({ min: 0, max: 60 }),
  }),
  fc.record({
    kind: fc.constant('hours' as const),
    place: fc.nat(),
    days: fc.integer({ min: 0, max: 60 }),
    hours: fc.integer({ min: 15, max: 45 }),
  }),
  fc.record({ kind: fc.constant('aarsrulning' as const) }),
);
export type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

export async function run(
  { t, f, today }: { t: TestApp; f: Awaited<ReturnType<typeof smallFixture>>; today: LocalDate },
  w: World,
  o: Op,
): Promise<string> {
  const db = t.database.db,
    user = f.users.caseworker;
  const rc: RequestContext = {
    db,
    clock: t.clock,
    actor: {
      userId: f.users.mette,
      role: 'guardian',
      name: 'Mette',
      personId: f.guardians.mette,
      unitIds: [],
      municipalityCode: null,
    },
    ip: '127.0.0.1',
    userAgent: null,
  };
  const tx = <T>(fn: (trx: Db) => Promise<T>) =>
    withRetry(() =>
      db.transaction().execute(async (trx) => {
        await setActor(trx, user);
        return fn(trx);
      }),
    );
  const caseworker = { userId: user, reason: 'Kapacitetstest: sagsbehandling på familiens vegne' };
  const places = async () =>
    (
      await db
        .selectFrom('placement')
        .select(['id', sql<string>`lower(valid)::text`.as('start')])
        .where('child_id', 'in', [...w.kids, w.settled])
        .where(sql<boolean>`upper_inf(valid) or upper(valid) > ${today.toString()}::date`)
        .orderBy('id')
        .execute()
    ).map((r) => ({ id: r.id, start: LocalDate.parse(r.start) }));
  const pendingOffers = async () =>
    (
      await db
        .selectFrom('offer')
        .select('id')
        .where('application_id', 'in', w.apps)
        .where('status', '=', 'pending')
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
  switch (o.kind) {
    case 'book':
      await bookPlace(db, rc, {
        childId: pick(w.kids, o.child)!,
        unitId: pick(w.units, o.unit)!,
        start: workday(today.plusDays(o.days)),
      });
      break;
    case 'move': {
      const b = pick(
        (
          await db
            .selectFrom('booking')
            .select('id')
            .where('child_id', 'in', w.kids)
            .where('status', '=', 'active')
            .orderBy('id')
            .execute()
        ).map((r) => r.id),
        o.booking,
      );
      if (!b) return 'skip';
      await moveBooking(db, rc, {
        bookingId: b,
        unitId: pick(w.units, o.unit)!,
        start: workday(today.plusDays(o.days)),
      });
      break;
    }
    case 'preview':
      w.rounds.push((await tx((trx) => previewRound(trx, '0860', 'dagtilbud', today.plusYears(1), today, user))).id);
      break;
    case 'approve': {
      const id = pick(w.rounds, o.round);
      if (!id) return 'skip';
      await tx((trx) => approveRound(trx, id, today, user));
      break;
    }
    case 'offer':
      await tx((trx) =>
        createOffer(
          trx,
          {
            applicationId: pick(w.apps, o.app)!,
            unitId: pick(w.units, o.unit)!,
            start: today.plusDays(o.days),
            roundId: null,
            priority: null,
            explanation: 'Manuelt tilbud: test',
            reason: 'test',
            userId: user,
          },
          today,
        ),
      );
      break;
    case 'accept':
    case 'decline': {
      const id = pick(await pendingOffers(), o.offer);
      if (!id) return 'skip';
      if (o.kind === 'accept') await tx((trx) => acceptOffer(trx, id, today));
      else
        await tx(async (trx) => {
          await declineOffer(trx, id, today);
          await continuousAllocation(trx, await scopeOf(trx, '0860'), today, null, ['dagtilbud']);
        });
      break;
    }
    case 'continuous':
      await tx(async (trx) => {
        await expireOffers(trx, today);
        await continuousAllocation(trx, await scopeOf(trx, '0860'), today, user);
      });
      break;
    case 'aarsrulning':
      await tx(async (trx) => aarsrulning(trx, await scopeOf(trx, '0860'), today));
      break;
    case 'enrol':
      await tx((trx) =>
        enrol(
          trx,
          caseworker,
          {
            childId: pick(w.kids, o.child)!,
            unitId: pick(w.units, o.unit)!,
            start: workday(today.plusDays(o.days)),
            hours: 40,
          },
          today,
        ),
      );
      break;
    case 'transfer':
    case 'withdraw':
    case 'hours': {
      const place = pick(await places(), o.place);
      if (!place) return 'skip';
      const from = LocalDate.max(today, place.start.plusDays(1)).plusDays(o.days);
      if (o.kind === 'transfer')
        await tx((trx) =>
          transfer(trx, caseworker, place.id, { unitId: pick(w.units, o.unit)!, start: workday(from) }, today),
        );
      else if (o.kind === 'withdraw')
        // Udmeldelse with the notice waived: the place ends early and its days are free for the other paths.
        await tx((trx) => withdrawForFamily(trx, caseworker, place.id, { waiveNotice: true, lastDay: from }, today));
      else await tx((trx) => changeHours(trx, caseworker, place.id, { from, hours: o.hours }, today));
      break;
    }
  }
  return 'ok';
}

/** A refusal the API answers with a 4xx is an expected outcome; anything else fails the property. */
export async function outcome(p: Promise<string>): Promise<string> {
  try {
    return await p;
  } catch (e: any) {
    if ((e instanceof HttpError || e instanceof DomainError) && e.statusCode < 500) return e.code;
    if (fromDatabaseError(e)) return `db:${e.code}`;
    throw e;
  }
}
