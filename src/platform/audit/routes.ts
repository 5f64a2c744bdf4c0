// Administrators search the audit trail.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { homeMunicipality, requireRole } from '../auth/actor.js';
import { audit } from './audit.js';

const query = z.object({
  userId: z.uuid().optional(),
  subjectId: z.uuid().optional(),
  action: z.string().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const auditRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/audit', { schema: { tags: ['audit'], querystring: query } }, async (req) => {
    const actor = requireRole(req.ctx.actor, ['admin']);
    const q = req.query;
    let s = req.ctx.db
      .selectFrom('audit_log')
      .leftJoin('app_user', 'app_user.id', 'audit_log.user_id')
      .select([
        'audit_log.id',
        'audit_log.at',
        'app_user.name as userName',
        'audit_log.user_role as role',
        'audit_log.action',
        'audit_log.subject_type as subjectType',
        'audit_log.subject_ids as subjectIds',
        'audit_log.ip',
        'audit_log.details',
      ])
      // An administrator reads the trail of the staff of their own municipality only.
      .where('app_user.municipality_code', '=', homeMunicipality(actor));
    if (q.userId) s = s.where('audit_log.user_id', '=', q.userId);
    if (q.subjectId) s = s.where((eb) => eb(eb.val(q.subjectId), '=', eb.fn.any('audit_log.subject_ids')));
    if (q.action) s = s.where('audit_log.action', 'like', `${q.action.replace(/[%_\\]/g, '\\$&')}%`);
    if (q.from) s = s.where('audit_log.at', '>=', q.from);
    if (q.to) s = s.where('audit_log.at', '<', q.to + 'T24:00:00');
    const rows = await s.orderBy('audit_log.id', 'desc').limit(q.limit).execute();
    await audit(req.ctx.db, req.ctx, {
      action: 'audit.search',
      subjectType: 'audit_log',
      subjectIds: q.subjectId ? [q.subjectId] : [],
      details: { ...q },
    });
    return rows;
  });
};
