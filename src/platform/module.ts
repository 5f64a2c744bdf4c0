// What a module gives the composition root (src/modules.ts): its routes, its access policy and its jobs.
import type { FastifyPluginAsync } from 'fastify';
import type PgBoss from 'pg-boss';
import type { Database } from './db/database.js';
import type { ModulePolicy } from './auth/policy.js';

export interface SpireModule {
  name: string;
  /** Registered under `prefix` (default /api); a module's routes add /citizen or /staff themselves. */
  routes: FastifyPluginAsync;
  prefix?: string;
  policy?: ModulePolicy<string>;
  /** Queues, workers and schedules of the module's background jobs. */
  jobs?: (boss: PgBoss, database: Database) => Promise<void>;
}
