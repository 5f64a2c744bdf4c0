// Who may apply, answer offers and give notice (guardians), read the pladsanvisning (municipal staff but finance) and allocate.
import { definePolicy } from '../../platform/auth/policy.js';
import type { Role } from '../../platform/db/schema.js';

/** Least privilege: finance bills places but does not read waitlists (names, birth dates, wishes). */
const PLACEMENT_STAFF: readonly Role[] = ['caseworker', 'consultant', 'management', 'admin'];

export const placementPolicy = definePolicy('placement', {
  'placement.read-own': {
    summary: "See one's own children's applications, waitlist positions, offers and places",
    roles: ['guardian'],
  },
  'placement.apply': {
    summary: "Apply, change or withdraw an application, answer an offer, give notice, for a child in one's custody",
    roles: ['guardian'],
  },
  'placement.read': {
    summary: 'Read waitlists, the guarantee overview, rounds, the staff inbox, placement rules and unit outlooks',
    roles: PLACEMENT_STAFF,
  },
  'placement.handle-inbox': { summary: 'Mark a staff inbox task handled', roles: PLACEMENT_STAFF },
  'placement.allocate': {
    summary:
      'Preview and approve rounds, make manual offers, set special needs, run årsrulning and continuous allocation',
    roles: ['caseworker', 'admin'],
  },
  'placement.casework': {
    summary:
      "Act on a family's behalf with a reason: apply or change an application, set its flags, enrol, transfer, withdraw, change weekly hours",
    roles: ['caseworker', 'admin'],
  },
});
