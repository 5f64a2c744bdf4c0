// Server-side sessions: the cookie holds a random token, the database only its SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { PREPARED, primary, type Database, type Db } from '../db/database.js';
import type { Clock } from '../clock.js';
import type { Actor } from './actor.js';

export const SESSION_COOKIE = 'spire_session';
const TTL_HOURS = 12;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, clock: Clock, userId: string) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expires = clock.now().add({ hours: TTL_HOURS }).toString();
  await db
    .insertInto('session')
    .values({ token_hash: hash(token), user_id: userId, csrf_token: csrfToken, expires_at: expires })
    .execute();
  return { token, csrfToken, maxAgeSeconds: TTL_HOURS * 3600 };
}

export async function deleteSession(db: Db, token: string) {
  await db.deleteFrom('session').where('token_hash', '=', hash(token)).execute();
  forgetSessions(db);
}

/** After a change to sessions, users or their units has committed: this process forgets the sessions it holds at
 *  once (the others when the notification arrives). */
export function forgetSessions(db: Db) {
  caches.get(primary(db))?.drop();
}

interface Held {
  actor: Actor;
  csrfToken: string;
  expiresMs: number;
  validFrom: string;
  validTo: string | null;
  readAt: number;
}

/**
 * The sessions this process has read, so a request does not read its session from the database. They are held only
 * while the process listens on 'spire_auth' (migration 035): any change to a session, a user or a user's units drops
 * them all. Expiry and the user's validity are checked against Spire's clock on every hit, and an entry is read again
 * after a minute in any case. A read that began before a drop is not kept (the generation moved).
 */
class SessionCache {
  private held = new Map<string, Held>();
  private generation = 0;
  live = false;

  drop() {
    this.generation++;
    this.held.clear();
  }

  get(tokenHash: string, clock: Clock): Held | undefined {
    if (!this.live) return undefined;
    const h = this.held.get(tokenHash);
    if (!h) return undefined;
    const today = clock.today().toString();
    const fresh = performance.now() - h.readAt < MAX_HOLD_MS && h.expiresMs > clock.now().epochMilliseconds;
    if (fresh && h.validFrom <= today && (h.validTo === null || today < h.validTo)) return h;
    this.held.delete(tokenHash);
    return undefined;
  }

  /** Keeps `h` unless a drop happened since `generation` was taken (before the read). */
  keep(tokenHash: string, h: Held, generation: number) {
    if (!this.live || generation !== this.generation) return;
    if (this.held.size >= MAX_HELD) this.held.clear();
    this.held.set(tokenHash, h);
  }

  /** Taken before a read, given to keep(). */
  get mark() {
    return this.generation;
  }
}

const MAX_HOLD_MS = 60_000,
  MAX_HELD = 100_000;
const caches = new WeakMap<Db, SessionCache>();

/** Starts holding the sessions read through `database` (buildApp calls it). If the listening connection is lost, the
 *  sessions are read from the database again until listening is restored. Returns a function that stops. */
export async function holdSessions(database: Database): Promise<() => Promise<void>> {
  const cache = new SessionCache();
  caches.set(database.db, cache);
  let stop: (() => Promise<void>) | null = null,
    closed = false,
    retry: NodeJS.Timeout | undefined;
  const start = async () => {
    try {
      stop = await database.listen('spire_auth', () => cache.drop(), lost);
      if (closed) {
        await stop();
        return;
      }
      cache.drop();
      cache.live = true;
    } catch {
      lost();
    }
  };
  function lost() {
    cache.live = false;
    cache.drop();
    clearTimeout(retry);
    if (!closed) retry = setTimeout(() => void start(), 1000);
  }
  await start();
  return async () => {
    closed = true;
    clearTimeout(retry);
    cache.live = false;
    if (caches.get(database.db) === cache) caches.delete(database.db);
    await stop?.();
  };
}

export async function loadSession(
  db: Db,
  clock: Clock,
  token: string,
): Promise<{ actor: Actor; csrfToken: string } | null> {
  const tokenHash = hash(token),
    cache = caches.get(primary(db));
  const held = cache?.get(tokenHash, clock);
  if (held) return held;
  const generation = cache?.mark ?? 0;
  // Otherwise one prepared statement (planned once per connection).
  const { rows } = await sql<
    AppUserRow & { csrf_token: string; expires_ms: number; valid_from: string; valid_to: string | null }
  >`${sql.raw(PREPARED)}
    select u.id, u.role, u.name, u.person_id, u.municipality_code, s.csrf_token,
      (extract(epoch from s.expires_at) * 1000)::float8 as expires_ms,
      coalesce(lower(u.valid)::text, '') as valid_from, upper(u.valid)::text as valid_to
    from session s join app_user u on u.id = s.user_id
    where s.token_hash = ${tokenHash} and s.expires_at > ${clock.now().toString()}::timestamptz
      -- A user ended (or not yet started) has no session, whatever its cookie says.
      and u.valid @> ${clock.today().toString()}::date`.execute(db);
  const row = rows[0];
  if (!row) return null;
  const actor = await actorFor(db, row);
  Object.freeze(actor.unitIds);
  const h: Held = {
    actor: Object.freeze(actor),
    csrfToken: row.csrf_token,
    expiresMs: row.expires_ms,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    readAt: performance.now(),
  };
  cache?.keep(tokenHash, h, generation);
  return h;
}

/** The columns of app_user an actor is made of. */
export const APP_USER_COLUMNS = ['id', 'role', 'name', 'person_id', 'municipality_code'] as const;
export interface AppUserRow {
  id: string;
  role: Actor['role'];
  name: string;
  person_id: string | null;
  municipality_code: string | null;
}

export async function actorFor(db: Db, u: AppUserRow): Promise<Actor> {
  const units =
    u.role === 'unit_leader' || u.role === 'unit_staff'
      ? await db.selectFrom('user_unit').select('unit_id').where('user_id', '=', u.id).execute()
      : [];
  return {
    userId: u.id,
    role: u.role,
    name: u.name,
    personId: u.person_id,
    unitIds: units.map((r) => r.unit_id),
    municipalityCode: u.municipality_code,
  };
}
