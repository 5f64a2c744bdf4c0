// A unit's day: registrations, the live overview, the event trail and the history.
import { z } from 'zod';
import { date, hhmm } from './fields.js';

/** A child's registration for a day after a tap or a correction. */
export const Registration = z.object({
  childId: z.uuid(),
  date,
  status: z.number().int(),
  checkIn: hhmm,
  checkOut: hhmm,
  pickupBy: z.string().nullable(),
});
export type Registration = z.infer<typeof Registration>;

export const Hour = z.object({ hour: z.number().int(), present: z.number().int() });
export type Hour = z.infer<typeof Hour>;
const Counts = z.object({
  placed: z.number().int(),
  present: z.number().int(),
  sick: z.number().int(),
  absent: z.number().int(),
  checkedOut: z.number().int(),
  notArrived: z.number().int(),
  fte: z.object({ placed: z.number(), present: z.number() }),
  byAge: z.array(z.object({ band: z.string(), placed: z.number().int(), present: z.number().int() })),
});
export const OverviewChild = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  initials: z.string(),
  ageMonths: z.number().int(),
  ageBand: z.string(),
  status: z.number().int(),
  checkIn: hhmm,
  checkOut: hhmm,
  pickupBy: z.string().nullable(),
  absence: z.enum(['sick', 'day_off', 'holiday']).nullable(),
  hoursPerWeek: z.number(),
  fte: z.number(),
});
export type OverviewChild = z.infer<typeof OverviewChild>;
export const OverviewGroup = Counts.extend({
  name: z.string(),
  hours: z.array(Hour),
  children: z.array(OverviewChild),
});
export type OverviewGroup = z.infer<typeof OverviewGroup>;
export const Overview = z.object({
  unit: z.object({ id: z.uuid(), name: z.string() }),
  today: date,
  date,
  closed: z.string().nullable(),
  totals: Counts,
  hours: z.array(Hour),
  groups: z.array(OverviewGroup),
});
export type Overview = z.infer<typeof Overview>;

export const AttendanceEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(['check_in', 'check_out', 'status', 'pickup', 'correction']),
  status: z.number().int(),
  checkIn: hhmm,
  checkOut: hhmm,
  pickupBy: z.string().nullable(),
  reason: z.string().nullable(),
  by: z.string().nullable(),
});
export type AttendanceEvent = z.infer<typeof AttendanceEvent>;

export const HistoryDay = z.object({
  date,
  closed: z.string().nullable(),
  placed: z.number().int(),
  absent: z.number().int(),
  planned: z.number().int(),
  actual: z.number().int(),
  difference: z.number().int(),
});
export type HistoryDay = z.infer<typeof HistoryDay>;
