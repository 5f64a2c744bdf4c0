import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkingDay, LocalDate } from '../../shared/index.js';
import { earliestBookable, unitFacts } from './availability.js';
import { childDates } from './child-dates.js';
import { earliestBookableFast, fastContext, isNonWorkingDay } from './fast.js';
import { DEFAULT_POLICY } from './booking-policy.js';
import { isoOf, yearOf } from '../../shared/iso-day.js';
import { buildTimeline, epochDay } from './timeline.js';

describe('the integer hot path', () => {
  it('gives the same earliest bookable start as the date-based rules (property)', () => {
    const today = LocalDate.of(2026, 11, 23),
      t0 = epochDay(today);
    const types = ['dagpleje', 'vuggestue', 'boernehave', 'integreret'] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            from: fc.integer({ min: -400, max: 1500 }),
            len: fc.integer({ min: 30, max: 2500 }),
            t: fc.integer({ min: -400, max: 1200 }),
          }),
          { maxLength: 10 },
        ),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: -500, max: 200 }),
        fc.integer({ min: 0, max: 900 }),
        fc.constantFrom(...types),
        fc.constantFrom('booking', 'waitlist', 'hybrid'),
        fc.constantFrom('booking', 'waitlist', 'hybrid'),
        fc.constantFrom(0, 0.1, 0.3),
        (items, places, birthOffset, wishedOffset, type, modeN, modeK, heldShare) => {
          const policy = { ...DEFAULT_POLICY, modeNursery: modeN as any, modeKindergarten: modeK as any, heldShare };
          const t = buildTimeline(
            [{ from: t0 - 1000, to: Infinity, places: places * 2 }],
            items.map((x, k) => ({
              id: String(k),
              from: t0 + x.from,
              to: t0 + x.from + x.len,
              transition: t0 + x.t,
              schoolStart: t0 + x.t + 1000,
            })),
            2,
          );
          const child = childDates(today.plusDays(birthOffset), policy);
          const wished = today.plusDays(wishedOffset);
          const u = unitFacts('u', type);
          const slow = earliestBookable(t, u, { policy, today, child }, wished, isWorkingDay);
          const fast = earliestBookableFast(t, u, fastContext(policy, today, child), epochDay(wished), (d) =>
            isNonWorkingDay(d, yearOf),
          );
          expect(fast ? { start: isoOf(fast.start), end: isoOf(fast.end) } : null).toEqual(
            slow ? { start: slow.start.toString(), end: slow.end.toString() } : null,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
