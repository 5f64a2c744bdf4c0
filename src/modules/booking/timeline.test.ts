import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalDate } from '../../shared/index.js';
import {
  addDemand,
  buildTimeline,
  earliestFit,
  freeAt,
  loadSegments,
  type CapacityPeriod,
  type LoadItem,
} from './timeline.js';
import { earliestBookable, refusalAt, unitFacts } from './availability.js';
import { childDates } from './child-dates.js';
import { DEFAULT_POLICY } from './booking-policy.js';
import { epochDay } from './timeline.js';

const NW = 2;
/** Day-by-day truth from the raw inputs. */
function freeOnDay(cap: CapacityPeriod[], items: LoadItem[], d: number, held = 0) {
  let c = 0,
    l = 0;
  for (const p of cap) if (p.from <= d && d < p.to) c += p.places;
  for (const it of items) for (const s of loadSegments(it, NW)) if (s.from <= d && d < s.to) l += s.w;
  return c * (1 - held) - l;
}

describe('occupancy timeline', () => {
  it('weights a nursery child 2 until the transition, 1 until school start, 0 after', () => {
    const t = buildTimeline(
      [{ from: 0, to: Infinity, places: 10 }],
      [{ id: 'a', from: 10, to: Infinity, transition: 20, schoolStart: 30 }],
      NW,
    );
    expect([freeAt(t, 5), freeAt(t, 10), freeAt(t, 19), freeAt(t, 20), freeAt(t, 29), freeAt(t, 30)]).toEqual([
      10, 8, 8, 9, 9, 10,
    ]);
  });

  it('finds the day after the last day that does not fit', () => {
    // 3 places; a child leaves on day 50; a nursery child (weight 2) needs room from its start until day 100.
    const t = buildTimeline(
      [{ from: 0, to: Infinity, places: 3 }],
      [
        { id: 'a', from: 0, to: 50, transition: 0, schoolStart: 999 },
        { id: 'b', from: 0, to: Infinity, transition: 0, schoolStart: 999 },
      ],
      NW,
    );
    expect(earliestFit(t, 10, { transition: 70, end: 100, weight: 2 })).toBe(50);
    expect(earliestFit(t, 60, { transition: 70, end: 100, weight: 2 })).toBe(60);
    expect(earliestFit(t, 10, { transition: 0, end: 100, weight: 2 })).toBe(10); // already a kindergarten child: weight 1
    expect(earliestFit(t, 10, { transition: 70, end: 100, weight: 2 }, 0.5)).toBe(null); // 1.5 places with half held back
  });

  it('never reports a start that would overbook any day, and the day before it never fits (property)', () => {
    const period = fc.record({
      from: fc.integer({ min: 0, max: 200 }),
      len: fc.integer({ min: 1, max: 400 }),
      places: fc.integer({ min: 0, max: 8 }),
    });
    const item = fc.record({
      from: fc.integer({ min: 0, max: 300 }),
      len: fc.integer({ min: 1, max: 400 }),
      t: fc.integer({ min: 0, max: 400 }),
      school: fc.integer({ min: 100, max: 500 }),
    });
    fc.assert(
      fc.property(
        fc.array(period, { maxLength: 4 }),
        fc.array(item, { maxLength: 12 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(0, 0.1, 0.25),
        (ps, is, from, tr, len, held) => {
          const cap = ps.map((p) => ({ from: p.from, to: p.from + p.len, places: p.places * 2 }));
          const items = is.map((x, k) => ({
            id: String(k),
            from: x.from,
            to: x.from + x.len,
            transition: x.t,
            schoolStart: x.school,
          }));
          const t = buildTimeline(cap, items, NW);
          const demand = { transition: tr, end: from + len, weight: NW };
          const need = (d: number) => (d < tr ? NW : 1);
          const s = earliestFit(t, from, demand, held);
          if (s !== null) {
            for (let d = s; d < demand.end; d++)
              expect(freeOnDay(cap, items, d, held)).toBeGreaterThanOrEqual(need(d) - 1e-9);
            if (s > from) expect(freeOnDay(cap, items, s - 1, held)).toBeLessThan(need(s - 1));
          } else {
            let ok = false; // no start in [from, end) fits: the last day itself must not fit
            if (freeOnDay(cap, items, demand.end - 1, held) >= need(demand.end - 1) - 1e-9) {
              ok = [...Array(len).keys()].every((k) => {
                const st = from + k;
                return [...Array(demand.end - st).keys()].some(
                  (j) => freeOnDay(cap, items, st + j, held) < need(st + j) - 1e-9,
                );
              });
            } else ok = true;
            expect(ok).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('adding demands in place gives the timeline built with them as pending offers, on every day (property)', () => {
    const item = fc.record({
      from: fc.integer({ min: 0, max: 300 }),
      t: fc.integer({ min: 0, max: 400 }),
      school: fc.integer({ min: 100, max: 500 }),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), fc.array(item, { minLength: 1, maxLength: 6 }), (before, added) => {
        const cap = [{ from: 50, to: 350, places: 8 }];
        const asItems = (xs: typeof before, p: string) =>
          xs.map((x, k) => ({ id: p + k, from: x.from, to: Infinity, transition: x.t, schoolStart: x.school }));
        const t = buildTimeline(cap, asItems(before, 'b'), NW);
        for (const x of added) addDemand(t, x.from, { transition: x.t, end: x.school, weight: NW });
        const all = [...asItems(before, 'b'), ...asItems(added, 'a')];
        for (let d = -1; d < 520; d++) expect(freeAt(t, d)).toBeCloseTo(freeOnDay(cap, all, d), 9);
        expect([...t.points].sort((a, b) => a - b)).toEqual(t.points);
      }),
      { numRuns: 200 },
    );
  });
});

describe('bookable start dates', () => {
  const today = LocalDate.of(2026, 11, 23);
  const child = childDates(LocalDate.of(2026, 3, 10), DEFAULT_POLICY); // transition 2029-01-01, school 2032-08-01
  const ctx = { policy: { ...DEFAULT_POLICY, heldShare: 0 }, today, child };
  const open = (d: LocalDate) => d.dayOfWeek <= 5;
  const cap = (n: number) => [{ from: epochDay(LocalDate.of(2024, 1, 1)), to: Infinity, places: n }];

  it('refuses the wrong age band, too young, waitlist bands and closed days', () => {
    const t = buildTimeline(cap(20), [], 2);
    expect(refusalAt(t, unitFacts('k', 'boernehave'), ctx, LocalDate.of(2027, 3, 1), open)).toBe('age_band');
    expect(refusalAt(t, unitFacts('v', 'vuggestue'), ctx, LocalDate.of(2026, 8, 3), open)).toBe('past');
    expect(
      refusalAt(
        t,
        unitFacts('v', 'vuggestue'),
        { ...ctx, today: LocalDate.of(2026, 4, 1) },
        LocalDate.of(2026, 8, 3),
        open,
      ),
    ).toBe('too_young');
    expect(refusalAt(t, unitFacts('v', 'vuggestue'), ctx, LocalDate.of(2027, 3, 6), open)).toBe('closed_day'); // a Saturday
    expect(
      refusalAt(
        t,
        unitFacts('v', 'vuggestue'),
        { ...ctx, policy: { ...ctx.policy, modeNursery: 'waitlist' } },
        LocalDate.of(2027, 3, 1),
        open,
      ),
    ).toBe('waitlist');
    expect(
      refusalAt(
        t,
        unitFacts('v', 'vuggestue'),
        { ...ctx, policy: { ...ctx.policy, modeNursery: 'hybrid', hybridMonths: 6 } },
        LocalDate.of(2027, 3, 1),
        open,
      ),
    ).toBe('hybrid_too_soon');
    expect(refusalAt(t, unitFacts('v', 'vuggestue'), ctx, LocalDate.of(2027, 3, 1), open)).toBe(null);
  });

  it('moves to the first open day a place is free, and to the transition for a kindergarten', () => {
    const leaver = { id: 'x', from: 0, to: epochDay(LocalDate.of(2027, 5, 1)), transition: 0, schoolStart: 1e9 };
    const t = buildTimeline(cap(2), [leaver, { id: 'y', from: 0, to: Infinity, transition: 0, schoolStart: 1e9 }], 2);
    expect(
      earliestBookable(t, unitFacts('i', 'integreret'), ctx, LocalDate.of(2027, 1, 4), open)?.start.toString(),
    ).toBe('2029-01-01'); // 1 free place: only as a kindergarten child
    const t3 = buildTimeline(cap(3), [leaver, { id: 'y', from: 0, to: Infinity, transition: 0, schoolStart: 1e9 }], 2);
    expect(
      earliestBookable(t3, unitFacts('i', 'integreret'), ctx, LocalDate.of(2027, 1, 4), open)?.start.toString(),
    ).toBe('2027-05-03'); // 1 May is a Saturday
    expect(
      earliestBookable(t3, unitFacts('k', 'boernehave'), ctx, LocalDate.of(2027, 1, 4), open)?.start.toString(),
    ).toBe('2029-01-01');
  });

  it('keeps the held-back share for places starting beyond the release window', () => {
    const t = buildTimeline(
      cap(10),
      [{ id: 'y', from: 0, to: Infinity, transition: 0, schoolStart: 1e9 }].concat(
        [...Array(7)].map((_, k) => ({ id: 'z' + k, from: 0, to: Infinity, transition: 0, schoolStart: 1e9 })),
      ),
      2,
    );
    const held = { ...ctx, policy: { ...ctx.policy, heldShare: 0.2, releaseWeeks: 8 } };
    // 2 free places, both held back (20 % of 10) until 8 weeks before the start.
    expect(refusalAt(t, unitFacts('v', 'vuggestue'), held, LocalDate.of(2027, 6, 1), open)).toBe('full');
    expect(refusalAt(t, unitFacts('v', 'vuggestue'), held, LocalDate.of(2027, 1, 4), open)).toBe(null);
  });
});
