// Entrance terminals: a tablet authorised for one unit by a secret token. Only the token's SHA-256 is stored;
// the token is shown once when a unit leader creates the terminal and sent by the tablet in `x-terminal-token`.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import { unauthorized } from '../../platform/http/errors.js';

export const TERMINAL_HEADER = 'x-terminal-token';
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createTerminal(db: Db, unitId: string, name: string, createdBy: string | null, token = randomBytes(24).toString('base64url')) {
  const row = await db.insertInto('terminal').values({ unit_id: unitId, name, token_hash: hashToken(token), created_by: createdBy })
    .returning(['id', 'name', 'created_at']).executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, createdAt: row.created_at, token };
}

export interface TerminalActor { terminalId: string; unitId: string; name: string }

/** The terminal calling, from its token header; 401 when missing, unknown or revoked. */
export async function requireTerminal(req: FastifyRequest): Promise<TerminalActor> {
  const token = req.headers[TERMINAL_HEADER];
  if (typeof token !== 'string' || token.length < 16 || token.length > 200) throw unauthorized('Terminalen er ikke godkendt.');
  const t = await req.ctx.db.selectFrom('terminal').select(['id', 'unit_id', 'name'])
    .where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!t) throw unauthorized('Terminalen er ikke godkendt eller er spærret.');
  return { terminalId: t.id, unitId: t.unit_id, name: t.name };
}
