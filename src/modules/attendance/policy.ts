// Who may see and change a unit's attendance. Unit leaders and staff act only on their own units (unitScoped).
import { definePolicy } from '../../platform/auth/policy.js';
import { MUNICIPAL_ROLES, STAFF_ROLES, type Actor } from '../../platform/auth/actor.js';
import { attendanceError } from './contract.js';
import type { Db } from '../../platform/db/database.js';
import { unitSubject } from '../registry/index.js';

export const attendancePolicy = definePolicy('attendance', {
  'attendance.read': {
    summary: "Read a unit's attendance, its trail, history, export, closing days and questionnaire answers",
    roles: STAFF_ROLES,
    unitScoped: true,
  },
  'attendance.register': {
    summary: 'Check children in and out and correct registrations',
    roles: ['unit_leader', 'unit_staff', 'admin'],
    unitScoped: true,
  },
  'attendance.manage-unit': {
    summary: "Manage a unit's entrance terminals and its own closing days",
    roles: ['unit_leader', 'admin'],
    unitScoped: true,
  },
  'attendance.municipal-closing-days': { summary: "Add a municipality's closing day", roles: ['admin', 'management'] },
  'attendance.create-questionnaire': {
    summary: 'Ask parents about care in a closure period (holiday questionnaire)',
    roles: ['admin', 'management', 'caseworker'],
  },
  'attendance.list-questionnaires': { summary: 'List every holiday questionnaire', roles: MUNICIPAL_ROLES },
  'attendance.guardian': {
    summary: "Read own children's attendance, report absences, answer questionnaires",
    roles: ['guardian'],
  },
});

type UnitAction = 'attendance.read' | 'attendance.register' | 'attendance.manage-unit';

/** The actor when the role may do `action` on `unitId`: 401 without a session, 403 for the role, and for another
 *  unit's leader or staff 403 with the unit refusal (terminals and closing days: only the unit's own leader). */
export async function authorizeUnit(db: Db, actor: Actor | null, action: UnitAction, unitId: string): Promise<Actor> {
  const subject = await unitSubject(db, unitId);
  // Another municipality's unit: refused like any role without the action (its municipality is not the actor's).
  const a = attendancePolicy.authorize(actor, action, { municipalityCode: subject.municipalityCode });
  if (!attendancePolicy.can(a, action, subject)) {
    throw attendanceError(action === 'attendance.manage-unit' ? 'attendance.leader-only' : 'attendance.not-your-unit');
  }
  return a;
}

/** A guardian (with the person id custody is checked against). */
export function authorizeGuardian(actor: Actor | null): Actor & { personId: string } {
  return attendancePolicy.authorize(actor, 'attendance.guardian') as Actor & { personId: string };
}
