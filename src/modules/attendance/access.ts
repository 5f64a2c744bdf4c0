// Who may see and change a unit's attendance.
import type { Actor } from '../../platform/auth/actor.js';
import { MUNICIPAL_ROLES, requireRole, STAFF_ROLES } from '../../platform/auth/actor.js';
import { forbidden } from '../../platform/http/errors.js';

/** Municipal roles read every unit; unit leaders and staff only their own. */
export function requireUnitRead(actor: Actor | null, unitId: string): Actor {
  const a = requireRole(actor, STAFF_ROLES);
  if (!MUNICIPAL_ROLES.includes(a.role) && !a.unitIds.includes(unitId)) throw forbidden('Du har ikke adgang til denne enhed.');
  return a;
}

/** Registrations are changed by the unit's own staff (and administrators). */
export function requireUnitWrite(actor: Actor | null, unitId: string): Actor {
  const a = requireRole(actor, ['unit_leader', 'unit_staff', 'admin']);
  if (a.role !== 'admin' && !a.unitIds.includes(unitId)) throw forbidden('Du har ikke adgang til denne enhed.');
  return a;
}

/** Terminals are created and revoked by the unit's leader (and administrators). */
export function requireUnitLeader(actor: Actor | null, unitId: string): Actor {
  const a = requireRole(actor, ['unit_leader', 'admin']);
  if (a.role !== 'admin' && !a.unitIds.includes(unitId)) throw forbidden('Kun enhedens leder kan administrere terminaler.');
  return a;
}
