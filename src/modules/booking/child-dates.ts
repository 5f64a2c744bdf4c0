// The dates in a child's daycare life that booking depends on: earliest start, nursery → kindergarten, school start.
import { LocalDate } from '../../shared/index.js';
import type { BookingPolicy } from './booking-policy.js';

export interface ChildDates {
  birth: LocalDate;
  earliestStart: LocalDate;
  transition: LocalDate;
  schoolStart: LocalDate;
}

/** Per birth date (LocalDate.parse hands out the same one for the same text) and the policy's two ages. */
const held = new WeakMap<LocalDate, Map<string, Readonly<ChildDates>>>();

export function childDates(birth: LocalDate, policy: BookingPolicy): Readonly<ChildDates> {
  const key = `${policy.earliestAgeWeeks}|${policy.transitionAgeMonths}`;
  let byPolicy = held.get(birth);
  if (!byPolicy) held.set(birth, (byPolicy = new Map()));
  let dates = byPolicy.get(key);
  if (!dates) byPolicy.set(key, (dates = Object.freeze(datesOf(birth, policy))));
  return dates;
}

function datesOf(birth: LocalDate, policy: BookingPolicy): ChildDates {
  return {
    birth,
    earliestStart: birth.plusWeeks(policy.earliestAgeWeeks),
    // 1st of the month the child reaches the transition age (Copenhagen: 2 years 10 months).
    transition: birth.plusMonths(policy.transitionAgeMonths).firstOfMonth(),
    // Danish children start school (0. klasse) in August of the year they turn six; daycare ends the day before.
    schoolStart: LocalDate.of(birth.year + 6, 8, 1),
  };
}
