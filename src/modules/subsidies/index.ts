// Subsidies where the municipality pays the parents (dagtilbudsloven §§ 80–88): tilskud til privat pasning casework,
// complaints, and the idempotent monthly payout run with its creditor export and outbox.
import type { FastifyPluginAsync } from 'fastify';
import { subsidiesCitizenRoutes } from './routes.citizen.js';
import { subsidiesStaffRoutes } from './routes.staff.js';
import { providersStaffRoutes } from './routes.providers.js';
import { complaintsStaffRoutes } from './routes.complaints.js';
import { payoutsStaffRoutes } from './routes.payouts.js';

export { dueForMonth, preview as payoutPreview, runMonth } from './payout.js';

export const subsidiesRoutes: FastifyPluginAsync = async (app) => {
  await app.register(subsidiesStaffRoutes, { prefix: '/staff' });
  await app.register(complaintsStaffRoutes, { prefix: '/staff' });
  await app.register(payoutsStaffRoutes, { prefix: '/staff' });
  await app.register(providersStaffRoutes, { prefix: '/staff' });
  await app.register(subsidiesCitizenRoutes, { prefix: '/citizen' });
};
export { subsidyHolds, subsidyLetterIds } from './queries.js';
