import { describe, expect, it } from 'vitest';
import { LocalDate } from '../../shared/index.js';
import { ageInMonthsOn, childFtePercent, computeExtract, yearlyNormering, type ReportRules } from './extracts.js';
import { dsPayload, flisPayload, validateDs, validateFlis } from './formats.js';

const RULES: ReportRules = {
  fullAboveHours: 36,
  partFromHours: 25,
  partWeightPercent: 75,
  lowWeightPercent: 50,
  fullTimeMinutes: 2220,
  leaderWeightPercent: 85,
  minChildrenPerAdult: { '0-2': 3, '3-5': 6 },
};
const DAY = LocalDate.of(2026, 3, 1);
const EA = '00000000-0000-4000-8000-00000000000a',
  EB = '00000000-0000-4000-8000-00000000000b';
const unit = { id: 'u1', number: 'A00001', name: 'Solsikken', type: 'integreret', municipality: '0860' };
const dp = { id: 'u2', number: 'A00002', name: 'Dagplejen Nord', type: 'dagpleje', municipality: '0860' };
const place = (id: string, unitId: string, hours: number, birthDate: string, dagplejerId: string | null = null) => ({
  placementId: `p${id}`,
  childId: `c${id}`,
  unitId,
  kind: 'dagtilbud' as const,
  hours,
  birthDate,
  dagplejerId,
});

describe('the FTE rule for a child', () => {
  it('counts above 36 hours as 1, 25–36 hours as 0.75 and below 25 as 0.5 (the boundaries included)', () => {
    expect([37, 36, 30, 25, 24, 10].map((h) => childFtePercent(h, RULES))).toEqual([100, 75, 75, 75, 50, 50]);
  });
});

describe('a month extract', () => {
  const placements = [
    place('1', 'u1', 40, '2024-02-15'), // 2 years 0 months on 1 March 2026 → 0–2, FTE 1
    place('2', 'u1', 36, '2023-03-01'), // 3 years 0 months exactly → 3–5, FTE 0.75
    place('3', 'u1', 25, '2021-09-30'), // 4 years 5 months → 3–5, FTE 0.75
    place('4', 'u1', 24, '2025-01-01'), // 1 year 2 months → 0–2, FTE 0.5
    place('5', 'u2', 45, '2025-06-01', EA), // dagpleje, 0 years 9 months
    place('6', 'u2', 30, '2024-06-01', EA),
    place('7', 'u2', 40, '2025-01-10', EB),
  ];
  const employees = [
    { id: 'e1', unitId: 'u1', jobType: 'leder' as const, weeklyMinutes: 2220 }, // 1 person, 0.85 in the normering
    { id: 'e2', unitId: 'u1', jobType: 'paedagog' as const, weeklyMinutes: 2220 },
    { id: 'e3', unitId: 'u1', jobType: 'paedagogisk_assistent' as const, weeklyMinutes: 1110 }, // 0.5
    { id: EA, unitId: 'u2', jobType: 'dagplejer' as const, weeklyMinutes: 2220 },
    { id: EB, unitId: 'u2', jobType: 'dagplejer' as const, weeklyMinutes: 1665 }, // 0.75
  ];
  const fees = new Map([
    ['p1', { rateType: 'full' as const, friplads: true, sibling: false }],
    ['p4', { rateType: 'part' as const, friplads: false, sibling: true }],
  ]);
  const [a, b] = computeExtract(DAY, RULES, [dp, unit], placements, fees, employees);

  it('counts children by age in years and months, FTE by hours, and discounts from billing', () => {
    expect(a!.unit.number).toBe('A00001');
    expect(a!.children).toBe(4);
    expect(a!.ftex100).toBe(100 + 75 + 75 + 50);
    expect(a!.groups.map((g) => [g.rateType, g.discount, g.ageYears, g.ageMonths, g.children, g.ftex100])).toEqual([
      ['full', 'friplads', 2, 0, 1, 100],
      ['full', 'none', 3, 0, 1, 75],
      ['full', 'none', 4, 5, 1, 75],
      ['part', 'sibling', 1, 2, 1, 50],
    ]);
  });

  it('weights leaders at 85 % and splits staff over 0–2 and 3–5 by FTE children', () => {
    expect(a!.staff).toEqual([
      { jobType: 'leder', persons: 1, ftex100: 100 },
      { jobType: 'paedagog', persons: 1, ftex100: 100 },
      { jobType: 'paedagogisk_assistent', persons: 1, ftex100: 50 },
    ]);
    // Adults 0.85 + 1 + 0.5 = 2.35; children 0–2: 1.5 FTE, 3–5: 1.5 FTE → 1.175 adults each (rounded 1.18).
    expect(a!.normering['0-2']).toEqual({ childrenFtex100: 150, adultsFtex100: 118, childrenPerAdult: 1.27 });
    expect(a!.normering['3-5']).toEqual({ childrenFtex100: 150, adultsFtex100: 118, childrenPerAdult: 1.27 });
  });

  it('counts children per dagplejer and the dagplejere as adults for 0–2', () => {
    expect(b!.dagplejere).toEqual([
      { dagplejerId: EA, children: 2 },
      { dagplejerId: EB, children: 1 },
    ]);
    // FTE children 1 + 0.75 + 1 = 2.75 over 1.75 dagplejere.
    expect(b!.normering['0-2']).toEqual({ childrenFtex100: 275, adultsFtex100: 175, childrenPerAdult: 1.57 });
    expect(yearlyNormering([a!.normering, b!.normering])).toEqual({ '0-2': 1.45, '3-5': 1.27 });
  });

  it('writes both formats so their validators accept them, and the validators name broken records', () => {
    const ds = dsPayload('0860', '2026-03-01', [a!, b!]);
    const flis = flisPayload('0860', '2026-03-01', [a!, b!]);
    expect(validateDs(ds)).toEqual([]);
    expect(validateFlis(flis)).toEqual([]);
    expect(ds.split('\r\n')[1]).toBe('B;A00001;integreret;full;friplads;2;0;1;1.00');
    expect(ds).toContain('T;18;7\r\n');
    expect(validateDs(ds.replace('T;18;7', 'T;18;8'))).toEqual([
      'line 18: antal_boern 8 but the B records add up to 7',
    ]);
    expect(validateDs(ds.replace(';2;0;1;1.00', ';2;12;1;1.00'))).toEqual(['line 2: alder_mdr must be 0–11']);
    expect(validateFlis(flis.replace('antal="1"', 'antal="2"'))[0]).toMatch(/add up to 5, not antalBoern 4/);
  });
});

describe('age in months from a birth date string', () => {
  it('agrees with LocalDate.ageInMonths on every day of two years, for births on the 1st, 15th, 29th and 31st', () => {
    for (const birth of ['2020-01-01', '2020-01-15', '2020-02-29', '2020-01-31', '2021-03-31']) {
      const b = LocalDate.parse(birth);
      for (let d = LocalDate.of(2022, 1, 1); d.isBefore(LocalDate.of(2024, 1, 1)); d = d.plusDays(1))
        expect([birth, d.toString(), ageInMonthsOn(birth, d)]).toEqual([birth, d.toString(), b.ageInMonths(d)]);
    }
  });
});
