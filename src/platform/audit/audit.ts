// The audit trail: one append-only row per read or change of personal data.
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
