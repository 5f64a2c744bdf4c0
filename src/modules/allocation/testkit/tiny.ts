// Tiny random allocation rounds for property tests and brute force: ≤ 3 units, ≤ 6 children, a horizon of a few
// weeks in which capacity changes, children start on different days and some pass the nursery → kindergarten
// transition (weight 2 → 1) mid-placement; priority classes, equal seniority (tie-break) and together-siblings.
import fc from 'fast-check';
import { LocalDate } from '../../../shared/index.js';
import type { AgeGroup, AllocationInput } from '../types.js';

const ROUND = LocalDate.parse('2026-03-01');
const d = (n: number) => ROUND.plusDays(n).toString();
export const CLASSES = [
  { id: 'special', da: 'særlige behov', en: 'special needs' },
  { id: 'sibling', da: 'søskende', en: 'sibling' },
  { id: 'none', da: 'ingen', en: 'none' },
];
// The transition is on the 1st of the month of 34 months: births in May 2023 → 1 March 2026, June → 1 April.
const BIRTHS = ['2023-05-10', '2023-06-20', '2023-07-02', '2022-01-15', '2024-09-01'];

export const tinyInstance = (o: { maxApplicants?: number; maxUnits?: number; siblings?: boolean } = {}) =>
  fc
    .record({
      units: fc.array(
        fc.record({
          ageGroups: fc.constantFrom<AgeGroup[] | undefined>(
            undefined,
            ['nursery'],
            ['kindergarten'],
            ['nursery', 'kindergarten'],
          ),
          places: fc.integer({ min: 0, max: 5 }),
          change: fc.option(
            fc.record({ at: fc.integer({ min: 1, max: 60 }), delta: fc.integer({ min: -2, max: 2 }) }),
            { nil: undefined },
          ),
          occupied: fc.option(
            fc.record({ to: fc.integer({ min: 0, max: 60 }), places: fc.integer({ min: 1, max: 2 }) }),
            { nil: undefined },
          ),
        }),
        { minLength: 1, maxLength: o.maxUnits ?? 3 },
      ),
      applicants: fc.array(
        fc.record({
          birth: fc.constantFrom(...BIRTHS),
          seniority: fc.integer({ min: 0, max: 3 }),
          start: fc.constantFrom(0, 0, 14, 31, 45),
          wishes: fc.uniqueArray(
            fc.record({ unit: fc.integer({ min: 0, max: 3 }), cls: fc.integer({ min: 0, max: 3 }) }),
            { selector: (w) => w.unit, minLength: 1, maxLength: 3 },
          ),
          family: fc.integer({ min: 0, max: o.siblings === false ? 0 : 3 }),
        }),
        { minLength: 1, maxLength: o.maxApplicants ?? 6 },
      ),
      together: fc.boolean(),
    })
    .map(({ units, applicants, together }): AllocationInput => ({
      horizon: d(70),
      policy: { priorityClasses: CLASSES, nurseryWeight: 2, transitionAgeMonths: 34 },
      units: units.map((u, i) => ({
        id: `U${i}`,
        name: `Enhed ${i}`,
        ...(u.ageGroups ? { ageGroups: u.ageGroups } : {}),
        capacity: u.change
          ? [
              { from: d(0), to: d(u.change.at - 1), places: u.places },
              { from: d(u.change.at), places: Math.max(0, u.places + u.change.delta) },
            ]
          : [{ from: d(0), places: u.places }],
        ...(u.occupied
          ? { occupancy: [{ from: d(0), to: d(u.occupied.to), places: Math.min(u.occupied.places, u.places) }] }
          : {}),
      })),
      applicants: applicants.map((a, i) => ({
        id: `C${i}`,
        birthDate: a.birth,
        seniorityDate: d(-100 + a.seniority),
        wishedStart: d(a.start),
        // Unit 3 may not exist: an unknown unit must be reported, not crash the round.
        wishes: a.wishes.map((w) => ({ unit: `U${w.unit}`, ...(w.cls < 3 ? { priority: CLASSES[w.cls]!.id } : {}) })),
        ...(a.family > 0 ? { siblingGroup: `F${a.family}`, wantTogether: together } : {}),
      })),
    }));
