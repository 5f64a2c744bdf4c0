// Who is calling, and the role checks every endpoint starts with.
import type { Role } from '../db/schema.js';
import { forbidden, unauthorized } from '../http/errors.js';

export interface Actor {
  userId: string;
  role: Role;
  name: string;
  personId: string | null;
  /** Units a unit leader or unit staff member is scoped to (empty for other roles). */
  unitIds: string[];
  /** The municipality a staff user works for (every staff role has one); null for guardians. */
  municipalityCode: string | null;
}

export const MUNICIPAL_ROLES: readonly Role[] = ['caseworker', 'finance', 'consultant', 'management', 'admin'];
export const UNIT_ROLES: readonly Role[] = ['unit_leader', 'unit_staff'];
export const STAFF_ROLES: readonly Role[] = [...MUNICIPAL_ROLES, ...UNIT_ROLES];

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthorized();
  return actor;
}

export function requireRole(actor: Actor | null, roles: readonly Role[]): Actor {
  const a = requireActor(actor);
  if (!roles.includes(a.role)) throw forbidden();
  return a;
}

export function requireGuardian(actor: Actor | null): Actor & { personId: string } {
  const a = requireRole(actor, ['guardian']);
  return a as Actor & { personId: string };
}

/** The municipality a staff actor works for: the one whose data and settings every staff endpoint is about. */
export function homeMunicipality(actor: Actor): string {
  if (!actor.municipalityCode) throw forbidden();
  return actor.municipalityCode;
}
