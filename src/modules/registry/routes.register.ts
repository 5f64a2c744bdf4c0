// Staff: the register's entries (created top-down, closed bottom-up as in STIL's Dagtilbudsregister; numbers are never
// reused), the import of the register's export, and the deliveries of Spire's changes to the register.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LocalDate } from '../../shared/index.js';
import { setActor, type Db } from '../../platform/db/database.js';
import { homeMunicipality, type Actor } from '../../platform/auth/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { registryContract as c, registryError, type Delivery } from './contract.js';
import { registryPolicy } from './policy.js';
import {
  addAlternativeAddress,
  closeDaginstitutionOn,
  closeUnit,
  createDaginstitution,
  createUnit,
  endAlternativeAddressAfter,
  daginstitutionMunicipality,
  hasPlacementsAfter,
  listDaginstitutions,
  lockDaginstitution,
  lockUnit,
  unitDetail,
  unitRegisterKey,
  unitSubject,
} from './queries.js';
import { applyImport, planImport } from './register/import.js';
import { queueRegisterChange, retryDelivery, sendQueuedDeliveries } from './register/delivery.js';
import { openAlternativeAddresses } from './register/queries.js';
import { deliveryById, deliveryCounts, listDeliveries, type DeliveryRow } from './register/queries-delivery.js';
import { stilRegisterFor } from './register/stil.js';
import { endAlternativeAddress } from './register/queries.js';

const toDelivery = (d: DeliveryRow): Delivery => ({
  id: d.id,
  seq: d.seq,
  municipalityCode: d.municipality_code,
  level: d.level,
  operation: d.operation,
  number: d.number,
  status: d.status,
  errors: d.errors.map((e) => ({ field: e.field, code: e.code, text: e.text })),
  attempts: d.attempts,
  createdAt: d.created_at,
  sentAt: d.sent_at,
  answeredAt: d.answered_at,
  payload: d.payload as Delivery['payload'],
});

/** Closes a unit's open alternative addresses after `lastDay` and queues their closing before the unit's. */
async function closeAlternativeAddressesOf(
  trx: Db,
  unitId: string,
  lastDay: LocalDate,
  today: LocalDate,
  actor: string,
) {
  const key = (await unitRegisterKey(trx, unitId))!;
  for (const a of await openAlternativeAddresses(trx, unitId, today.toString())) {
    await endAlternativeAddress(trx, a.id, lastDay.toString());
    await queueRegisterChange(trx, {
      level: 'alternativ_adresse',
      operation: 'close',
      subjectId: a.id,
      number: a.number ?? key.number,
      municipalityCode: key.municipality_code,
      actor,
    });
  }
}

/** The municipality an import runs for: staff import their own municipality's part of the register (all
 *  municipalities at once only from the command line, `spire register import --municipality all`). */
function importScope(actor: Actor | null, municipality: string): string {
  return homeMunicipality(
    registryPolicy.authorize(actor, 'registry.import', {
      municipalityCode: municipality === 'all' ? [] : municipality,
    }),
  );
}

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
        await queueRegisterChange(trx, {
          level: 'daginstitution',
          operation: 'create',
          subjectId: r.id,
          number: r.number,
          municipalityCode: r.municipality_code,
          actor: actor.userId,
        });
        await audit(trx, req.ctx, {
          action: 'daginstitution.create',
          subjectType: 'daginstitution',
          subjectIds: [r.id],
        });
        return { id: r.id };
      });
      return reply.code(201).send(row);
    },
  );

  // Bottom-up: refused while a unit of the daginstitution is open after the closing date.
  app.post(
    '/daginstitutioner/:id/close',
    { schema: schemaOf('registry', c.closeDaginstitution, registryError.codes) },
    async (req) => {
      const owner = await daginstitutionMunicipality(req.ctx.db, req.params.id);
      const actor = registryPolicy.authorize(
        req.ctx.actor,
        'registry.close-unit',
        owner ? { municipalityCode: owner } : {},
      );
      const lastDay = LocalDate.parse(req.body.closedOn);
      await req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const d = await lockDaginstitution(trx, req.params.id, lastDay);
        if (!d) throw registryError('registry.daginstitution-not-found');
        if (d.openUnits > 0) throw registryError('registry.daginstitution-has-open-units', { units: d.openUnits });
        await closeDaginstitutionOn(trx, d.id, lastDay);
        await queueRegisterChange(trx, {
          level: 'daginstitution',
          operation: 'close',
          subjectId: d.id,
          number: d.number,
          municipalityCode: d.municipality_code,
          actor: actor.userId,
        });
        await audit(trx, req.ctx, {
          action: 'daginstitution.close',
          subjectType: 'daginstitution',
          subjectIds: [d.id],
          details: { closedOn: req.body.closedOn },
        });
      });
      return { id: req.params.id };
    },
  );

  app.post('/units', { schema: schemaOf('registry', c.createUnit, registryError.codes) }, async (req, reply) => {
    const owner = await daginstitutionMunicipality(req.ctx.db, req.body.daginstitutionId);
    const actor = registryPolicy.authorize(req.ctx.actor, 'registry.create', owner ? { municipalityCode: owner } : {});
    const id = await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const u = await createUnit(trx, req.body);
      await queueRegisterChange(trx, {
        level: 'anvisningsenhed',
        operation: 'create',
        subjectId: u.id,
        number: req.body.number,
        municipalityCode: u.municipalityCode,
        actor: actor.userId,
      });
      await audit(trx, req.ctx, { action: 'unit.create', subjectType: 'unit', subjectIds: [u.id] });
      return u.id;
    });
    return reply.code(201).send(await unitDetail(req.ctx.db, id, req.ctx.clock.today()));
  });

  // Closing is refused while children hold places after the closing date. Its alternative addresses end with it.
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
      await closeAlternativeAddressesOf(trx, req.params.id, closedOn, req.ctx.clock.today(), actor.userId);
      await closeUnit(trx, req.params.id, closedOn);
      const key = (await unitRegisterKey(trx, req.params.id))!;
      await queueRegisterChange(trx, {
        level: 'anvisningsenhed',
        operation: 'close',
        subjectId: req.params.id,
        number: key.number,
        municipalityCode: key.municipality_code,
        actor: actor.userId,
      });
      await audit(trx, req.ctx, {
        action: 'unit.close',
        subjectType: 'unit',
        subjectIds: [req.params.id],
        details: { closedOn: req.body.closedOn },
      });
    });
    return unitDetail(req.ctx.db, req.params.id, req.ctx.clock.today());
  });

  app.post(
    '/units/:id/alternative-addresses',
    { schema: schemaOf('registry', c.addAlternativeAddress, registryError.codes) },
    async (req, reply) => {
      const actor = registryPolicy.authorize(
        req.ctx.actor,
        'registry.update-unit',
        await unitSubject(req.ctx.db, req.params.id),
      );
      await req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        if (!(await lockUnit(trx, req.params.id))) throw registryError('registry.unit-not-found');
        const key = (await unitRegisterKey(trx, req.params.id))!;
        const id = await addAlternativeAddress(trx, req.params.id, {
          ...req.body,
          start: LocalDate.parse(req.body.start),
        });
        await queueRegisterChange(trx, {
          level: 'alternativ_adresse',
          operation: 'create',
          subjectId: id,
          number: key.number,
          municipalityCode: key.municipality_code,
          actor: actor.userId,
        });
        await audit(trx, req.ctx, {
          action: 'alternative-address.create',
          subjectType: 'unit',
          subjectIds: [req.params.id],
        });
      });
      return reply.code(201).send(await unitDetail(req.ctx.db, req.params.id, req.ctx.clock.today()));
    },
  );

  app.post(
    '/alternative-addresses/:id/end',
    { schema: schemaOf('registry', c.endAlternativeAddress, registryError.codes) },
    async (req) => {
      const actor = registryPolicy.authorize(req.ctx.actor, 'registry.update-unit');
      const unitId = await req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const unitId = await endAlternativeAddressAfter(trx, req.params.id, LocalDate.parse(req.body.lastDay));
        if (!unitId) throw registryError('registry.alternative-address-not-found');
        registryPolicy.authorize(req.ctx.actor, 'registry.update-unit', await unitSubject(trx, unitId));
        const key = (await unitRegisterKey(trx, unitId))!;
        await queueRegisterChange(trx, {
          level: 'alternativ_adresse',
          operation: 'close',
          subjectId: req.params.id,
          number: key.number,
          municipalityCode: key.municipality_code,
          actor: actor.userId,
        });
        await audit(trx, req.ctx, { action: 'alternative-address.end', subjectType: 'unit', subjectIds: [unitId] });
        return unitId;
      });
      return unitDetail(req.ctx.db, unitId, req.ctx.clock.today());
    },
  );

  // ---- import of the register's export

  const fetchExport = async (db: Db, municipality: string | null) => {
    try {
      return await stilRegisterFor(db).fetchExport(municipality);
    } catch (e) {
      throw registryError('registry.register-unavailable', { reason: (e as Error).message });
    }
  };

  app.get('/register/import', { schema: schemaOf('registry', c.importPreview, registryError.codes) }, async (req) => {
    const scope = importScope(req.ctx.actor, req.query.municipality);
    const service = stilRegisterFor(req.ctx.db);
    const plan = await planImport(req.ctx.db, await fetchExport(req.ctx.db, scope), scope, req.ctx.clock.today());
    const rows = req.query.action ? plan.rows.filter((r) => r.action === req.query.action) : plan.rows;
    const from = (req.query.page - 1) * req.query.pageSize;
    return {
      municipalityCode: scope,
      source: service.name,
      counts: plan.counts,
      errors: plan.errors,
      total: rows.length,
      rows: rows.slice(from, from + req.query.pageSize),
    };
  });

  app.post('/register/import', { schema: schemaOf('registry', c.importApply, registryError.codes) }, async (req) => {
    const actor = registryPolicy.authorize(req.ctx.actor, 'registry.import');
    const scope = importScope(actor, req.body.municipality);
    const file = await fetchExport(req.ctx.db, scope);
    const today = req.ctx.clock.today();
    const counts = await req.ctx.db.transaction().execute(async (trx) => {
      const plan = await planImport(trx, file, scope, today);
      if (plan.errors.length) throw registryError('registry.import-has-errors', { errors: plan.errors.length });
      const e = req.body.expected;
      const p = plan.counts;
      if (e.create !== p.create || e.update !== p.update || e.close !== p.close || e.unchanged !== p.unchanged)
        throw registryError('registry.import-stale');
      await applyImport(trx, plan, today, actor.userId);
      await audit(trx, req.ctx, {
        action: 'register.import',
        subjectType: 'daginstitution',
        subjectIds: [],
        details: { municipality: req.body.municipality, ...p },
      });
      return p;
    });
    return { counts };
  });

  // ---- deliveries to the register

  app.get('/register/deliveries', { schema: schemaOf('registry', c.deliveries) }, async (req) => {
    const municipality = homeMunicipality(registryPolicy.authorize(req.ctx.actor, 'registry.deliveries'));
    const { status, page, pageSize } = req.query;
    const [log, counts] = await Promise.all([
      listDeliveries(req.ctx.db, { municipality, status, limit: pageSize, offset: (page - 1) * pageSize }),
      deliveryCounts(req.ctx.db, municipality),
    ]);
    return { counts, total: log.total, rows: log.rows.map(toDelivery) };
  });

  app.post(
    '/register/deliveries/:id/retry',
    { schema: schemaOf('registry', c.retryDelivery, registryError.codes) },
    async (req) => {
      const actor = registryPolicy.authorize(req.ctx.actor, 'registry.deliveries');
      await req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const d = await deliveryById(trx, req.params.id, true);
        if (!d) throw registryError('registry.delivery-not-found');
        registryPolicy.authorize(actor, 'registry.deliveries', { municipalityCode: d.municipality_code });
        if (d.status !== 'refused') throw registryError('registry.delivery-not-refused');
        await retryDelivery(trx, d);
        await audit(trx, req.ctx, {
          action: 'register.delivery-retry',
          subjectType: 'register_delivery',
          subjectIds: [d.id],
        });
      });
      await sendQueuedDeliveries(req.ctx.db, stilRegisterFor(req.ctx.db), { municipality: homeMunicipality(actor) });
      return toDelivery((await deliveryById(req.ctx.db, req.params.id))!);
    },
  );

  app.post('/register/deliveries/send', { schema: schemaOf('registry', c.sendDeliveries) }, async (req) => {
    const actor = registryPolicy.authorize(req.ctx.actor, 'registry.deliveries');
    return sendQueuedDeliveries(req.ctx.db, stilRegisterFor(req.ctx.db), { municipality: homeMunicipality(actor) });
  });
};
