// Casework on a family's behalf (the child page's "Sagsbehandling"), hours changes, enrolment and the outlook.
import { z } from 'zod';
import { id, isoDate, placeKind, placementKind } from './fields.js';

const caseworkAction = z.enum([
  'apply',
  'change',
  'flags',
  'enrol',
  'transfer',
  'withdraw',
  'hours',
  'book',
  'move-booking',
  'cancel-booking',
]);
export const CaseworkPlace = z.object({
  id,
  unitId: id,
  unitName: z.string(),
  kind: placementKind,
  start: isoDate,
  end: isoDate.nullable(),
  hoursPerWeek: z.number(),
  /** Billing's monthly rate for the place on its first day from today (øre, før friplads); null: no rate. */
  monthlyRateOere: z.number().nullable(),
  /** The FLIS full-time equivalent of the hours (1, 0.75, 0.5); null: no rules in force. */
  fte: z.number().nullable(),
  noticeWaived: z.string().nullable(),
  /** The place is an active booking (book en plads): moved and cancelled as a booking. */
  bookingId: id.nullable(),
});
export type CaseworkPlace = z.infer<typeof CaseworkPlace>;
export const CaseworkApplication = z.object({
  id,
  placeKind,
  neededFrom: isoDate,
  hoursPerWeek: z.number(),
  guaranteeDate: isoDate.nullable(),
  specialNeeds: z.boolean(),
  movingIn: z.boolean(),
  wishes: z.array(z.object({ unitId: id, unitName: z.string() })),
});
export type CaseworkApplication = z.infer<typeof CaseworkApplication>;
export const CaseworkLogRow = z.object({
  id,
  action: caseworkAction,
  reason: z.string(),
  on: isoDate,
  by: z.string().nullable(),
});
export type CaseworkLogRow = z.infer<typeof CaseworkLogRow>;
export const CaseworkView = z.object({
  childId: id,
  places: z.array(CaseworkPlace),
  applications: z.array(CaseworkApplication),
  /** The open units of the caseworker's municipality, for the forms. */
  units: z.array(z.object({ id, name: z.string(), type: z.string() })),
  noticeLastDay: isoDate,
  log: z.array(CaseworkLogRow),
});
export type CaseworkView = z.infer<typeof CaseworkView>;
const FeeFacts = z.object({
  hoursPerWeek: z.number(),
  monthlyRateOere: z.number().nullable(),
  fte: z.number().nullable(),
});
export const HoursChange = z.object({ from: isoDate, before: FeeFacts, after: FeeFacts });
export type HoursChange = z.infer<typeof HoursChange>;
export const Enrolled = z.object({ placementId: id, guarantee: z.boolean() });
export type Enrolled = z.infer<typeof Enrolled>;

export const OutlookMonth = z.object({ month: isoDate, capacity: z.number(), occupied: z.number() });
export type OutlookMonth = z.infer<typeof OutlookMonth>;
