// Staff: waitlists, guarantee overview, rounds (preview → approve), manual offers, special needs, inbox, policy.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import { setActor, type Db } from '../../platform/db/database.js';
import { withRetry } from '../booking/index.js';
import { LocalDate } from '../../shared/index.js';
import { guaranteeOverview } from './guarantee.js';
import { placementPolicy } from './policy.js';
import { createOffer, expireOffers } from './offers.js';
import { POLICY_KEYS, PRIORITY_CLASSES, policyOn } from './placement-policy.js';
import { approveRound, previewRound, roundView } from './round.js';
import { loadWaitlist } from './waitlist.js';
import { capacityOutlook } from './outlook.js';
import { aarsrulning, continuousAllocation } from './aarsrulning.js';
import { placementError } from './contract.js';

const id = z.object({ id: z.uuid() });
const kind = z.enum(['dagtilbud', 'fritidstilbud', 'klub']);

export const placementStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tx = <T>(req: { ctx: { db: Db } }, userId: string, fn: (trx: Db) => Promise<T>) =>
    // Retried on a deadlock: offers and answers lock several units' load (booking's lockUnitLoad).
    withRetry(() => req.ctx.db.transaction().execute(async (trx) => { await setActor(trx, userId); return fn(trx); }));

  app.get('/waitlist', {
    schema: { tags: ['placement'], querystring: z.object({ unitId: z.uuid().optional(), areaId: z.uuid().optional(), ageBand: z.enum(['0-2', '3-5', '6-9', '10-13']).optional(), startMonth: z.string().regex(/^\d{4}-\d{2}$/).optional(), priority: z.string().max(40).optional() }) },
  }, async (req) => {
    placementPolicy.authorize(req.ctx.actor, 'placement.read');
    const today = req.ctx.clock.today();
    const q = req.query;
    const all = await loadWaitlist(req.ctx.db, today, await policyOn(req.ctx.db, today));
    const band = (birth: string, on: string) => { const m = LocalDate.parse(birth).ageInMonths(LocalDate.parse(on)); return m < 36 ? '0-2' : m < 72 ? '3-5' : m < 120 ? '6-9' : '10-13'; };
    const rows = all.filter((e) => (!q.unitId || e.unitId === q.unitId) && (!q.areaId || e.areaId === q.areaId) && (!q.priority || e.priority === q.priority)
      && (!q.startMonth || e.neededFrom.startsWith(q.startMonth)) && (!q.ageBand || band(e.birthDate, e.neededFrom) === q.ageBand))
      .sort((a, b) => a.unitName.localeCompare(b.unitName, 'da') || a.position - b.position).slice(0, 500);
    await audit(req.ctx.db, req.ctx, { action: 'waitlist.read', subjectType: 'child', subjectIds: [...new Set(rows.map((r) => r.childId))].slice(0, 500) });
    return { total: all.length, rows: rows.map(({ householdId: _h, ...r }) => ({ ...r, priorityText: PRIORITY_CLASSES[r.priority] })) };
  });

  app.get('/guarantee', { schema: { tags: ['placement'], summary: 'Children at risk of a guarantee breach (§23/§25)' } }, async (req) => {
    placementPolicy.authorize(req.ctx.actor, 'placement.read');
    const rows = await guaranteeOverview(req.ctx.db, req.ctx.clock.today());
    await audit(req.ctx.db, req.ctx, { action: 'guarantee.read', subjectType: 'child', subjectIds: rows.map((r) => r.childId).slice(0, 1000) });
    return rows;
  });

  app.post('/rounds', { schema: { tags: ['placement'], body: z.object({ kind: kind.default('dagtilbud'), horizon: z.iso.date() }).strict() } }, async (req, reply) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.allocate');
    const today = req.ctx.clock.today();
    const horizon = LocalDate.parse(req.body.horizon);
    if (!horizon.isAfter(today) || horizon.isAfter(today.plusYears(2))) throw placementError('placement.bad-horizon');
    const r = await tx(req, actor.userId, async (trx) => {
      await expireOffers(trx, today);
      const res = await previewRound(trx, req.body.kind, horizon, today, actor.userId);
      await audit(trx, req.ctx, { action: 'round.preview', subjectType: 'allocation_round', subjectIds: [res.id] });
      return res;
    });
    return reply.code(201).send(await roundView(req.ctx.db, r.id));
  });

  app.get('/rounds/:id', { schema: { tags: ['placement'], params: id } }, async (req) => {
    placementPolicy.authorize(req.ctx.actor, 'placement.read');
    const view = await roundView(req.ctx.db, req.params.id);
    const appIds = [...view.offers, ...view.unplaced].map((o) => o.applicationId);
    const children = appIds.length ? await req.ctx.db.selectFrom('application').select('child_id').where('id', 'in', appIds).execute() : [];
    await audit(req.ctx.db, req.ctx, { action: 'round.read', subjectType: 'child', subjectIds: [...new Set(children.map((c) => c.child_id))], details: { roundId: req.params.id } });
    return view;
  });

  app.post('/rounds/:id/approve', { schema: { tags: ['placement'], params: id } }, async (req) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.allocate');
    return tx(req, actor.userId, async (trx) => {
      const r = await approveRound(trx, req.params.id, req.ctx.clock.today(), actor.userId);
      await audit(trx, req.ctx, { action: 'round.approve', subjectType: 'allocation_round', subjectIds: [req.params.id], details: r });
      return r;
    });
  });

  app.post('/offers', {
    schema: { tags: ['placement'], body: z.object({ applicationId: z.uuid(), unitId: z.uuid(), start: z.iso.date(), reason: z.string().trim().min(3).max(500), guarantee: z.boolean().optional() }).strict() },
  }, async (req, reply) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.allocate');
    const today = req.ctx.clock.today();
    const offerId = await tx(req, actor.userId, async (trx) => {
      const unit = await trx.selectFrom('unit').select(['id', 'closed_on']).where('id', '=', req.body.unitId).executeTakeFirst();
      if (!unit || unit.closed_on) throw placementError('placement.unit-closed');
      const oid = await createOffer(trx, { applicationId: req.body.applicationId, unitId: unit.id, start: LocalDate.parse(req.body.start), roundId: null, priority: null,
        explanation: `Manuelt tilbud: ${req.body.reason}`, reason: req.body.reason, userId: actor.userId, guarantee: req.body.guarantee }, today);
      const a = await trx.selectFrom('application').select('child_id').where('id', '=', req.body.applicationId).executeTakeFirstOrThrow();
      await audit(trx, req.ctx, { action: 'offer.create', subjectType: 'child', subjectIds: [a.child_id], details: { offer: oid, reason: req.body.reason } });
      return oid;
    });
    return reply.code(201).send({ id: offerId });
  });

  app.patch('/applications/:id', { schema: { tags: ['placement'], params: id, body: z.object({ specialNeeds: z.boolean().optional(), movingIn: z.boolean().optional() }).strict() } }, async (req) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.allocate');
    return tx(req, actor.userId, async (trx) => {
      const a = await trx.updateTable('application').set({ ...(req.body.specialNeeds !== undefined ? { special_needs: req.body.specialNeeds } : {}), ...(req.body.movingIn !== undefined ? { moving_in: req.body.movingIn } : {}) })
        .where('id', '=', req.params.id).returning('child_id').executeTakeFirst();
      if (!a) throw placementError('placement.application-not-found');
      await audit(trx, req.ctx, { action: 'application.priority', subjectType: 'child', subjectIds: [a.child_id], details: req.body });
      return { ok: true };
    });
  });

  app.get('/inbox', { schema: { tags: ['placement'], querystring: z.object({ all: z.coerce.boolean().optional() }) } }, async (req) => {
    placementPolicy.authorize(req.ctx.actor, 'placement.read');
    let q = req.ctx.db.selectFrom('staff_inbox').leftJoin('person', 'person.id', 'staff_inbox.child_id').leftJoin('app_user', 'app_user.id', 'staff_inbox.handled_by')
      .select(['staff_inbox.id', 'staff_inbox.kind', 'staff_inbox.child_id as childId', 'staff_inbox.text', 'staff_inbox.created_on as createdOn', 'staff_inbox.handled_at as handledAt', 'app_user.name as handledBy'])
      .orderBy('staff_inbox.created_at', 'desc').limit(200);
    if (!req.query.all) q = q.where('staff_inbox.handled_at', 'is', null);
    const rows = await q.execute();
    await audit(req.ctx.db, req.ctx, { action: 'inbox.read', subjectType: 'child', subjectIds: [...new Set(rows.map((r) => r.childId).filter((c): c is string => !!c))] });
    return rows;
  });

  app.post('/inbox/:id/handled', { schema: { tags: ['placement'], params: id } }, async (req) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.handle-inbox');
    const r = await req.ctx.db.updateTable('staff_inbox').set({ handled_by: actor.userId, handled_at: sql`now()` }).where('id', '=', req.params.id).where('handled_at', 'is', null).returning('id').executeTakeFirst();
    if (!r) throw placementError('placement.task-not-found');
    return { ok: true };
  });

  app.get('/placement-policy', { schema: { tags: ['placement'] } }, async (req) => {
    placementPolicy.authorize(req.ctx.actor, 'placement.read');
    const p = await policyOn(req.ctx.db, req.ctx.clock.today());
    return { keys: POLICY_KEYS.map((k) => ({ key: k.key, da: k.da, en: k.en, default: k.default, current: p[k.field] })), classes: PRIORITY_CLASSES };
  });

  app.get('/units/:id/outlook', { schema: { tags: ['placement'], params: id } }, async (req) => {
    placementPolicy.authorize(req.ctx.actor, 'placement.read');
    return capacityOutlook(req.ctx.db, req.params.id, req.ctx.clock.today());
  });

  app.post('/aarsrulning', { schema: { tags: ['placement'], summary: 'Yearly transfers: applications for the next kind of place' } }, async (req) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.allocate');
    return tx(req, actor.userId, async (trx) => {
      const created = await aarsrulning(trx, req.ctx.clock.today());
      await audit(trx, req.ctx, { action: 'aarsrulning.run', subjectType: 'application', subjectIds: [], details: { created } });
      return { created };
    });
  });

  app.post('/continuous-allocation', { schema: { tags: ['placement'], summary: 'Run the engine now and send the offers it finds' } }, async (req) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.allocate');
    return tx(req, actor.userId, async (trx) => {
      await expireOffers(trx, req.ctx.clock.today());
      const offers = await continuousAllocation(trx, req.ctx.clock.today(), actor.userId);
      await audit(trx, req.ctx, { action: 'allocation.continuous', subjectType: 'allocation_round', subjectIds: [], details: { offers } });
      return { offers };
    });
  });
};
