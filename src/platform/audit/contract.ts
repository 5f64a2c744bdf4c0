// The audit search: who read or changed whose data, searched by names, paged.
import { z } from 'zod';

export const AUDIT_PAGE_SIZE = 50;
/** Beyond this many matches the total is shown as "more than". */
export const AUDIT_COUNT_CAP = 10_000;

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  user: z.object({ name: z.string(), role: z.string().nullable() }).nullable(),
  action: z.string(),
  subjectType: z.string(),
  /** The data subjects, with their names where they are people. */
  subjects: z.array(z.object({ id: z.uuid(), name: z.string().nullable() })),
  ip: z.string().nullable(),
  details: z.json(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const auditContract = {
  search: {
    summary: 'Search the audit log by person (name or id), staff member, action and dates; newest first, paged',
    querystring: z.object({
      person: z.string().trim().max(100).optional(),
      user: z.string().trim().max(100).optional(),
      action: z.string().trim().max(100).optional(),
      from: z.iso.date().optional(),
      to: z.iso.date().optional(),
      page: z.coerce.number().int().min(1).max(10_000).default(1),
    }),
    response: z.object({
      rows: z.array(AuditEntry),
      page: z.number().int(),
      pageSize: z.number().int(),
      /** Matches, capped at AUDIT_COUNT_CAP + 1 ("more than"). */
      total: z.number().int(),
      /** People the person search matched (the log is searched for all of them). */
      people: z.array(z.object({ id: z.uuid(), name: z.string() })),
    }),
  },
} as const;
