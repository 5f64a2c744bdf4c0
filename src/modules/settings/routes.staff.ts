// Municipality settings: read by staff, changed by administrators (contract.ts, policy.ts, queries.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LocalDate } from '../../shared/index.js';
import { setActor } from '../../platform/db/database.js';
import { homeMunicipality } from '../../platform/auth/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { settingsContract as c, settingsError } from './contract.js';
import { settingsPolicy } from './policy.js';
import { addSetting, listSettings } from './queries.js';
import { settingValueProblem } from './schemas.js';

export const settingsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/settings', { schema: schemaOf('settings', c.list) }, async (req) => {
    const actor = settingsPolicy.authorize(req.ctx.actor, 'settings.read');
    return listSettings(req.ctx.db, homeMunicipality(actor));
  });
  app.post('/settings', { schema: schemaOf('settings', c.create, settingsError.codes) }, async (req, reply) => {
    const actor = settingsPolicy.authorize(req.ctx.actor, 'settings.change');
    const start = LocalDate.parse(req.body.start),
      end = req.body.end ? LocalDate.parse(req.body.end) : null;
    if (end && end.isBefore(start)) throw settingsError('settings.end-before-start');
    const problem = settingValueProblem(req.body.key, req.body.value);
    if (problem) throw settingsError('settings.invalid-value', { key: req.body.key, problem });
    const row = await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const r = await addSetting(trx, homeMunicipality(actor), req.body.key, req.body.value, start, end);
      await audit(trx, req.ctx, {
        action: 'setting.create',
        subjectType: 'setting',
        subjectIds: [r.id],
        details: { key: req.body.key },
      });
      return r;
    });
    return reply.code(201).send(row);
  });
};
