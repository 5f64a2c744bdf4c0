// Allocation rounds: build the engine's input from the database, keep the preview, approve it into offers.
// A preview remembers the load version of every unit it looked at; approving takes those units' load lock (in id
// order) and refuses the preview as stale if any version moved (a booking, offer, answer or capacity change since),
// and each offer is re-checked against the unit's capacity, in the engine's order, against the timelines read once
// under that lock (createRoundOffers, booking's roomsFor).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PlacementKind } from '../../platform/db/schema.js';
import { LocalDate } from '../../shared/index.js';
import { addMonths, epochOf, isoOf } from '../../shared/iso-day.js';
import { type AllocationInput, type AllocationResult, type AllocationUnit, type PlacesPeriod } from './engine-port.js';
import { PRIORITY_CLASSES, policyOn, type PlacementPolicy } from './placement-policy.js';
import { loadWaitlist } from './waitlist.js';
import { createRoundOffers } from './offers.js';
import { allocateWithDistributionRule } from './distribution.js';
import { lockUnitLoad, unitLoadVersions as unitVersions } from '../booking/index.js';
import { unitsOfMunicipality } from '../registry/index.js';
import { placementError } from './contract.js';

export const previewStale = () => placementError('placement.preview-stale');

const NURSERY_TYPES = new Set(['dagpleje', 'vuggestue']);

/** Free places in kindergarten equivalents: capacity rows and the weighted load of enrolled children and pending offers. */
async function unitsFor(
  db: Db,
  unitIds: string[],
  from: LocalDate,
  horizon: LocalDate,
  p: PlacementPolicy,
  kind: PlacementKind,
): Promise<AllocationUnit[]> {
  if (!unitIds.length) return [];
  const f = from.toString(),
    h = horizon.toString();
  const [units, caps, enrolled, pending] = await Promise.all([
    db.selectFrom('unit').select(['id', 'name', 'type']).where('id', 'in', unitIds).execute(),
    db
      .selectFrom('capacity')
      .select([
        'unit_id',
        'age_band',
        'places',
        sql<string>`lower(valid)`.as('from'),
        sql<string | null>`upper(valid)`.as('to'),
      ])
      .where('unit_id', 'in', unitIds)
      .where(sql<boolean>`valid && daterange(${f}::date, ${h}::date, '[]')`)
      .execute(),
    db
      .selectFrom('placement')
      .innerJoin('person', 'person.id', 'placement.child_id')
      .select([
        'placement.unit_id',
        'person.birth_date',
        sql<string>`lower(placement.valid)`.as('from'),
        sql<string | null>`upper(placement.valid)`.as('to'),
      ])
      .where('placement.unit_id', 'in', unitIds)
      .where('placement.kind', '=', kind)
      .where(sql<boolean>`placement.valid && daterange(${f}::date, ${h}::date, '[]')`)
      .execute(),
    db
      .selectFrom('offer')
      .innerJoin('application as a', 'a.id', 'offer.application_id')
      .innerJoin('person', 'person.id', 'a.child_id')
      .select(['offer.unit_id', 'person.birth_date', 'offer.start_date as from'])
      .where('offer.unit_id', 'in', unitIds)
      .where('offer.status', '=', 'pending')
      .execute(),
  ]);
  const nw = p.nurseryWeight;
  // ISO-string arithmetic (iso-day.ts): a LocalDate per placement row costs too much at a city's scale.
  const dayBefore = (s: string) => isoOf(epochOf(s) - 1);
  const load = (birth: string, start: string, endExclusive: string | null): PlacesPeriod[] => {
    const s = start < f ? f : start;
    const transition = addMonths(birth, p.transitionAgeMonths);
    const out: PlacesPeriod[] = [];
    const end = endExclusive === null ? null : dayBefore(endExclusive);
    if (s < transition)
      out.push({ from: s, to: end !== null && end < dayBefore(transition) ? end : dayBefore(transition), places: nw });
    const s2 = s > transition ? s : transition;
    if (end === null || s2 <= end) out.push({ from: s2, to: end, places: 1 });
    return out;
  };
  const byUnit = <T extends { unit_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.unit_id);
      if (list) list.push(r);
      else m.set(r.unit_id, [r]);
    }
    return (id: string) => m.get(id) ?? [];
  };
  const capsOf = byUnit(caps),
    enrolledOf = byUnit(enrolled),
    pendingOf = byUnit(pending);
  return units.map((u) => {
    const nurseryOnly = NURSERY_TYPES.has(u.type);
    return {
      id: u.id,
      name: u.name,
      ageGroups: nurseryOnly ? ['nursery'] : u.type === 'boernehave' ? ['kindergarten'] : undefined,
      capacity: capsOf(u.id).map((c) => ({
        from: c.from,
        to: c.to ? dayBefore(c.to) : null,
        places: c.places * (c.age_band === '0-2' ? nw : 1),
      })),
      occupancy: [
        ...enrolledOf(u.id).flatMap((e) => load(e.birth_date, e.from, e.to)),
        ...pendingOf(u.id).flatMap((e) => load(e.birth_date, e.from, null)),
      ],
    };
  });
}

export async function buildRoundInput(
  db: Db,
  municipalityCode: string,
  kind: PlacementKind,
  horizon: LocalDate,
  today: LocalDate,
): Promise<AllocationInput> {
  return (await roundInputAt(db, municipalityCode, kind, horizon, today)).input;
}

/** The engine's input and the load version of each of its units, read before their load (so a change in between shows). */
async function roundInputAt(
  db: Db,
  municipalityCode: string,
  kind: PlacementKind,
  horizon: LocalDate,
  today: LocalDate,
): Promise<{ input: AllocationInput; versions: Record<string, number> }> {
  const p = await policyOn(db, municipalityCode, today);
  const ownUnits = (await unitsOfMunicipality(db, municipalityCode)).map((u) => u.id);
  const start = today.plusDays(1);
  const withOffer = new Set(
    (await db.selectFrom('offer').select('application_id').where('status', '=', 'pending').execute()).map(
      (o) => o.application_id,
    ),
  );
  const entries = (await loadWaitlist(db, today, p, kind, ownUnits)).filter(
    (e) => !withOffer.has(e.applicationId) && e.neededFrom <= horizon.toString(),
  );
  const byApp = new Map<string, typeof entries>();
  for (const e of entries) byApp.set(e.applicationId, [...(byApp.get(e.applicationId) ?? []), e]);
  const unitIds = [...new Set(entries.map((e) => e.unitId))];
  const versions = await unitVersions(db, unitIds);
  const units = await unitsFor(db, unitIds, start, horizon, p, kind);
  const input: AllocationInput = {
    horizon: horizon.toString(),
    policy: {
      priorityClasses: p.priorityClasses.map((id) => ({ id, ...PRIORITY_CLASSES[id] })),
      nurseryWeight: p.nurseryWeight,
      transitionAgeMonths: p.transitionAgeMonths,
      fillMode: p.fillMode === 'maximise-children' ? 'maximise-children' : 'strict-order',
    }, // anything else: the law's order
    units,
    applicants: [...byApp.values()].map((ws) => {
      const a = ws[0]!;
      return {
        id: a.applicationId,
        birthDate: a.birthDate,
        seniorityDate: a.seniorityDate,
        wishedStart: a.neededFrom < start.toString() ? start.toString() : a.neededFrom,
        wishes: ws.sort((x, y) => x.rank - y.rank).map((w) => ({ unit: w.unitId, priority: w.priority })),
        siblingGroup: a.householdId ?? undefined,
      };
    }),
  };
  return { input, versions };
}

/** Runs the engine on one municipality's waitlists and keeps the result as a preview. */
export async function previewRound(
  trx: Db,
  municipalityCode: string,
  kind: PlacementKind,
  horizon: LocalDate,
  today: LocalDate,
  userId: string | null,
  mode: 'round' | 'continuous' = 'round',
) {
  const { input, versions } = await roundInputAt(trx, municipalityCode, kind, horizon, today);
  const result = await allocateWithDistributionRule(trx, input, today, await policyOn(trx, municipalityCode, today));
  const row = await trx
    .insertInto('allocation_round')
    .values({
      placement_kind: kind,
      horizon: horizon.toString(),
      mode,
      result: JSON.stringify(result),
      unit_versions: JSON.stringify(versions),
      created_by: userId,
      municipality_code: municipalityCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, result };
}

/** The round as staff see it; `known` is its result when the caller has it in hand (a preview just made). */
export async function roundView(db: Db, id: string, known?: AllocationResult) {
  const r = await db
    .selectFrom('allocation_round')
    .select(['id', 'placement_kind', 'horizon', 'status', 'created_at'])
    .$if(!known, (q) => q.select('result'))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw placementError('placement.round-not-found');
  const result = known ?? ((r as { result?: unknown }).result as AllocationResult);
  const appIds = [...result.offers.map((o) => o.applicant), ...result.unplaced.map((u) => u.applicant)];
  const names = new Map(
    appIds.length
      ? (
          await db
            .selectFrom('application as a')
            .innerJoin('person as c', 'c.id', 'a.child_id')
            .select(['a.id', 'c.first_name', 'c.last_name', 'a.guarantee_date'])
            .where('a.id', 'in', appIds)
            .execute()
        ).map((a) => [a.id, a])
      : [],
  );
  const unitIds = [...new Set(result.offers.map((o) => o.unit))];
  const units = new Map(
    unitIds.length
      ? (await db.selectFrom('unit').select(['id', 'name']).where('id', 'in', unitIds).execute()).map((u) => [
          u.id,
          u.name,
        ])
      : [],
  );
  const name = (id: string) => {
    const a = names.get(id);
    return a ? `${a.first_name} ${a.last_name}` : id;
  };
  return {
    id: r.id,
    kind: r.placement_kind,
    horizon: r.horizon,
    status: r.status,
    createdAt: r.created_at,
    metrics: result.metrics,
    offers: result.offers.map((o) => ({
      applicationId: o.applicant,
      childName: name(o.applicant),
      unitId: o.unit,
      unitName: units.get(o.unit) ?? o.unit,
      rank: o.rank,
      start: o.start,
      priority: o.priority,
      explanation: o.explanation,
      guaranteeDate: names.get(o.applicant)?.guarantee_date ?? null,
    })),
    unplaced: result.unplaced.map((u) => ({
      applicationId: u.applicant,
      childName: name(u.applicant),
      explanation: u.explanation,
      guaranteeDate: names.get(u.applicant)?.guarantee_date ?? null,
    })),
  };
}

/**
 * Approve: under the load lock of the preview's units, refused (409 preview-stale) if any unit's load changed since
 * the preview; then every offer of the preview becomes a pending offer (if the application is still open and the
 * child still fits), letters go out.
 */
export async function approveRound(trx: Db, id: string, today: LocalDate, userId: string | null) {
  // Only the offers of the stored result: its explanations for the unplaced are not needed here.
  const r = await trx
    .selectFrom('allocation_round')
    .select(['status', 'unit_versions', sql<AllocationResult['offers']>`result->'offers'`.as('offers')])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!r) throw placementError('placement.round-not-found');
  if (r.status !== 'preview') throw placementError('placement.round-decided');
  const result = { offers: r.offers ?? [] };
  const seen = (r.unit_versions ?? null) as Record<string, number> | null;
  if (!seen) throw previewStale();
  const now = await lockUnitLoad(trx, [...new Set([...Object.keys(seen), ...result.offers.map((o) => o.unit)])]);
  for (const o of result.offers) if (!(o.unit in seen)) throw previewStale();
  for (const [unit, v] of Object.entries(seen)) if ((now.get(unit) ?? 0) !== v) throw previewStale();
  const created = await createRoundOffers(
    trx,
    result.offers.map((o) => ({
      applicationId: o.applicant,
      unitId: o.unit,
      start: LocalDate.parse(o.start),
      priority: o.priority,
      explanation: o.explanation.da,
    })),
    id,
    userId,
    today,
  );
  await trx
    .updateTable('allocation_round')
    .set({ status: 'approved', approved_by: userId, approved_at: sql`now()` })
    .where('id', '=', id)
    .execute();
  return { offers: created };
}
