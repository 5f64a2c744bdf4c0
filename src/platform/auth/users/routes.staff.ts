// Staff users for administrators: list and search, create, change role and unit scopes, end (contract.ts, policy.ts,
// queries.ts). Every read and change is audited.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LocalDate } from '../../../shared/index.js';
import { setActor } from '../../db/database.js';
import { audit } from '../../audit/audit.js';
import { schemaOf } from '../../http/contract.js';
import { usersContract as c, usersError, type StaffUser } from './contract.js';
import { usersPolicy } from './policy.js';
import { checkFields, createUser, endUser, listUsers, updateUser, usersByIds } from './queries.js';

export const usersRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const one = async (req: FastifyRequest, id: string): Promise<StaffUser> => {
    const [u] = await usersByIds(req.ctx.db, req.ctx.clock.today(), [id]);
    if (!u) throw usersError('users.not-found');
    return u;
  };

  app.get('/users', { schema: schemaOf('users', c.list) }, async (req) => {
    usersPolicy.authorize(req.ctx.actor, 'users.read');
    const { items, total } = await listUsers(req.ctx.db, req.ctx.clock.today(), req.query);
    await audit(req.ctx.db, req.ctx, {
      action: 'user.list',
      subjectType: 'user',
      subjectIds: items.map((u) => u.id),
      details: { q: req.query.q ?? null, page: req.query.page },
    });
    return { items, total, page: req.query.page };
  });

  app.post('/users', { schema: schemaOf('users', c.create, usersError.codes) }, async (req, reply) => {
    const actor = usersPolicy.authorize(req.ctx.actor, 'users.manage');
    const f = checkFields(req.body);
    const id = await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const id = await createUser(trx, f, actor.userId);
      await audit(trx, req.ctx, {
        action: 'user.create',
        subjectType: 'user',
        subjectIds: [id],
        details: { role: f.role, unitIds: f.unitIds, start: f.start, end: f.end },
      });
      return id;
    });
    return reply.code(201).send({ id });
  });

  app.put('/users/:id', { schema: schemaOf('users', c.update, usersError.codes) }, async (req) => {
    const actor = usersPolicy.authorize(req.ctx.actor, 'users.manage');
    const f = checkFields(req.body);
    const before = await one(req, req.params.id);
    // An administrator cannot take away their own access (someone else must).
    if (req.params.id === actor.userId && (f.role !== 'admin' || (f.end && f.end < req.ctx.clock.today().toString())))
      throw usersError('users.not-yourself');
    await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      if (!(await updateUser(trx, req.params.id, f))) throw usersError('users.not-found');
      // A changed role or unit scope takes effect on the next request: sessions read both from the user each time.
      await audit(trx, req.ctx, {
        action: 'user.update',
        subjectType: 'user',
        subjectIds: [req.params.id],
        details: {
          role: f.role,
          unitIds: f.unitIds,
          start: f.start,
          end: f.end,
          previousRole: before.role,
          previousUnitIds: before.unitIds,
        },
      });
    });
    return one(req, req.params.id);
  });

  app.post('/users/:id/end', { schema: schemaOf('users', c.end, usersError.codes) }, async (req) => {
    const actor = usersPolicy.authorize(req.ctx.actor, 'users.manage');
    if (req.params.id === actor.userId) throw usersError('users.not-yourself');
    const today = req.ctx.clock.today();
    const lastDay = req.body.lastDay ? LocalDate.parse(req.body.lastDay) : today.plusDays(-1);
    await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const revoked = await endUser(trx, req.params.id, lastDay, today);
      if (revoked === null) throw usersError('users.not-found');
      await audit(trx, req.ctx, {
        action: 'user.end',
        subjectType: 'user',
        subjectIds: [req.params.id],
        details: { lastDay: lastDay.toString(), sessionsRevoked: revoked },
      });
    });
    return one(req, req.params.id);
  });
};
