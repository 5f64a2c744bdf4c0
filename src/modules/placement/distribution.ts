// Fordelingsreglen (dagtilbudsloven §26 a): children living in the designated vulnerable housing areas
// (placement.vulnerable_areas, area names) may make up at most placement.distribution_share (30 %) of the children
// newly admitted to a unit in a calendar year. The round counts places starting this year or later, pending offers and
// its own offers (so a unit's first admission of a year can only be from a vulnerable area once others are admitted);
// a wish that would break the share is taken out and the engine runs again, so the child may get a later wish.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { allocate, type AllocationInput, type AllocationResult } from './engine-port.js';
import type { PlacementPolicy } from './placement-policy.js';

/** Those of the given children who live in a vulnerable area today. */
async function vulnerableChildren(db: Db, ids: string[], today: LocalDate, areas: string[]) {
  if (!ids.length || !areas.length) return new Set<string>();
  const rows = await db
    .selectFrom('residence as r')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .innerJoin('area', 'area.id', 'h.area_id')
    .select('r.person_id')
    .where('r.person_id', 'in', ids)
    .where('area.name', 'in', areas)
    .where(sql<boolean>`r.valid @> ${today.toString()}::date`)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function allocateWithDistributionRule(
  db: Db,
  input: AllocationInput,
  today: LocalDate,
  p: PlacementPolicy,
): Promise<AllocationResult> {
  const share = p.distributionShare;
  if (share === null || !p.vulnerableAreas.length || !input.applicants.length) return allocate(input);
  const apps = await db
    .selectFrom('application')
    .select(['id', 'child_id'])
    .where(
      'id',
      'in',
      input.applicants.map((a) => a.id),
    )
    .execute();
  const vulnerableKids = await vulnerableChildren(
    db,
    apps.map((a) => a.child_id),
    today,
    p.vulnerableAreas,
  );
  const vulnerable = new Set(apps.filter((a) => vulnerableKids.has(a.child_id)).map((a) => a.id));
  if (!vulnerable.size) return allocate(input);
  // Already admitted from this year on: placements starting then, and pending offers, per unit and start year.
  const unitIds = input.units.map((u) => u.id),
    jan1 = `${today.year}-01-01`;
  const earlier = [
    ...(await db
      .selectFrom('placement')
      .select(['child_id', 'unit_id', sql<string>`lower(valid)::text`.as('start')])
      .where('unit_id', 'in', unitIds)
      .where(sql<boolean>`lower(valid) >= ${jan1}::date`)
      .execute()),
    ...(await db
      .selectFrom('offer')
      .innerJoin('application as a', 'a.id', 'offer.application_id')
      .select(['a.child_id', 'offer.unit_id', sql<string>`offer.start_date::text`.as('start')])
      .where('offer.status', '=', 'pending')
      .where('offer.unit_id', 'in', unitIds)
      .execute()),
  ];
  const earlierVulnerable = await vulnerableChildren(
    db,
    [...new Set(earlier.map((o) => o.child_id))],
    today,
    p.vulnerableAreas,
  );
  const unitNames = new Map(input.units.map((u) => [u.id, u.name ?? u.id]));
  const seniority = new Map(input.applicants.map((a) => [a.id, a.seniorityDate]));
  const blocked = new Map<string, string[]>(); // application → units refused by the rule
  let current: AllocationInput = input;
  let result = allocate(current);
  for (let pass = 0; pass < 10; pass++) {
    const count = new Map<string, { n: number; v: number }>();
    const key = (unit: string, start: string) => `${unit}|${start.slice(0, 4)}`;
    for (const o of earlier) {
      const c = count.get(key(o.unit_id, o.start)) ?? { n: 0, v: 0 };
      c.n++;
      if (earlierVulnerable.has(o.child_id)) c.v++;
      count.set(key(o.unit_id, o.start), c);
    }
    for (const o of result.offers) {
      const c = count.get(key(o.unit, o.start)) ?? { n: 0, v: 0 };
      c.n++;
      if (vulnerable.has(o.applicant)) c.v++;
      count.set(key(o.unit, o.start), c);
    }
    // Over the share: take out the vulnerable offers with the latest anciennitet until the unit is within it.
    const refused = new Set<string>();
    for (const o of [...result.offers].sort((a, b) =>
      (seniority.get(b.applicant) ?? '').localeCompare(seniority.get(a.applicant) ?? ''),
    )) {
      const c = count.get(key(o.unit, o.start))!;
      if (!vulnerable.has(o.applicant) || c.v <= share * c.n) continue;
      c.v--;
      c.n--;
      refused.add(o.applicant);
      blocked.set(o.applicant, [...(blocked.get(o.applicant) ?? []), o.unit]);
    }
    if (!refused.size) break;
    current = {
      ...current,
      applicants: current.applicants
        .map((a) => ({ ...a, wishes: a.wishes.filter((w) => !(blocked.get(a.id) ?? []).includes(w.unit)) }))
        .filter((a) => a.wishes.length > 0),
    };
    result =
      pass === 9 ? { ...result, offers: result.offers.filter((o) => !refused.has(o.applicant)) } : allocate(current);
  }
  const note = (id: string) => {
    const units = (blocked.get(id) ?? []).map((u) => unitNames.get(u)).join(', ');
    return {
      da: ` Ikke tilbudt ${units}: fordelingsreglen (§26 a) – højst ${Math.round(share * 100)} % af de nyoptagne må komme fra udsatte boligområder.`,
      en: ` Not offered ${units}: the distribution rule (§26 a) – at most ${Math.round(share * 100)} % of newly admitted children may come from vulnerable housing areas.`,
    };
  };
  const withNote = <T extends { applicant: string; explanation: { da: string; en: string } }>(x: T): T =>
    blocked.has(x.applicant)
      ? {
          ...x,
          explanation: { da: x.explanation.da + note(x.applicant).da, en: x.explanation.en + note(x.applicant).en },
        }
      : x;
  const listed = new Set([...result.offers.map((o) => o.applicant), ...result.unplaced.map((u) => u.applicant)]);
  const dropped = [...blocked.keys()]
    .filter((id) => !listed.has(id))
    .map((id) => ({ applicant: id, explanation: { da: note(id).da.trim(), en: note(id).en.trim() }, notOffered: [] }));
  return { ...result, offers: result.offers.map(withNote), unplaced: [...result.unplaced.map(withNote), ...dropped] };
}

/**
 * The same rule for one child given a place outside a round (a manual offer, a caseworker's direct enrolment or
 * transfer): with this child, do the children from vulnerable areas stay within the share of those newly admitted to
 * the unit in the start's calendar year (places starting that year and pending offers starting then)?
 */
export async function distributionAllows(
  db: Db,
  p: PlacementPolicy,
  childId: string,
  unitId: string,
  start: LocalDate,
  today: LocalDate,
): Promise<boolean> {
  const share = p.distributionShare;
  if (share === null || !p.vulnerableAreas.length) return true;
  if (!(await vulnerableChildren(db, [childId], today, p.vulnerableAreas)).size) return true;
  const from = `${start.year}-01-01`,
    to = `${start.year + 1}-01-01`;
  const admitted = [
    ...(await db
      .selectFrom('placement')
      .select('child_id')
      .where('unit_id', '=', unitId)
      .where('child_id', '<>', childId)
      .where(sql<boolean>`lower(valid) >= ${from}::date and lower(valid) < ${to}::date`)
      .execute()),
    ...(await db
      .selectFrom('offer')
      .innerJoin('application as a', 'a.id', 'offer.application_id')
      .select('a.child_id')
      .where('offer.status', '=', 'pending')
      .where('offer.unit_id', '=', unitId)
      .where('a.child_id', '<>', childId)
      .where(sql<boolean>`offer.start_date >= ${from}::date and offer.start_date < ${to}::date`)
      .execute()),
  ].map((r) => r.child_id);
  const vulnerable = await vulnerableChildren(db, [...new Set(admitted)], today, p.vulnerableAreas);
  const v = admitted.filter((c) => vulnerable.has(c)).length + 1;
  return v <= share * (admitted.length + 1);
}
