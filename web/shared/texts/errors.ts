// Refusal codes from the API (each module's contract.ts) as text: [da, en]. `satisfies` makes the compiler stop a
// module that adds a code without its texts.
import type { settingsError } from '../../../src/modules/settings/contract.js';
import type { bookingError } from '../../../src/modules/booking/contract.js';

type Code = keyof typeof settingsError.codes
  | keyof typeof bookingError.codes;

export const errorTexts = {
  'err.settings.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.booking.not-your-child': ['Barnet er ikke i din forældremyndighed.', 'The child is not in your custody.'],
  'err.booking.child-not-found': ['Barnet findes ikke.', 'The child does not exist.'],
  'err.booking.unit-not-found': ['Enheden findes ikke.', 'The unit does not exist.'],
  'err.booking.unit-not-daycare': ['Enheden findes ikke eller tager ikke imod børn i dagtilbud.', 'The unit does not exist or does not take children in day care.'],
  'err.booking.not-found': ['Bookingen findes ikke.', 'The booking does not exist.'],
  'err.booking.already-cancelled': ['Bookingen er allerede afmeldt.', 'The booking has already been cancelled.'],
  'err.booking.change-deadline': ['Bookingen kan kun ændres frem til {days} dage før start ({deadline}).', 'The booking can only be changed until {days} days before the start ({deadline}).'],
  'err.booking.current-place-not-extendable': ['Den nuværende plads kan ikke forlænges til den nye startdato. Vælg en tidligere dato.', 'The current place cannot be extended to the new start date. Choose an earlier date.'],
  'err.booking.already-booked': ['Barnet har allerede en booking i perioden. Flyt eller afmeld den i stedet.', 'The child already has a booking in the period. Move or cancel it instead.'],
  'err.booking.place-starts-in-period': ['Barnet har allerede en plads, der starter i perioden.', 'The child already has a place starting in the period.'],
  'err.booking.already-in-unit': ['Barnet går allerede i denne enhed.', 'The child already attends this unit.'],
  'err.booking.no-longer-free': ['Pladsen er ikke længere ledig. Se de nærmeste alternativer.', 'The place is no longer free. See the nearest alternatives.'],
  'err.booking.too-young': ['Barnet er for ungt til en plads på den dato.', 'The child is too young for a place on that date.'],
  'err.booking.school-age': ['Barnet er startet i skole på den dato.', 'The child has started school on that date.'],
  'err.booking.age-band': ['Enheden har ikke pladser til barnets aldersgruppe.', 'The unit has no places for the child\'s age group.'],
  'err.booking.waitlist': ['Pladser til denne aldersgruppe fordeles efter venteliste (anciennitet), ikke ved booking.', 'Places for this age group are allocated by waiting list (seniority), not by booking.'],
  'err.booking.hybrid-too-soon': ['Pladser med kort varsel fordeles efter venteliste; vælg en senere startdato.', 'Places at short notice are allocated by waiting list; choose a later start date.'],
  'err.booking.past': ['Startdatoen skal ligge efter i dag.', 'The start date must be after today.'],
  'err.booking.beyond-horizon': ['Startdatoen ligger længere ude, end der kan bookes.', 'The start date is further ahead than places can be booked.'],
  'err.booking.closed-day': ['Enheden holder lukket den dag; vælg en anden startdato.', 'The unit is closed that day; choose another start date.'],
  'err.booking.full': ['Pladsen er ikke længere ledig.', 'The place is no longer free.'],
} satisfies Record<`err.${Code}`, readonly [string, string]>;
