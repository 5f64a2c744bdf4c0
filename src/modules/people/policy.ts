// Who may see and change children and guardians.
import { definePolicy } from '../../platform/auth/policy.js';
import { STAFF_ROLES } from '../../platform/auth/actor.js';

export const peoplePolicy = definePolicy('people', {
  'people.own-children': { summary: 'See the children in my custody and their places', roles: ['guardian'] },
  'people.search': {
    summary: 'Search children and guardians by name or CPR number',
    roles: STAFF_ROLES,
    unitScoped: true,
  },
  'people.read-child': {
    summary: "Read a child's page (guardians, siblings, places, history)",
    roles: STAFF_ROLES,
    unitScoped: true,
  },
  'people.update-child': { summary: "Correct a child's name", roles: ['admin', 'caseworker'] },
});
