// Staff: creating and closing register entries, top-down as in STIL's Dagtilbudsregister
// (daginstitution before its anvisningsenheder). Numbers are never reused: entries are closed, not deleted.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LocalDate } from '../../shared/index.js';
import { setActor } from '../../platform/db/database.js';
import { homeMunicipality } from '../../platform/auth/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { registryContract as c, registryError } from './contract.js';
import { registryPolicy } from './policy.js';
import {
  closeUnit,
  createDaginstitution,
  createUnit,
  daginstitutionMunicipality,
  hasPlacementsAfter,
  listDaginstitutions,
  lockUnit,
  unitDetail,
  unitSubject,
} from './queries.js';

export const registerRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/daginstitutioner', { schema: schemaOf('registry', c.daginstitutions) }, async (req) => {
    const actor = registryPolicy.authorize(req.ctx.actor, 'registry.read');
    return listDaginstitutions(req.ctx.db, homeMunicipality(actor));
  });

  app.post(
    '/daginstitutioner',
    { schema: schemaOf('registry', c.createDaginstitution, registryError.codes) },
    async (req, reply) => {
      const actor = registryPolicy.authorize(req.ctx.actor, 'registry.create');
      const row = await req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const r = await createDaginstitution(trx, homeMunicipality(actor), req.body);
        await audit(trx, req.ctx, {
          action: 'daginstitution.create',
          subjectType: 'daginstitution',
          subjectIds: [r.id],
        });
        return r;
      });
      return reply.code(201).send(row);
    },
  );

  app.post('/units', { schema: schemaOf('registry', c.createUnit, registryError.codes) }, async (req, reply) => {
    const owner = await daginstitutionMunicipality(req.ctx.db, req.body.daginstitutionId);
    const actor = registryPolicy.authorize(req.ctx.actor, 'registry.create', owner ? { municipalityCode: owner } : {});
    const id = await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const id = await createUnit(trx, req.body);
      await audit(trx, req.ctx, { action: 'unit.create', subjectType: 'unit', subjectIds: [id] });
      return id;
    });
    return reply.code(201).send(await unitDetail(req.ctx.db, id, req.ctx.clock.today()));
  });

  // Closing is refused while children hold places after the closing date.
  app.post('/units/:id/close', { schema: schemaOf('registry', c.closeUnit, registryError.codes) }, async (req) => {
    const actor = registryPolicy.authorize(
      req.ctx.actor,
      'registry.close-unit',
      await unitSubject(req.ctx.db, req.params.id),
    );
    const closedOn = LocalDate.parse(req.body.closedOn);
    await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const unit = await lockUnit(trx, req.params.id);
      if (!unit) throw registryError('registry.unit-not-found');
      if (unit.opened_on && closedOn.isBefore(LocalDate.parse(unit.opened_on)))
        throw registryError('registry.closed-before-opened');
      if (await hasPlacementsAfter(trx, req.params.id, closedOn))
        throw registryError('registry.children-after-closing');
      await closeUnit(trx, req.params.id, closedOn);
      await audit(trx, req.ctx, {
        action: 'unit.close',
        subjectType: 'unit',
        subjectIds: [req.params.id],
        details: { closedOn: req.body.closedOn },
      });
    });
    return unitDetail(req.ctx.db, req.params.id, req.ctx.clock.today());
  });
};
