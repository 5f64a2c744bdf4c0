// Server-side sessions: the cookie holds a random token, the database only its SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { PREPARED, type Db } from '../db/database.js';
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
}

export async function loadSession(
  db: Db,
  clock: Clock,
  token: string,
): Promise<{ actor: Actor; csrfToken: string } | null> {
  // Every request reads its session: one prepared statement (planned once per connection).
  const { rows } = await sql<AppUserRow & { csrf_token: string }>`${sql.raw(PREPARED)}
    select u.id, u.role, u.name, u.person_id, u.municipality_code, s.csrf_token
    from session s join app_user u on u.id = s.user_id
    where s.token_hash = ${hash(token)} and s.expires_at > ${clock.now().toString()}::timestamptz
      -- A user ended (or not yet started) has no session, whatever its cookie says.
      and u.valid @> ${clock.today().toString()}::date`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return { actor: await actorFor(db, row), csrfToken: row.csrf_token };
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
