// What a booking answers and shares with moving and cancelling: its result, "no longer free", refusal errors, the
// letter's facts, the caseworker's on-behalf hook, and the retry of a transaction a deadlock aborted.
import type { Db } from '../../platform/db/database.js';
import { DomainError } from '../../platform/http/errors.js';
import type { LocalDate } from '../../shared/index.js';
import type { Refusal } from './availability.js';
import type { BookingPolicy } from './booking-policy.js';
import { bookingError, REFUSAL_CODE } from './contract.js';
import type { BookingFacts, LetterDraft } from './letters.js';

/** The place is gone (`booking.no-longer-free`): the caller answers 409 with the nearest alternatives. */
export class NoLongerFree extends DomainError {
  constructor(
    readonly childId: string,
    readonly wished: LocalDate,
    readonly birthDate: LocalDate,
    /** A booking being moved: its own place is not counted in the alternatives. */
    readonly excludePlacementId: string | null = null,
  ) {
    super('booking.no-longer-free', bookingError.codes['booking.no-longer-free']);
  }
}

export const refusalError = (r: Refusal) => bookingError(REFUSAL_CODE[r]);

/** Retries a transaction a deadlock or serialization failure aborted. */
export async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e: any) {
      if (attempt >= 5 || (e?.code !== '40P01' && e?.code !== '40001')) throw e;
    }
  }
}

export function bookingFacts(
  child: { id: string; name: string },
  unit: { name: string; street: string; postal_code: string; city: string },
  start: LocalDate,
  endExcl: LocalDate,
  policy: BookingPolicy,
): BookingFacts {
  return {
    childName: child.name,
    childId: child.id,
    unitName: unit.name,
    address: `${unit.street}, ${unit.postal_code} ${unit.city}`,
    start,
    end: endExcl.minusDays(1),
    changeDeadline: start.minusDays(policy.changeDeadlineDays),
  };
}

/** A booking a caseworker makes, moves or cancels for the family (placement's casework, issue 16): the same lock and
 *  re-check as the family's own; the weekly hours, the reason in the letter and the audit action are the caseworker's,
 *  and `within` runs the caseworker's own rules and records in the same transaction, under the unit's load lock, after
 *  booking's checks and before anything is written: it throws to refuse (§ 26 a) and returns lines for the letter. */
export interface OnBehalf {
  reason: string;
  hours?: number;
  auditAction: string;
  within: (
    trx: Db,
    r: { bookingId: string; placementId: string; unitId: string; start: LocalDate },
  ) => Promise<string[]>;
}

export interface BookResult {
  bookingId: string;
  placementId: string;
  unitId: string;
  unitName: string;
  start: string;
  end: string;
  changeDeadline: string;
  letter: LetterDraft;
}
