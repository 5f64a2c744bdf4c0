// Parents: availability for a child, a unit's calendar, and booking, moving and cancelling a place.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import { requireGuardian } from '../../platform/auth/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import { childIdsInCustody, homeOf } from '../people/index.js';
import { policyOn } from './policy.js';
import { childDates } from './child-dates.js';
import { calendarDays, openCheck, searchAvailability, sortItems, without } from './search.js';
import { bookPlace, cancelBooking, moveBooking, NoLongerFree } from './service.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dato som ÅÅÅÅ-MM-DD').refine((s) => LocalDate.tryParse(s) !== null, 'Ugyldig dato');

async function requireChild(ctx: RequestContext, childId: string) {
  const actor = requireGuardian(ctx.actor);
  const ids = await childIdsInCustody(ctx.db, actor.personId, ctx.clock.today());
  if (!ids.includes(childId)) throw forbidden('Barnet er ikke i din forældremyndighed.');
  const c = await ctx.db.selectFrom('person').select(['id', 'first_name', 'last_name', 'birth_date']).where('id', '=', childId).executeTakeFirst();
  if (!c) throw notFound('Barnet findes ikke.');
  return c;
}

async function alternatives(ctx: RequestContext, e: NoLongerFree) {
  const today = ctx.clock.today();
  const [policy, home] = await Promise.all([policyOn(ctx.db, today), homeOf(ctx.db, e.childId, today)]);
  const { items } = await searchAvailability(ctx.db, { birthDate: e.birthDate, wished: e.wished, today, policy, home });
  return sortItems(items, 'distance').slice(0, 5);
}

async function withAlternatives<T>(ctx: RequestContext, reply: FastifyReply, fn: () => Promise<T>) {
  try { return await fn(); } catch (e) {
    if (!(e instanceof NoLongerFree)) throw e;
    return reply.code(409).send({ error: e.code, message: e.message, alternatives: await alternatives(ctx, e) });
  }
}

export const bookingCitizenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/booking/availability', {
    schema: { tags: ['booking'], summary: 'Units with a free place for a child from a wished start date',
      querystring: z.object({ childId: z.uuid(), wished: date, sort: z.enum(['distance', 'date']).default('distance'), excludeBookingId: z.uuid().optional() }) },
  }, async (req) => {
    const { db, clock } = req.ctx, today = clock.today();
    const child = await requireChild(req.ctx, req.query.childId);
    const [policy, home] = await Promise.all([policyOn(db, today), homeOf(db, child.id, today).then((h) => h ?? homeOf(db, req.ctx.actor!.personId!, today))]);
    let exclude: string | null = null;
    if (req.query.excludeBookingId) {
      const b = await db.selectFrom('booking').select('placement_id').where('id', '=', req.query.excludeBookingId).where('child_id', '=', child.id).executeTakeFirst();
      exclude = b?.placement_id ?? null;
    }
    const birth = LocalDate.parse(child.birth_date);
    const { items, ctx } = await searchAvailability(db, { birthDate: birth, wished: LocalDate.parse(req.query.wished), today, policy, home, excludePlacementId: exclude });
    await audit(db, req.ctx, { action: 'booking.availability', subjectType: 'child', subjectIds: [child.id] });
    return { child: { id: child.id, name: `${child.first_name} ${child.last_name}`, birthDate: child.birth_date,
      earliestStart: ctx.child.earliestStart.toString(), transition: ctx.child.transition.toString(), schoolStart: ctx.child.schoolStart.toString() },
    policy: { modeNursery: policy.modeNursery, modeKindergarten: policy.modeKindergarten, hybridMonths: policy.hybridMonths, changeDeadlineDays: policy.changeDeadlineDays },
    items: sortItems(items, req.query.sort) };
  });

  app.get('/booking/calendar', {
    schema: { tags: ['booking'], summary: 'Bookable start days of one unit for a child',
      querystring: z.object({ childId: z.uuid(), unitId: z.uuid(), from: date, days: z.coerce.number().int().min(1).max(186).default(62), excludeBookingId: z.uuid().optional() }) },
  }, async (req) => {
    const { db, clock } = req.ctx, today = clock.today();
    const child = await requireChild(req.ctx, req.query.childId);
    const policy = await policyOn(db, today);
    let exclude: string | null = null;
    if (req.query.excludeBookingId) exclude = (await db.selectFrom('booking').select('placement_id').where('id', '=', req.query.excludeBookingId).where('child_id', '=', child.id).executeTakeFirst())?.placement_id ?? null;
    const { units, occ, ctx, closing } = await searchAvailability(db, { birthDate: LocalDate.parse(child.birth_date), wished: LocalDate.parse(req.query.from), today, policy, unitIds: [] });
    const u = units.find((x) => x.id === req.query.unitId);
    const o = occ.get(req.query.unitId);
    if (!u || !o) throw notFound('Enheden findes ikke.');
    await audit(db, req.ctx, { action: 'booking.calendar', subjectType: 'child', subjectIds: [child.id], details: { unitId: u.id } });
    return { unit: { id: u.id, name: u.name, type: u.type }, days: calendarDays(without(o, exclude, policy.nurseryWeight), ctx, openCheck(closing, u), LocalDate.parse(req.query.from), req.query.days) };
  });

  app.get('/bookings', { schema: { tags: ['booking'], summary: 'Bookings of my children' } }, async (req) => {
    const actor = requireGuardian(req.ctx.actor);
    const { db, clock } = req.ctx, today = clock.today();
    const ids = await childIdsInCustody(db, actor.personId, today);
    if (!ids.length) return [];
    const policy = await policyOn(db, today);
    const rows = await db.selectFrom('booking').innerJoin('unit', 'unit.id', 'booking.unit_id').innerJoin('person', 'person.id', 'booking.child_id')
      .select(['booking.id', 'booking.child_id', 'person.first_name', 'booking.unit_id', 'unit.name as unitName', 'booking.valid', 'booking.status', 'booking.booked_at'])
      .where('booking.child_id', 'in', ids).orderBy('booking.booked_at', 'desc').execute();
    await audit(db, req.ctx, { action: 'booking.read', subjectType: 'child', subjectIds: ids });
    return rows.map((r) => {
      const v = DateRange.fromPg(r.valid);
      const deadline = v.start.minusDays(policy.changeDeadlineDays);
      return { id: r.id, childId: r.child_id, childName: r.first_name, unitId: r.unit_id, unitName: r.unitName, start: v.start.toString(),
        end: v.end?.toString() ?? null, status: r.status, bookedAt: r.booked_at, changeDeadline: deadline.toString(),
        changeable: r.status === 'active' && !today.isAfter(deadline) };
    });
  });

  app.post('/bookings', {
    schema: { tags: ['booking'], summary: 'Book a place (instant confirmation)', body: z.object({ childId: z.uuid(), unitId: z.uuid(), start: date }).strict() },
  }, async (req, reply) => {
    await requireChild(req.ctx, req.body.childId);
    return withAlternatives(req.ctx, reply, async () => {
      const r = await bookPlace(req.ctx.db, req.ctx, { childId: req.body.childId, unitId: req.body.unitId, start: LocalDate.parse(req.body.start) });
      return reply.code(201).send(r);
    });
  });

  const ownBooking = async (ctx: RequestContext, id: string) => {
    const b = await ctx.db.selectFrom('booking').select(['id', 'child_id']).where('id', '=', id).executeTakeFirst();
    if (!b) throw notFound('Bookingen findes ikke.');
    await requireChild(ctx, b.child_id);
    return b;
  };

  app.post('/bookings/:id/move', {
    schema: { tags: ['booking'], summary: 'Move a booking to another unit or start date', params: z.object({ id: z.uuid() }), body: z.object({ unitId: z.uuid(), start: date }).strict() },
  }, async (req, reply) => {
    await ownBooking(req.ctx, req.params.id);
    return withAlternatives(req.ctx, reply, () => moveBooking(req.ctx.db, req.ctx, { bookingId: req.params.id, unitId: req.body.unitId, start: LocalDate.parse(req.body.start) }));
  });

  app.post('/bookings/:id/cancel', {
    schema: { tags: ['booking'], summary: 'Cancel a booking', params: z.object({ id: z.uuid() }) },
  }, async (req) => {
    await ownBooking(req.ctx, req.params.id);
    return cancelBooking(req.ctx.db, req.ctx, req.params.id);
  });
  void sql; void childDates;
};
