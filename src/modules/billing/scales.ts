// Friplads scales per year as published by the Ministry (kr). Further years are added as data;
// the billing module stores them with validity periods, and `spire fees` accepts a scale in its input.
import { kroner } from '../../shared/index.js';
import type { FripladsScale } from './friplads.js';

export const FRIPLADS_SCALES: Record<number, FripladsScale> = {
  2024: {
    year: 2024,
    lowerLimit: kroner(200_301),
    upperLimit: kroner(622_200),
    perExtraChild: kroner(7_000),
    singleProviderSupplement: kroner(70_089),
    steps: 95,
    firstStepPercent: 5,
  },
};
