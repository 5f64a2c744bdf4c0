// The placement API: request and response schemas, refusal codes. The web imports these types. The schemas by
// audience are in contract/ (citizen, staff, casework), re-exported; here the refusal codes and the operations.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';
import { byId, hours, id, isoDate, placeKind, placementKind, reason, weeklyHours, wishes } from './contract/fields.js';
import {
  Accepted,
  ApplicationChanged,
  ApplicationRules,
  Applied,
  Ok,
  Overview,
  Withdrawn,
} from './contract/citizen.js';
import {
  GuaranteeRisk,
  InboxItem,
  OffersMade,
  PlacementRules,
  RoundView,
  TransfersMade,
  Waitlist,
  WAITLIST_SORT,
} from './contract/staff.js';
import { CaseworkView, Enrolled, HoursChange, OutlookMonth } from './contract/casework.js';
export * from './contract/citizen.js';
export * from './contract/staff.js';
export * from './contract/casework.js';

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
