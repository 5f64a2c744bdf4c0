// Parent payment: friplads scales, the monthly fee rules, rates as data, the monthly billing run, invoices, export.
import type { FastifyPluginAsync } from 'fastify';
import { billingCitizenRoutes } from './routes.citizen.js';
import { billingStaffRoutes } from './routes.staff.js';
import { billingRunRoutes } from './routes.runs.js';
import { settlementRoutes } from './routes.settlement.js';
import { fripladsCitizenRoutes, fripladsStaffRoutes } from './routes.friplads.js';
import { billingSetupRoutes, placeTermsRoutes } from './routes.terms.js';

export { fripladsPercent, type FripladsScale, type FripladsHousehold } from './friplads.js';
export { monthlyFees, type ChildPlace, type HouseholdFees } from './fees.js';
export { FRIPLADS_SCALES } from './scales.js';
export { feesCli, feesFromJson } from './cli.js';
export { startRun, planRun, runAllMunicipalities } from './run.js';
export { placesByGuardian, monthlyRateOf, type GuardianPlace, type RateQuestion } from './place-rate.js';
export { seedRates2025 } from './rates.js';

export const billingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(billingStaffRoutes, { prefix: '/staff' });
  await app.register(billingRunRoutes, { prefix: '/staff' });
  await app.register(billingCitizenRoutes, { prefix: '/citizen' });
  await app.register(fripladsStaffRoutes, { prefix: '/staff' });
  await app.register(settlementRoutes, { prefix: '/staff' });
  await app.register(fripladsCitizenRoutes, { prefix: '/citizen' });
  await app.register(placeTermsRoutes, { prefix: '/staff' });
  await app.register(billingSetupRoutes, { prefix: '/staff' });
};
export { feeFactsOf, feeFactsSql } from './queries.js';
export { hoursClassOf } from './engine.js';
export { billingHolds, invoicesDue, eraseInvoices, invoiceLetterIds } from './queries.js';
export { fripladsPayPercents, addDebtorClaims, type DebtorClaimInput } from './household-share.js';
