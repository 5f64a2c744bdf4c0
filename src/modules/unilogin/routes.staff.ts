// Unilogin / Aula for staff: the preview of the roster delivery, delivering (full, delta, a day of komme/gå), the log
// and "Send igen". A municipality's own administrators and reporting roles only; every read of persons is audited.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf, type Operation } from '../../platform/http/contract.js';
import { LocalDate } from '../../shared/index.js';
import { municipalitiesWithUnits } from '../registry/index.js';
import { uniloginContract as c, uniloginError, type UniloginDelivery } from './contract.js';
import { uniloginPolicy } from './policy.js';
import { deliver, previewRoster, retry } from './deliver.js';
import { deliveriesOf, deliveryById, type DeliveryRow } from './queries.js';

const ofMunicipality = (p: { municipality: string }) => ({ municipalityCode: p.municipality });

export const toDelivery = (d: DeliveryRow): UniloginDelivery => ({
  id: d.id,
  kind: d.kind,
  date: d.on_date,
  status: d.status,
  persons: d.persons,
  added: d.added,
  changed: d.changed,
  removed: d.removed,
  errors: d.errors.map((e) => ({ field: e.field, code: e.code, text: e.text, personId: e.personId ?? null })),
  attempts: d.attempts,
  receipt: d.receipt,
  createdAt: d.created_at,
  answeredAt: d.answered_at,
});

export const uniloginStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const known = async (db: Parameters<typeof municipalitiesWithUnits>[0], code: string) => {
    if (!(await municipalitiesWithUnits(db)).some((m) => m.code === code))
      throw uniloginError('unilogin.unknown-municipality', { municipality: code });
  };

  app.get('/unilogin/:municipality/preview', { schema: schemaOfU(c.preview) }, async (req) => {
    uniloginPolicy.authorize(req.ctx.actor, 'unilogin.read', ofMunicipality(req.params));
    await known(req.ctx.db, req.params.municipality);
    const p = await previewRoster(
      req.ctx.db,
      req.params.municipality,
      req.ctx.clock.today(),
      req.query.page,
      req.query.pageSize,
    );
    await audit(req.ctx.db, req.ctx, {
      action: 'unilogin.preview',
      subjectType: 'person',
      subjectIds: p.changes.length ? p.changes.map((x) => x.id) : p.lastAccepted ? [p.lastAccepted] : [],
      details: { municipality: p.municipality, date: p.date, page: p.page },
    });
    return p;
  });

  app.post('/unilogin/:municipality/deliveries', { schema: schemaOfU(c.deliver) }, async (req) => {
    const actor = uniloginPolicy.authorize(req.ctx.actor, 'unilogin.deliver', ofMunicipality(req.params));
    await known(req.ctx.db, req.params.municipality);
    const today = req.ctx.clock.today();
    const day = req.body.kind === 'presence' && req.body.date ? LocalDate.parse(req.body.date) : today;
    if (day.isAfter(today)) throw uniloginError('unilogin.future-day');
    const r = await deliver(req.ctx.db, req.params.municipality, req.body.kind, day, actor.userId);
    await audit(req.ctx.db, req.ctx, {
      action: r.outcome === 'unchanged' ? 'unilogin.deliver-unchanged' : 'unilogin.deliver',
      subjectType: 'unilogin_delivery',
      subjectIds: r.id ? [r.id] : [],
      details: { municipality: req.params.municipality, kind: req.body.kind, date: day.toString(), outcome: r.outcome },
    });
    const d = r.id ? await deliveryById(req.ctx.db, req.params.municipality, r.id) : undefined;
    return { outcome: r.outcome, delivery: d ? toDelivery(d) : null };
  });

  app.get('/unilogin/:municipality/deliveries', { schema: schemaOfU(c.deliveries) }, async (req) => {
    uniloginPolicy.authorize(req.ctx.actor, 'unilogin.read', ofMunicipality(req.params));
    const r = await deliveriesOf(req.ctx.db, req.params.municipality, req.query.page, req.query.pageSize);
    // The answers name the persons an error is about: who read which deliveries is kept.
    await audit(req.ctx.db, req.ctx, {
      action: 'unilogin.log-read',
      subjectType: 'unilogin_delivery',
      subjectIds: [...r.rows.map((d) => d.id), ...r.rows.flatMap((d) => d.errors.flatMap((e) => e.personId ?? []))],
      details: { municipality: req.params.municipality, page: req.query.page },
    });
    return { rows: r.rows.map(toDelivery), total: r.total };
  });

  app.post('/unilogin/:municipality/deliveries/:id/retry', { schema: schemaOfU(c.retry) }, async (req) => {
    uniloginPolicy.authorize(req.ctx.actor, 'unilogin.deliver', ofMunicipality(req.params));
    const r = await retry(req.ctx.db, req.params.municipality, req.params.id, req.ctx.clock.today());
    await audit(req.ctx.db, req.ctx, {
      action: 'unilogin.retry',
      subjectType: 'unilogin_delivery',
      subjectIds: [req.params.id],
      details: { municipality: req.params.municipality, kind: r.delivery.kind, outcome: r.outcome },
    });
    return { outcome: r.outcome, delivery: toDelivery(r.delivery) };
  });
};

function schemaOfU<const O extends Operation>(op: O) {
  return schemaOf('unilogin', op, uniloginError.codes);
}
