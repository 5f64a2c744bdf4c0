// Årsrulning: children in a nursery-only unit get a kindergarten application for the transition date (2 years
// 10 months, configurable); kindergarten children get an SFO application for the school-start year's window
// (from 1 April, configurable); SFO/fritidshjem children get a club application for 1 August of the year they
// start the club grade (placement.club_from_grade; grade 0 begins at school start). Integrated units keep their children. Wishes are the nearest fitting units; the
// family can change them, and accepting the new place ends the old one (offers.ts). Then continuous allocation
// runs the engine and sends the offers it finds, as places free up.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PlacementKind } from '../../platform/db/schema.js';
import { LocalDate } from '../../shared/index.js';
import { distanceKm } from '../registry/index.js';
import type { MunicipalScope } from '../people/index.js';
import { inbox } from './applications.js';
import { policyOn } from './placement-policy.js';
import { approveRound, previewRound } from './round.js';
import { lockUnitLoad } from '../booking/index.js';
import { guaranteeDate, schoolStart, seniorityDate, transitionDate, UNIT_TYPES_FOR } from './rules.js';

/** Årsrulning of one municipality: the children placed in its units, with wishes for its units. */
export async function aarsrulning(trx: Db, muni: MunicipalScope, today: LocalDate, lookaheadMonths = 6) {
  if (!muni.unitIds.length) return 0;
  const p = await policyOn(trx, muni.code, today);
  const t = today.toString();
  const rows = await trx
    .selectFrom('placement as pl')
    .innerJoin('unit as u', 'u.id', 'pl.unit_id')
    .innerJoin('person as c', 'c.id', 'pl.child_id')
    .leftJoin('residence as r', (j) => j.onRef('r.person_id', '=', 'c.id').on(sql<boolean>`r.valid @> ${t}::date`))
    .leftJoin('household as h', 'h.id', 'r.household_id')
    .select(['c.id', 'c.first_name', 'c.last_name', 'c.birth_date', 'u.type', 'h.lat', 'h.lon'])
    .where('pl.kind', 'in', ['dagtilbud', 'fritidstilbud'])
    .where(sql<boolean>`pl.valid @> ${t}::date`)
    .where('u.type', 'in', ['vuggestue', 'dagpleje', 'boernehave', 'integreret', 'sfo', 'fritidshjem'])
    .where('u.id', 'in', muni.unitIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('application as a')
            .select(sql`1`.as('x'))
            .whereRef('a.child_id', '=', 'c.id')
            .where('a.status', '=', 'active'),
        ),
      ),
    )
    .execute();
  const units = await trx
    .selectFrom('unit')
    .select(['id', 'type', 'lat', 'lon'])
    .where('closed_on', 'is', null)
    .where('lat', 'is not', null)
    .where('id', 'in', muni.unitIds)
    .execute();
  const horizon = today.plusMonths(lookaheadMonths);
  let created = 0;
  const done = new Set<string>();
  for (const c of rows) {
    if (done.has(c.id)) continue; // a child with two current places gets one application
    const birth = LocalDate.parse(c.birth_date);
    const [mm, dd] = p.fritidOfferWindow.from.split('-').map(Number);
    const plan =
      c.type === 'vuggestue' || c.type === 'dagpleje'
        ? {
            kind: 'boernehave' as const,
            from: transitionDate(birth, p.transitionAgeMonths),
            placementKind: 'dagtilbud' as const,
          }
        : c.type === 'sfo' || c.type === 'fritidshjem'
          ? {
              kind: 'klub' as const,
              from: LocalDate.of(schoolStart(birth).year + p.clubFromGrade, 8, 1),
              placementKind: 'klub' as const,
            }
          : {
              kind: 'sfo' as const,
              from: LocalDate.of(schoolStart(birth).year, mm!, dd!),
              placementKind: 'fritidstilbud' as const,
            };
    if (plan.from.isBefore(today) || plan.from.isAfter(horizon)) continue;
    const near =
      c.lat == null || c.lon == null
        ? []
        : units
            .filter((u) => UNIT_TYPES_FOR[plan.kind].includes(u.type))
            .map((u) => ({ id: u.id, km: distanceKm({ lat: c.lat!, lon: c.lon! }, { lat: u.lat!, lon: u.lon! }) }))
            .sort((a, b) => a.km - b.km)
            .slice(0, 3);
    if (!near.length) continue;
    const app = await trx
      .insertInto('application')
      .values({
        child_id: c.id,
        place_kind: plan.kind,
        placement_kind: plan.placementKind,
        needed_from: plan.from.toString(),
        hours_per_week: 40,
        applied_on: t,
        seniority_date: seniorityDate(birth, today, p.seniorityFromMonths).toString(),
        guarantee_date: guaranteeDate(birth, plan.from, today, plan.placementKind)?.toString() ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('application_wish')
      .values(near.map((u, i) => ({ application_id: app.id, rank: i + 1, unit_id: u.id })))
      .execute();
    done.add(c.id);
    await inbox(
      trx,
      'application',
      c.id,
      `Årsrulning: ansøgning (${plan.kind}) for ${c.first_name} ${c.last_name} fra ${plan.from.toString()}.`,
      today,
    );
    created++;
  }
  return created;
}

/**
 * Continuous allocation: run the engine now and send its offers straight away (a round approved by the rules).
 * The load of every unit on the waitlists is locked first (one lockUnitLoad, id order), so the preview cannot go
 * stale before its approval in the same transaction.
 */
export async function continuousAllocation(
  trx: Db,
  muni: MunicipalScope,
  today: LocalDate,
  userId: string | null = null,
  kinds: readonly PlacementKind[] = ['dagtilbud', 'fritidstilbud', 'klub'],
) {
  const wished = await trx
    .selectFrom('application_wish as w')
    .innerJoin('application as a', 'a.id', 'w.application_id')
    .select('w.unit_id')
    .distinct()
    .where('a.status', '=', 'active')
    .where('a.placement_kind', 'in', [...kinds])
    .where('w.unit_id', 'in', muni.unitIds.length ? muni.unitIds : ['00000000-0000-0000-0000-000000000000'])
    .execute();
  await lockUnitLoad(
    trx,
    wished.map((w) => w.unit_id),
  );
  let offers = 0;
  for (const kind of kinds) {
    const r = await previewRound(trx, muni.code, kind, today.plusMonths(6), today, userId, 'continuous');
    offers += (await approveRound(trx, r.id, today, userId)).offers;
  }
  return offers;
}
