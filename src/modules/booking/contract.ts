// The booking API: request and response schemas, refusal codes. The web imports these types.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';
import { LocalDate } from '../../shared/index.js';
import type { Refusal } from './availability.js';

export const bookingError = domainErrors({
  'booking.not-your-child': 'forbidden',
  'booking.child-not-found': 'not-found',
  'booking.unit-not-found': 'not-found',
  'booking.unit-not-daycare': 'not-found',
  'booking.not-found': 'not-found',
  'booking.already-cancelled': 'conflict',
  'booking.change-deadline': 'conflict',
  'booking.current-place-not-extendable': 'conflict',
  'booking.already-booked': 'conflict',
  'booking.place-starts-in-period': 'conflict',
  'booking.already-in-unit': 'conflict',
  'booking.no-longer-free': 'conflict',
  'booking.too-young': 'invalid',
  'booking.school-age': 'invalid',
  'booking.age-band': 'invalid',
  'booking.waitlist': 'invalid',
  'booking.hybrid-too-soon': 'invalid',
  'booking.past': 'invalid',
  'booking.beyond-horizon': 'invalid',
  'booking.closed-day': 'invalid',
  'booking.full': 'conflict',
});
export type BookingErrorCode = keyof typeof bookingError.codes;

/** The refusal code of a start date the booking rules refuse (availability.ts). */
export const REFUSAL_CODE: Record<Refusal, BookingErrorCode> = {
  too_young: 'booking.too-young',
  school_age: 'booking.school-age',
  age_band: 'booking.age-band',
  waitlist: 'booking.waitlist',
  hybrid_too_soon: 'booking.hybrid-too-soon',
  past: 'booking.past',
  beyond_horizon: 'booking.beyond-horizon',
  closed_day: 'booking.closed-day',
  full: 'booking.full',
};

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dato som ÅÅÅÅ-MM-DD')
  .refine((s) => LocalDate.tryParse(s) !== null, 'Ugyldig dato');
const isoDate = z.string();
const mode = z.enum(['booking', 'waitlist', 'hybrid']);
const unitType = z.enum([
  'dagpleje',
  'vuggestue',
  'boernehave',
  'integreret',
  'landsbyordning',
  'fritidshjem',
  'sfo',
  'klub',
]);

const LetterBlock = z.union([
  z.object({ heading: z.string() }),
  z.object({ text: z.string() }),
  z.object({
    table: z.object({
      columns: z.array(z.string()),
      rows: z.array(z.array(z.string())),
      alignRight: z.array(z.number()).optional(),
    }),
  }),
]);
/** The letter the guardians received (also in their inbox and Digital Post). */
export const BookingLetter = z.object({
  kind: z.string(),
  subject: z.string(),
  recipients: z.array(z.string()),
  childId: z.string().nullable().optional(),
  blocks: z.array(LetterBlock),
});

export const AvailabilityItem = z.object({
  unitId: z.uuid(),
  number: z.string(),
  name: z.string(),
  type: z.string(),
  address: z.string(),
  distanceKm: z.number().nullable(),
  start: isoDate,
  end: isoDate,
  onWished: z.boolean(),
});
export type AvailabilityItem = z.infer<typeof AvailabilityItem>;

export const Availability = z.object({
  child: z.object({
    id: z.uuid(),
    name: z.string(),
    birthDate: isoDate,
    earliestStart: isoDate,
    transition: isoDate,
    schoolStart: isoDate,
  }),
  policy: z.object({
    modeNursery: mode,
    modeKindergarten: mode,
    hybridMonths: z.number(),
    changeDeadlineDays: z.number(),
  }),
  items: z.array(AvailabilityItem),
  /** Units with room in all; `items` holds the first `limit` of them. */
  total: z.number().int(),
});
export type Availability = z.infer<typeof Availability>;

export const CalendarDay = z.object({ date: isoDate, status: z.enum(['free', 'full', 'closed', 'unavailable']) });
export type CalendarDay = z.infer<typeof CalendarDay>;
export const Calendar = z.object({
  unit: z.object({ id: z.uuid(), name: z.string(), type: unitType }),
  days: z.array(CalendarDay),
});
export type Calendar = z.infer<typeof Calendar>;

export const Booking = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  childName: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  start: isoDate,
  end: isoDate.nullable(),
  status: z.enum(['active', 'cancelled']),
  bookedAt: z.string(),
  changeDeadline: isoDate,
  changeable: z.boolean(),
});
export type Booking = z.infer<typeof Booking>;

export const Booked = z.object({
  bookingId: z.uuid(),
  placementId: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  start: isoDate,
  end: isoDate,
  changeDeadline: isoDate,
  letter: BookingLetter,
});
export type Booked = z.infer<typeof Booked>;
export const Moved = Booked.omit({ placementId: true });
export type Moved = z.infer<typeof Moved>;
export const Cancelled = z.object({
  bookingId: z.uuid(),
  status: z.literal('cancelled'),
  /** The current place the booking was to replace: none, given back as it was, or ended (it could not be). */
  previousPlace: z.enum(['none', 'restored', 'ended']),
  letter: BookingLetter,
});
export type Cancelled = z.infer<typeof Cancelled>;

export const OutlookMonth = z.object({
  month: z.string(),
  capacity: z.number(),
  load: z.number(),
  nursery: z.number(),
  kindergarten: z.number(),
  bookingsStarting: z.number(),
  staff: z.number(),
});
export type OutlookMonth = z.infer<typeof OutlookMonth>;
export const Outlook = z.object({
  from: z.string(),
  units: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      type: unitType,
      daginstitutionId: z.uuid(),
      months: z.array(OutlookMonth),
    }),
  ),
});
export type Outlook = z.infer<typeof Outlook>;

export const SimPolicy = z
  .object({
    mode,
    hybridMonths: z.number().int().min(0).max(24).default(4),
    heldShare: z.number().min(0).max(0.5).default(0),
    releaseWeeks: z.number().int().min(0).max(52).default(8),
  })
  .strict();
export type SimPolicy = z.input<typeof SimPolicy>;
const SimBucket = z.object({
  bucket: z.enum(['>6', '3-6', '1-3', '<1']),
  families: z.number(),
  firstChoice: z.number(),
  placed: z.number(),
  meanWaitDays: z.number(),
});
export const SimResult = z.object({
  families: z.number(),
  firstChoiceShare: z.number(),
  placedShare: z.number(),
  meanWaitDays: z.number(),
  byLateness: z.array(SimBucket),
});
export type SimResult = z.infer<typeof SimResult>;
export const Simulation = z.object({ families: z.number(), units: z.number(), a: SimResult, b: SimResult });
export type Simulation = z.infer<typeof Simulation>;

const childId = z.object({ childId: z.uuid() });
const bookingId = z.object({ id: z.uuid() });
const NOT_YOURS = ['booking.not-your-child', 'booking.child-not-found'] as const;
const CHANGE = ['booking.not-found', 'booking.already-cancelled', 'booking.change-deadline'] as const;
const REFUSALS = [
  'booking.unit-not-daycare',
  'booking.too-young',
  'booking.school-age',
  'booking.age-band',
  'booking.waitlist',
  'booking.hybrid-too-soon',
  'booking.past',
  'booking.beyond-horizon',
  'booking.closed-day',
  'booking.no-longer-free',
] as const;

export const bookingContract = {
  availability: {
    summary: 'Units with a free place for a child from a wished start date',
    querystring: childId.extend({
      wished: date,
      sort: z.enum(['distance', 'date']).default('distance'),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
      excludeBookingId: z.uuid().optional(),
    }),
    response: Availability,
    errors: [...NOT_YOURS],
  },
  calendar: {
    summary: 'Bookable start days of one unit for a child',
    querystring: childId.extend({
      unitId: z.uuid(),
      from: date,
      days: z.coerce.number().int().min(1).max(186).default(62),
      excludeBookingId: z.uuid().optional(),
    }),
    response: Calendar,
    errors: [...NOT_YOURS, 'booking.unit-not-found'],
  },
  list: { summary: 'Bookings of my children', response: z.array(Booking) },
  book: {
    summary: 'Book a place (instant confirmation)',
    body: childId.extend({ unitId: z.uuid(), start: date }).strict(),
    response: Booked,
    status: 201,
    errors: [
      ...NOT_YOURS,
      ...REFUSALS,
      'booking.already-booked',
      'booking.place-starts-in-period',
      'booking.already-in-unit',
    ],
  },
  move: {
    summary: 'Move a booking to another unit or start date',
    params: bookingId,
    body: z.object({ unitId: z.uuid(), start: date }).strict(),
    response: Moved,
    errors: [...NOT_YOURS, ...CHANGE, ...REFUSALS, 'booking.current-place-not-extendable'],
  },
  cancel: { summary: 'Cancel a booking', params: bookingId, response: Cancelled, errors: [...NOT_YOURS, ...CHANGE] },
  outlook: {
    summary: 'Bookings and expected occupancy per unit and month, with the staff minimum staffing implies',
    querystring: z.object({
      months: z.coerce.number().int().min(1).max(12).default(12),
      daginstitutionId: z.uuid().optional(),
    }),
    response: Outlook,
  },
  simulate: {
    summary: 'Replay a year of demand under two policies: first choices and waits by how late families registered',
    body: z.object({ a: SimPolicy, b: SimPolicy }).strict(),
    response: Simulation,
  },
} as const;
