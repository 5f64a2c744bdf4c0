// Opens the database: embedded PGlite (default, a local data directory) or a PostgreSQL server (DATABASE_URL).
// Both get the same type parsers so domain code sees identical values: date → 'YYYY-MM-DD', int8 → number.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { DB } from './schema.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { templateFor } from './pglite-template.js';
import { laterTurn } from '../turns.js';

export type Db = Kysely<DB>;

/** Runs plain SQL (possibly several statements) and returns rows; used by migrations and pg-boss. */
export type RawSql = (text: string, params?: unknown[]) => Promise<{ rows: any[] }>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  exec: (script: string) => Promise<void>;
  raw: RawSql;
  /** LISTEN on `channel`: `onMessage` gets each notification's payload; `onLost` is called once if the listening
   *  connection is lost (notifications may then have been missed). Returns a function that stops listening. */
  listen: (channel: string, onMessage: (payload: string) => void, onLost: () => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
}

/** Bind parameters one statement may carry on both engines (PostgreSQL allows 65,535; PGlite 32,767). */
export const MAX_PARAMETERS = 32_767;

const DATE = 1082,
  INT8 = 20,
  TIMESTAMPTZ = 1184,
  NUMERIC = 1700;
const asIs = (v: string) => v;

export interface DatabaseOptions {
  url?: string;
  dataDir?: string;
  /** A PGlite data-directory dump (tar) to start from instead of an empty directory (tests). */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url) : openPglite(opts);
}

async function openPglite({ dataDir, loadDataDir }: DatabaseOptions): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (dataDir && !dataDir.startsWith('memory://')) {
    mkdirSync(dirname(dataDir), { recursive: true });
    // One process per data directory (data-dir-lock.ts): refuse before PGlite touches a directory another process has open.
    lock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir,
      // A new data directory starts from the shipped initdb template (pglite-template.ts) instead of running initdb.
      loadDataDir: loadDataDir ?? (dataDir && !dataDir.startsWith('memory://') ? templateFor(dataDir) : undefined),
      extensions: { btree_gist },
      parsers: { [DATE]: asIs, [INT8]: Number, [NUMERIC]: Number, [TIMESTAMPTZ]: asIs },
    });
  } catch (e) {
    lock?.release();
    throw e;
  }
  void pgliteTypes;
  // PGlite reads a statement's parameter count as a signed 16-bit number: past MAX_PARAMETERS the statement and the
  // rest of the session silently go wrong. Refuse such a statement loudly instead.
  // PGlite runs each statement synchronously on this thread and resolves in microtasks, so a job issuing statement
  // after statement (a billing run) starved the event loop: no request was even read until the job ended. Every
  // statement first yields one macrotask, so waiting requests are parsed and queue their statements in between.
  const guarded = {
    query: async (text: string, params?: unknown[]) => {
      if ((params?.length ?? 0) > MAX_PARAMETERS)
        throw new Error(
          `a statement with ${params!.length} parameters (at most ${MAX_PARAMETERS}): insert in smaller chunks`,
        );
      await new Promise<void>((resolve) => setImmediate(resolve));
      return pglite.query(text, params);
    },
  };
  const db: Db = new Kysely<DB>({ dialect: new PGliteDialect(guarded as unknown as PGlite) });
  return {
    db,
    kind: 'pglite',
    exec: async (script) => {
      await pglite.exec(script);
    },
    raw: async (text, params) => {
      if (params?.length) return pglite.query(text, params);
      const results = await pglite.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    // One connection in this process: every notification is delivered, none can be lost.
    listen: (channel, onMessage) => pglite.listen(channel, onMessage),
    close: async () => {
      try {
        await db.destroy().catch(() => {});
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const typeParsers = {
    getTypeParser(oid: number, format?: any) {
      if (oid === DATE || oid === TIMESTAMPTZ) return asIs;
      if (oid === INT8 || oid === NUMERIC) return Number;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const listeners = new Set<() => Promise<void>>();
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, types: typeParsers });
  const lanePool = new pg.Pool({ connectionString: url, max: LANE_SIZE, types: typeParsers });
  const kysely = (p: pg.Pool, later: boolean): Db =>
    new Kysely<DB>({
      dialect: new PostgresDialect({
        pool: { connect: async () => preparing(await p.connect(), later), end: () => p.end() },
      }),
    });
  // The pool's answers resume in a later turn (turns.ts); the interactive lane's at once.
  const db = kysely(pool, true),
    lane = kysely(lanePool, false);
  lanes.set(db, lane);
  primaries.set(lane, db);
  return {
    db,
    kind: 'postgres',
    exec: async (script) => {
      await pool.query(script);
    },
    raw: async (text, params) => pool.query(text, params as any[]),
    listen: async (channel, onMessage, onLost) => {
      // A connection of its own, outside the pool: it stays in LISTEN for as long as the process listens.
      const client = new pg.Client({ connectionString: url });
      let stopped = false;
      const lost = () => {
        if (stopped) return;
        stopped = true;
        listeners.delete(stop);
        onLost();
      };
      const stop = async () => {
        stopped = true;
        listeners.delete(stop);
        await client.end().catch(() => {});
      };
      client.on('notification', (m) => {
        if (m.channel === channel) onMessage(m.payload ?? '');
      });
      client.on('error', lost);
      client.on('end', lost);
      try {
        await client.connect();
        await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      } catch (e) {
        await stop();
        throw e;
      }
      listeners.add(stop);
      return stop;
    },
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      await Promise.all([db.destroy(), lane.destroy()]);
    },
  };
}

/** Connections of the pool (on PostgreSQL). */
export const POOL_SIZE = Number(process.env.DB_POOL_SIZE ?? 10);
/** Connections of the interactive lane: a person's quick reads (the availability search) get them while a rush's
 *  writes queue for the pool's, so a search does not wait behind the bookings. */
const LANE_SIZE = 2;
const lanes = new WeakMap<Db, Db>(),
  primaries = new WeakMap<Db, Db>();
/** The same database through the interactive lane (PGlite: its one connection, so the database itself). */
export const interactive = (db: Db): Db => lanes.get(db) ?? db;
/** The database a lane belongs to: what per-database caches are kept for. */
export const primary = (db: Db): Db => primaries.get(db) ?? db;

/** Sets the actor recorded by row-history triggers for the rest of the transaction. */
export async function setActor(trx: Db, actor: string): Promise<void> {
  await sql`select set_config('spire.actor', ${actor}, true)`.execute(trx);
}

/** A statement whose text starts with this comment is prepared once per connection and reused (no planning per call). */
export const PREPARED = '/* prepared */';
const statementNames = new Map<string, string>();
const PATCHED = Symbol('preparing');

/** Lets a pooled client run PREPARED statements as named statements (node-postgres parses them once per connection);
 *  `later`: its answers resume the caller in a later turn (turns.ts). */
function preparing(client: pg.PoolClient, later: boolean): pg.PoolClient {
  const c = client as pg.PoolClient & { [PATCHED]?: true };
  if (c[PATCHED]) return c;
  const query = c.query.bind(c) as (...args: unknown[]) => unknown;
  // pool.query also goes through here, with a callback: everything but a PREPARED text passes on untouched.
  const named = (...args: unknown[]) => {
    const [text, values, ...rest] = args;
    if (typeof text !== 'string' || !text.startsWith(PREPARED)) return query(...args);
    let name = statementNames.get(text);
    if (!name) statementNames.set(text, (name = `spire_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
    return query({ name, text, values }, ...rest);
  };
  c.query = ((...args: unknown[]) => {
    const answer = named(...args);
    return later && answer instanceof Promise ? answer.then(async (r) => (await laterTurn(), r)) : answer;
  }) as typeof c.query;
  c[PATCHED] = true;
  return c;
}
