// Who may read and change municipality settings.
import { definePolicy } from '../../platform/auth/policy.js';
import { STAFF_ROLES } from '../../platform/auth/actor.js';

export const settingsPolicy = definePolicy('settings', {
  'settings.read': { summary: 'Read municipality settings', roles: STAFF_ROLES },
  'settings.change': { summary: 'Add a setting value from a date', roles: ['admin'] },
});
