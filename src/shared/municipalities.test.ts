import { describe, expect, it } from 'vitest';
import { MUNICIPALITIES, isMunicipalityCode, municipalityByCode } from './municipalities.js';

describe('municipalities', () => {
  it('has exactly 98 unique 4-digit codes and unique names', () => {
    expect(MUNICIPALITIES).toHaveLength(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).toBe(98);
    expect(MUNICIPALITIES.every((m) => /^\d{4}$/.test(m.code))).toBe(true);
  });

  it('has the known number of municipalities per region', () => {
    const count: Record<string, number> = {};
    for (const m of MUNICIPALITIES) count[m.region] = (count[m.region] ?? 0) + 1;
    expect(count).toEqual({ Hovedstaden: 29, Sjælland: 17, Syddanmark: 22, Midtjylland: 19, Nordjylland: 11 });
  });

  it.each([
    ['0101', 'København', 'Hovedstaden'],
    ['0147', 'Frederiksberg', 'Hovedstaden'],
    ['0400', 'Bornholm', 'Hovedstaden'],
    ['0265', 'Roskilde', 'Sjælland'],
    ['0461', 'Odense', 'Syddanmark'],
    ['0751', 'Aarhus', 'Midtjylland'],
    ['0766', 'Hedensted', 'Midtjylland'],
    ['0851', 'Aalborg', 'Nordjylland'],
    ['0825', 'Læsø', 'Nordjylland'],
  ])('%s is %s in %s', (code, name, region) => {
    expect(municipalityByCode(code)).toEqual({ code, name, region });
    expect(isMunicipalityCode(code)).toBe(true);
  });

  it('rejects unknown codes', () => {
    for (const c of ['101', '0000', '0102', '9999', '', ' 0101']) {
      expect(municipalityByCode(c)).toBeUndefined();
      expect(isMunicipalityCode(c)).toBe(false);
    }
    expect(isMunicipalityCode(101)).toBe(false);
  });

  it('is immutable', () => {
    expect(Object.isFrozen(MUNICIPALITIES)).toBe(true);
    expect(Object.isFrozen(MUNICIPALITIES[0])).toBe(true);
  });
});
