// Staff users for administrators: list and search, create, change role and unit scopes, end (contract.ts, policy.ts,
// queries.ts). Every read and change is audited. An administrator manages their own municipality's users only: a new
// user belongs to the administrator's municipality, unit scopes are its units, and another municipality's user is not
// found.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LocalDate } from '../../../shared/index.js';
import { setActor, type Db } from '../../db/database.js';
import { homeMunicipality } from '../actor.js';
import { forgetSessions } from '../sessions.js';
import { municipalitiesOfUnits } from '../../../modules/registry/index.js';
import { audit } from '../../audit/audit.js';
import { schemaOf } from '../../http/contract.js';
import { usersContract as c, usersError, type StaffUser, type UserFields } from './contract.js';
import { usersPolicy } from './policy.js';
import { checkFields, createUser, endUser, listUsers, updateUser, usersByIds } from './queries.js';

export const usersRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const one = async (req: FastifyRequest, municipality: string, id: string): Promise<StaffUser> => {
    const [u] = await usersByIds(req.ctx.db, req.ctx.clock.today(), municipality, [id]);
    if (!u) throw usersError('users.not-found');
    return u;
  };
  /** The fields checked, with unit scopes among the municipality's own units (others are refused as unknown). */
  const fieldsOf = async (db: Db, municipality: string, body: UserFields) => {
    const f = checkFields(body);
    if ((await municipalitiesOfUnits(db, f.unitIds)).some((m) => m !== municipality))
      throw usersError('users.unit-not-found');
    return f;
  };

  app.get('/users', { schema: schemaOf('users', c.list) }, async (req) => {
    const municipality = homeMunicipality(usersPolicy.authorize(req.ctx.actor, 'users.read'));
    const { items, total } = await listUsers(req.ctx.db, req.ctx.clock.today(), { ...req.query, municipality });
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
    const municipality = homeMunicipality(actor);
    const f = await fieldsOf(req.ctx.db, municipality, req.body);
    const id = await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const id = await createUser(trx, f, municipality, actor.userId);
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
    const municipality = homeMunicipality(actor);
    const before = await one(req, municipality, req.params.id);
    const f = await fieldsOf(req.ctx.db, municipality, req.body);
    // An administrator cannot take away their own access (someone else must).
    if (req.params.id === actor.userId && (f.role !== 'admin' || (f.end && f.end < req.ctx.clock.today().toString())))
      throw usersError('users.not-yourself');
    await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      if (!(await updateUser(trx, req.params.id, municipality, f))) throw usersError('users.not-found');
      // A changed role or unit scope takes effect on the next request (the sessions held are forgotten).
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
    forgetSessions(req.ctx.db);
    return one(req, municipality, req.params.id);
  });

  app.post('/users/:id/end', { schema: schemaOf('users', c.end, usersError.codes) }, async (req) => {
    const actor = usersPolicy.authorize(req.ctx.actor, 'users.manage');
    const municipality = homeMunicipality(actor);
    if (req.params.id === actor.userId) throw usersError('users.not-yourself');
    const today = req.ctx.clock.today();
    const lastDay = req.body.lastDay ? LocalDate.parse(req.body.lastDay) : today.plusDays(-1);
    await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const revoked = await endUser(trx, req.params.id, municipality, lastDay, today);
      if (revoked === null) throw usersError('users.not-found');
      await audit(trx, req.ctx, {
        action: 'user.end',
        subjectType: 'user',
        subjectIds: [req.params.id],
        details: { lastDay: lastDay.toString(), sessionsRevoked: revoked },
      });
    });
    forgetSessions(req.ctx.db);
    return one(req, municipality, req.params.id);
  });
};
