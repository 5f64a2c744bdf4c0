// Entrance terminals: a tablet authorised for one unit by a secret token. Only the token's SHA-256 is stored;
// the token is shown once when a unit leader creates the terminal and sent by the tablet in `x-terminal-token`.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import { attendanceError as fail } from './contract.js';

export const TERMINAL_HEADER = 'x-terminal-token';
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createTerminal(
  db: Db,
  unitId: string,
  name: string,
  createdBy: string | null,
  token = randomBytes(24).toString('base64url'),
) {
  const row = await db
    .insertInto('terminal')
    .values({ unit_id: unitId, name, token_hash: hashToken(token), created_by: createdBy })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, createdAt: row.created_at, token };
}

export interface TerminalActor {
  terminalId: string;
  unitId: string;
  name: string;
}

// Known tokens per database for a minute, so a tap in the morning rush costs no extra lookup. Revoking in this process
// forgets the terminal at once (Spire is one process).
const CACHE_MS = 60_000;
const cache = new WeakMap<Db, Map<string, { terminal: TerminalActor; until: number }>>();
export function forgetTerminal(db: Db, terminalId: string) {
  const m = cache.get(db);
  if (m) for (const [k, v] of m) if (v.terminal.terminalId === terminalId) m.delete(k);
}

/** The terminal calling, from its token header; 401 when missing, unknown or revoked. */
export async function requireTerminal(req: FastifyRequest): Promise<TerminalActor> {
  const token = req.headers[TERMINAL_HEADER];
  if (typeof token !== 'string' || token.length < 16 || token.length > 200)
    throw fail('attendance.terminal-unauthorized');
  const db = req.ctx.db,
    hash = hashToken(token);
  let known = cache.get(db);
  if (!known) {
    known = new Map();
    cache.set(db, known);
  }
  const hit = known.get(hash);
  if (hit && hit.until > performance.now()) return hit.terminal;
  const t = await db
    .selectFrom('terminal')
    .select(['id', 'unit_id', 'name'])
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!t) {
    known.delete(hash);
    throw fail('attendance.terminal-revoked');
  }
  const terminal = { terminalId: t.id, unitId: t.unit_id, name: t.name };
  known.set(hash, { terminal, until: performance.now() + CACHE_MS });
  return terminal;
}
