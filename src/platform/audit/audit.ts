// The audit trail: one append-only row per read or change of personal data.
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { RequestContext } from '../http/context.js';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectIds: readonly string[];
  details?: Record<string, unknown>;
}

export async function audit(db: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(ctx, entry)).execute();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A refused request (403): who tried what on whom. Subjects are the ids in the path; the route is its template, so
 *  no value of the request is copied (CPR never travels in URLs, bodies are not logged). */
export async function auditRefusal(req: FastifyRequest, reason: string): Promise<void> {
  if (!req.ctx) return;
  const params = (req.params ?? {}) as Record<string, unknown>;
  const subjectIds = Object.values(params).filter((v): v is string => typeof v === 'string' && UUID.test(v));
  await audit(req.ctx.db, req.ctx, {
    action: 'access-denied',
    subjectType: 'request',
    subjectIds,
    details: { method: req.method, route: req.routeOptions?.url ?? null, reason },
  }).catch((e) => req.log.error({ err: e }, 'audit of a refused request failed'));
}

/** The audit_log row of an entry, for callers that write it inside a larger statement. */
export function auditRow(ctx: RequestContext, entry: AuditEntry) {
  return {
    user_id: ctx.actor?.userId ?? null,
    user_role: ctx.actor?.role ?? null,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_ids: [...entry.subjectIds],
    ip: ctx.ip,
    user_agent: ctx.userAgent,
    details: JSON.stringify(entry.details ?? {}),
  };
}

/** Who read or changed data about these people, newest first (the citizen's insight request). */
export async function auditAbout(db: Db, subjectIds: string[], limit = 500) {
  if (!subjectIds.length) return [];
  return db
    .selectFrom('audit_log')
    .select(['at', 'user_id', 'user_role', 'action'])
    .where(sql<boolean>`subject_ids && ${sql.val(subjectIds)}::uuid[]`)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Retention (issue 16): audit rows written by these (staff) users before `before`. */
export async function auditRowsDue(db: Db, userIds: string[], before: string): Promise<number> {
  if (!userIds.length) return 0;
  const r = await db
    .selectFrom('audit_log')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', 'in', userIds)
    .where('at', '<', before)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Deletes them through the owner's function (the application may not delete audit rows itself; never younger than a
 *  year). Returns how many. */
export async function purgeAuditRows(trx: Db, userIds: string[], before: string): Promise<number> {
  if (!userIds.length) return 0;
  const r = await sql<{
    n: string;
  }>`select spire_purge_audit_log(${userIds}::uuid[], ${before}::timestamptz) as n`.execute(trx);
  return Number(r.rows[0]!.n);
}
