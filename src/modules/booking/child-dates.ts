// The dates in a child's daycare life that booking depends on: earliest start, nursery → kindergarten, school start.
import { LocalDate } from '../../shared/index.js';
import type { BookingPolicy } from './booking-policy.js';

export interface ChildDates {
  birth: LocalDate;
  earliestStart: LocalDate;
  transition: LocalDate;
  schoolStart: LocalDate;
}

export function childDates(birth: LocalDate, policy: BookingPolicy): ChildDates {
  return {
    birth,
    earliestStart: birth.plusWeeks(policy.earliestAgeWeeks),
    // 1st of the month the child reaches the transition age (Copenhagen: 2 years 10 months).
    transition: birth.plusMonths(policy.transitionAgeMonths).firstOfMonth(),
    // Danish children start school (0. klasse) in August of the year they turn six; daycare ends the day before.
    schoolStart: LocalDate.of(birth.year + 6, 8, 1),
  };
}
