// Reporting: monthly extracts for Danmarks Statistik and FLIS (docs/formats/), the delivery log, normering.
import type { FastifyPluginAsync } from 'fastify';
import { reportingStaffRoutes } from './routes.staff.js';

export { computeExtract, childFtePercent, type ReportRules, type UnitExtract } from './extracts.js';
export { validateDs, validateFlis, dsPayload, flisPayload } from './formats.js';
export { extractOn, extractOnNaive, loadGroups, unitsOf } from './load.js';
export { childFteOn } from './queries.js';

export const reportingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(reportingStaffRoutes, { prefix: '/staff' });
};
