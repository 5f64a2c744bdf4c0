// Login and logout. Demo mode: a clearly marked persona picker. Production: OpenID Connect (see oidc.ts).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { forbidden, notFound, unauthorized } from '../http/errors.js';
import {
  actorFor,
  APP_USER_COLUMNS,
  createSession,
  deleteSession,
  SESSION_COOKIE,
  type AppUserRow,
} from './sessions.js';
import { audit } from '../audit/audit.js';
import { oidcRoutes } from './oidc.js';
import { permittedActions } from './policy.js';
import { POLICIES } from '../../access.js';
import { secureCookie } from '../http/app.js';
import { validOn } from './users/queries.js';
import { municipalityByCode } from '../../shared/index.js';
import { schemaOf } from '../http/contract.js';
import { authContract as c } from './contract.js';

const loginLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };

export const authRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const me = (req: FastifyRequest, csrfToken = req.csrfToken) => {
    const a = req.ctx.actor;
    return {
      user: a && {
        id: a.userId,
        name: a.name,
        role: a.role,
        personId: a.personId,
        unitIds: a.unitIds,
        municipality: a.municipalityCode
          ? { code: a.municipalityCode, name: municipalityByCode(a.municipalityCode)?.name ?? a.municipalityCode }
          : null,
      },
      permissions: permittedActions(a, POLICIES),
      csrfToken,
      demo: app.config.demo,
      login: { oidc: !!app.config.oidc, localIdp: !!app.config.localIdp },
      today: app.config.clock.today().toString(),
    };
  };

  app.get('/me', { schema: schemaOf('auth', c.me) }, async (req) => me(req));

  app.get('/personas', { schema: schemaOf('auth', c.personas) }, async () => {
    if (!app.config.demo) throw notFound();
    const rows = await app.config.database.db
      .selectFrom('app_user')
      .leftJoin('user_unit', 'user_unit.user_id', 'app_user.id')
      .leftJoin('unit', 'unit.id', 'user_unit.unit_id')
      .select(['app_user.id', 'app_user.name', 'app_user.role', 'unit.name as unitName'])
      .where('app_user.demo_persona', '=', true)
      .where(validOn(app.config.clock.today()))
      .orderBy('app_user.role')
      .orderBy('app_user.name')
      .execute();
    const byId = new Map<
      string,
      { id: string; name: string; role: (typeof rows)[number]['role']; description: string }
    >();
    for (const r of rows) {
      const p = byId.get(r.id) ?? { id: r.id, name: r.name, role: r.role, description: '' };
      if (r.unitName) p.description = p.description ? `${p.description}, ${r.unitName}` : r.unitName;
      byId.set(r.id, p);
    }
    return [...byId.values()];
  });

  app.post('/demo-login', { config: loginLimit, schema: schemaOf('auth', c.demoLogin) }, async (req, reply) => {
    if (!app.config.demo) throw notFound();
    const db = app.config.database.db;
    const user = await db
      .selectFrom('app_user')
      .select([...APP_USER_COLUMNS, validOn(app.config.clock.today()).as('active')])
      .where('id', '=', req.body.userId)
      .where('demo_persona', '=', true)
      .executeTakeFirst();
    if (!user) throw unauthorized('Ukendt demo-bruger.');
    if (!user.active) throw forbidden('Brugeren er ikke aktiv (uden for gyldighedsperioden).');
    return startSession(req, reply, user);
  });

  // The local development identity provider: the subject a real provider would send, typed on the login page. Off
  // unless the installation is started with SPIRE_LOCAL_IDP=true (then the login page says so); the same user checks
  // as an OIDC login (the subject belongs to a user valid today; demo personas have no subject).
  app.post('/local-login', { config: loginLimit, schema: schemaOf('auth', c.localLogin) }, async (req, reply) => {
    if (!app.config.localIdp) throw notFound();
    const user = await app.config.database.db
      .selectFrom('app_user')
      .select([...APP_USER_COLUMNS, validOn(app.config.clock.today()).as('active')])
      .where('oidc_subject', '=', req.body.subject)
      .executeTakeFirst();
    if (!user) throw forbidden('Ingen bruger er knyttet til dette login.');
    if (!user.active) throw forbidden('Din bruger er ikke aktiv. Kontakt kommunens administrator.');
    return startSession(req, reply, user);
  });

  app.post(
    '/logout',
    { schema: { tags: ['auth'], summary: c.logout.summary, response: { 204: c.logout.response } } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await deleteSession(app.config.database.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  async function startSession(req: FastifyRequest, reply: FastifyReply, user: AppUserRow) {
    const db = app.config.database.db;
    const s = await createSession(db, app.config.clock, user.id);
    reply.setCookie(SESSION_COOKIE, s.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie(req),
      maxAge: s.maxAgeSeconds,
    });
    req.ctx.actor = await actorFor(db, user);
    await audit(db, req.ctx, { action: 'auth.login', subjectType: 'user', subjectIds: [user.id] });
    return me(req, s.csrfToken);
  }

  if (app.config.oidc) await app.register(oidcRoutes, { startSession });
};

export type StartSession = (req: FastifyRequest, reply: FastifyReply, user: AppUserRow) => Promise<unknown>;
