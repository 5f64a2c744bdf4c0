// Staff: the 12-month booking and occupancy outlook per unit (cluster leaders see their own units), and the policy simulator.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { schemaOf } from '../../platform/http/contract.js';
import { homeMunicipality } from '../../platform/auth/actor.js';
import { policyOn } from './booking-policy.js';
import { bookingContract as c, bookingError, type SimPolicy } from './contract.js';
import { monthlyOutlook } from './outlook.js';
import { bookingPolicy } from './policy.js';
import { activeBookingStarts } from './queries.js';
import { epochOf } from '../../shared/iso-day.js';
import { occupancyCache } from './store.js';
import { simulate } from './simulator.js';
import { simulationInput } from './simulation-input.js';

export const bookingStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/booking/outlook', { schema: schemaOf('booking', c.outlook, bookingError.codes) }, async (req) => {
    const actor = bookingPolicy.authorize(req.ctx.actor, 'booking.outlook');
    const { db, clock } = req.ctx,
      today = clock.today();
    const policy = await policyOn(db, homeMunicipality(actor), today);
    const { info, occ } = await occupancyCache(db).get(db, policy, today);
    let units = info.filter((u) =>
      bookingPolicy.can(actor, 'booking.outlook', { unitId: u.id, municipalityCode: u.municipalityCode }),
    );
    if (req.query.daginstitutionId) units = units.filter((u) => u.daginstitutionId === req.query.daginstitutionId);
    units.sort((a, b) => a.name.localeCompare(b.name, 'da'));
    const bookings = await activeBookingStarts(
      db,
      units.map((u) => u.id),
    );
    const first = today.firstOfMonth().plusMonths(1);
    return {
      from: first.toString().slice(0, 7),
      units: units.map((u) => ({
        id: u.id,
        name: u.name,
        type: u.type,
        daginstitutionId: u.daginstitutionId,
        months: monthlyOutlook(
          occ.get(u.id)!,
          first,
          req.query.months,
          bookings.filter((b) => b.unit_id === u.id).map((b) => epochOf(b.lo)),
        ),
      })),
    };
  });

  app.post('/booking/simulate', { schema: schemaOf('booking', c.simulate, bookingError.codes) }, async (req) => {
    const actor = bookingPolicy.authorize(req.ctx.actor, 'booking.simulate');
    const { db, clock } = req.ctx,
      today = clock.today();
    const policy = await policyOn(db, homeMunicipality(actor), today);
    const { units, families } = await simulationInput(db, homeMunicipality(actor), policy, today);
    const run = (p: Required<SimPolicy>) => simulate(units, families, { ...p, nurseryWeight: policy.nurseryWeight });
    return { families: families.length, units: units.length, a: run(req.body.a), b: run(req.body.b) };
  });
};
