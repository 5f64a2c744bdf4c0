// The register module: daginstitution → anvisningsenhed → alternative addresses, sections, capacity over time.
import type { FastifyPluginAsync } from 'fastify';
import { registryStaffRoutes } from './routes.staff.js';
import { registryCitizenRoutes } from './routes.citizen.js';
import { registerRoutes } from './routes.register.js';

export { ageBandOf, distanceKm, AGE_BANDS, BANDS_BY_TYPE } from './rules.js';
export { placesOn, enrolledOn } from './queries.js';
export { unitNames, isUnitOpen, municipalitiesWithUnits, municipalityNames, unitsOfMunicipality } from './queries.js';
export { municipalitiesOfUnits, unitSubject } from './queries.js';
export { canSeeUnit } from './routes.staff.js';

export const registryRoutes: FastifyPluginAsync = async (app) => {
  await app.register(registryStaffRoutes, { prefix: '/staff' });
  await app.register(registerRoutes, { prefix: '/staff' });
  await app.register(registryCitizenRoutes, { prefix: '/citizen' });
};
