// Closing days as the booking search and decisions see them: read per unit and municipality, and kept in memory per
// database until booking_closing_version moves.
import { sql } from 'kysely';
import { primary, type Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { epochOf } from '../../shared/iso-day.js';

/** Closing days from `from` on: per unit, plus the municipality-wide ones. */
export async function closingDays(db: Db, from: LocalDate, unitId?: string) {
  let q = db
    .selectFrom('closing_day')
    .select(['date', 'unit_id', 'municipality_code'])
    .where('date', '>=', from.toString());
  if (unitId) q = q.where((eb) => eb.or([eb('unit_id', '=', unitId), eb('unit_id', 'is', null)]));
  const rows = await q.execute();
  const byUnit = new Map<string, Set<string>>(),
    byMunicipality = new Map<string, Set<string>>();
  for (const r of rows) {
    const [m, k] = r.unit_id ? [byUnit, r.unit_id] : [byMunicipality, r.municipality_code!];
    if (!m.has(k)) m.set(k, new Set());
    m.get(k)!.add(r.date);
  }
  return { byUnit, byMunicipality };
}

export type ClosingDays = Awaited<ReturnType<typeof closingDays>>;
/** Closing days as epoch-day sets, for the search's hot path. */
export interface ClosingEpochs {
  byUnit: Map<string, Set<number>>;
  byMunicipality: Map<string, Set<number>>;
}

/** Closing days from today on, kept in memory per database and reloaded when booking_closing_version moves. */
const closingCaches = new WeakMap<Db, { key: string; closing: ClosingDays; epochs: ClosingEpochs }>();
export async function cachedClosingDays(
  db: Db,
  today: LocalDate,
  version?: string,
): Promise<{ closing: ClosingDays; epochs: ClosingEpochs }> {
  const v =
    version ??
    (await sql<{ version: string }>`select version::text as version from booking_closing_version`.execute(db)).rows[0]
      ?.version;
  const key = `${v ?? 'none'}|${today}`;
  const hit = closingCaches.get(primary(db));
  if (hit?.key === key) return hit;
  const closing = await closingDays(db, today);
  const toEpochs = (m: Map<string, Set<string>>) => new Map([...m].map(([k, v]) => [k, new Set([...v].map(epochOf))]));
  const entry = {
    key,
    closing,
    epochs: { byUnit: toEpochs(closing.byUnit), byMunicipality: toEpochs(closing.byMunicipality) },
  };
  closingCaches.set(primary(db), entry);
  return entry;
}
