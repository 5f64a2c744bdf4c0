// The municipality's booking policy, stored as one versioned setting (`booking.policy`): how each age band is
// allocated (booking, waitlist or hybrid), the share held back for the pladsanvisning, and change deadlines.
import { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { defineSettingSchemas, settingOn } from '../settings/index.js';

export const POLICY_KEY = 'booking.policy';

const mode = z.enum(['booking', 'waitlist', 'hybrid']);
export const bookingPolicySchema = z.object({
  /** Per age band: booking, waitlist (§27 seniority) or hybrid (bookable only further ahead than hybridMonths). */
  modeNursery: mode.default('booking'),
  modeKindergarten: mode.default('booking'),
  hybridMonths: z.number().int().min(0).max(36).default(4),
  /** Share of each unit's weighted places held back for the pladsanvisning (0–0.5). */
  heldShare: z.number().min(0).max(0.5).default(0.1),
  /** Held-back places starting within this many weeks are released for booking. */
  releaseWeeks: z.number().int().min(0).max(52).default(8),
  /** Moves and cancellations are possible until this many days before the start date. */
  changeDeadlineDays: z.number().int().min(0).max(180).default(14),
  /** Kindergarten places a nursery child counts (minimum staffing 1:3 against 1:6). */
  nurseryWeight: z.number().min(1).max(3).default(2),
  /** Nursery → kindergarten on the 1st of the month the child reaches this age. */
  transitionAgeMonths: z.number().int().min(24).max(40).default(34),
  /** Earliest start: the child's age in weeks (pasningsgaranti from 26 weeks). */
  earliestAgeWeeks: z.number().int().min(0).max(104).default(26),
  /** How far ahead places can be booked. */
  horizonMonths: z.number().int().min(3).max(72).default(36),
});
export type BookingPolicy = z.infer<typeof bookingPolicySchema>;
export type BookingMode = z.infer<typeof mode>;

export const DEFAULT_POLICY: BookingPolicy = bookingPolicySchema.parse({});
defineSettingSchemas({ [POLICY_KEY]: bookingPolicySchema });

/** The municipality's booking policy on `date` (null: the defaults). */
export async function policyOn(db: Db, municipalityCode: string | null, date: LocalDate): Promise<BookingPolicy> {
  return parsePolicy(municipalityCode ? await settingOn(db, municipalityCode, POLICY_KEY, date) : undefined);
}

/** The stored setting's value as a policy (defaults where it is missing or invalid). */
export function parsePolicy(value: unknown): BookingPolicy {
  const parsed = bookingPolicySchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}
