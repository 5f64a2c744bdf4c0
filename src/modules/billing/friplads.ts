// Økonomisk friplads: the share of the full parent payment a household pays, from its yearly income.
// The interval between the lower and upper income limit is split into 95 equal steps; the payment is
// 5 % in the first step and rises 1 percentage point a step (99 % in the last). Below the lower limit the
// place is free; from the upper limit on, the household pays 100 %. Both limits rise per extra child under 18
// and for a single provider (the figures are data per year: FripladsScale).
import type { Oere } from '../../shared/index.js';

export interface FripladsScale {
  year: number;
  /** Income below this pays nothing (øre). */
  lowerLimit: Oere;
  /** Income from this on pays in full (øre). */
  upperLimit: Oere;
  /** Added to both limits per child under 18 beyond the first (øre). */
  perExtraChild: Oere;
  /** Added to both limits for a single provider (øre). */
  singleProviderSupplement: Oere;
  steps: number;
  firstStepPercent: number;
}

export interface FripladsHousehold {
  /** Yearly household income, spouse or cohabitant included (øre). */
  income: Oere;
  childrenUnder18: number;
  singleProvider: boolean;
}

export interface FripladsResult {
  /** Percent of the full price the household pays: 0, 5…99 or 100. */
  payPercent: number;
  /** 1-based step on the scale, 0 below it, steps+1 above it. */
  step: number;
  lowerLimit: Oere;
  upperLimit: Oere;
}

export function fripladsPercent(scale: FripladsScale, h: FripladsHousehold): FripladsResult {
  if (!(h.income >= 0)) throw new RangeError('Indkomsten kan ikke være negativ.');
  if (!Number.isInteger(h.childrenUnder18) || h.childrenUnder18 < 1)
    throw new RangeError('Husstanden skal have mindst ét barn under 18 år.');
  const raise = (h.childrenUnder18 - 1) * scale.perExtraChild + (h.singleProvider ? scale.singleProviderSupplement : 0);
  const lowerLimit = scale.lowerLimit + raise,
    upperLimit = scale.upperLimit + raise;
  if (h.income < lowerLimit) return { payPercent: 0, step: 0, lowerLimit, upperLimit };
  if (h.income >= upperLimit) return { payPercent: 100, step: scale.steps + 1, lowerLimit, upperLimit };
  // Integer arithmetic: step = floor((income − lower) · steps / (upper − lower)), exact for øre amounts.
  const step = Math.floor(((h.income - lowerLimit) * scale.steps) / (upperLimit - lowerLimit));
  return { payPercent: scale.firstStepPercent + step, step: step + 1, lowerLimit, upperLimit };
}
