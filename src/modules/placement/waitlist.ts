// The waitlist: every active application's wishes with its priority class per unit and its position there
// (class in the policy's order, then anciennitet, then the engine's deterministic tie-break).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PlacementKind } from '../../platform/db/schema.js';
import { LocalDate } from '../../shared/index.js';
import { distanceKm } from '../registry/index.js';
import { tieBreak } from '../allocation/index.js'; // the engine's tie-break, so the waitlist order is the round's order
import type { PlacementPolicy, PriorityClassId } from './placement-policy.js';
import type { PlaceKind } from './schema.js';

export interface WaitlistEntry {
  applicationId: string;
  childId: string;
  childName: string;
  birthDate: string;
  placeKind: PlaceKind;
  placementKind: PlacementKind;
  neededFrom: string;
  hoursPerWeek: number;
  seniorityDate: string;
  guaranteeDate: string | null;
  householdId: string | null;
  unitId: string;
  unitName: string;
  areaId: string | null;
  rank: number;
  priority: PriorityClassId;
  position: number;
  km: number | null;
}

export async function loadWaitlist(
  db: Db,
  today: LocalDate,
  p: PlacementPolicy,
  kind?: PlacementKind,
  /** Only wishes for these units (a municipality's waitlists). */
  unitIds?: readonly string[],
): Promise<WaitlistEntry[]> {
  const t = today.toString();
  let q = db
    .selectFrom('application as a')
    .innerJoin('application_wish as w', 'w.application_id', 'a.id')
    .innerJoin('person as c', 'c.id', 'a.child_id')
    .innerJoin('unit as u', 'u.id', 'w.unit_id')
    .leftJoin('residence as r', (j) =>
      j.onRef('r.person_id', '=', 'a.child_id').on(sql<boolean>`r.valid @> ${t}::date`),
    )
    .leftJoin('household as h', 'h.id', 'r.household_id')
    .select([
      'a.id',
      'a.child_id',
      'c.first_name',
      'c.last_name',
      'c.birth_date',
      'a.place_kind',
      'a.placement_kind',
      'a.needed_from',
      'a.hours_per_week',
      'a.seniority_date',
      'a.guarantee_date',
      'a.special_needs',
      'a.moving_in',
      'w.unit_id',
      'w.rank',
      'u.name as unit_name',
      'u.area_id',
      'u.lat as ulat',
      'u.lon as ulon',
      'h.lat as hlat',
      'h.lon as hlon',
      'h.id as household_id',
    ])
    .where('a.status', '=', 'active');
  if (kind) q = q.where('a.placement_kind', '=', kind);
  if (unitIds) {
    if (!unitIds.length) return [];
    q = q.where(sql<boolean>`w.unit_id = any(${[...unitIds]}::uuid[])`); // one array parameter, not one per unit
  }
  const rows = await q.execute();
  if (!rows.length) return [];
  // Siblings: any other child of the same household placed at the wished unit on the behovsdato.
  const households = [...new Set(rows.map((r) => r.household_id).filter((h): h is string => !!h))];
  const sibPlacements = households.length
    ? await db
        .selectFrom('residence as r')
        .innerJoin('placement as pl', 'pl.child_id', 'r.person_id')
        .select([
          'r.household_id',
          'r.person_id',
          'pl.unit_id',
          sql<string>`lower(pl.valid)`.as('from'),
          sql<string | null>`upper(pl.valid)`.as('to'),
        ])
        .where(sql<boolean>`r.household_id = any(${households}::uuid[])`)
        .where(sql<boolean>`r.valid @> ${t}::date`)
        .execute()
    : [];
  const sibsOf = new Map<string, typeof sibPlacements>();
  for (const s of sibPlacements) {
    const list = sibsOf.get(s.household_id);
    if (list) list.push(s);
    else sibsOf.set(s.household_id, [s]);
  }
  const hasSibling = (hh: string | null, child: string, unit: string, on: string) =>
    !!hh &&
    (sibsOf.get(hh) ?? []).some(
      (s) => s.person_id !== child && s.unit_id === unit && s.from <= on && (s.to === null || s.to > on),
    );
  // Reserved places for families moving in: used this calendar year per unit.
  const year = today.year;
  const usedReserved = new Map(
    (
      await db
        .selectFrom('offer')
        .innerJoin('application as a', 'a.id', 'offer.application_id')
        .select(['offer.unit_id', sql<number>`count(*)::int`.as('n')])
        .where('a.moving_in', '=', true)
        .where('offer.status', 'in', ['pending', 'accepted'])
        .where(sql<boolean>`extract(year from offer.offered_on) = ${year}`)
        .groupBy('offer.unit_id')
        .execute()
    ).map((r) => [r.unit_id, r.n]),
  );

  const entries: WaitlistEntry[] = rows.map((r) => {
    const km =
      r.ulat != null && r.ulon != null && r.hlat != null && r.hlon != null
        ? distanceKm({ lat: r.hlat, lon: r.hlon }, { lat: r.ulat, lon: r.ulon })
        : null;
    const applies: Record<PriorityClassId, boolean> = {
      special_needs: r.special_needs,
      moving_in: r.moving_in && (usedReserved.get(r.unit_id) ?? 0) < p.reservedMovingIn,
      sibling: hasSibling(r.household_id, r.child_id, r.unit_id, r.needed_from),
      distance: km !== null && km <= p.distanceKm,
      seniority: true,
    };
    return {
      applicationId: r.id,
      childId: r.child_id,
      childName: `${r.first_name} ${r.last_name}`,
      birthDate: r.birth_date,
      placeKind: r.place_kind,
      placementKind: r.placement_kind,
      neededFrom: r.needed_from,
      hoursPerWeek: r.hours_per_week,
      seniorityDate: r.seniority_date,
      guaranteeDate: r.guarantee_date,
      householdId: r.household_id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      areaId: r.area_id,
      rank: r.rank,
      priority: p.priorityClasses.find((c) => applies[c])!,
      position: 0,
      km: km === null ? null : Math.round(km * 10) / 10,
    };
  });
  // Each unit's order: class, then anciennitet (ISO dates: string order is date order), then the tie-break, each
  // computed once per entry rather than once per comparison.
  const order = entries.map((e, i) => ({
    e,
    cls: p.priorityClasses.indexOf(e.priority),
    lot: tieBreak(e.applicationId),
    i,
  }));
  const byUnit = new Map<string, typeof order>();
  for (const o of order) {
    const list = byUnit.get(o.e.unitId);
    if (list) list.push(o);
    else byUnit.set(o.e.unitId, [o]);
  }
  for (const list of byUnit.values()) {
    list.sort(
      (a, b) =>
        a.cls - b.cls ||
        (a.e.seniorityDate < b.e.seniorityDate ? -1 : a.e.seniorityDate > b.e.seniorityDate ? 1 : 0) ||
        a.lot - b.lot ||
        a.i - b.i,
    );
    list.forEach((o, i) => {
      o.e.position = i + 1;
    });
  }
  return entries;
}
