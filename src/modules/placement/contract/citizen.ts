// Citizen: the overview of my children, applications, offers, and what the application form may offer.
import { z } from 'zod';
import { PlacementSchema } from '../../people/index.js';
import { Text, id, isoDate, placeKind, priority } from './fields.js';

export const Ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof Ok>;

export const Wish = z.object({
  unitId: id,
  unitName: z.string(),
  rank: z.number(),
  position: z.number(),
  waiting: z.number(),
  priority,
  priorityText: Text,
  siblings: z.array(z.string()),
});
export type Wish = z.infer<typeof Wish>;
export const CitizenApplication = z.object({
  id,
  placeKind,
  neededFrom: isoDate,
  hoursPerWeek: z.number(),
  appliedOn: isoDate,
  seniorityDate: isoDate,
  guaranteeDate: isoDate.nullable(),
  wishes: z.array(Wish),
});
export type CitizenApplication = z.infer<typeof CitizenApplication>;
export const CitizenOffer = z.object({
  id,
  unitId: id,
  unitName: z.string(),
  start: isoDate,
  hoursPerWeek: z.number(),
  deadline: isoDate,
  explanation: z.string(),
  guarantee: z.boolean(),
});
export type CitizenOffer = z.infer<typeof CitizenOffer>;
export const OverviewChild = z.object({
  id,
  name: z.string(),
  birthDate: isoDate,
  placements: z.array(PlacementSchema),
  offers: z.array(CitizenOffer),
  applications: z.array(CitizenApplication),
});
export type OverviewChild = z.infer<typeof OverviewChild>;
export const Overview = z.object({ children: z.array(OverviewChild), noticeLastDay: isoDate.nullable() });
export type Overview = z.infer<typeof Overview>;
export const Applied = z.object({ id, guaranteeDate: isoDate.nullable() });
export type Applied = z.infer<typeof Applied>;
export const ApplicationChanged = z.object({ guaranteeDate: isoDate.nullable() });
export type ApplicationChanged = z.infer<typeof ApplicationChanged>;
export const Accepted = z.object({ placementId: id });
export type Accepted = z.infer<typeof Accepted>;
export const Withdrawn = z.object({ lastDay: isoDate });
export type Withdrawn = z.infer<typeof Withdrawn>;

/** What the application form may offer for a child on a date: the policy and the child's age decide. */
export const ApplicationRules = z.object({
  childId: id,
  birthDate: isoDate,
  neededFrom: isoDate,
  /** The first day the child may start daycare (the policy's earliest start from birth), and that rule. */
  earliestStart: isoDate,
  earliestRule: z.object({ weeks: z.number().optional(), months: z.number().optional() }),
  kinds: z.array(z.object({ kind: placeKind, fits: z.boolean() })),
  suggestedKind: placeKind.nullable(),
  /** Whole months of age at the behovsdato. */
  ageMonths: z.number(),
  maxWishes: z.number(),
  guaranteeDate: isoDate.nullable(),
  guaranteeReason: z.enum(['needed', 'age', 'three-months', 'guarantee-day']).nullable(),
  /** Seniority if the application is sent today (may lie in the future for a newborn). */
  seniorityDate: isoDate,
  offerDeadlineDays: z.number(),
});
export type ApplicationRules = z.infer<typeof ApplicationRules>;
