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
  'people.read-protected-address': {
    summary: 'See an address under navne- og adressebeskyttelse (casework)',
    roles: ['admin', 'caseworker'],
  },
  'people.cpr-import': {
    summary: 'Look people up in the CPR register and import or refresh a family',
    roles: ['admin', 'caseworker'],
  },
  'people.cpr-changes': { summary: 'Apply CPR change files (moves, custody, deaths, protection)', roles: ['admin'] },
  'people.insight': { summary: 'Download all data about me and my children (GDPR insight)', roles: ['guardian'] },
});
