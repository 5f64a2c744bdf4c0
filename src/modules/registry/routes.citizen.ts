// Citizens browse institutions (no login needed); logged-in guardians also see the distance from home.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { schemaOf } from '../../platform/http/contract.js';
import { ageBandOf, distanceKm } from './rules.js';
import { registryContract as c } from './contract.js';
import { areasWithUnits, citizenUnits, placesOn } from './queries.js';
import { homeOf } from '../people/index.js';

export const registryCitizenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/areas', { schema: schemaOf('registry', c.areas) }, async (req) => areasWithUnits(req.ctx.db));

  app.get('/units', { schema: schemaOf('registry', c.citizenUnits) }, async (req) => {
    const { db, clock, actor } = req.ctx,
      today = clock.today();
    const band = req.query.ageMonths !== undefined ? ageBandOf(req.query.ageMonths) : undefined;
    const [units, home] = await Promise.all([
      citizenUnits(db, today, { type: req.query.type, areaId: req.query.areaId, band }),
      actor?.personId ? homeOf(db, actor.personId, today) : null,
    ]);
    const places = await placesOn(
      db,
      today,
      units.map((u) => u.id),
    );
    const byUnit = new Map<string, Record<string, number>>();
    for (const p of places) byUnit.set(p.unit_id, { ...byUnit.get(p.unit_id), [p.age_band]: p.places });
    const result = units.map((u) => ({
      ...u,
      distanceKm:
        home?.lat != null && home.lon != null && u.lat != null && u.lon != null
          ? Math.round(distanceKm(home as any, u as any) * 10) / 10
          : null,
      places: byUnit.get(u.id) ?? {},
    }));
    result.sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || a.name.localeCompare(b.name, 'da'));
    return { home, units: result };
  });
};
