// Who may see and manage a unit's employees: unit leaders their own units (unit staff not: hours are personal), municipal caseworkers and administrators
// every unit; the dagplejer a child is placed with is set by caseworkers (pladsanvisning).
import { definePolicy } from '../../platform/auth/policy.js';
import { MUNICIPAL_ROLES } from '../../platform/auth/actor.js';

export const employeesPolicy = definePolicy('employees', {
  'employees.read': {
    summary: "See a unit's employees, hours and full-time equivalents",
    roles: [...MUNICIPAL_ROLES, 'unit_leader'],
    unitScoped: true,
  },
  'employees.manage': {
    summary: 'Add employees, change their hours and end them',
    roles: ['unit_leader', 'caseworker', 'admin'],
    unitScoped: true,
  },
  'employees.assign-dagplejer': {
    summary: 'Name the dagplejer a child in dagpleje is placed with',
    roles: ['caseworker', 'admin'],
  },
});
