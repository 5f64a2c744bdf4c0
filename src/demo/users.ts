// Demo personas for the login picker: one user per staff role, unit leaders/staff, and guardians chosen for variety.
import type { Insertable } from 'kysely';
import type { DB, Role } from '../platform/db/schema.js';
import type { LocalDate } from '../shared/index.js';
import type { Family, PersonModel } from './families.js';
import type { PlacementResult } from './placements.js';
import type { UuidGen } from './prng.js';
import type { Register, UnitModel } from './register.js';

export interface UserRows {
  app_user: Insertable<DB['app_user']>[];
  user_unit: Insertable<DB['user_unit']>[];
}

const STAFF: [Role, string][] = [
  ['caseworker', 'Pladsanvisning: Mette Kristensen'],
  ['finance', 'Økonomi: Lars Bundgaard'],
  ['consultant', 'Pædagogisk konsulent: Hanne Vestergaard'],
  ['management', 'Dagtilbudschef: Jens Overgaard'],
  ['admin', 'Systemadministrator: Sofie Lund'],
];

export function buildUsers(
  families: Family[],
  register: Register,
  placements: PlacementResult,
  today: LocalDate,
  ids: UuidGen,
  municipalityCode: string,
): UserRows {
  const rows: UserRows = { app_user: [], user_unit: [] };
  const add = (role: Role, name: string, personId: string | null = null) => {
    const id = ids.next();
    rows.app_user.push({
      id,
      role,
      name,
      email: null,
      person_id: personId,
      oidc_subject: null,
      demo_persona: true,
      municipality_code: role === 'guardian' ? null : municipalityCode,
    });
    return id;
  };
  for (const [role, name] of STAFF) add(role, name);

  const cur = (c: PersonModel) => placements.current.get(c.id);
  const ageMonths = (c: PersonModel) => c.birth.ageInMonths(today);
  const used = new Set<Family>();
  const personas: { family: Family; guardian: PersonModel; focus: PersonModel }[] = [];
  const find = (label: string, test: (f: Family) => PersonModel | undefined, guardianIndex = 0) => {
    for (const f of families) {
      if (used.has(f)) continue;
      const focus = test(f);
      if (!focus) continue;
      used.add(f);
      personas.push({ family: f, guardian: f.guardians[Math.min(guardianIndex, f.guardians.length - 1)]!, focus });
      return;
    }
    throw new Error(`demo seed: no family found for persona "${label}"`);
  };
  const daycare = (c: PersonModel) => cur(c)?.kind === 'dagtilbud';

  // Two children in daycare at two different units, two guardians.
  find('siblings in different units', (f) => {
    const kids = f.children.filter(daycare);
    return f.guardians.length === 2 && kids.length >= 2 && new Set(kids.map((c) => cur(c)!.unit.id)).size >= 2
      ? kids[0]
      : undefined;
  });
  // A single parent with a child in daycare.
  find('single parent', (f) => (f.guardians.length === 1 ? f.children.find(daycare) : undefined));
  // A family with a baby not yet placed, and an older sibling who is.
  find('baby not yet placed', (f) =>
    f.children.some(daycare) ? f.children.find((c) => ageMonths(c) < 7 && !cur(c)) : undefined,
  );
  // A school-age child in SFO.
  find('school-age child', (f) => f.children.find((c) => cur(c)?.kind === 'fritidstilbud'), 1);
  // A child who moved from nursery to kindergarten (placement history).
  find('nursery to kindergarten', (f) => f.children.find((c) => daycare(c) && placements.transferred.has(c.id)), 1);
  // A 9-year-old in a klub.
  find('klub', (f) => f.children.find((c) => cur(c)?.kind === 'klub'));

  for (const { guardian } of personas) add('guardian', `${guardian.firstName} ${guardian.lastName}`, guardian.id);

  // Unit roles: the leader of a cluster sees all its units; a leader and a pædagog for the units of persona children.
  const cluster = register.clusters[0];
  if (cluster) {
    const leader = add('unit_leader', `Klyngeleder: Anne Holm (${cluster.name})`);
    for (const unitId of cluster.unitIds) rows.user_unit.push({ user_id: leader, unit_id: unitId });
  }
  const inCluster = new Set(register.clusters.flatMap((c) => c.unitIds));
  const personaUnits = personas
    .map((p) => cur(p.focus)?.unit)
    .filter((u): u is UnitModel => !!u && !inCluster.has(u.id));
  const leaderUnit = personaUnits.find((u) => u.type !== 'sfo' && u.type !== 'klub') ?? personaUnits[0];
  if (leaderUnit) {
    const id = add('unit_leader', `Leder: Peter Mørk (${leaderUnit.name})`);
    rows.user_unit.push({ user_id: id, unit_id: leaderUnit.id });
  }
  const staffUnit = cur(personas[0]!.focus)!.unit;
  const staff = add('unit_staff', `Pædagog: Line Bach (${staffUnit.name})`);
  rows.user_unit.push({ user_id: staff, unit_id: staffUnit.id });
  return rows;
}
