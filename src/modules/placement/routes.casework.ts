// Staff: casework on a family's behalf (the child page's "Sagsbehandling"). Every action: the schema (a reason of 3–500
// characters), then placement.casework on the child (and on the unit a place is given in: a caseworker gives places
// only in the own municipality's units), then the work in one transaction with its casework_action row, its letter
// where one is due, and the audit row.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../platform/audit/audit.js';
import { homeMunicipality, type Actor } from '../../platform/auth/actor.js';
import { setActor, type Db } from '../../platform/db/database.js';
import { schemaOf } from '../../platform/http/contract.js';
import type { RequestContext } from '../../platform/http/context.js';
import { LocalDate } from '../../shared/index.js';
import {
  activeBookingsOfChild,
  bookingError,
  bookingOwner,
  bookPlace,
  cancelBooking,
  moveBooking,
  withRetry,
} from '../booking/index.js';
import { childSubject, personsById, scopeOfUnit } from '../people/index.js';
import { unitSubject, unitsOfMunicipality } from '../registry/index.js';
import { continuousAllocation } from './aarsrulning.js';
import {
  applyForFamily,
  bookingOnBehalf,
  changeForFamily,
  changeHours,
  enrol,
  feeFacts,
  placeOf,
  previewHours,
  setFlags,
  transfer,
  withdrawForFamily,
} from './casework.js';
import { placementContract as c, placementError } from './contract.js';
import { policyOn } from './placement-policy.js';
import { placementPolicy } from './policy.js';
import { applicationsOfChild, caseworkLog, childIdsOfApplications, placementUnit, placesOfChild } from './queries.js';
import { noticeLastDay } from './rules.js';

export const placementCaseworkRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tx = <T>(req: { ctx: { db: Db } }, userId: string, fn: (trx: Db) => Promise<T>) =>
    // Retried on a deadlock: enrolment and transfer lock several units' load (booking's lockUnitLoad).
    withRetry(() =>
      req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, userId);
        return fn(trx);
      }),
    );
  const onChild = async (ctx: RequestContext, childId: string | undefined) =>
    placementPolicy.authorize(
      ctx.actor,
      'placement.casework',
      childId ? await childSubject(ctx.db, childId, ctx.clock.today()) : {},
    );
  const onUnit = async (ctx: RequestContext, unitId: string) =>
    placementPolicy.authorize(ctx.actor, 'placement.casework', await unitSubject(ctx.db, unitId));
  // No such place: the role is still checked (subject {}), then the action answers 404.
  const childOfPlace = async (db: Db, id: string) => (await placementUnit(db, id))?.childId;
  const done = (ctx: RequestContext, db: Db, action: string, childId: string, details: Record<string, unknown>) =>
    audit(db, ctx, { action: `casework.${action}`, subjectType: 'child', subjectIds: [childId], details });
  const by = (actor: Actor, reason: string) => ({ userId: actor.userId, reason });

  app.get(
    '/children/:id/casework',
    { schema: schemaOf('placement', c.caseworkView, placementError.codes) },
    async (req) => {
      const actor = await onChild(req.ctx, req.params.id);
      const db = req.ctx.db,
        today = req.ctx.clock.today(),
        childId = req.params.id;
      if (!(await personsById(db, [childId])).length) throw placementError('placement.child-not-found');
      const [places, apps, log, units, bookings] = await Promise.all([
        placesOfChild(db, childId),
        applicationsOfChild(db, childId),
        caseworkLog(db, childId),
        unitsOfMunicipality(db, homeMunicipality(actor)),
        activeBookingsOfChild(db, childId),
      ]);
      const bookingOf = new Map(bookings.map((b) => [b.placement_id, b.id]));
      const p = await policyOn(db, homeMunicipality(actor), today);
      const view = {
        childId,
        places: await Promise.all(
          places.map(async (pl) => {
            const on = LocalDate.max(LocalDate.parse(pl.start), today);
            const facts = await feeFacts(
              db,
              { child_id: childId, unit_id: pl.unit_id, kind: pl.kind },
              pl.hours_per_week,
              on,
            );
            return {
              id: pl.id,
              unitId: pl.unit_id,
              unitName: pl.unitName,
              kind: pl.kind,
              start: pl.start,
              end: pl.end,
              hoursPerWeek: pl.hours_per_week,
              monthlyRateOere: facts.monthlyRateOere,
              fte: facts.fte,
              noticeWaived: pl.noticeWaived,
              bookingId: bookingOf.get(pl.id) ?? null,
            };
          }),
        ),
        applications: apps.map((a) => ({
          id: a.id,
          placeKind: a.place_kind,
          neededFrom: a.needed_from,
          hoursPerWeek: a.hours_per_week,
          guaranteeDate: a.guarantee_date,
          specialNeeds: a.special_needs,
          movingIn: a.moving_in,
          wishes: a.wishes,
        })),
        units,
        noticeLastDay: noticeLastDay(today, p.notice).toString(),
        log,
      };
      await audit(db, req.ctx, { action: 'casework.read', subjectType: 'child', subjectIds: [childId] });
      return view;
    },
  );

  app.post(
    '/casework/applications',
    { schema: schemaOf('placement', c.caseworkApply, placementError.codes) },
    async (req, reply) => {
      const actor = await onChild(req.ctx, req.body.childId);
      const { reason, ...input } = req.body;
      const r = await tx(req, actor.userId, async (trx) => {
        const res = await applyForFamily(trx, by(actor, reason), input, req.ctx.clock.today());
        await done(req.ctx, trx, 'apply', input.childId, { application: res.id, reason });
        return res;
      });
      return reply.code(201).send(r);
    },
  );

  app.patch(
    '/casework/applications/:id',
    { schema: schemaOf('placement', c.caseworkChange, placementError.codes) },
    async (req) => {
      const [child] = await childIdsOfApplications(req.ctx.db, [req.params.id]);
      const actor = await onChild(req.ctx, child);
      const { reason, ...change } = req.body;
      return tx(req, actor.userId, async (trx) => {
        const r = await changeForFamily(trx, by(actor, reason), req.params.id, change, req.ctx.clock.today());
        await done(req.ctx, trx, 'change', r.childId, { application: req.params.id, reason });
        return { guaranteeDate: r.guaranteeDate };
      });
    },
  );

  app.put(
    '/casework/applications/:id/flags',
    { schema: schemaOf('placement', c.caseworkFlags, placementError.codes) },
    async (req) => {
      const [child] = await childIdsOfApplications(req.ctx.db, [req.params.id]);
      const actor = await onChild(req.ctx, child);
      const { reason, ...flags } = req.body;
      return tx(req, actor.userId, async (trx) => {
        const childId = await setFlags(trx, by(actor, reason), req.params.id, flags, req.ctx.clock.today());
        await done(req.ctx, trx, 'flags', childId, { application: req.params.id, reason, ...flags });
        return { ok: true as const };
      });
    },
  );

  app.post(
    '/casework/placements',
    { schema: schemaOf('placement', c.caseworkEnrol, placementError.codes) },
    async (req, reply) => {
      const actor = await onChild(req.ctx, req.body.childId);
      await onUnit(req.ctx, req.body.unitId);
      const { reason, childId, unitId, start, hoursPerWeek } = req.body;
      const r = await tx(req, actor.userId, async (trx) => {
        const res = await enrol(
          trx,
          by(actor, reason),
          { childId, unitId, start: LocalDate.parse(start), hours: hoursPerWeek },
          req.ctx.clock.today(),
        );
        await done(req.ctx, trx, 'enrol', childId, { placement: res.placementId, unitId, start, reason });
        return res;
      });
      return reply.code(201).send(r);
    },
  );

  // Booking on the family's behalf: booking's own functions (the unit's load lock, the capacity re-check, the letter by
  // Digital Post), with casework's § 26 a check, the application met and the casework log inside their transaction.
  const bookingCodes = { ...placementError.codes, ...bookingError.codes };

  app.post(
    '/casework/bookings',
    { schema: schemaOf('placement', c.caseworkBook, bookingCodes) },
    async (req, reply) => {
      const actor = await onChild(req.ctx, req.body.childId);
      await onUnit(req.ctx, req.body.unitId);
      const { reason, childId, unitId, start, hoursPerWeek } = req.body;
      if (!(await personsById(req.ctx.db, [childId])).length) throw placementError('placement.child-not-found');
      const behalf = bookingOnBehalf(by(actor, reason), childId, 'book', req.ctx.clock.today(), hoursPerWeek);
      const r = await bookPlace(req.ctx.db, req.ctx, { childId, unitId, start: LocalDate.parse(start) }, behalf);
      return reply.code(201).send({
        bookingId: r.bookingId,
        unitId: r.unitId,
        unitName: r.unitName,
        start: r.start,
        end: r.end,
        changeDeadline: r.changeDeadline,
        guarantee: behalf.guarantee,
      });
    },
  );

  app.post(
    '/casework/bookings/:id/move',
    { schema: schemaOf('placement', c.caseworkMoveBooking, bookingCodes) },
    async (req) => {
      const childId = await bookingOwner(req.ctx.db, req.params.id);
      const actor = await onChild(req.ctx, childId ?? undefined);
      if (!childId) throw bookingError('booking.not-found');
      await onUnit(req.ctx, req.body.unitId);
      const { reason, unitId, start, hoursPerWeek } = req.body;
      const behalf = bookingOnBehalf(by(actor, reason), childId, 'move-booking', req.ctx.clock.today(), hoursPerWeek);
      const r = await moveBooking(
        req.ctx.db,
        req.ctx,
        { bookingId: req.params.id, unitId, start: LocalDate.parse(start) },
        behalf,
      );
      return {
        bookingId: r.bookingId,
        unitId: r.unitId,
        unitName: r.unitName,
        start: r.start,
        end: r.end,
        changeDeadline: r.changeDeadline,
        guarantee: false,
      };
    },
  );

  app.post(
    '/casework/bookings/:id/cancel',
    { schema: schemaOf('placement', c.caseworkCancelBooking, bookingCodes) },
    async (req) => {
      const childId = await bookingOwner(req.ctx.db, req.params.id);
      const actor = await onChild(req.ctx, childId ?? undefined);
      if (!childId) throw bookingError('booking.not-found');
      const behalf = bookingOnBehalf(by(actor, req.body.reason), childId, 'cancel-booking', req.ctx.clock.today());
      const r = await cancelBooking(req.ctx.db, req.ctx, req.params.id, behalf);
      return { bookingId: r.bookingId, previousPlaceRestored: r.previousPlace === 'restored' };
    },
  );

  app.post(
    '/casework/placements/:id/transfer',
    { schema: schemaOf('placement', c.caseworkTransfer, placementError.codes) },
    async (req, reply) => {
      const actor = await onChild(req.ctx, await childOfPlace(req.ctx.db, req.params.id));
      await onUnit(req.ctx, req.body.unitId);
      const { reason, unitId, start } = req.body;
      const r = await tx(req, actor.userId, async (trx) => {
        const res = await transfer(
          trx,
          by(actor, reason),
          req.params.id,
          { unitId, start: LocalDate.parse(start) },
          req.ctx.clock.today(),
        );
        const child = (await placeOf(trx, res.placementId)).child_id;
        await done(req.ctx, trx, 'transfer', child, { from: req.params.id, placement: res.placementId, reason });
        return res;
      });
      return reply.code(201).send(r);
    },
  );

  app.post(
    '/casework/placements/:id/withdraw',
    { schema: schemaOf('placement', c.caseworkWithdraw, placementError.codes) },
    async (req) => {
      const actor = await onChild(req.ctx, await childOfPlace(req.ctx.db, req.params.id));
      const { reason, waiveNotice, lastDay } = req.body;
      const today = req.ctx.clock.today();
      return tx(req, actor.userId, async (trx) => {
        const r = await withdrawForFamily(
          trx,
          by(actor, reason),
          req.params.id,
          { waiveNotice, lastDay: lastDay ? LocalDate.parse(lastDay) : undefined },
          today,
        );
        await done(req.ctx, trx, 'withdraw', r.childId, {
          placement: req.params.id,
          lastDay: r.lastDay,
          waiveNotice,
          reason,
        });
        // The freed place goes to the next child by the rules of the unit's municipality (as for a family's notice).
        const scope = await scopeOfUnit(trx, r.unitId);
        if (scope) await continuousAllocation(trx, scope, today, null, [r.kind]);
        return { lastDay: r.lastDay };
      });
    },
  );

  app.post(
    '/casework/placements/:id/hours',
    { schema: schemaOf('placement', c.caseworkHours, placementError.codes) },
    async (req) => {
      const actor = await onChild(req.ctx, await childOfPlace(req.ctx.db, req.params.id));
      const { reason, from, hoursPerWeek } = req.body;
      return tx(req, actor.userId, async (trx) => {
        const r = await changeHours(
          trx,
          by(actor, reason),
          req.params.id,
          { from: LocalDate.parse(from), hours: hoursPerWeek },
          req.ctx.clock.today(),
        );
        await done(req.ctx, trx, 'hours', r.childId, { placement: r.placementId, from, hoursPerWeek, reason });
        return r.change;
      });
    },
  );

  app.get(
    '/casework/placements/:id/hours-preview',
    { schema: schemaOf('placement', c.caseworkHoursPreview, placementError.codes) },
    async (req) => {
      await onChild(req.ctx, await childOfPlace(req.ctx.db, req.params.id));
      const r = await previewHours(
        req.ctx.db,
        req.params.id,
        LocalDate.parse(req.query.from),
        req.query.hoursPerWeek,
        req.ctx.clock.today(),
      );
      await audit(req.ctx.db, req.ctx, {
        action: 'casework.hours-preview',
        subjectType: 'child',
        subjectIds: [r.childId],
      });
      return r.change;
    },
  );
};
