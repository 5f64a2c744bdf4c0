// Entrance terminals and what the tablet shows.
import { z } from 'zod';
import { date, hhmm } from './fields.js';

export const Terminal = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type Terminal = z.infer<typeof Terminal>;
export const NewTerminal = z.object({ id: z.uuid(), name: z.string(), createdAt: z.string(), token: z.string() });

export const TerminalChild = z.object({
  id: z.uuid(),
  initials: z.string(),
  firstName: z.string(),
  group: z.string(),
  status: z.number().int(),
  checkIn: hhmm,
  checkOut: hhmm,
  pickupBy: z.string().nullable(),
});
export type TerminalChild = z.infer<typeof TerminalChild>;
export const TerminalDay = z.object({
  terminal: z.object({ id: z.uuid(), name: z.string() }),
  unit: z.object({ id: z.uuid(), name: z.string() }),
  date,
  closed: z.string().nullable(),
  present: z.number().int(),
  groups: z.array(z.object({ name: z.string(), children: z.array(TerminalChild) })),
});
export type TerminalDay = z.infer<typeof TerminalDay>;
