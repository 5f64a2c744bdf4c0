// Who may apply, answer offers and give notice (guardians), read the pladsanvisning (municipal staff) and allocate.
import { definePolicy } from '../../platform/auth/policy.js';
import { MUNICIPAL_ROLES } from '../../platform/auth/actor.js';

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
    roles: MUNICIPAL_ROLES,
  },
  'placement.handle-inbox': { summary: 'Mark a staff inbox task handled', roles: MUNICIPAL_ROLES },
  'placement.allocate': {
    summary:
      'Preview and approve rounds, make manual offers, set special needs, run årsrulning and continuous allocation',
    roles: ['caseworker', 'admin'],
  },
});
