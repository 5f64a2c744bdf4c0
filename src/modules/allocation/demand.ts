// Weighted demand over time slots and the capacity arithmetic the engine, its explanations and metrics share.

export const EPS = 1e-9;

/** Weighted places over a run of slots: slot `from + k` needs `w[k]`. */
export interface Demand {
  from: number;
  w: Float64Array;
}

/** Does `demand` fit on top of `load` (undefined = empty) within `free` in every slot? */
export function fits(free: Float64Array, load: Float64Array | undefined, d: Demand): boolean {
  const w = d.w,
    from = d.from,
    n = w.length;
  if (load === undefined) {
    for (let k = 0; k < n; k++) if (w[k]! > free[from + k]! + EPS) return false;
    return true;
  }
  for (let k = 0; k < n; k++) if (load[from + k]! + w[k]! > free[from + k]! + EPS) return false;
  return true;
}

/** Would `load` − `out` + `inn` fit? Only slots where `inn` adds can overflow, since `load` itself fits. */
export function swapFits(free: Float64Array, load: Float64Array, out: Demand, inn: Demand): boolean {
  for (let k = 0; k < inn.w.length; k++) {
    const s = inn.from + k,
      o = s - out.from;
    const minus = o >= 0 && o < out.w.length ? out.w[o]! : 0;
    if (load[s]! - minus + inn.w[k]! > free[s]! + EPS) return false;
  }
  return true;
}

export function addDemand(load: Float64Array, d: Demand, sign: 1 | -1): void {
  const w = d.w,
    from = d.from,
    n = w.length;
  for (let k = 0; k < n; k++) load[from + k]! += sign * w[k]!;
}
