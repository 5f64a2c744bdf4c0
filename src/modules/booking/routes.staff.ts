// Staff: the 12-month booking and occupancy outlook per unit (cluster leaders see their own units).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { MUNICIPAL_ROLES, UNIT_ROLES, requireRole } from '../../platform/auth/actor.js';
import { monthlyOutlook } from './outlook.js';
import { policyOn } from './policy.js';
import { epochOf, occupancyCache } from './store.js';
import { simulate } from './simulator.js';
import { simulationInput } from './simulation-input.js';

export const bookingStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/booking/outlook', {
    schema: { tags: ['booking'], summary: 'Bookings and expected occupancy per unit and month, with the staff minimum staffing implies',
      querystring: z.object({ months: z.coerce.number().int().min(1).max(12).default(12), daginstitutionId: z.uuid().optional() }) },
  }, async (req) => {
    const actor = requireRole(req.ctx.actor, [...MUNICIPAL_ROLES, ...UNIT_ROLES]);
    const { db, clock } = req.ctx, today = clock.today();
    const policy = await policyOn(db, today);
    const { info, occ } = await occupancyCache(db).get(db, policy, today);
    let units = info.filter((u) => !UNIT_ROLES.includes(actor.role) || actor.unitIds.includes(u.id));
    if (req.query.daginstitutionId) units = units.filter((u) => u.daginstitutionId === req.query.daginstitutionId);
    units.sort((a, b) => a.name.localeCompare(b.name, 'da'));
    const ids = units.map((u) => u.id);
    const bookings = ids.length ? await db.selectFrom('booking').select(['unit_id', sql<string>`lower(valid)::text`.as('lo')])
      .where('status', '=', 'active').where('unit_id', 'in', ids).execute() : [];
    const first = today.firstOfMonth().plusMonths(1);
    return { from: first.toString().slice(0, 7), units: units.map((u) => ({
      id: u.id, name: u.name, type: u.type, daginstitutionId: u.daginstitutionId,
      months: monthlyOutlook(occ.get(u.id)!, first, req.query.months, bookings.filter((b) => b.unit_id === u.id).map((b) => epochOf(b.lo))),
    })) };
  });

  const simPolicy = z.object({
    mode: z.enum(['booking', 'waitlist', 'hybrid']), hybridMonths: z.number().int().min(0).max(24).default(4),
    heldShare: z.number().min(0).max(0.5).default(0), releaseWeeks: z.number().int().min(0).max(52).default(8),
  }).strict();

  app.post('/booking/simulate', {
    schema: { tags: ['booking'], summary: 'Replay a year of demand under two policies: first choices and waits by how late families registered',
      body: z.object({ a: simPolicy, b: simPolicy }).strict() },
  }, async (req) => {
    requireRole(req.ctx.actor, MUNICIPAL_ROLES);
    const { db, clock } = req.ctx, today = clock.today();
    const policy = await policyOn(db, today);
    const { units, families } = await simulationInput(db, policy, today);
    const run = (p: z.infer<typeof simPolicy>) => simulate(units, families, { ...p, nurseryWeight: policy.nurseryWeight });
    return { families: families.length, units: units.length, a: run(req.body.a), b: run(req.body.b) };
  });
};
