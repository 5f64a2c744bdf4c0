// The monthly payout run: its preview, the approved run and the list of runs.
import { z } from 'zod';
import { date, id } from './fields.js';

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
export const Preview = z.object({
  municipality: z.string(),
  month: date,
  lines: z.array(PreviewLine),
  changes: z.number().int(),
  totalOere: z.number().int(),
  dueOere: z.number().int(),
  skipped: z.array(z.object({ caseId: id, reason: z.string() })),
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
