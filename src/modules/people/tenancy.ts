// Which municipality a child belongs to, for the access policy's wall between municipalities: the municipality it
// lives in and those of the units where it has a current or future place (a child placed across the border is seen by
// both).
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { municipalitiesOfUnits, unitsOfMunicipality } from '../registry/index.js';
import { homeMunicipality, type Actor } from '../../platform/auth/actor.js';
import { personExists, residenceMunicipalities, unitIdsOfChild, type MunicipalScope } from './queries.js';

/** The staff actor's municipality with its units: what list endpoints filter by. */
export async function municipalScope(db: Db, actor: Actor): Promise<MunicipalScope> {
  return scopeOf(db, homeMunicipality(actor));
}

/** A municipality with its units. */
export async function scopeOf(db: Db, code: string): Promise<MunicipalScope> {
  return { code, unitIds: (await unitsOfMunicipality(db, code)).map((u) => u.id) };
}

/** The municipality of a unit, with its units (e.g. continuous allocation after a place there is freed). */
export async function scopeOfUnit(db: Db, unitId: string): Promise<MunicipalScope | null> {
  const [code] = await municipalitiesOfUnits(db, [unitId]);
  return code ? scopeOf(db, code) : null;
}

/** The policy subject of a child (or a guardian): its municipalities; none for an unknown id (then a 404 follows). */
export async function childSubject(
  db: Db,
  childId: string,
  today: LocalDate,
): Promise<{ municipalityCode?: string[] }> {
  const [home, unitIds] = await Promise.all([
    residenceMunicipalities(db, childId, today),
    unitIdsOfChild(db, childId, today),
  ]);
  const placed = await municipalitiesOfUnits(db, unitIds);
  const codes = [...new Set([...home, ...placed])];
  if (!codes.length && !(await personExists(db, childId))) return {};
  return { municipalityCode: codes };
}

/** The municipality a person lives in on `today` (whose rules apply to the family), or null when unknown. */
export async function livesIn(db: Db, personId: string, today: LocalDate): Promise<string | null> {
  return (await residenceMunicipalities(db, personId, today))[0] ?? null;
}
