// The placement API: request and response schemas, refusal codes. The web imports these types.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';
import { PlacementSchema } from '../people/index.js';
import { PLACE_KINDS } from './rules.js';

export const placementError = domainErrors({
  'placement.not-your-child': 'forbidden',
  'placement.place-not-yours': 'forbidden',
  'placement.child-not-found': 'not-found',
  'placement.needed-before-birth': 'invalid',
  'placement.needed-in-past': 'invalid',
  'placement.too-early': 'invalid',
  'placement.needed-after-school': 'invalid',
  'placement.kind-not-for-age': 'invalid',
  'placement.no-wishes': 'invalid',
  'placement.duplicate-wish': 'invalid',
  'placement.too-many-wishes': 'invalid',
  'placement.wish-not-found': 'invalid',
  'placement.wish-closed': 'invalid',
  'placement.wish-wrong-kind': 'invalid',
  'placement.already-waiting': 'conflict',
  'placement.application-not-found': 'not-found',
  'placement.application-not-active': 'conflict',
  'placement.offer-pending': 'conflict',
  'placement.start-in-past': 'invalid',
  'placement.no-room': 'conflict',
  'placement.offer-not-found': 'not-found',
  'placement.offer-not-open': 'conflict',
  'placement.offer-expired': 'conflict',
  'placement.already-placed': 'conflict',
  'placement.place-not-found': 'not-found',
  'placement.already-ended': 'conflict',
  'placement.preview-stale': 'conflict',
  'placement.round-not-found': 'not-found',
  'placement.round-decided': 'conflict',
  'placement.bad-horizon': 'invalid',
  'placement.unit-closed': 'invalid',
  'placement.task-not-found': 'not-found',
  'placement.distribution-rule': 'conflict',
  'placement.unit-wrong-kind': 'invalid',
  'placement.same-unit': 'invalid',
  'placement.move-date': 'invalid',
  'placement.bad-last-day': 'invalid',
  'placement.hours-date': 'invalid',
  'placement.same-hours': 'invalid',
});
export type PlacementErrorCode = keyof typeof placementError.codes;

const id = z.guid();
const isoDate = z.string();
const Text = z.object({ da: z.string(), en: z.string() });
const placeKind = z.enum(PLACE_KINDS as readonly [(typeof PLACE_KINDS)[number], ...(typeof PLACE_KINDS)[number][]]);
const placementKind = z.enum(['dagtilbud', 'fritidstilbud', 'klub']);
const priority = z.enum(['special_needs', 'moving_in', 'sibling', 'distance', 'seniority']);
const byId = z.object({ id: z.uuid() });
const wishes = z.array(z.uuid()).min(1).max(10);
const hours = z.union([z.literal(30), z.literal(40)]);
const Ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof Ok>;

// Citizen: the overview of my children.
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

// Staff.
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

// Casework on a family's behalf (the child page's "Sagsbehandling").
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
const reason = z.string().trim().min(3).max(500);
const weeklyHours = z.number().int().min(1).max(60);
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

const CUSTODY = ['placement.not-your-child'] as const;
const VALIDATION = [
  'placement.child-not-found',
  'placement.needed-before-birth',
  'placement.needed-in-past',
  'placement.too-early',
  'placement.needed-after-school',
  'placement.kind-not-for-age',
  'placement.no-wishes',
  'placement.duplicate-wish',
  'placement.too-many-wishes',
  'placement.wish-not-found',
  'placement.wish-closed',
  'placement.wish-wrong-kind',
] as const;
const OFFER = [
  'placement.application-not-found',
  'placement.application-not-active',
  'placement.offer-pending',
  'placement.start-in-past',
  'placement.no-room',
  'placement.already-placed',
] as const;
const PLACE = ['placement.place-not-found'] as const;
const ENROL = [
  'placement.child-not-found',
  'placement.unit-closed',
  'placement.unit-wrong-kind',
  'placement.too-early',
  'placement.start-in-past',
  'placement.already-placed',
  'placement.distribution-rule',
  'placement.no-room',
] as const;
/** A booking on the family's behalf: booking's own refusals (the family's rules) and § 26 a. */
const BOOK = [
  'placement.child-not-found',
  'placement.distribution-rule',
  'booking.unit-not-daycare',
  'booking.no-longer-free',
  'booking.already-booked',
  'booking.place-starts-in-period',
  'booking.already-in-unit',
  'booking.too-young',
  'booking.school-age',
  'booking.age-band',
  'booking.waitlist',
  'booking.hybrid-too-soon',
  'booking.past',
  'booking.beyond-horizon',
  'booking.closed-day',
  'booking.full',
] as const;
const BOOKING = ['booking.not-found', 'booking.already-cancelled', 'booking.change-deadline'] as const;
const Booked = z.object({
  bookingId: id,
  unitId: id,
  unitName: z.string(),
  start: isoDate,
  end: isoDate,
  changeDeadline: isoDate,
  /** The booking met the child's application on or before its garantidato (pasningsgarantien, § 23). */
  guarantee: z.boolean(),
});
const ROUND = ['placement.round-not-found', 'placement.round-decided', 'placement.preview-stale', ...OFFER] as const;

export const placementContract = {
  // Citizen
  overview: {
    summary: 'My children: applications with waitlist positions and garantidato, offers, places',
    response: Overview,
  },
  applicationRules: {
    summary: "The application form's rules for my child on a date: kinds that fit the age, wishes allowed, dates",
    querystring: z.object({ childId: id, neededFrom: z.iso.date().optional(), placeKind: placeKind.optional() }),
    response: ApplicationRules,
    errors: [...CUSTODY, 'placement.child-not-found'],
  },
  apply: {
    summary: 'Apply for a place for a child in my custody',
    body: z
      .object({ childId: z.uuid(), placeKind, neededFrom: z.iso.date(), hoursPerWeek: hours.default(40), wishes })
      .strict(),
    response: Applied,
    status: 201,
    errors: [...CUSTODY, ...VALIDATION, 'placement.already-waiting'],
  },
  change: {
    summary: "Change the date, hours or wishes of my child's application",
    params: byId,
    body: z
      .object({ neededFrom: z.iso.date().optional(), hoursPerWeek: hours.optional(), wishes: wishes.optional() })
      .strict(),
    response: ApplicationChanged,
    errors: [...CUSTODY, ...VALIDATION, 'placement.application-not-found', 'placement.application-not-active'],
  },
  withdrawApplication: {
    summary: "Withdraw my child's application",
    params: byId,
    response: Ok,
    errors: [...CUSTODY, 'placement.application-not-found', 'placement.application-not-active'],
  },
  accept: {
    summary: 'Accept an offer: the child gets the place',
    params: byId,
    response: Accepted,
    errors: [
      ...CUSTODY,
      'placement.offer-not-found',
      'placement.offer-not-open',
      'placement.offer-expired',
      'placement.already-placed',
      'placement.no-room',
    ],
  },
  decline: {
    summary: 'Decline an offer: the unit leaves the wishes, the place goes to the next child',
    params: byId,
    response: Ok,
    errors: [...CUSTODY, 'placement.offer-not-found', 'placement.offer-not-open'],
  },
  withdrawPlacement: {
    summary: 'Udmeldelse: the place ends after the notice period',
    params: byId,
    response: Withdrawn,
    errors: [...CUSTODY, 'placement.place-not-yours', 'placement.place-not-found', 'placement.already-ended'],
  },
  // Staff
  waitlist: {
    summary:
      'The waitlists: every wish of every active application with its priority and position, one page at a time (limit at most 500)',
    querystring: z.object({
      unitId: z.uuid().optional(),
      areaId: z.uuid().optional(),
      ageBand: z.enum(['0-2', '3-5', '6-9', '10-13']).optional(),
      startMonth: z
        .string()
        .regex(/^\d{4}-\d{2}$/)
        .optional(),
      priority: z.string().max(40).optional(),
      /** Column to sort by (default: unit, then position on its list); ties keep that order. */
      sort: z.enum(WAITLIST_SORT).optional(),
      direction: z.enum(['ascending', 'descending']).default('ascending'),
      offset: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(500).default(500),
    }),
    response: Waitlist,
  },
  guarantee: { summary: 'Children at risk of a guarantee breach (§23/§25)', response: z.array(GuaranteeRisk) },
  previewRound: {
    summary: 'Preview an allocation round up to a horizon (no offers are sent yet)',
    body: z.object({ kind: placementKind.default('dagtilbud'), horizon: z.iso.date() }).strict(),
    response: RoundView,
    status: 201,
    errors: ['placement.bad-horizon', 'placement.round-not-found'],
  },
  round: {
    summary: "A round's preview or result",
    params: byId,
    response: RoundView,
    errors: ['placement.round-not-found'],
  },
  approveRound: {
    summary: 'Approve a previewed round: its offers are sent',
    params: byId,
    response: OffersMade,
    errors: [...ROUND],
  },
  manualOffer: {
    summary: 'A manual offer with a reason (e.g. a guarantee place)',
    body: z
      .object({
        applicationId: z.uuid(),
        unitId: z.uuid(),
        start: z.iso.date(),
        reason: z.string().trim().min(3).max(500),
        guarantee: z.boolean().optional(),
      })
      .strict(),
    response: z.object({ id }),
    status: 201,
    errors: ['placement.unit-closed', 'placement.distribution-rule', ...OFFER],
  },
  setPriority: {
    summary: 'Set special needs or moving in on an application',
    params: byId,
    body: z.object({ specialNeeds: z.boolean().optional(), movingIn: z.boolean().optional() }).strict(),
    response: Ok,
    errors: ['placement.application-not-found'],
  },
  inbox: {
    summary: 'The staff inbox: applications, changes, answers and withdrawals to look at (newest 200)',
    querystring: z.object({ all: z.coerce.boolean().optional() }),
    response: z.array(InboxItem),
  },
  handleTask: {
    summary: 'Mark an inbox task handled',
    params: byId,
    response: Ok,
    errors: ['placement.task-not-found'],
  },
  rules: {
    summary: "The municipality's placement rules in force today and the priority classes",
    response: PlacementRules,
  },
  outlook: {
    summary: "A unit's capacity against occupancy and pending offers, the next 12 months",
    params: byId,
    response: z.array(OutlookMonth),
  },
  aarsrulning: { summary: 'Yearly transfers: applications for the next kind of place', response: TransfersMade },
  caseworkView: {
    summary: 'Casework on a child: places with rate and full-time equivalent, active applications, the log of actions',
    params: byId,
    response: CaseworkView,
    errors: ['placement.child-not-found'],
  },
  caseworkApply: {
    summary: "Apply for a place on the family's behalf (the citizen's rules), with a reason and the priority flags",
    body: z
      .object({
        childId: z.uuid(),
        placeKind,
        neededFrom: z.iso.date(),
        hoursPerWeek: hours.default(40),
        wishes,
        specialNeeds: z.boolean().default(false),
        movingIn: z.boolean().default(false),
        reason,
      })
      .strict(),
    response: Applied,
    status: 201,
    errors: [...VALIDATION, 'placement.already-waiting'],
  },
  caseworkChange: {
    summary: "Change the date, hours or wishes of an application on the family's behalf, with a reason",
    params: byId,
    body: z
      .object({
        neededFrom: z.iso.date().optional(),
        hoursPerWeek: hours.optional(),
        wishes: wishes.optional(),
        reason,
      })
      .strict(),
    response: ApplicationChanged,
    errors: [...VALIDATION, 'placement.application-not-found', 'placement.application-not-active'],
  },
  caseworkFlags: {
    summary: 'Set special needs (§ 26 a / priority) and moving in (tilflytter) on an application, with a reason',
    params: byId,
    body: z.object({ specialNeeds: z.boolean(), movingIn: z.boolean(), reason }).strict(),
    response: Ok,
    errors: ['placement.application-not-found', 'placement.application-not-active'],
  },
  caseworkEnrol: {
    summary: 'Enrol a child directly in a unit from a date, under the capacity lock and § 26 a, with a reason',
    body: z
      .object({ childId: z.uuid(), unitId: z.uuid(), start: z.iso.date(), hoursPerWeek: weeklyHours, reason })
      .strict(),
    response: Enrolled,
    status: 201,
    errors: [...ENROL],
  },
  caseworkBook: {
    summary:
      "Book a concrete place (book en plads) on the family's behalf: booking's lock and re-check, § 26 a, a reason, a letter",
    body: z
      .object({ childId: z.uuid(), unitId: z.uuid(), start: z.iso.date(), hoursPerWeek: weeklyHours, reason })
      .strict(),
    response: Booked,
    status: 201,
    errors: [...BOOK],
  },
  caseworkMoveBooking: {
    summary: "Move a booking on the family's behalf to another unit or start date, with a reason and a letter",
    params: byId,
    body: z.object({ unitId: z.uuid(), start: z.iso.date(), hoursPerWeek: weeklyHours.optional(), reason }).strict(),
    response: Booked,
    errors: [...BOOK, ...BOOKING, 'booking.current-place-not-extendable'],
  },
  caseworkCancelBooking: {
    summary: "Cancel a booking on the family's behalf (the place is given free), with a reason and a letter",
    params: byId,
    body: z.object({ reason }).strict(),
    response: z.object({ bookingId: id, previousPlaceRestored: z.boolean() }),
    errors: [...BOOKING],
  },
  caseworkTransfer: {
    summary: 'Transfer a place to another unit from a date (the old place ends the day before), with a reason',
    params: byId,
    body: z.object({ unitId: z.uuid(), start: z.iso.date(), reason }).strict(),
    response: Enrolled,
    status: 201,
    errors: [...PLACE, ...ENROL, 'placement.same-unit', 'placement.move-date'],
  },
  caseworkWithdraw: {
    summary:
      "Udmeldelse on the family's behalf: the notice period applies, or it is waived with a reason and a last day",
    params: byId,
    body: z
      .object({ reason, waiveNotice: z.boolean().default(false), lastDay: z.iso.date().optional() })
      .strict()
      .refine((b) => !b.waiveNotice || !!b.lastDay, { message: 'lastDay is required when the notice is waived' }),
    response: Withdrawn,
    errors: [...PLACE, 'placement.already-ended', 'placement.bad-last-day'],
  },
  caseworkHours: {
    summary: "Change a place's weekly hours from a date (the fee and the full-time equivalent follow), with a reason",
    params: byId,
    body: z.object({ from: z.iso.date(), hoursPerWeek: weeklyHours, reason }).strict(),
    response: HoursChange,
    errors: [...PLACE, 'placement.start-in-past', 'placement.hours-date', 'placement.same-hours'],
  },
  caseworkHoursPreview: {
    summary: "What a change of a place's weekly hours from a date would do to the rate and the full-time equivalent",
    params: byId,
    querystring: z.object({ from: z.iso.date(), hoursPerWeek: z.coerce.number().int().min(1).max(60) }),
    response: HoursChange,
    errors: [...PLACE, 'placement.hours-date'],
  },
  continuousAllocation: {
    summary: 'Run the engine now and send the offers it finds',
    response: OffersMade,
    errors: [...ROUND],
  },
} as const;
