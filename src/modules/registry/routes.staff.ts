// Staff: the institution register (anvisningsenheder with their daginstitution, capacity and history).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateRange, LocalDate } from '../../shared/index.js';
import { homeMunicipality, MUNICIPAL_ROLES, type Actor } from '../../platform/auth/actor.js';
import { setActor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { registryContract as c, registryError } from './contract.js';
import { registryPolicy } from './policy.js';
import {
  addCapacity,
  listStaffUnits,
  lockUnit,
  unitDetail,
  unitRegisterKey,
  unitSubject,
  updateUnit,
} from './queries.js';
import { queueRegisterChange, registerFactsOfUnit } from './register/delivery.js';

/** Unit roles see only their own units; municipal roles all units of their municipality. */
export function canSeeUnit(actor: Actor, subject: { unitId: string; municipalityCode?: string }) {
  return registryPolicy.can(actor, 'registry.read', subject);
}

export const registryStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/units', { schema: schemaOf('registry', c.staffUnits) }, async (req) => {
    const actor = registryPolicy.authorize(req.ctx.actor, 'registry.read');
    return listStaffUnits(req.ctx.db, req.ctx.clock.today(), {
      ...req.query,
      municipalityCode: homeMunicipality(actor),
      unitIds: MUNICIPAL_ROLES.includes(actor.role) ? undefined : actor.unitIds,
    });
  });

  app.get('/units/:id', { schema: schemaOf('registry', c.unit, registryError.codes) }, async (req) => {
    registryPolicy.authorize(req.ctx.actor, 'registry.read', await unitSubject(req.ctx.db, req.params.id));
    return unitDetail(req.ctx.db, req.params.id, req.ctx.clock.today());
  });

  app.patch('/units/:id', { schema: schemaOf('registry', c.updateUnit, registryError.codes) }, async (req) => {
    const actor = registryPolicy.authorize(
      req.ctx.actor,
      'registry.update-unit',
      await unitSubject(req.ctx.db, req.params.id),
    );
    const b = req.body;
    const changes = Object.fromEntries(
      Object.entries({
        name: b.name,
        email: b.email,
        phone: b.phone,
        street: b.street,
        postal_code: b.postalCode,
        city: b.city,
        area_id: b.areaId,
        cvr: b.cvr,
        p_number: b.pNumber,
        dar_id: b.darId,
      }).filter(([, v]) => v !== undefined),
    );
    if (!Object.keys(changes).length) throw registryError('registry.nothing-to-change');
    await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const before = await registerFactsOfUnit(trx, req.params.id);
      if (!(await updateUnit(trx, req.params.id, changes))) throw registryError('registry.unit-not-found');
      // The register is told when one of its facts changed (the area is Spire's own).
      if (before !== (await registerFactsOfUnit(trx, req.params.id))) {
        const key = (await unitRegisterKey(trx, req.params.id))!;
        await queueRegisterChange(trx, {
          level: 'anvisningsenhed',
          operation: 'update',
          subjectId: req.params.id,
          number: key.number,
          municipalityCode: key.municipality_code,
          actor: actor.userId,
        });
      }
      await audit(trx, req.ctx, {
        action: 'unit.update',
        subjectType: 'unit',
        subjectIds: [req.params.id],
        details: { fields: Object.keys(changes) },
      });
    });
    return unitDetail(req.ctx.db, req.params.id, req.ctx.clock.today());
  });

  // A new capacity period. An open-ended period of the same band that started earlier ends the day before.
  app.post(
    '/units/:id/capacity',
    { schema: schemaOf('registry', c.addCapacity, registryError.codes) },
    async (req, reply) => {
      const actor = registryPolicy.authorize(
        req.ctx.actor,
        'registry.change-capacity',
        await unitSubject(req.ctx.db, req.params.id),
      );
      const start = LocalDate.parse(req.body.start),
        end = req.body.end ? LocalDate.parse(req.body.end) : null;
      if (end && end.isBefore(start)) throw registryError('registry.end-before-start');
      const id = await req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        if (!(await lockUnit(trx, req.params.id))) throw registryError('registry.unit-not-found');
        const id = await addCapacity(trx, req.params.id, req.body.ageBand, req.body.places, DateRange.of(start, end));
        await audit(trx, req.ctx, {
          action: 'capacity.create',
          subjectType: 'unit',
          subjectIds: [req.params.id],
          details: req.body,
        });
        return id;
      });
      return reply.code(201).send({ id });
    },
  );
};
