// Liveness, and the demo clock: administrators may set "today" so the demo can be replayed at any date.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { LocalDate } from '../../shared/index.js';
import { STAFF_ROLES } from '../auth/actor.js';
import { definePolicy } from '../auth/policy.js';
import { audit } from '../audit/audit.js';
import { schemaOf } from './contract.js';
import { domainErrors } from './errors.js';

const Clock = z.object({ today: z.iso.date(), demo: z.boolean() });
export const systemError = domainErrors({ 'system.clock-demo-only': 'forbidden' });
export const systemContract = {
  health: {
    summary: 'Liveness and database check',
    response: z.object({ status: z.literal('ok'), database: z.string(), today: z.iso.date(), demo: z.boolean() }),
  },
  clock: { summary: "Spire's today, and whether it runs in demo mode", response: Clock },
  setClock: {
    summary: 'Set (or with null release) the demo clock',
    body: z.object({ today: z.iso.date().nullable() }),
    response: Clock,
    errors: ['system.clock-demo-only'],
  },
} as const;
export const systemPolicy = definePolicy('system', {
  'system.clock-read': { summary: "Read Spire's today", roles: STAFF_ROLES },
  'system.clock-set': { summary: 'Set the demo clock', roles: ['admin'] },
});
const c = systemContract;

export const systemRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/health', { schema: schemaOf('system', c.health) }, async () => {
    await sql`select 1`.execute(app.config.database.db);
    return {
      status: 'ok' as const,
      database: app.config.database.kind,
      today: app.config.clock.today().toString(),
      demo: app.config.demo,
    };
  });
};

export const clockRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const state = () => ({ today: app.config.clock.today().toString(), demo: app.config.demo });
  app.get('/clock', { schema: schemaOf('system', c.clock) }, async (req) => {
    systemPolicy.authorize(req.ctx.actor, 'system.clock-read');
    return state();
  });
  app.put('/clock', { schema: schemaOf('system', c.setClock, systemError.codes) }, async (req) => {
    systemPolicy.authorize(req.ctx.actor, 'system.clock-set');
    if (!app.config.demo) throw systemError('system.clock-demo-only');
    await app.config.clock.setToday(req.ctx.db, req.body.today ? LocalDate.parse(req.body.today) : null);
    await audit(req.ctx.db, req.ctx, {
      action: 'clock.set',
      subjectType: 'system',
      subjectIds: [],
      details: { today: req.body.today },
    });
    return state();
  });
};
