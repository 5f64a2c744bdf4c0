// "What needs me today" for the staff home: every module's work items for the actor, in module order.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF_ROLES } from '../auth/actor.js';
import { definePolicy } from '../auth/policy.js';
import { schemaOf } from './contract.js';

export const WorkItem = z.object({
  module: z.string(),
  key: z.string(),
  count: z.number().int(),
  tone: z.enum(['info', 'warning', 'danger']),
  link: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type WorkItem = z.infer<typeof WorkItem>;
export const workContract = {
  today: { summary: "The actor's work for today from every module", response: z.array(WorkItem) },
} as const;
export const workPolicy = definePolicy('work', {
  'work.read': { summary: 'See my work for today on the staff home', roles: STAFF_ROLES },
});

export const workRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/work', { schema: schemaOf('work', workContract.today) }, async (req) => {
    const actor = workPolicy.authorize(req.ctx.actor, 'work.read');
    const today = req.ctx.clock.today();
    const lists = await Promise.all(
      app.config.modules.map(async (m) =>
        (m.work ? await m.work(req.ctx.db, actor, today) : []).map((w) => ({ module: m.name, ...w })),
      ),
    );
    return lists.flat();
  });
};
