// Whose placement rules apply: the family's home municipality (pasningsgaranti, notice, application rules), or, for a
// family living outside any municipality Spire knows, the municipality of the wished or held unit.
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { livesIn } from '../people/index.js';
import { municipalitiesOfUnits } from '../registry/index.js';
import { placementError } from './contract.js';

export async function ruleMunicipality(
  db: Db,
  personId: string,
  unitIds: readonly string[],
  today: LocalDate,
): Promise<string> {
  const home = await livesIn(db, personId, today);
  if (home) return home;
  const [unit] = await municipalitiesOfUnits(db, unitIds);
  if (!unit) throw placementError('placement.wish-not-found');
  return unit;
}
