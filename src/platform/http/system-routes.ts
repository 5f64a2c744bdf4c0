import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';

export const systemRoutes: FastifyPluginAsync = async (app) => {
  app.get('/health', { schema: { tags: ['system'], summary: 'Liveness and database check' } }, async () => {
    await sql`select 1`.execute(app.config.database.db);
    return {
      status: 'ok',
      database: app.config.database.kind,
      today: app.config.clock.today().toString(),
      demo: app.config.demo,
    };
  });
};

import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocalDate } from '../../shared/index.js';
import { requireRole, STAFF_ROLES } from '../auth/actor.js';
import { forbidden } from './errors.js';
import { audit } from '../audit/audit.js';

/** The demo clock: administrators may set "today" so the demo can be replayed at any date. */
export const clockRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const state = () => ({ today: app.config.clock.today().toString(), demo: app.config.demo });
  app.get('/clock', { schema: { tags: ['system'] } }, async (req) => {
    requireRole(req.ctx.actor, STAFF_ROLES);
    return state();
  });
  app.put(
    '/clock',
    { schema: { tags: ['system'], body: z.object({ today: z.iso.date().nullable() }) } },
    async (req) => {
      requireRole(req.ctx.actor, ['admin']);
      if (!app.config.demo) throw forbidden('Datoen kan kun sættes i demo-tilstand.');
      await app.config.clock.setToday(req.ctx.db, req.body.today ? LocalDate.parse(req.body.today) : null);
      await audit(req.ctx.db, req.ctx, {
        action: 'clock.set',
        subjectType: 'system',
        subjectIds: [],
        details: { today: req.body.today },
      });
      return state();
    },
  );
};
