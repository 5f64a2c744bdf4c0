/** Money in integer øre (1 kr. = 100 øre). Never use floating kroner for sums. */
export type Oere = number;

export function isOere(n: unknown): n is Oere {
  return Number.isSafeInteger(n);
}

/** Asserts `n` is a safe integer amount of øre. */
export function oere(n: number): Oere {
  if (!isOere(n)) throw new RangeError(`Invalid øre amount: ${n} (safe integer required)`);
  return n === 0 ? 0 : n; // normalise -0
}

/**
 * Kroner → øre. Exact for inputs with at most 2 decimals; finer values are rounded
 * half away from zero on their decimal form (1.005 → 101, not float's 100.4999…).
 */
export function kroner(kr: number): Oere {
  const f = toFraction(kr);
  return oere(Number(roundDiv(f.num * 100n, f.den)));
}

/** Danish formatting: 1.234,50 kr. (negative: -1.234,50 kr.). */
export function formatDkk(amount: Oere, opts: { withCurrency?: boolean } = {}): string {
  oere(amount);
  const abs = Math.abs(amount);
  const kr = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, '.');
  const ore = String(abs % 100).padStart(2, '0');
  const s = `${amount < 0 ? '-' : ''}${kr},${ore}`;
  return opts.withCurrency === false ? s : `${s} kr.`;
}

// Grouped ('1.234.567') or ungrouped ('1234567') kroner, optional ',d' or ',dd' øre.
const DKK = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/;

/**
 * Parses Danish amounts to øre: '1.234,50', '1234,5', '1.234', '1234 kr.', '-12,00 kr'.
 * '.' is only a thousands separator, so '12.5' is rejected rather than guessed.
 */
export function parseDkk(input: string): Oere {
  const s = input
    .trim()
    .replace(/\s*(kr\.?|dkk)$/i, '')
    .replace(/^\u2212/, '-');
  const m = DKK.exec(s);
  if (!m) throw new RangeError(`Invalid DKK amount: ${JSON.stringify(input)}`);
  const [, sign, kr, ore = ''] = m;
  const n = Number(`${sign}${kr!.replaceAll('.', '')}${ore.padEnd(2, '0')}`);
  if (!Number.isSafeInteger(n)) throw new RangeError(`DKK amount out of range: ${JSON.stringify(input)}`);
  return n === 0 ? 0 : n;
}

/** Exact decimal value of a finite number as num/den (via its shortest string form). */
function toFraction(x: number): { num: bigint; den: bigint } {
  if (!Number.isFinite(x)) throw new RangeError(`Invalid number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x))!;
  const [, sign, int, frac = '', exp = '0'] = m;
  const scale = frac.length - Number(exp);
  let num = BigInt(`${sign}${int}${frac}`);
  let den = 1n;
  if (scale >= 0) den = 10n ** BigInt(scale);
  else num *= 10n ** BigInt(-scale);
  return { num, den };
}

/** num/den rounded half away from zero (den > 0). */
function roundDiv(num: bigint, den: bigint): bigint {
  const abs = num < 0n ? -num : num;
  const q = (2n * abs + den) / (2n * den);
  return num < 0n ? -q : q;
}

/** `percent` % of an amount, rounded half away from zero to whole øre. Exact decimal arithmetic. */
export function percentOf(amount: Oere, percent: number): Oere {
  const p = toFraction(percent);
  return oere(Number(roundDiv(BigInt(oere(amount)) * p.num, p.den * 100n)));
}

/**
 * Amount changed by `percent` %: applyPercent(10000, -25) = 7500, applyPercent(10000, 3.2) = 10320.
 * Only the change is rounded (half away from zero).
 */
export function applyPercent(amount: Oere, percent: number): Oere {
  return oere(amount + percentOf(amount, percent));
}

export function sumOere(list: readonly Oere[]): Oere {
  return oere(list.reduce((a, b) => a + oere(b), 0));
}

/**
 * Splits `total` in proportion to non-negative `weights` so the parts sum exactly
 * to `total` (largest remainder method; ties go to the earlier index).
 */
export function allocate(total: Oere, weights: readonly number[]): Oere[] {
  oere(total);
  if (weights.length === 0) throw new RangeError('allocate requires at least one weight');
  if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) {
    throw new RangeError(`allocate weights must be finite and non-negative: ${weights.join(', ')}`);
  }
  // Bring all weights to a common integer scale so the split is exact.
  const fr = weights.map(toFraction);
  const den = fr.reduce((d, f) => (f.den > d ? f.den : d), 1n);
  const w = fr.map((f) => (f.num * den) / f.den);
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('allocate weights must not all be zero');

  const abs = BigInt(Math.abs(total));
  const parts = w.map((wi) => (abs * wi) / sum);
  let left = abs - parts.reduce((a, b) => a + b, 0n);
  const order = w
    .map((wi, i) => ({ i, rem: (abs * wi) % sum }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map((p) => (total < 0 ? -Number(p) : Number(p)) + 0);
}
