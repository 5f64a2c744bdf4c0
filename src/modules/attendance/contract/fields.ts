// The field schemas every part of the attendance contract uses.
import { z } from 'zod';

export const date = z.iso.date();
export const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Tid skal skrives TT:MM.');
export const hhmm = z.string().nullable();
export const unitParam = z.object({ unitId: z.uuid() });
export const span = z.object({ from: date, to: date });
export const childDay = unitParam.extend({ childId: z.uuid(), date });
export const childParam = z.object({ childId: z.uuid() });
export const pickup = z.string().trim().max(100).nullable();
export const created = z.object({ id: z.uuid() });
export const empty = z.object({}).strict();
