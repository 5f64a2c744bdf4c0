// What a module gives the composition root (src/modules.ts): its routes, its access policy and its jobs.
import type { FastifyPluginAsync } from 'fastify';
import type PgBoss from 'pg-boss';
import type { Database } from './db/database.js';
import type { ModulePolicy } from './auth/policy.js';
import type { Actor } from './auth/actor.js';
import type { LocalDate } from '../shared/index.js';

export interface SpireModule {
  name: string;
  /** Registered under `prefix` (default /api); a module's routes add /citizen or /staff themselves. */
  routes: FastifyPluginAsync;
  prefix?: string;
  policy?: ModulePolicy<string>;
  /** Queues, workers and schedules of the module's background jobs. */
  jobs?: (boss: PgBoss, database: Database) => Promise<void>;
  /** The actor's work for today from this module (only what the actor may act on). */
  work?: (db: Database['db'], actor: Actor, today: LocalDate) => Promise<WorkItem[]>;
}

/** One line of "what needs me today" on the staff home: a count, how urgent, and where to act on it. */
export interface WorkItem {
  /** A text key of the web (web/shared/texts/work.ts), e.g. 'work.inbox'. */
  key: string;
  count: number;
  tone: 'info' | 'warning' | 'danger';
  link: string;
  params?: Record<string, string | number>;
}
