// What every endpoint gets: the database, the clock, and who is calling from where.
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';

export interface RequestContext {
  db: Db;
  clock: Clock;
  actor: Actor | null;
  ip: string;
  userAgent: string | null;
}
