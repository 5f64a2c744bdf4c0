// Loads units' occupancy timelines from the database. The availability search keeps them in memory per database
// and reloads only units whose unit_load_version moved (bumped by triggers on placement and capacity), so a
// search costs one small query plus the in-memory scan; a booking reads its unit afresh under the unit lock.
import { sql } from 'kysely';
import { PREPARED, primary, type Db } from '../../platform/db/database.js';
import type { UnitType } from '../../platform/db/schema.js';
import type { LocalDate } from '../../shared/index.js';
import { unitFacts, type UnitFacts } from './availability.js';
import type { BookingPolicy } from './booking-policy.js';
import { epochOf } from '../../shared/iso-day.js';
import { buildTimeline, type CapacityPeriod, type LoadItem, type Timeline } from './timeline.js';

export const DAYCARE_TYPES: UnitType[] = ['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'landsbyordning'];

/** The child's transition (1st of the month at `months` of age) and school start (1 August the year they turn 6). */
export function childEpochs(birth: string, months: number): { transition: number; schoolStart: number } {
  const y = +birth.slice(0, 4),
    m = +birth.slice(5, 7);
  // plusMonths(months).firstOfMonth(): the day never moves the month, so day 1 of that month.
  const tm = (m - 1 + months) % 12,
    ty = y + Math.floor((m - 1 + months) / 12);
  return { transition: epochOf(`${ty}-${String(tm + 1).padStart(2, '0')}-01`), schoolStart: epochOf(`${y + 6}-08-01`) };
}

export interface UnitOccupancy {
  id: string;
  /** unit_load_version read in the same snapshot as the rows: the timeline is exactly that version's state. */
  version: number;
  facts: UnitFacts;
  capacity: CapacityPeriod[];
  items: (LoadItem & { childId: string })[];
  timeline: Timeline;
}

const BAND_WEIGHT = (band: string, nw: number) => (band === '0-2' ? nw : band === '3-5' ? 1 : 0);

interface LoadRow {
  id: string;
  version: number;
  caps: { band: string; places: number; lo: string; hi: string | null }[];
  places: { id: string; child: string; birth: string; lo: string; hi: string | null }[];
  offers: { id: string; child: string; birth: string; start: string }[];
}

/**
 * Reads capacity, dagtilbud placements (ending after `today`) and pending offers of the given units, with their
 * load version, in one statement (one snapshot). `exclude`: a placement or offer id left out (the one being replaced).
 */
export async function loadOccupancy(
  db: Db,
  units: { id: string; type: UnitType }[],
  policy: BookingPolicy,
  today: LocalDate,
  exclude?: string,
): Promise<Map<string, UnitOccupancy>> {
  const out = new Map<string, UnitOccupancy>();
  if (!units.length) return out;
  const t = today.toString();
  const { rows } = await sql<LoadRow>`select u.id, coalesce(v.version, 0)::int as version,
      (select coalesce(json_agg(json_build_object('band', c.age_band, 'places', c.places, 'lo', lower(c.valid), 'hi', upper(c.valid))), '[]')
         from capacity c where c.unit_id = u.id) as caps,
      (select coalesce(json_agg(json_build_object('id', p.id, 'child', p.child_id, 'birth', pe.birth_date, 'lo', lower(p.valid), 'hi', upper(p.valid))), '[]')
         from placement p join person pe on pe.id = p.child_id
        where p.unit_id = u.id and p.kind = 'dagtilbud' and (upper_inf(p.valid) or upper(p.valid) > ${t}::date)) as places,
      -- A pending offer holds its place from its start date (an accepted one is already a placement).
      (select coalesce(json_agg(json_build_object('id', o.id, 'child', a.child_id, 'birth', pe.birth_date, 'start', o.start_date)), '[]')
         from offer o join application a on a.id = o.application_id join person pe on pe.id = a.child_id
        where o.unit_id = u.id and o.status = 'pending' and a.placement_kind = 'dagtilbud') as offers
    from unit u left join unit_load_version v on v.unit_id = u.id where u.id = any(${units.map((u) => u.id)}::uuid[])`.execute(
    db,
  );
  const typeOf = new Map(units.map((u) => [u.id, u.type]));
  for (const r of rows)
    out.set(r.id, occupancyOf(r, typeOf.get(r.id)!, policy.nurseryWeight, policy.transitionAgeMonths, exclude));
  return out;
}

function occupancyOf(
  r: LoadRow,
  type: UnitType,
  nw: number,
  transitionMonths: number,
  exclude?: string,
): UnitOccupancy {
  const facts = unitFacts(r.id, type);
  const capacity: CapacityPeriod[] = [];
  const items: UnitOccupancy['items'] = [];
  for (const c of r.caps) {
    const w = BAND_WEIGHT(c.band, nw);
    if (w) capacity.push({ from: epochOf(c.lo), to: c.hi ? epochOf(c.hi) : Infinity, places: c.places * w });
  }
  for (const p of r.places) {
    if (p.id === exclude) continue;
    items.push({
      id: p.id,
      childId: p.child,
      from: epochOf(p.lo),
      to: p.hi ? epochOf(p.hi) : Infinity,
      ...childEpochs(p.birth, transitionMonths),
    });
  }
  for (const f of r.offers) {
    if (f.id === exclude) continue;
    // Held until school start, like the open-ended placement accepting it creates (in a nursery-only unit too:
    // the child stays, at weight 1, until a kindergarten place takes over).
    items.push({
      id: f.id,
      childId: f.child,
      from: epochOf(f.start),
      to: Infinity,
      ...childEpochs(f.birth, transitionMonths),
    });
  }
  return { id: r.id, version: r.version, facts, capacity, items, timeline: buildTimeline(capacity, items, nw) };
}

/**
 * Locks the units' load: their unit_load_version rows, which the triggers on placement, offer and capacity also
 * lock (they bump the version), so every change to a unit's load waits for a booking's check and write, and the
 * other way round. In id order, so two-unit moves cannot deadlock. Returns the locked versions.
 */
export async function lockUnitLoad(trx: Db, unitIds: string[]): Promise<Map<string, number>> {
  const { rows } = await sql<{ unit_id: string; version: number }>`insert into unit_load_version (unit_id)
    select id from unit where id = any(${unitIds}::uuid[]) order by id
    on conflict (unit_id) do update set version = unit_load_version.version returning unit_id, version::int`.execute(
    trx,
  );
  return new Map(rows.map((r) => [r.unit_id, r.version]));
}

/** The units' load versions, without a lock (a unit no change has touched yet gets its row): a round preview
 *  records them, and approval refuses when any has moved. */
export async function unitLoadVersions(db: Db, unitIds: string[]): Promise<Record<string, number>> {
  if (!unitIds.length) return {};
  await sql`insert into unit_load_version (unit_id) select id from unit where id = any(${unitIds}::uuid[]) on conflict (unit_id) do nothing`.execute(
    db,
  );
  const rows = await db
    .selectFrom('unit_load_version')
    .select(['unit_id', sql<number>`version::int`.as('version')])
    .where('unit_id', 'in', unitIds)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.unit_id, r.version]));
}

/** A unit's type and municipality (whose booking policy applies to its places). */
export async function unitTypeOf(db: Db, unitId: string) {
  return (
    (await db
      .selectFrom('unit')
      .innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id')
      .select(['unit.id', 'unit.type', 'd.municipality_code as municipalityCode'])
      .where('unit.id', '=', unitId)
      .executeTakeFirst()) ?? null
  );
}

/** Several units' types and municipalities (units that do not exist are left out). */
export async function unitTypesOf(db: Db, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .selectFrom('unit')
    .innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id')
    .select(['unit.id', 'unit.type', 'd.municipality_code as municipalityCode'])
    .where('unit.id', 'in', unitIds)
    .execute();
}

export interface UnitInfo {
  id: string;
  number: string;
  name: string;
  type: UnitType;
  street: string;
  postalCode: string;
  city: string;
  lat: number | null;
  lon: number | null;
  daginstitutionId: string;
  municipalityCode: string;
}

const byName = new Intl.Collator('da').compare;

/** The daycare units with the booking_unit_version they were read at (one snapshot). */
async function daycareUnitsVersioned(db: Db): Promise<{ units: UnitInfo[]; version: string }> {
  const read = async (trx: Db) => {
    const v = await sql<{ version: string }>`select version::text as version from booking_unit_version`.execute(trx);
    // In name order (Danish), once per version: the search lists units in this order, so a stable sort by distance
    // or date keeps ties by name without comparing names per search.
    const units = (await daycareUnits(trx)).sort((a, b) => byName(a.name, b.name) || (a.id < b.id ? -1 : 1));
    return { units, version: v.rows[0]!.version };
  };
  if (db.isTransaction) return read(db);
  return db.transaction().execute(async (trx) => {
    await sql`set transaction isolation level repeatable read, read only`.execute(trx);
    return read(trx);
  });
}

export async function daycareUnits(db: Db): Promise<UnitInfo[]> {
  return db
    .selectFrom('unit')
    .innerJoin('daginstitution as d', 'd.id', 'unit.daginstitution_id')
    .select([
      'unit.id',
      'unit.number',
      'unit.name',
      'unit.type',
      'unit.street',
      'unit.postal_code as postalCode',
      'unit.city',
      'unit.lat',
      'unit.lon',
      'unit.daginstitution_id as daginstitutionId',
      'd.municipality_code as municipalityCode',
    ])
    .where('unit.closed_on', 'is', null)
    .where('unit.type', 'in', DAYCARE_TYPES)
    .execute();
}

/** The versions a search compares with what it holds, in one round trip: the daycare units' facts
 *  (booking_unit_version), their closing days (booking_closing_version) and the load (unit_load_version) of the units
 *  whose load moved since `since` (all when null), with the snapshot's horizon to ask from next time. */
export interface Versions {
  units: string;
  closing: string;
  loads: Record<string, number> | null;
  horizon: string;
}

/** The SQL for Versions.loads and .horizon. A row changed by a transaction at or after the last snapshot's horizon
 *  (its oldest transaction still running) may have been invisible then, so it is asked for again; every older change
 *  was visible to that snapshot and is held. During a rush this is a few units instead of every unit. */
export const loadsSince = (since: string | null) =>
  sql`(select json_object_agg(unit_id, version) from unit_load_version
      where ${since}::xid8 is null or changed >= ${since}::xid8) as loads,
    pg_snapshot_xmin(pg_current_snapshot())::text as horizon`;

export async function currentVersions(db: Db): Promise<Versions> {
  const { rows } = await sql<Versions>`${sql.raw(PREPARED)} select
      (select version::text from booking_unit_version) as units,
      (select version::text from booking_closing_version) as closing,
      ${loadsSince(occupancyCache(db).horizon)}`.execute(db);
  return rows[0]!;
}

/** In-memory timelines per database, refreshed by version. */
class OccupancyCache {
  private units = new Map<string, UnitOccupancy>();
  private key = '';
  private refreshing: Promise<void> | null = null;
  /** The daycare units' facts at booking_unit_version `infoVersion`. */
  private info: UnitInfo[] = [];
  private infoVersion: string | null = null;
  private loadingInfo: Promise<void> | null = null;
  private inFlight = new Map<string, number>();
  /** Each unit's newest load version seen, complete for every transaction before `horizon` (see loadsSince). */
  private loads = new Map<string, number>();
  horizon: string | null = null;
  /** The units that may be behind (a newer load seen, or not held): a search looks at these, not at every unit. */
  private pending = new Set<string>();
  /** The units list every unit not held was last put in `pending` for (null: to do again). */
  private pendingFor: UnitInfo[] | null = null;
  private infoById = new Map<string, UnitInfo>();

  private keyed(policy: BookingPolicy, today: LocalDate) {
    const key = `${policy.nurseryWeight}|${policy.transitionAgeMonths}|${today}`;
    if (key !== this.key) {
      this.units.clear();
      this.key = key;
      this.pendingFor = null;
    }
  }

  /** The daycare units as of `version`, read again only when it moved. */
  private async unitsAt(db: Db, version: string): Promise<UnitInfo[]> {
    while (this.infoVersion !== version) {
      if (!this.loadingInfo)
        this.loadingInfo = daycareUnitsVersioned(db)
          .then((r) => {
            this.info = r.units;
            this.infoVersion = r.version;
          })
          .finally(() => {
            this.loadingInfo = null;
          });
      await this.loadingInfo;
      // A newer version than asked for is as good: the facts are at least as fresh as the caller's snapshot.
      if (this.infoVersion !== null && BigInt(this.infoVersion) >= BigInt(version)) break;
    }
    return this.info;
  }

  async get(
    db: Db,
    policy: BookingPolicy,
    today: LocalDate,
    versions?: Versions,
  ): Promise<{ info: UnitInfo[]; occ: Map<string, UnitOccupancy> }> {
    const v = versions ?? (await currentVersions(db));
    this.seen(v);
    const info = await this.unitsAt(db, v.units);
    this.keyed(policy, today);
    // Behind: a newer load seen than the timeline held (or none held). A unit this process is writing to right now is
    // not read again: its version may be ahead only by that write, whose timeline is kept when it commits (a search
    // running meanwhile answers from just before it). Only the units in `pending` can be ahead (seen() adds them).
    const ahead = (id: string) => (this.units.get(id)?.version ?? -1) < (this.loads.get(id) ?? 0);
    const behind = (u: UnitInfo) => ahead(u.id) && !(this.units.has(u.id) && this.inFlight.has(u.id));
    if (this.pendingFor !== info) {
      for (const u of info) if (ahead(u.id)) this.pending.add(u.id);
      this.pendingFor = info;
      this.infoById = new Map(info.map((u) => [u.id, u]));
    }
    const stale: UnitInfo[] = [];
    for (const id of this.pending) {
      const u = this.infoById.get(id);
      if (!u || !ahead(id)) this.pending.delete(id);
      else if (behind(u)) stale.push(u);
    }
    if (stale.length) {
      while (this.refreshing) await this.refreshing;
      const still = stale.filter(behind);
      if (still.length) {
        this.refreshing = loadOccupancy(db, still, policy, today)
          .then((m) => {
            for (const o of m.values()) this.remember(o);
          })
          .finally(() => {
            this.refreshing = null;
          });
        await this.refreshing;
      }
    }
    const occ = new Map<string, UnitOccupancy>();
    for (const u of info) {
      const c = this.units.get(u.id);
      if (c) occ.set(u.id, c);
    }
    return { info, occ };
  }

  /** Takes in the load versions a statement read since the horizon this process held when it was sent (versions only
   *  grow, so the newest wins whatever order concurrent searches' answers arrive in). */
  private seen(v: Versions) {
    for (const [id, version] of Object.entries(v.loads ?? {}))
      if ((this.loads.get(id) ?? -1) < version) {
        this.loads.set(id, version);
        this.pending.add(id);
      }
    if (this.horizon === null || BigInt(v.horizon) > BigInt(this.horizon)) this.horizon = v.horizon;
  }

  /** The unit's timeline if the cache holds exactly `version` (a booking under the unit's load lock). */
  at(policy: BookingPolicy, today: LocalDate, unitId: string, version: number): UnitOccupancy | undefined {
    this.keyed(policy, today);
    const o = this.units.get(unitId);
    return o?.version === version ? o : undefined;
  }

  /** The unit's newest timeline held, if at least `version` (the fast path's write guards the rest). */
  atLeast(policy: BookingPolicy, today: LocalDate, unitId: string, version: number): UnitOccupancy | undefined {
    this.keyed(policy, today);
    const o = this.units.get(unitId);
    return o && o.version >= version ? o : undefined;
  }

  /** A write to the unit's load from this process (book.ts's batches): a search meanwhile does not re-read it. */
  async writing<T>(unitId: string, fn: () => Promise<T>): Promise<T> {
    this.inFlight.set(unitId, (this.inFlight.get(unitId) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      const n = this.inFlight.get(unitId)! - 1;
      if (n) this.inFlight.set(unitId, n);
      else this.inFlight.delete(unitId);
    }
  }

  /** Keeps a unit's timeline unless a newer version is already held. */
  remember(o: UnitOccupancy) {
    if ((this.units.get(o.id)?.version ?? -1) < o.version) this.units.set(o.id, o);
  }
}

const caches = new WeakMap<Db, OccupancyCache>();
export function occupancyCache(db: Db): OccupancyCache {
  let c = caches.get(primary(db));
  if (!c) caches.set(primary(db), (c = new OccupancyCache()));
  return c;
}
