import { describe, expect, it } from 'vitest';
import { simulate, type SimFamily, type SimUnit } from './simulator.js';

// One unit with room for 4 nursery children (8 kindergarten equivalents).
const unit: SimUnit = {
  id: 'u',
  nursery: true,
  kindergarten: true,
  capacity: [{ from: 0, to: Infinity, places: 8 }],
  items: [],
};
const fam = (i: number, register: number, wished: number, digital = true): SimFamily => ({
  id: 'f' + i,
  register,
  wished,
  transition: 2000,
  schoolStart: 3000,
  prefs: [0],
  digital,
});
const base = { hybridMonths: 3, heldShare: 0, releaseWeeks: 8, nurseryWeight: 2 };
// Four families register early for day 300; two register late (days 230, 235) for day 250.
const families = [
  fam(1, 0, 300),
  fam(2, 10, 300),
  fam(3, 20, 300),
  fam(4, 30, 300),
  fam(5, 230, 250),
  fam(6, 235, 250),
];
const bucket = (r: ReturnType<typeof simulate>, b: string) => r.byLateness.find((x) => x.bucket === b)!;

describe('policy simulator', () => {
  it('lets early registrants take every place under booking; a waitlist allocates close to the start', () => {
    const booking = simulate([unit], families, { ...base, mode: 'booking' });
    expect(bucket(booking, '>6')).toMatchObject({ families: 4, firstChoice: 4 });
    expect(bucket(booking, '<1')).toMatchObject({ families: 2, firstChoice: 0 });
    const waitlist = simulate([unit], families, { ...base, mode: 'waitlist' });
    expect(bucket(waitlist, '<1')).toMatchObject({ firstChoice: 2 });
    expect(bucket(waitlist, '>6')).toMatchObject({ firstChoice: 2 });
  });

  it('a held-back share keeps a place for a family who registers late', () => {
    const held = simulate([unit], families, { ...base, mode: 'booking', heldShare: 0.25 });
    expect(bucket(held, '<1').firstChoice).toBe(1);
    expect(bucket(held, '>6').firstChoice).toBe(3);
  });

  it('hybrid: far-ahead registrants book, short-notice ones go to the waitlist', () => {
    const hybrid = simulate([unit], families, { ...base, mode: 'hybrid', hybridMonths: 6 });
    expect(bucket(hybrid, '>6').firstChoice + bucket(hybrid, '<1').firstChoice).toBe(4);
  });
});
