// Who may read and change the institution register.
import { definePolicy } from '../../platform/auth/policy.js';
import { STAFF_ROLES } from '../../platform/auth/actor.js';

export const registryPolicy = definePolicy('registry', {
  'registry.read': { summary: 'Read units, their capacity and history', roles: STAFF_ROLES, unitScoped: true },
  'registry.update-unit': {
    summary: "Change a unit's name, contact details and address",
    roles: ['admin', 'caseworker', 'unit_leader'],
    unitScoped: true,
  },
  'registry.change-capacity': { summary: 'Add a capacity period to a unit', roles: ['admin', 'caseworker'] },
  'registry.create': { summary: 'Create daginstitutioner and units in the register', roles: ['admin', 'caseworker'] },
  'registry.close-unit': {
    summary: 'Close a unit, alternative address or daginstitution from a date',
    roles: ['admin', 'caseworker'],
  },
  'registry.import': {
    summary: "Preview and apply the import of the Dagtilbudsregister's export",
    roles: ['admin', 'consultant'],
  },
  'registry.deliveries': {
    summary: 'See the deliveries of register changes to STIL and send refused ones again',
    roles: ['admin', 'consultant', 'caseworker'],
  },
});
