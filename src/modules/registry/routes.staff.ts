// Staff: the institution register (anvisningsenheder with their daginstitution, capacity and history).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { DateRange, LocalDate } from '../../shared/index.js';
import { MUNICIPAL_ROLES, requireRole, STAFF_ROLES, type Actor } from '../../platform/auth/actor.js';
import { setActor } from '../../platform/db/database.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { AGE_BANDS } from './rules.js';
import { enrolledOn, placesOn } from './queries.js';
import { unitDetail } from './detail.js';

const UNIT_TYPES = ['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'landsbyordning', 'fritidshjem', 'sfo', 'klub'] as const;
const idParam = z.object({ id: z.uuid() });
const date = z.iso.date();

/** Unit roles see only their own units; municipal roles see all. */
export function canSeeUnit(actor: Actor, unitId: string) {
  return MUNICIPAL_ROLES.includes(actor.role) || actor.unitIds.includes(unitId);
}

export const registryStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/units', {
    schema: { tags: ['registry'], querystring: z.object({ q: z.string().max(100).optional(), type: z.enum(UNIT_TYPES).optional(), areaId: z.uuid().optional() }) },
  }, async (req) => {
    const actor = requireRole(req.ctx.actor, STAFF_ROLES);
    let q = req.ctx.db.selectFrom('unit').innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id').leftJoin('area', 'area.id', 'unit.area_id')
      .select(['unit.id', 'unit.number', 'unit.name', 'unit.type', 'd.ejerform', 'd.name as daginstitutionName', 'area.name as areaName', 'unit.city'])
      .where('unit.closed_on', 'is', null);
    if (!MUNICIPAL_ROLES.includes(actor.role)) q = q.where('unit.id', 'in', actor.unitIds.length ? actor.unitIds : ['00000000-0000-0000-0000-000000000000']);
    if (req.query.q) q = q.where((eb) => eb.or([eb('unit.name', 'ilike', `%${req.query.q}%`), eb('unit.number', '=', req.query.q!.toUpperCase())]));
    if (req.query.type) q = q.where('unit.type', '=', req.query.type);
    if (req.query.areaId) q = q.where('unit.area_id', '=', req.query.areaId);
    const units = await q.orderBy('unit.name').execute();
    const today = req.ctx.clock.today(), ids = units.map((u) => u.id);
    const [places, enrolled] = await Promise.all([placesOn(req.ctx.db, today, ids), enrolledOn(req.ctx.db, today, ids)]);
    const sum = (rows: { unit_id: string }[], f: (r: any) => number) => rows.reduce((m, r) => m.set(r.unit_id, (m.get(r.unit_id) ?? 0) + f(r)), new Map<string, number>());
    const p = sum(places, (r) => r.places), e = sum(enrolled, (r) => r.children);
    return units.map((u) => ({ ...u, places: p.get(u.id) ?? 0, enrolled: e.get(u.id) ?? 0 }));
  });

  app.get('/units/:id', { schema: { tags: ['registry'], params: idParam } }, async (req) => {
    const actor = requireRole(req.ctx.actor, STAFF_ROLES);
    if (!canSeeUnit(actor, req.params.id)) throw forbidden();
    return unitDetail(req.ctx.db, req.params.id, req.ctx.clock.today());
  });

  app.patch('/units/:id', {
    schema: {
      tags: ['registry'], params: idParam,
      body: z.object({
        name: z.string().trim().min(1).max(132).optional(), email: z.email().nullable().optional(), phone: z.string().max(30).nullable().optional(),
        street: z.string().trim().min(1).max(200).optional(), postalCode: z.string().regex(/^\d{4}$/).optional(), city: z.string().trim().min(1).max(100).optional(),
        areaId: z.uuid().nullable().optional(),
      }).strict(),
    },
  }, async (req) => {
    const actor = requireRole(req.ctx.actor, ['admin', 'caseworker', 'unit_leader']);
    if (!canSeeUnit(actor, req.params.id)) throw forbidden();
    const b = req.body;
    const changes = Object.fromEntries(Object.entries({ name: b.name, email: b.email, phone: b.phone, street: b.street, postal_code: b.postalCode, city: b.city, area_id: b.areaId })
      .filter(([, v]) => v !== undefined));
    if (!Object.keys(changes).length) throw badRequest('Intet at ændre.');
    await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const r = await trx.updateTable('unit').set(changes).where('id', '=', req.params.id).executeTakeFirst();
      if (!r.numUpdatedRows) throw notFound('Enheden findes ikke.');
      await audit(trx, req.ctx, { action: 'unit.update', subjectType: 'unit', subjectIds: [req.params.id], details: { fields: Object.keys(changes) } });
    });
    return unitDetail(req.ctx.db, req.params.id, req.ctx.clock.today());
  });

  // A new capacity period. An open-ended period of the same band that started earlier ends the day before.
  app.post('/units/:id/capacity', {
    schema: { tags: ['registry'], params: idParam, body: z.object({ ageBand: z.enum(AGE_BANDS as [string, ...string[]]), places: z.number().int().min(0).max(2000), start: date, end: date.nullable() }) },
  }, async (req, reply) => {
    const actor = requireRole(req.ctx.actor, ['admin', 'caseworker']);
    const start = LocalDate.parse(req.body.start), end = req.body.end ? LocalDate.parse(req.body.end) : null;
    if (end && end.isBefore(start)) throw badRequest('Slutdatoen ligger før startdatoen.');
    const range = DateRange.of(start, end);
    const id = await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const unit = await trx.selectFrom('unit').select('id').where('id', '=', req.params.id).forUpdate().executeTakeFirst();
      if (!unit) throw notFound('Enheden findes ikke.');
      await trx.updateTable('capacity').set({ valid: sql`daterange(lower(valid), ${start.toString()}::date)` })
        .where('unit_id', '=', req.params.id).where('age_band', '=', req.body.ageBand as any)
        .where(sql<boolean>`upper_inf(valid) and lower(valid) < ${start.toString()}::date`).execute();
      const row = await trx.insertInto('capacity').values({ unit_id: req.params.id, age_band: req.body.ageBand as any, places: req.body.places, valid: range.toPgDaterange() })
        .returning('id').executeTakeFirstOrThrow()
        .catch((e) => { if (e?.code === '23P01') throw conflict('Perioden overlapper en eksisterende kapacitetsperiode for samme aldersgruppe.'); throw e; });
      await audit(trx, req.ctx, { action: 'capacity.create', subjectType: 'unit', subjectIds: [req.params.id], details: req.body });
      return row.id;
    });
    return reply.code(201).send({ id });
  });
};
