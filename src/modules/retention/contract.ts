// The retention API: rules, runs (dry run and erase) and the people a run concerns. The web imports these types.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';

export const RetentionCounts = z.object({
  childCase: z.number().int(),
  applications: z.number().int(),
  attendance: z.number().int(),
  invoices: z.number().int(),
  auditLog: z.number().int(),
  persons: z.number().int(),
  held: z.number().int(),
});
export type RetentionCounts = z.infer<typeof RetentionCounts>;
export const RetentionRules = z.object({
  childCase: z.number().int(),
  applications: z.number().int(),
  attendance: z.number().int(),
  invoices: z.number().int(),
  auditLog: z.number().int(),
});
export const RetentionRun = z.object({
  id: z.uuid(),
  mode: z.enum(['dry_run', 'erase']),
  trigger: z.enum(['staff', 'nightly']),
  runOn: z.iso.date(),
  startedBy: z.string().nullable(),
  createdAt: z.string(),
  counts: RetentionCounts,
  rules: RetentionRules,
});
export type RetentionRun = z.infer<typeof RetentionRun>;
export const RetentionOverview = z.object({
  rules: z.array(z.object({ category: z.string(), key: z.string(), years: z.number().int(), isDefault: z.boolean() })),
  eraseNightly: z.boolean(),
  latestDryRun: RetentionRun.nullable(),
  runs: z.array(RetentionRun),
});
export type RetentionOverview = z.infer<typeof RetentionOverview>;
export const RetentionPersons = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  rows: z.array(
    z.object({
      personId: z.uuid(),
      name: z.string(),
      birthDate: z.iso.date(),
      category: z.enum(['childCase', 'applications', 'guardian']),
    }),
  ),
});
export type RetentionPersons = z.infer<typeof RetentionPersons>;

export const retentionError = domainErrors({
  'retention.run-not-found': 'not-found',
  'retention.dry-run-not-latest': 'conflict',
  'retention.dry-run-stale': 'conflict',
});

export const retentionContract = {
  overview: {
    summary: 'The retention rules in force, the latest dry run and the log of runs',
    response: RetentionOverview,
  },
  persons: {
    summary: 'The people a run concerns (by name, no CPR), paged',
    params: z.object({ id: z.uuid() }),
    querystring: z.object({
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: RetentionPersons,
    errors: ['retention.run-not-found'],
  },
  dryRun: {
    summary: 'Find what is due for erasure today and report it, erasing nothing',
    response: RetentionRun,
    status: 201,
  },
  erase: {
    summary: 'Erase and anonymise what the latest dry run found (refused when today finds something else)',
    body: z.object({ dryRunId: z.uuid() }),
    response: RetentionRun,
    status: 201,
    errors: ['retention.dry-run-not-latest', 'retention.dry-run-stale'],
  },
} as const;
