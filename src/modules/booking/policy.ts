// Who may search, book and change places, and read the outlook and the policy simulator.
import { definePolicy } from '../../platform/auth/policy.js';
import { MUNICIPAL_ROLES, STAFF_ROLES } from '../../platform/auth/actor.js';

export const bookingPolicy = definePolicy('booking', {
  'booking.search': {
    summary: "Search free places and a unit's calendar for a child in one's custody",
    roles: ['guardian'],
  },
  'booking.list': { summary: "See the bookings of one's own children", roles: ['guardian'] },
  'booking.book': { summary: "Book, move and cancel a place for a child in one's custody", roles: ['guardian'] },
  'booking.outlook': {
    summary: 'Read the 12-month booking and occupancy outlook per unit',
    roles: STAFF_ROLES,
    unitScoped: true,
  },
  'booking.simulate': { summary: 'Compare two booking policies in the policy simulator', roles: MUNICIPAL_ROLES },
});
