import { describe, expect, it } from 'vitest';
import { ageBandOf, distanceKm } from './rules.js';

describe('register rules', () => {
  it('puts children in age bands by completed months', () => {
    expect(ageBandOf(0)).toBe('0-2');
    expect(ageBandOf(35)).toBe('0-2');
    expect(ageBandOf(36)).toBe('3-5');
    expect(ageBandOf(71)).toBe('3-5');
    expect(ageBandOf(72)).toBe('6-9');
    expect(ageBandOf(130)).toBe('10-13');
  });
  it('measures distance between Hjørring and Hirtshals (about 15 km)', () => {
    const d = distanceKm({ lat: 57.4583, lon: 9.9822 }, { lat: 57.5881, lon: 9.9592 });
    expect(d).toBeGreaterThan(14);
    expect(d).toBeLessThan(15.5);
    expect(distanceKm({ lat: 57, lon: 10 }, { lat: 57, lon: 10 })).toBe(0);
  });
});
