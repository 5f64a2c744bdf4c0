// Reporting for staff: extracts for Danmarks Statistik and FLIS (preview, deliver, log) and the normering pages.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf, type Operation } from '../../platform/http/contract.js';
import { LocalDate } from '../../shared/index.js';
import { homeMunicipality } from '../../platform/auth/actor.js';
import { municipalitiesWithUnits, unitSubject } from '../registry/index.js';
import { reportingContract as c, reportingError } from './contract.js';
import { reportingPolicy } from './policy.js';
import { deliveryPayload } from './queries.js';
import { unitsOf } from './load.js';
import {
  deliverExtract,
  deliverExtracts,
  deliveryLog,
  monthDay,
  normering,
  overview,
  previewExtract,
} from './service.js';

const codes = reportingError.codes;
/** The policy subject of a municipality's statistics: only its own staff read and deliver them. */
const ofMunicipality = (p: { municipality: string }) => ({ municipalityCode: p.municipality });

export const reportingStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  /** A month may be reported from its 1st (the day the children are counted). */
  const started = (day: LocalDate, today: LocalDate) => {
    if (day.isAfter(today)) throw reportingError('reporting.month-not-started', { month: day.toString().slice(0, 7) });
    return day;
  };

  app.get('/reporting/municipalities', { schema: schemaOfR(c.municipalities) }, async (req) => {
    const own = homeMunicipality(reportingPolicy.authorize(req.ctx.actor, 'reporting.read'));
    return (await municipalitiesWithUnits(req.ctx.db)).filter((m) => m.code === own);
  });

  app.get('/reporting/:municipality/overview', { schema: schemaOfR(c.overview) }, async (req) => {
    reportingPolicy.authorize(req.ctx.actor, 'reporting.read', ofMunicipality(req.params));
    return overview(req.ctx.db, req.params.municipality, req.ctx.clock.today());
  });

  app.get('/reporting/:municipality/extract', { schema: schemaOfR(c.preview) }, async (req) => {
    reportingPolicy.authorize(req.ctx.actor, 'reporting.read', ofMunicipality(req.params));
    const day = started(monthDay(req.query.month), req.ctx.clock.today());
    const p = await previewExtract(req.ctx.db, req.params.municipality, day, req.query.kind);
    // The figures are counts, but of children and employees: who looked at which units' extract is kept.
    await audit(req.ctx.db, req.ctx, {
      action: 'reporting.preview',
      subjectType: 'unit',
      subjectIds: p.units.map((u) => u.id),
      details: { municipality: p.municipality, month: p.month, kind: p.kind },
    });
    return p;
  });

  /** The log of one delivery (a new version, or the same payload again). */
  const auditDelivery = (
    req: Parameters<typeof audit>[1],
    db: Parameters<typeof audit>[0],
    municipality: string,
    r: { outcome: 'delivered' | 'unchanged'; delivery: { id: string; month: string; kind: string; version: number } },
  ) =>
    audit(db, req, {
      action: r.outcome === 'delivered' ? 'reporting.deliver' : 'reporting.deliver-unchanged',
      subjectType: 'report_delivery',
      subjectIds: [r.delivery.id],
      details: { municipality, month: r.delivery.month, kind: r.delivery.kind, version: r.delivery.version },
    });

  app.post('/reporting/:municipality/deliveries', { schema: schemaOfR(c.deliver) }, async (req) => {
    const actor = reportingPolicy.authorize(req.ctx.actor, 'reporting.deliver', ofMunicipality(req.params));
    const day = started(monthDay(req.body.month), req.ctx.clock.today());
    const r = await deliverExtract(req.ctx.db, req.params.municipality, day, req.body.kind, actor.userId);
    await auditDelivery(req.ctx, req.ctx.db, req.params.municipality, r);
    return { outcome: r.outcome, delivery: r.delivery };
  });

  app.post('/reporting/:municipality/deliveries/batch', { schema: schemaOfR(c.deliverKinds) }, async (req) => {
    const actor = reportingPolicy.authorize(req.ctx.actor, 'reporting.deliver', ofMunicipality(req.params));
    const day = started(monthDay(req.body.month), req.ctx.clock.today());
    const rs = await deliverExtracts(req.ctx.db, req.params.municipality, day, req.body.kinds, actor.userId);
    for (const r of rs) await auditDelivery(req.ctx, req.ctx.db, req.params.municipality, r);
    return { results: rs.map((r) => ({ outcome: r.outcome, delivery: r.delivery })) };
  });

  app.get('/reporting/:municipality/deliveries', { schema: schemaOfR(c.deliveries) }, async (req) => {
    reportingPolicy.authorize(req.ctx.actor, 'reporting.read', ofMunicipality(req.params));
    return deliveryLog(req.ctx.db, req.params.municipality);
  });

  app.get('/reporting/:municipality/deliveries/:id', { schema: schemaOfR(c.deliveryPayload) }, async (req) => {
    reportingPolicy.authorize(req.ctx.actor, 'reporting.read', ofMunicipality(req.params));
    const d = await deliveryPayload(req.ctx.db, req.params.id, req.params.municipality);
    if (!d) throw reportingError('reporting.delivery-not-found');
    await audit(req.ctx.db, req.ctx, {
      action: 'reporting.delivery-read',
      subjectType: 'report_delivery',
      subjectIds: [req.params.id],
    });
    return { kind: d.kind, month: String(d.month).slice(0, 10), version: d.version, payload: d.payload };
  });

  app.get('/reporting/:municipality/normering', { schema: schemaOfR(c.municipalityNormering) }, async (req) => {
    reportingPolicy.authorize(req.ctx.actor, 'reporting.read', ofMunicipality(req.params));
    const today = req.ctx.clock.today();
    const last = req.query.month ? started(monthDay(req.query.month), today) : today.firstOfMonth();
    const units = await unitsOf(req.ctx.db, [req.params.municipality]);
    if (!units.length)
      throw reportingError('reporting.unknown-municipality', { municipality: req.params.municipality });
    const names = await municipalitiesWithUnits(req.ctx.db);
    const name = names.find((m) => m.code === req.params.municipality)?.name ?? req.params.municipality;
    return normering(req.ctx.db, units, last, { kind: 'municipality', id: req.params.municipality, name });
  });

  app.get('/reporting/units/:unitId/normering', { schema: schemaOfR(c.unitNormering) }, async (req) => {
    const subject = await unitSubject(req.ctx.db, req.params.unitId);
    reportingPolicy.authorize(req.ctx.actor, 'reporting.read', subject);
    const today = req.ctx.clock.today();
    const last = req.query.month ? started(monthDay(req.query.month), today) : today.firstOfMonth();
    const unit = subject.municipalityCode
      ? (await unitsOf(req.ctx.db, [subject.municipalityCode])).find((u) => u.id === req.params.unitId)
      : undefined;
    if (!unit) throw reportingError('reporting.unit-not-found');
    return normering(req.ctx.db, [unit], last, { kind: 'unit', id: unit.id, name: unit.name });
  });
};

function schemaOfR<const O extends Operation>(op: O) {
  return schemaOf('reporting', op, codes);
}
