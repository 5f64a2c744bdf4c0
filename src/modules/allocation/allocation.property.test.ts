// Properties of the engine on random tiny rounds, judged by the independent checker (testkit/checker.ts), which
// walks every day and shares no code with the engine: feasible, fair, non-wasteful, deterministic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './engine.js';
import { check } from './testkit/checker.js';
import { tinyInstance } from './testkit/tiny.js';
import type { AllocationInput } from './types.js';

const runs = { numRuns: 400, seed: 20261125 };

// Generous timeouts: the suite shares 2 cores with other work; each test takes 1–2 s on an idle machine.
describe('allocation engine on random tiny rounds (independent checker, day by day)', () => {
  it('is feasible: never over capacity on any day, nursery weight 2 until the transition, siblings never split', () => {
    fc.assert(
      fc.property(tinyInstance(), (inst) => {
        const v = check(inst, allocate(inst));
        expect(v.invalid).toEqual([]);
        expect(v.overCapacity).toEqual([]);
      }),
      runs,
    );
  }, 60_000);

  it('is fair: no justified envy outside the sibling rule, not even toward a group of lower-priority children', () => {
    fc.assert(
      fc.property(tinyInstance(), (inst) => {
        const v = check(inst, allocate(inst));
        expect(v.envy.filter((e) => !e.siblingExempt)).toEqual([]);
        expect(v.groupEnvy.filter((e) => !e.siblingExempt)).toEqual([]);
      }),
      runs,
    );
  }, 60_000);

  it('is non-wasteful: no place left that a child (or a together-sibling group) wished more and fits', () => {
    fc.assert(
      fc.property(tinyInstance(), (inst) => {
        expect(check(inst, allocate(inst)).waste).toEqual([]);
      }),
      runs,
    );
  }, 60_000);

  it("reports metrics that agree with the checker's counts", () => {
    fc.assert(
      fc.property(tinyInstance(), (inst) => {
        const r = allocate(inst),
          v = check(inst, r);
        expect(r.metrics.placed).toBe(v.placed);
        expect(r.metrics.justifiedEnvy).toBe(v.envy.filter((e) => !e.siblingExempt).length);
        expect(r.metrics.waste).toBe(v.waste.length);
      }),
      runs,
    );
  }, 60_000);

  it('is deterministic: shuffled applicants, units and periods give the same result', () => {
    const shuffled = (inst: AllocationInput, keys: number[]) => {
      const perm = <T>(xs: T[], salt: number) =>
        xs
          .map((x, i) => ({ x, k: keys[(i + salt) % keys.length]! * 31 + i }))
          .sort((a, b) => a.k - b.k)
          .map((e) => e.x);
      return {
        ...inst,
        units: perm(
          inst.units.map((u) => ({
            ...u,
            capacity: perm(u.capacity, 1),
            ...(u.occupancy ? { occupancy: perm(u.occupancy, 2) } : {}),
          })),
          3,
        ),
        applicants: perm(
          inst.applicants.map((a) => ({ ...a })),
          5,
        ),
      };
    };
    fc.assert(
      fc.property(
        tinyInstance(),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 10 }),
        (inst, keys) => {
          expect(JSON.stringify(allocate(shuffled(inst, keys)))).toBe(JSON.stringify(allocate(inst)));
        },
      ),
      runs,
    );
  }, 60_000);
});
