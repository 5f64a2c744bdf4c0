// The waiting-list order (dagtilbudsloven § 27) on generated rounds with mixed weights (nursery 2, kindergarten 1),
// capacity that changes over the horizon, siblings and several start dates, judged by the independent checker:
// under the default fillMode 'strict-order' nobody is passed over for lower-priority children without whom it
// would fit (however many of them), and every reason a family reads matches the assignment.
import { describe, expect, it } from 'vitest';
import { allocate } from './engine.js';
import { generateInstance } from './generator.js';
import { check } from './testkit/checker.js';

const rounds = [1, 3, 4, 5].map((seed) => generateInstance({ seed, applicants: 400, units: 18 }));

describe('allocation engine: the waiting-list order with mixed weights', () => {
  it('strict-order (default): no child is passed over for lower-priority children, and the reasons are true', () => {
    for (const inst of rounds) {
      const r = allocate(inst),
        v = check(inst, r);
      expect(v.invalid).toEqual([]);
      expect(v.overCapacity).toEqual([]);
      expect(v.groupEnvy.filter((e) => !e.siblingExempt && e.passedOver.length > 0)).toEqual([]);
      expect(v.explanations).toEqual([]);
      expect(
        r.offers
          .concat(r.unplaced as any[])
          .flatMap((x) => x.notOffered)
          .some((o) => o.code === 'place-more-children'),
      ).toBe(false);
    }
  }, 120_000);

  it("maximise-children (a municipality's choice): the children passed over are told that rule, never 'too-big'", () => {
    let named = 0;
    for (const inst of rounds) {
      const m = { ...inst, policy: { ...inst.policy, fillMode: 'maximise-children' as const } };
      const r = allocate(m),
        v = check(m, r);
      expect(v.invalid).toEqual([]);
      expect(v.envy.filter((e) => !e.siblingExempt)).toEqual([]); // still pairwise fair
      expect(v.explanations).toEqual([]);
      for (const x of [...r.offers, ...r.unplaced]) {
        if (!x.notOffered.some((o) => o.code === 'place-more-children')) continue;
        named++;
        expect(x.explanation.da).toContain('kommunens regel om at placere flest mulige børn');
      }
    }
    expect(named).toBeGreaterThan(0);
  }, 120_000);
});
