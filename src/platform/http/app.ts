// Builds the HTTP application: security plumbing (sessions, CSRF, rate limits), OpenAPI, error mapping,
// one plugin per module, and the built web app with a single-page fallback.
import { existsSync } from 'node:fs';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import helmet from 'helmet';
import swagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  hasZodFastifySchemaValidationErrors,
} from 'fastify-type-provider-zod';
import { interactive, type Database } from '../db/database.js';
import { laterTurn } from '../turns.js';
import type { AppClock } from '../clock.js';
import { holdSessions, loadSession, SESSION_COOKIE } from '../auth/sessions.js';
import { authRoutes } from '../auth/routes.js';
import type { OidcConfig } from '../auth/oidc.js';
import { auditRoutes } from '../audit/routes.js';
import { auditRefusal } from '../audit/audit.js';
import { clockRoutes, systemRoutes } from './system-routes.js';
import { workRoutes } from './work-routes.js';
import { DomainError, HttpError, fromDatabaseError } from './errors.js';
import { installInputPolicy, unsupportedMediaType } from './input-policy.js';
import type { RequestContext } from './context.js';
import type { SpireModule } from '../module.js';

export interface AppConfig {
  database: Database;
  clock: AppClock;
  demo: boolean;
  /** The modules to serve (src/modules.ts). */
  modules: readonly SpireModule[];
  /** Secure cookies: true/false forces it; unset means Secure unless the request is for localhost (see secureCookie). */
  secureCookies?: boolean;
  /** Fastify trustProxy: which proxies may set X-Forwarded-For/-Proto/-Host. Off unless configured (SPIRE_TRUST_PROXY). */
  trustProxy?: boolean | string | string[];
  webDir?: string;
  logger?: boolean;
  oidc?: OidcConfig;
  /** The local development identity provider (SPIRE_LOCAL_IDP=true): a login by OIDC subject without a password, for
   *  trying a non-demo installation on one's own machine; never in production (main.ts refuses it there). */
  localIdp?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    csrfToken: string | null;
  }
  interface FastifyInstance {
    config: AppConfig;
  }
  interface FastifyContextConfig {
    /** The route reads for a person waiting at a page and runs on the database's interactive lane (database.ts). */
    interactive?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The built web app loads only its own scripts, styles and data: no inline script, no framing. */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};
/** Helmet's headers for Spire's fixed policy, computed once (@fastify/helmet built helmet again for every request). */
const SECURITY_HEADERS = (() => {
  const headers: Record<string, string> = {};
  const res = { setHeader: (k: string, v: string) => (headers[k.toLowerCase()] = v), removeHeader: () => {} };
  const secure = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  secure({} as never, res as never, (e?: unknown) => {
    if (e) throw e;
  });
  return headers;
})();
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a cookie set in answer to `req` must be Secure: as configured, else everywhere but localhost. */
export function secureCookie(req: FastifyRequest): boolean {
  const configured = req.server.config.secureCookies;
  if (configured !== undefined) return configured;
  const host = (req.hostname ?? '').replace(/:\d+$/, '').toLowerCase();
  return !LOCAL_HOSTS.has(host) && !host.endsWith('.localhost');
}

/** Pino at LOG_LEVEL (default info), secrets redacted; readable lines in a terminal during development. */
function loggerOptions() {
  const pretty = process.env.NODE_ENV !== 'production' && process.stdout.isTTY;
  return {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  };
}

export async function buildApp(config: AppConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logger ? loggerOptions() : false,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
  });
  installInputPolicy(app);
  app.decorate('config', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: 'Spire API', version: '0.1.0', description: 'Danish municipal daycare administration' } },
    transform: jsonSchemaTransform,
  });

  // Sessions are held in memory while this process hears of every change to them (sessions.ts).
  const stopHolding = await holdSessions(config.database);
  app.addHook('onClose', stopHolding);
  app.decorateRequest('ctx', null as any);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req) => {
    const quick = req.routeOptions.config.interactive;
    // Everything but a page's interactive reads waits for its turn (turns.ts), so those are answered first.
    if (!quick) await laterTurn();
    const token = req.cookies[SESSION_COOKIE];
    const db = quick ? interactive(config.database.db) : config.database.db;
    const session = token ? await loadSession(db, config.clock, token) : null;
    req.ctx = {
      db,
      clock: config.clock,
      actor: session?.actor ?? null,
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
    };
    req.csrfToken = session?.csrfToken ?? null;
    // Decided on the method alone, not on the (possibly percent-encoded) URL: every mutating request is checked.
    if (SAFE_METHODS.has(req.method)) return;
    checkCsrf(req);
  });

  // Security headers (CSP, nosniff, frame and referrer policies …) from helmet; HSTS only over https.
  app.addHook('onRequest', async (req, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  // Requests are logged at debug (LOG_LEVEL=debug), errors at error: an info line per request drowns the log.
  app.addHook('onResponse', async (req, reply) => {
    req.log.debug(
      {
        method: req.method,
        url: req.routeOptions.url ?? 'unknown',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
  // Nothing is cached unless a route says otherwise (static files do): API answers hold personal data.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler(async (err: any, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = first?.instancePath?.replace(/^\//, '') || first?.params?.missingProperty || '';
      // params: the field refused (its path in the body or query, e.g. "carer/cvr") and why, so a form can show the
      // reason at that field.
      return reply.code(400).send({
        error: 'bad_request',
        message: `Ugyldigt input${where ? ` (${where})` : ''}: ${first?.message ?? ''}`.trim(),
        ...(where && { params: { field: where, reason: first?.message ?? '' } }),
      });
    }
    const known = err instanceof DomainError || err instanceof HttpError ? err : fromDatabaseError(err);
    if (known?.statusCode === 403) await auditRefusal(req, known.code);
    const details = known instanceof HttpError || known instanceof DomainError ? known.details : undefined;
    if (err instanceof DomainError)
      return reply.code(err.statusCode).send({
        error: err.code,
        params: err.params,
        message: err.code,
        ...(details === undefined ? {} : { details }),
      });
    if (known)
      return reply
        .code(known.statusCode)
        .send({ error: known.code, message: known.message, ...(details === undefined ? {} : { details }) });
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return reply.code(415).send({ error: 'unsupported_media_type', message: unsupportedMediaType().message });
    if (err.statusCode === 429)
      return reply.code(429).send({ error: 'rate_limited', message: 'For mange forsøg. Prøv igen om lidt.' });
    if (err.statusCode && err.statusCode < 500)
      return reply.code(err.statusCode).send({ error: 'bad_request', message: err.message });
    req.log.error(err);
    return reply.code(500).send({ error: 'internal', message: 'Der skete en fejl. Prøv igen.' });
  });

  await app.register(systemRoutes, { prefix: '/api' });
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(auditRoutes, { prefix: '/api/staff' });
  await app.register(clockRoutes, { prefix: '/api/staff' });
  await app.register(workRoutes, { prefix: '/api/staff' });
  for (const m of config.modules) await app.register(m.routes, { prefix: m.prefix ?? '/api' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (config.webDir && existsSync(config.webDir)) {
    // Vite names assets by content hash: cache them for a year; index.html is revalidated. .br/.gz siblings are
    // written at build time (vite.config.ts) and served to browsers that accept them.
    await app.register(fastifyStatic, {
      root: config.webDir,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || (req.method !== 'GET' && req.method !== 'HEAD'))
        return reply.code(404).send({ error: 'not_found', message: 'Findes ikke.' });
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}

/** Mutating API calls must prove they come from our own pages: the session's CSRF token in a header,
 *  or, before login, a JSON body (which a cross-site form cannot send without a CORS preflight). */
function checkCsrf(req: FastifyRequest) {
  if (req.csrfToken) {
    if (req.headers['x-csrf-token'] !== req.csrfToken)
      throw new HttpError(403, 'csrf', 'Ugyldigt eller manglende CSRF-token.');
  } else if (!/^application\/json\s*(;|$)/i.test(String(req.headers['content-type'] ?? ''))) {
    throw unsupportedMediaType();
  }
}
