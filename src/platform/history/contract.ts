// The shape of a row history entry as endpoints send it (historyOf), for module contracts.
import { z } from 'zod';

export const HistoryEntry = z.object({
  at: z.string(),
  op: z.enum(['I', 'U', 'D']),
  table: z.string(),
  actorName: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;
