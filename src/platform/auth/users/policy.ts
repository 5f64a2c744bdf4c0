// Who may see and manage staff users: administrators only.
import { definePolicy } from '../policy.js';

export const usersPolicy = definePolicy('users', {
  'users.read': { summary: 'List staff users with roles and unit scopes', roles: ['admin'] },
  'users.manage': { summary: 'Create, change and end staff users', roles: ['admin'] },
});
