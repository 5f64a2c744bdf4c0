// Citizens browse institutions (no login needed); logged-in guardians also see the distance from home.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { ageBandOf, distanceKm } from './rules.js';
import { placesOn } from './queries.js';
import { homeOf } from '../people/index.js';

const UNIT_TYPES = ['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'landsbyordning', 'fritidshjem', 'sfo', 'klub'] as const;

export const registryCitizenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/areas', { schema: { tags: ['registry'] } }, async (req) =>
    req.ctx.db.selectFrom('area').select(['id', 'name'])
      .where('id', 'in', req.ctx.db.selectFrom('unit').select('area_id').where('area_id', 'is not', null).$narrowType<{ area_id: string }>())
      .orderBy('name').execute());

  app.get('/units', {
    schema: {
      tags: ['registry'],
      querystring: z.object({ type: z.enum(UNIT_TYPES).optional(), areaId: z.uuid().optional(), ageMonths: z.coerce.number().int().min(0).max(216).optional() }),
    },
  }, async (req) => {
    const { db, clock, actor } = req.ctx;
    let q = db.selectFrom('unit').innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id').leftJoin('area', 'area.id', 'unit.area_id')
      .select(['unit.id', 'unit.number', 'unit.name', 'unit.type', 'd.ejerform', 'unit.street', 'unit.postal_code as postalCode', 'unit.city',
        'unit.area_id as areaId', 'area.name as areaName', 'unit.lat', 'unit.lon'])
      .where('unit.closed_on', 'is', null);
    if (req.query.type) q = q.where('unit.type', '=', req.query.type);
    if (req.query.areaId) q = q.where('unit.area_id', '=', req.query.areaId);
    if (req.query.ageMonths !== undefined) {
      const band = ageBandOf(req.query.ageMonths);
      q = q.where((eb) => eb.exists(eb.selectFrom('capacity').select(sql`1`.as('x')).whereRef('capacity.unit_id', '=', 'unit.id')
        .where('capacity.age_band', '=', band).where('capacity.places', '>', 0).where(sql<boolean>`(upper_inf(capacity.valid) or upper(capacity.valid) > ${clock.today().toString()}::date)`)));
    }
    const [units, home] = await Promise.all([q.execute(), actor?.personId ? homeOf(db, actor.personId, clock.today()) : null]);
    const places = await placesOn(db, clock.today(), units.map((u) => u.id));
    const byUnit = new Map<string, Record<string, number>>();
    for (const p of places) byUnit.set(p.unit_id, { ...byUnit.get(p.unit_id), [p.age_band]: p.places });
    const result = units.map((u) => ({
      ...u,
      distanceKm: home?.lat != null && home.lon != null && u.lat != null && u.lon != null ? Math.round(distanceKm(home as any, u as any) * 10) / 10 : null,
      places: byUnit.get(u.id) ?? {},
    }));
    result.sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || a.name.localeCompare(b.name, 'da'));
    return { home, units: result };
  });
};
