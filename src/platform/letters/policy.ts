// Who may read letters: families their own, municipal staff those about a child.
import { definePolicy } from '../auth/policy.js';
import { MUNICIPAL_ROLES } from '../auth/actor.js';

export const lettersPolicy = definePolicy('letters', {
  'letters.read-own': { summary: 'Read my own letters (inbox, PDF)', roles: ['guardian'] },
  'letters.read': { summary: 'Read the letters sent about a child', roles: MUNICIPAL_ROLES },
});
