// One access policy. Each module declares its actions in its policy.ts (who may do what, and whether unit roles are
// held to their own units); endpoints call `authorize` before touching data, and /api/auth/me sends the actor's
// permitted actions so the web shows only what the server will allow. docs/access.md is generated from these rules.
import type { Role } from '../db/schema.js';
import { forbidden, unauthorized } from '../http/errors.js';
import { UNIT_ROLES, type Actor } from './actor.js';

export interface Rule {
  /** What the action does, in a few words (docs/access.md). */
  summary: string;
  roles: readonly Role[];
  /** Unit leaders and unit staff may act only on their own units: the subject's `unitId` must be theirs. */
  unitScoped?: boolean;
}

export interface Subject {
  unitId?: string;
  /**
   * The municipality the data belongs to (a child: those of its residence and of the units it is placed in). Staff
   * work for one municipality: a staff actor whose municipality is not among these is refused, whatever the role.
   */
  municipalityCode?: string | readonly string[];
}

export interface ModulePolicy<A extends string> {
  module: string;
  rules: { readonly [K in A]: Rule };
  can(actor: Actor | null, action: A, subject?: Subject): boolean;
  /** The actor when allowed; 401 without a session, 403 otherwise. */
  authorize(actor: Actor | null, action: A, subject?: Subject): Actor;
}

export function definePolicy<const A extends string>(
  module: string,
  rules: { readonly [K in A]: Rule },
): ModulePolicy<A> {
  const can = (actor: Actor | null, action: A, subject?: Subject) => {
    const rule = rules[action];
    if (!actor || !rule.roles.includes(actor.role)) return false;
    if (subject?.municipalityCode !== undefined && actor.role !== 'guardian') {
      const codes =
        typeof subject.municipalityCode === 'string' ? [subject.municipalityCode] : subject.municipalityCode;
      if (!actor.municipalityCode || !codes.includes(actor.municipalityCode)) return false;
    }
    if (rule.unitScoped && UNIT_ROLES.includes(actor.role) && subject?.unitId !== undefined)
      return actor.unitIds.includes(subject.unitId);
    return true;
  };
  return {
    module,
    rules,
    can,
    authorize(actor, action, subject) {
      if (!actor) throw unauthorized();
      if (!can(actor, action, subject)) throw forbidden();
      return actor;
    },
  };
}

/** The actions the actor's role allows (before any unit scope), for menus and buttons. */
export function permittedActions(actor: Actor | null, policies: readonly ModulePolicy<string>[]): string[] {
  if (!actor) return [];
  return policies
    .flatMap((p) =>
      Object.entries<Rule>(p.rules)
        .filter(([, r]) => r.roles.includes(actor.role))
        .map(([a]) => a),
    )
    .sort();
}

/** The role × action table of docs/access.md. */
export function accessTable(policies: readonly ModulePolicy<string>[], roles: readonly Role[]): string {
  const head = `| action | what | ${roles.join(' | ')} |\n|---|---|${roles.map(() => '---').join('|')}|\n`;
  return (
    head +
    policies
      .flatMap((p) =>
        Object.entries<Rule>(p.rules).map(
          ([action, r]) =>
            `| \`${action}\` | ${r.summary} | ${roles.map((role) => (r.roles.includes(role) ? (r.unitScoped && UNIT_ROLES.includes(role) ? 'own units' : 'yes') : '')).join(' | ')} |`,
        ),
      )
      .join('\n') +
    '\n'
  );
}
