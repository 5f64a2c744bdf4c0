// Small seeded PRNG (mulberry32) and helpers for the demo generator. Never Math.random: same seed, same data.

/** mulberry32: a fast 32-bit generator, good enough for demo data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with a label so independent streams (ids, people, placements) do not disturb each other. */
export function deriveSeed(seed: number, label: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
  }
  return Math.imul(h ^ (h >>> 16), 0xc2b2ae35) >>> 0;
}

export class Rng {
  readonly next: () => number;

  constructor(seed: number, label = '') {
    this.next = mulberry32(deriveSeed(seed, label));
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  float(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks an item with probability proportional to its weight (weights >= 0, not all 0). */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const it of items) total += weight(it);
    if (!(total > 0)) return this.pick(items);
    let r = this.next() * total;
    for (const it of items) {
      r -= weight(it);
      if (r < 0) return it;
    }
    return items[items.length - 1]!;
  }

  /** Approximately normal (sum of uniforms), mean 0, sd 1. */
  gauss(): number {
    return this.next() + this.next() + this.next() + this.next() + this.next() + this.next() - 3;
  }
}

/** Deterministic RFC 4122 version-4-shaped UUIDs from a seeded stream. */
export class UuidGen {
  private readonly rnd: () => number;

  constructor(seed: number) {
    this.rnd = mulberry32(deriveSeed(seed, 'uuid'));
  }

  next(): string {
    const w = () => ((this.rnd() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    const a = w(),
      b = w(),
      c = w(),
      d = w();
    const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}
