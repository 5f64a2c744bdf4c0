// Pure register rules: age bands, which unit types serve which ages, distances.
import type { AgeBand, UnitType } from '../../platform/db/schema.js';

export const AGE_BANDS: readonly AgeBand[] = ['0-2', '3-5', '6-9', '10-13', '14-17'];

/** The capacity band a child of this age (whole months) counts against. */
export function ageBandOf(ageMonths: number): AgeBand {
  if (ageMonths < 36) return '0-2';
  if (ageMonths < 72) return '3-5';
  if (ageMonths < 120) return '6-9';
  if (ageMonths < 168) return '10-13';
  return '14-17';
}

/** The bands a unit type normally serves; its capacity rows are the truth for a concrete unit. */
export const BANDS_BY_TYPE: Record<UnitType, readonly AgeBand[]> = {
  dagpleje: ['0-2'],
  vuggestue: ['0-2'],
  boernehave: ['3-5'],
  integreret: ['0-2', '3-5'],
  landsbyordning: ['0-2', '3-5', '6-9'],
  fritidshjem: ['6-9'],
  sfo: ['6-9'],
  klub: ['10-13', '14-17'],
};

/** Great-circle distance in km (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad,
    dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
