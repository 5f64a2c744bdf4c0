// Staff: creating and closing register entries, top-down as in STIL's Dagtilbudsregister
// (daginstitution before its anvisningsenheder). Numbers are never reused: entries are closed, not deleted.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocalDate } from '../../shared/index.js';
import { requireRole, STAFF_ROLES } from '../../platform/auth/actor.js';
import { setActor } from '../../platform/db/database.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { unitDetail } from './detail.js';

const UNIT_TYPES = ['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'landsbyordning', 'fritidshjem', 'sfo', 'klub'] as const;
const INST_TYPE3: Partial<Record<(typeof UNIT_TYPES)[number], number>> = { dagpleje: 6010, vuggestue: 6010, boernehave: 6011, integreret: 6012 };
const registerNumber = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, 'Nummeret skal være 6 tegn (A–Z, 0–9).');

export const registerRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/daginstitutioner', { schema: { tags: ['registry'] } }, async (req) => {
    requireRole(req.ctx.actor, STAFF_ROLES);
    return req.ctx.db.selectFrom('daginstitution').select(['id', 'number', 'name', 'ejerform', 'is_cluster as isCluster'])
      .where('closed_on', 'is', null).orderBy('name').execute();
  });

  app.post('/daginstitutioner', {
    schema: { tags: ['registry'], body: z.object({ number: registerNumber, name: z.string().trim().min(1).max(132), ejerform: z.enum(['kommunal', 'selvejende', 'privat', 'udliciteret']), isCluster: z.boolean().default(false) }).strict() },
  }, async (req, reply) => {
    const actor = requireRole(req.ctx.actor, ['admin', 'caseworker']);
    const row = await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const municipality = await trx.selectFrom('area').select('municipality_code').limit(1).executeTakeFirst()
        ?? await trx.selectFrom('municipality').select('code as municipality_code').orderBy('code').limit(1).executeTakeFirstOrThrow();
      const r = await trx.insertInto('daginstitution').values({ number: req.body.number, name: req.body.name, ejerform: req.body.ejerform,
        is_cluster: req.body.isCluster, municipality_code: municipality.municipality_code }).returning('id').executeTakeFirstOrThrow();
      await audit(trx, req.ctx, { action: 'daginstitution.create', subjectType: 'daginstitution', subjectIds: [r.id] });
      return r;
    });
    return reply.code(201).send(row);
  });

  app.post('/units', {
    schema: {
      tags: ['registry'],
      body: z.object({
        daginstitutionId: z.uuid(), number: registerNumber, name: z.string().trim().min(1).max(132), type: z.enum(UNIT_TYPES),
        street: z.string().trim().min(1).max(200), postalCode: z.string().regex(/^\d{4}$/), city: z.string().trim().min(1).max(100),
        areaId: z.uuid().nullable().default(null), openedOn: z.iso.date().nullable().default(null),
      }).strict(),
    },
  }, async (req, reply) => {
    const actor = requireRole(req.ctx.actor, ['admin', 'caseworker']);
    const b = req.body;
    const id = await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const parent = await trx.selectFrom('daginstitution').select(['id', 'closed_on']).where('id', '=', b.daginstitutionId).executeTakeFirst();
      if (!parent) throw badRequest('Daginstitutionen findes ikke.');
      if (parent.closed_on) throw badRequest('Daginstitutionen er lukket.');
      const r = await trx.insertInto('unit').values({
        daginstitution_id: b.daginstitutionId, number: b.number, name: b.name, type: b.type, inst_type3: INST_TYPE3[b.type] ?? null,
        street: b.street, postal_code: b.postalCode, city: b.city, area_id: b.areaId, opened_on: b.openedOn,
      }).returning('id').executeTakeFirstOrThrow();
      await audit(trx, req.ctx, { action: 'unit.create', subjectType: 'unit', subjectIds: [r.id] });
      return r.id;
    });
    return reply.code(201).send(await unitDetail(req.ctx.db, id, req.ctx.clock.today()));
  });

  // Closing is refused while children hold places after the closing date.
  app.post('/units/:id/close', { schema: { tags: ['registry'], params: z.object({ id: z.uuid() }), body: z.object({ closedOn: z.iso.date() }).strict() } }, async (req) => {
    const actor = requireRole(req.ctx.actor, ['admin', 'caseworker']);
    const closedOn = LocalDate.parse(req.body.closedOn);
    await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const unit = await trx.selectFrom('unit').select(['id', 'opened_on']).where('id', '=', req.params.id).forUpdate().executeTakeFirst();
      if (!unit) throw notFound('Enheden findes ikke.');
      if (unit.opened_on && closedOn.isBefore(LocalDate.parse(unit.opened_on))) throw badRequest('Lukkedatoen ligger før åbningsdatoen.');
      const after = await trx.selectFrom('placement').select('id').where('unit_id', '=', req.params.id)
        .where((eb) => eb.or([eb(eb.fn('upper_inf', ['valid']), '=', true), eb(eb.fn('upper', ['valid']), '>', closedOn.plusDays(1).toString())]))
        .limit(1).executeTakeFirst();
      if (after) throw badRequest('Enheden har børn indskrevet efter lukkedatoen. Flyt eller udmeld dem først.');
      await trx.updateTable('unit').set({ closed_on: closedOn.toString() }).where('id', '=', req.params.id).execute();
      await audit(trx, req.ctx, { action: 'unit.close', subjectType: 'unit', subjectIds: [req.params.id], details: { closedOn: req.body.closedOn } });
    });
    return unitDetail(req.ctx.db, req.params.id, req.ctx.clock.today());
  });
};
