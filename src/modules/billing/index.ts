// Parent payment: friplads scales, the monthly fee rules, and (to come) rates, invoices and settlement.
export { fripladsPercent, type FripladsScale, type FripladsHousehold } from './friplads.js';
export { monthlyFees, type ChildPlace, type HouseholdFees } from './fees.js';
export { FRIPLADS_SCALES } from './scales.js';
export { feesCli, feesFromJson } from './cli.js';
