// Staff: waitlists, guarantee risks, rounds, the inbox and the placement rules.
import { z } from 'zod';
import { Text, id, isoDate, placeKind, placementKind, priority } from './fields.js';

export const WaitlistRow = z.object({
  applicationId: id,
  childId: id,
  childName: z.string(),
  birthDate: isoDate,
  placeKind,
  placementKind,
  neededFrom: isoDate,
  hoursPerWeek: z.number(),
  seniorityDate: isoDate,
  guaranteeDate: isoDate.nullable(),
  unitId: id,
  unitName: z.string(),
  areaId: id.nullable(),
  rank: z.number(),
  priority,
  position: z.number(),
  km: z.number().nullable(),
  priorityText: Text,
});
export type WaitlistRow = z.infer<typeof WaitlistRow>;
/** The waitlist's sortable columns (the staff page's headers). */
export const WAITLIST_SORT = [
  'unit',
  'position',
  'child',
  'rank',
  'priority',
  'neededFrom',
  'guaranteeDate',
  'km',
] as const;
export type WaitlistSort = (typeof WAITLIST_SORT)[number];
/** One page of the filtered waitlist: `total` wishes match the filters, `rows` are those from `offset`. */
export const Waitlist = z.object({ total: z.number(), offset: z.number(), rows: z.array(WaitlistRow) });
export type Waitlist = z.infer<typeof Waitlist>;

export const GuaranteeRisk = z.object({
  applicationId: id,
  childId: id,
  childName: z.string(),
  birthDate: isoDate,
  placeKind,
  neededFrom: isoDate,
  guaranteeDate: isoDate,
  daysLeft: z.number(),
  guaranteeDaysLeft: z.number(),
  breached: z.boolean(),
});
export type GuaranteeRisk = z.infer<typeof GuaranteeRisk>;

const RoundMetrics = z.object({
  applicants: z.number(),
  placed: z.number(),
  unplaced: z.number(),
  firstChoiceShare: z.number(),
  byRank: z.array(z.number()),
  justifiedEnvy: z.number(),
  siblingExemptEnvy: z.number(),
  waste: z.number(),
  siblingGroups: z.number(),
  siblingCoLocation: z.number(),
});
export const RoundOffer = z.object({
  applicationId: id,
  childName: z.string(),
  unitId: id,
  unitName: z.string(),
  rank: z.number(),
  start: isoDate,
  priority: z.string(),
  explanation: Text,
  guaranteeDate: isoDate.nullable(),
});
export type RoundOffer = z.infer<typeof RoundOffer>;
export const RoundUnplaced = z.object({
  applicationId: id,
  childName: z.string(),
  explanation: Text,
  guaranteeDate: isoDate.nullable(),
});
export type RoundUnplaced = z.infer<typeof RoundUnplaced>;
export const RoundView = z.object({
  id,
  kind: placementKind,
  horizon: isoDate,
  status: z.enum(['preview', 'approved', 'discarded']),
  createdAt: z.string(),
  metrics: RoundMetrics,
  offers: z.array(RoundOffer),
  unplaced: z.array(RoundUnplaced),
});
export type RoundView = z.infer<typeof RoundView>;
export const OffersMade = z.object({ offers: z.number() });
export type OffersMade = z.infer<typeof OffersMade>;
export const TransfersMade = z.object({ created: z.number() });
export type TransfersMade = z.infer<typeof TransfersMade>;

export const InboxItem = z.object({
  id,
  kind: z.enum([
    'application',
    'application_change',
    'application_withdrawn',
    'hours',
    'withdrawal',
    'address',
    'offer_answer',
  ]),
  childId: id.nullable(),
  text: z.string(),
  createdOn: isoDate,
  handledAt: z.string().nullable(),
  handledBy: z.string().nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const PolicyKey = z.object({
  key: z.string(),
  da: z.string(),
  en: z.string(),
  default: z.unknown(),
  current: z.unknown(),
});
export type PolicyKey = z.infer<typeof PolicyKey>;
export const PlacementRules = z.object({ keys: z.array(PolicyKey), classes: z.record(priority, Text) });
export type PlacementRules = z.infer<typeof PlacementRules>;
