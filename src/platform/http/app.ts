// Builds the HTTP application: security plumbing (sessions, CSRF, rate limits), OpenAPI, error mapping,
// one plugin per module, and the built web app with a single-page fallback.
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.js';
import type { AppClock } from '../clock.js';
import { loadSession, SESSION_COOKIE } from '../auth/sessions.js';
import { authRoutes } from '../auth/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { clockRoutes, systemRoutes } from './system-routes.js';
import { HttpError, fromDatabaseError } from './errors.js';
import type { RequestContext } from './context.js';
import { registryRoutes } from '../../modules/registry/index.js';
import { peopleRoutes } from '../../modules/people/index.js';
import { settingsRoutes } from '../../modules/settings/index.js';
import { billingRoutes } from '../../modules/billing/index.js';
import { letterRoutes } from '../letters/index.js';
import { attendanceRoutes } from '../../modules/attendance/index.js';
import { bookingRoutes } from '../../modules/booking/index.js';
import { placementRoutes } from '../../modules/placement/index.js';

export interface AppConfig {
  database: Database;
  clock: AppClock;
  demo: boolean;
  secureCookies?: boolean;
  webDir?: string;
  logger?: boolean;
  oidc?: { issuer: string; clientId: string; clientSecret: string; redirectUri: string };
}

declare module 'fastify' {
  interface FastifyRequest { ctx: RequestContext; csrfToken: string | null }
  interface FastifyInstance { config: AppConfig }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function buildApp(config: AppConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logger ? { level: 'info', redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] } : false,
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  });
  app.decorate('config', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: 'Spire API', version: '0.1.0', description: 'Danish municipal daycare administration' } },
    transform: jsonSchemaTransform,
  });

  app.decorateRequest('ctx', null as any);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await loadSession(config.database.db, config.clock, token) : null;
    req.ctx = { db: config.database.db, clock: config.clock, actor: session?.actor ?? null, ip: req.ip, userAgent: req.headers['user-agent'] ?? null };
    req.csrfToken = session?.csrfToken ?? null;
    if (!req.url.startsWith('/api/') || SAFE_METHODS.has(req.method)) return;
    checkCsrf(req);
  });

  app.setErrorHandler((err: any, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = first?.instancePath?.replace(/^\//, '') || first?.params?.missingProperty || '';
      return reply.code(400).send({ error: 'bad_request', message: `Ugyldigt input${where ? ` (${where})` : ''}: ${first?.message ?? ''}`.trim() });
    }
    const known = err instanceof HttpError ? err : fromDatabaseError(err);
    if (known) return reply.code(known.statusCode).send({ error: known.code, message: known.message, ...(known.details === undefined ? {} : { details: known.details }) });
    if (err.statusCode === 429) return reply.code(429).send({ error: 'rate_limited', message: 'For mange forsøg. Prøv igen om lidt.' });
    if (err.statusCode && err.statusCode < 500) return reply.code(err.statusCode).send({ error: 'bad_request', message: err.message });
    req.log.error(err);
    return reply.code(500).send({ error: 'internal', message: 'Der skete en fejl. Prøv igen.' });
  });

  await app.register(systemRoutes, { prefix: '/api' });
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(auditRoutes, { prefix: '/api/staff' });
  await app.register(clockRoutes, { prefix: '/api/staff' });
  await app.register(registryRoutes, { prefix: '/api' });
  await app.register(peopleRoutes, { prefix: '/api' });
  await app.register(settingsRoutes, { prefix: '/api/staff' });
  await app.register(billingRoutes, { prefix: '/api' });
  await app.register(letterRoutes, { prefix: '/api' });
  await app.register(attendanceRoutes, { prefix: '/api' });
  await app.register(bookingRoutes, { prefix: '/api' });
  await app.register(placementRoutes, { prefix: '/api' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (config.webDir && existsSync(config.webDir)) {
    await app.register(fastifyStatic, { root: config.webDir, wildcard: false });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET') return reply.code(404).send({ error: 'not_found', message: 'Findes ikke.' });
      return reply.sendFile('index.html');
    });
  }
  return app;
}

/** Mutating API calls must prove they come from our own pages: the session's CSRF token in a header,
 *  or, before login, a JSON body (which a cross-site form cannot send without a CORS preflight). */
function checkCsrf(req: FastifyRequest) {
  if (req.csrfToken) {
    if (req.headers['x-csrf-token'] !== req.csrfToken) throw new HttpError(403, 'csrf', 'Ugyldigt eller manglende CSRF-token.');
  } else if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new HttpError(415, 'unsupported_media_type', 'Forespørgslen skal være JSON.');
  }
}
