// The monthly payout run: its preview, the approved run and the list of runs.
import { z } from 'zod';
import { date, id, month, muni } from './fields.js';

export const PreviewLine = z.object({
  caseId: id,
  childId: id,
  child: z.string(),
  payeeId: id,
  payee: z.string(),
  dueOere: z.number().int(),
  siblingOere: z.number().int(),
  paidOere: z.number().int(),
  amountOere: z.number().int(),
  kind: z.enum(['payment', 'correction', 'unchanged']),
});
/** The month's lines compared with what was paid: `new` (a first payment), `changed` (a correction) and `unchanged`
 *  count every line of the month; a run writes the new and changed ones (`changes`, `totalOere`). */
export const PreviewSummary = z.object({
  cases: z.number().int(),
  changes: z.number().int(),
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  totalOere: z.number().int(),
  dueOere: z.number().int(),
  paidOere: z.number().int(),
});
export type PreviewSummary = z.infer<typeof PreviewSummary>;
export const PREVIEW_PAGE_SIZE = 50;
export const PreviewQuery = z.object({
  municipality: muni,
  month,
  /** 1-based; past the last page answers the last page. */
  page: z.coerce.number().int().min(1).default(1),
  size: z.coerce.number().int().min(1).max(500).default(PREVIEW_PAGE_SIZE),
  /** `changes`: only the lines a run would write. */
  filter: z.enum(['all', 'changes']).default('all'),
});
/** The summary of the whole month and one page of its lines (the changes first, then by payee and child): `total`
 *  lines match the filter, in `pages` pages of `size`. */
export const Preview = z.object({
  municipality: z.string(),
  month: date,
  summary: PreviewSummary,
  skipped: z.array(z.object({ caseId: id, reason: z.string() })),
  filter: z.enum(['all', 'changes']),
  page: z.number().int(),
  size: z.number().int(),
  pages: z.number().int(),
  total: z.number().int(),
  lines: z.array(PreviewLine),
});
export type Preview = z.infer<typeof Preview>;
export const RunOut = z.object({
  runId: id.nullable(),
  lines: z.number().int(),
  totalOere: z.number().int(),
  recoveries: z.number().int(),
});
export type RunOut = z.infer<typeof RunOut>;
export const RunRow = z.object({
  id,
  month: date,
  lines: z.number().int(),
  totalOere: z.number().int(),
  createdAt: z.string(),
});
export type RunRow = z.infer<typeof RunRow>;
