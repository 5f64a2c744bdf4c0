import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocalDate } from '../../shared/index.js';
import { requireRole, STAFF_ROLES } from '../../platform/auth/actor.js';
import { setActor } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { addSetting, listSettings } from './queries.js';

export const settingsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/settings', { schema: { tags: ['settings'] } }, async (req) => {
    requireRole(req.ctx.actor, STAFF_ROLES);
    return listSettings(req.ctx.db);
  });
  app.post('/settings', {
    schema: { tags: ['settings'], body: z.object({ key: z.string().regex(/^[a-z][a-z0-9_.]*$/).max(100), value: z.json(), start: z.iso.date(), end: z.iso.date().nullable().default(null) }) },
  }, async (req, reply) => {
    const actor = requireRole(req.ctx.actor, ['admin']);
    const start = LocalDate.parse(req.body.start), end = req.body.end ? LocalDate.parse(req.body.end) : null;
    if (end && end.isBefore(start)) throw badRequest('Slutdatoen ligger før startdatoen.');
    const row = await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const r = await addSetting(trx, req.body.key, req.body.value, start, end);
      await audit(trx, req.ctx, { action: 'setting.create', subjectType: 'setting', subjectIds: [r.id], details: { key: req.body.key } });
      return r;
    });
    return reply.code(201).send(row);
  });
};
