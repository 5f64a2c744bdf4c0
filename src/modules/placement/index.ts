// Pladsanvisning: applications and waitlists, garantidato, allocation rounds, offers, enrolment, udmeldelse, staff inbox.
import type { FastifyPluginAsync } from 'fastify';
import { placementCitizenRoutes } from './routes.citizen.js';
import { placementStaffRoutes } from './routes.staff.js';
import { placementCaseworkRoutes } from './routes.casework.js';

export { guaranteeDate } from './rules.js';
export { previewRound, buildRoundInput } from './round.js';
export { expireOffers } from './offer-answers.js';
export { addInboxTask } from './queries.js';
export { registerPlacementJobs, runPlacementJob, PLACEMENT_JOBS } from './jobs.js';
export { placementsInUnitOn, placementUnit, setDagplejer } from './queries.js';

export const placementRoutes: FastifyPluginAsync = async (app) => {
  await app.register(placementStaffRoutes, { prefix: '/staff' });
  await app.register(placementCaseworkRoutes, { prefix: '/staff' });
  await app.register(placementCitizenRoutes, { prefix: '/citizen' });
};
export { placementsOnDay, placementsOnDaySql } from './queries.js';
export { placementRetentionFacts, erasePlacementCaseData, eraseApplications } from './queries.js';
