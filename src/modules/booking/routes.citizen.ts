// Parents: availability for a child, a unit's calendar, and booking, moving and cancelling a place.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../platform/audit/audit.js';
import type { RequestContext } from '../../platform/http/context.js';
import { schemaOf } from '../../platform/http/contract.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import { childIdsInCustody, childInCustody, homeOf } from '../people/index.js';
import { parsePolicy, policyOn } from './booking-policy.js';
import { bookingContract as c, bookingError } from './contract.js';
import { bookingPolicy } from './policy.js';
import { bookingOwner, bookingPlacementOf, bookingsOfChildren } from './queries.js';
import { unitTypeOf } from './store.js';
import { calendarDays, openCheck, searchAvailability, sortItems, without } from './search.js';
import { bookPlace, cancelBooking, moveBooking, NoLongerFree } from './service.js';
import { searchFacts } from './book.js';

type Action = 'booking.search' | 'booking.book';

/** The guardian's child (custody valid today), or 401/403/404. */
async function requireChild(ctx: RequestContext, childId: string, action: Action) {
  const actor = bookingPolicy.authorize(ctx.actor, action);
  const child = await childInCustody(ctx.db, actor.personId!, childId, ctx.clock.today());
  if (!child) throw bookingError('booking.not-your-child');
  return child;
}

/** The nearest units with room, from the same facts as the family's search (one statement, audited as a search). */
async function alternatives(ctx: RequestContext, e: NoLongerFree) {
  const today = ctx.clock.today();
  const facts = await searchFacts(ctx.db, ctx, ctx.actor!.personId!, e.childId, today);
  const policy = parsePolicy(facts.policy);
  const search = {
    birthDate: e.birthDate,
    wished: e.wished,
    today,
    policy,
    home: facts.home,
    excludePlacementId: e.excludePlacementId,
    versions: facts.versions,
  };
  return (await searchAvailability(ctx.db, search, 5)).items;
}

/** "No longer free" is answered 409 with the nearest alternatives next to the code. */
async function withAlternatives<T>(ctx: RequestContext, reply: FastifyReply, fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof NoLongerFree)) throw e;
    return reply
      .code(409)
      .send({ error: e.code, params: e.params, message: e.code, alternatives: await alternatives(ctx, e) });
  }
}

const quick = { interactive: true };

export const bookingCitizenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  // The search and a unit's calendar are what a family waits for during a rush: the interactive lane (database.ts).
  const search = { config: quick, schema: schemaOf('booking', c.availability, bookingError.codes) };
  app.get('/booking/availability', search, async (req) => {
    const { db, clock } = req.ctx,
      today = clock.today();
    const actor = bookingPolicy.authorize(req.ctx.actor, 'booking.search');
    // The child (custody today), the family's home municipality's booking policy and the audit row: one statement.
    const facts = await searchFacts(db, req.ctx, actor.personId!, req.query.childId, today);
    const child = facts.child;
    if (!child) throw bookingError('booking.not-your-child');
    const policy = parsePolicy(facts.policy);
    const exclude = req.query.excludeBookingId
      ? await bookingPlacementOf(db, req.query.excludeBookingId, child.id)
      : null;
    const { items, ctx } = await searchAvailability(db, {
      birthDate: LocalDate.parse(child.birth_date),
      wished: LocalDate.parse(req.query.wished),
      today,
      policy,
      home: facts.home,
      excludePlacementId: exclude,
      versions: facts.versions,
    });
    return {
      child: {
        id: child.id,
        name: `${child.first_name} ${child.last_name}`,
        birthDate: child.birth_date,
        earliestStart: ctx.child.earliestStart.toString(),
        transition: ctx.child.transition.toString(),
        schoolStart: ctx.child.schoolStart.toString(),
      },
      policy: {
        modeNursery: policy.modeNursery,
        modeKindergarten: policy.modeKindergarten,
        hybridMonths: policy.hybridMonths,
        changeDeadlineDays: policy.changeDeadlineDays,
      },
      // The page shows the first `limit` (the server orders all of them).
      items: sortItems(items, req.query.sort).slice(0, req.query.limit),
      total: items.length,
    };
  });

  const calendar = { config: quick, schema: schemaOf('booking', c.calendar, bookingError.codes) };
  app.get('/booking/calendar', calendar, async (req) => {
    const { db, clock } = req.ctx,
      today = clock.today();
    const child = await requireChild(req.ctx, req.query.childId, 'booking.search');
    // A unit's calendar follows its municipality's booking policy.
    const policy = await policyOn(db, (await unitTypeOf(db, req.query.unitId))?.municipalityCode ?? null, today);
    const exclude = req.query.excludeBookingId
      ? await bookingPlacementOf(db, req.query.excludeBookingId, child.id)
      : null;
    const { units, occ, ctx, closing } = await searchAvailability(db, {
      birthDate: LocalDate.parse(child.birth_date),
      wished: LocalDate.parse(req.query.from),
      today,
      policy,
      unitIds: [],
    });
    const u = units.find((x) => x.id === req.query.unitId);
    const o = occ.get(req.query.unitId);
    if (!u || !o) throw bookingError('booking.unit-not-found');
    await audit(db, req.ctx, {
      action: 'booking.calendar',
      subjectType: 'child',
      subjectIds: [child.id],
      details: { unitId: u.id },
    });
    return {
      unit: { id: u.id, name: u.name, type: u.type },
      days: calendarDays(
        without(o, exclude, policy.nurseryWeight),
        ctx,
        openCheck(closing, u),
        LocalDate.parse(req.query.from),
        req.query.days,
      ),
    };
  });

  app.get('/bookings', { schema: schemaOf('booking', c.list, bookingError.codes) }, async (req) => {
    const actor = bookingPolicy.authorize(req.ctx.actor, 'booking.list');
    const { db, clock } = req.ctx,
      today = clock.today();
    const ids = await childIdsInCustody(db, actor.personId!, today);
    if (!ids.length) return [];
    const policy = await policyOn(db, (await homeOf(db, actor.personId!, today))?.municipalityCode ?? null, today);
    const rows = await bookingsOfChildren(db, ids);
    await audit(db, req.ctx, { action: 'booking.read', subjectType: 'child', subjectIds: ids });
    return rows.map((r) => {
      const v = DateRange.fromPg(r.valid);
      const deadline = v.start.minusDays(policy.changeDeadlineDays);
      return {
        id: r.id,
        childId: r.child_id,
        childName: r.first_name,
        unitId: r.unit_id,
        unitName: r.unitName,
        start: v.start.toString(),
        end: v.end?.toString() ?? null,
        status: r.status,
        bookedAt: r.booked_at,
        changeDeadline: deadline.toString(),
        changeable: r.status === 'active' && !today.isAfter(deadline),
      };
    });
  });

  app.post('/bookings', { schema: schemaOf('booking', c.book, bookingError.codes) }, async (req, reply) => {
    const actor = bookingPolicy.authorize(req.ctx.actor, 'booking.book');
    return withAlternatives(req.ctx, reply, async () => {
      // The custody check is part of the booking's first read (403 unless the guardian has custody today).
      const r = await bookPlace(req.ctx.db, req.ctx, {
        guardianId: actor.personId!,
        childId: req.body.childId,
        unitId: req.body.unitId,
        start: LocalDate.parse(req.body.start),
      });
      return reply.code(201).send(r);
    });
  });

  const ownBooking = async (ctx: RequestContext, id: string) => {
    const childId = await bookingOwner(ctx.db, id);
    if (!childId) throw bookingError('booking.not-found');
    await requireChild(ctx, childId, 'booking.book');
  };

  app.post('/bookings/:id/move', { schema: schemaOf('booking', c.move, bookingError.codes) }, async (req, reply) => {
    await ownBooking(req.ctx, req.params.id);
    return withAlternatives(req.ctx, reply, () =>
      moveBooking(req.ctx.db, req.ctx, {
        bookingId: req.params.id,
        unitId: req.body.unitId,
        start: LocalDate.parse(req.body.start),
      }),
    );
  });

  app.post('/bookings/:id/cancel', { schema: schemaOf('booking', c.cancel, bookingError.codes) }, async (req) => {
    await ownBooking(req.ctx, req.params.id);
    return cancelBooking(req.ctx.db, req.ctx, req.params.id);
  });
};
