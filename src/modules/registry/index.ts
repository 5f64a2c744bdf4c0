// The register module: daginstitution → anvisningsenhed → alternative addresses, sections, capacity over time.
import type { FastifyPluginAsync } from 'fastify';
import { registryStaffRoutes } from './routes.staff.js';
import { registryCitizenRoutes } from './routes.citizen.js';
import { registerRoutes } from './routes.register.js';

export { ageBandOf, distanceKm, AGE_BANDS, BANDS_BY_TYPE } from './rules.js';
export { placesOn, enrolledOn } from './queries.js';
export {
  unitNames,
  unitTypeOf,
  isUnitOpen,
  municipalitiesWithUnits,
  municipalityNames,
  unitsOfMunicipality,
} from './queries.js';
export { ensureMunicipality } from './queries.js';
export { reportUnits } from './queries.js';
export { municipalitiesOfUnits, municipalityOfUnits, unitSubject } from './queries.js';
export { canSeeUnit } from './routes.staff.js';
export { INST_TYPE3, TYPE_OF_KIND, derivedDaginstitutionNumber, lovgrundlagFor } from './register/codes.js';
export { unitsOf, markRegistered } from './register/queries.js';
export { planImport, applyImport, type ImportPlan } from './register/import.js';
export { sendQueuedDeliveries, type StilRegisterService } from './register/delivery.js';
export { LocalStilRegister, StilSoapRegister, readSnapshot, stilRegisterFor } from './register/stil.js';
export { registerRegistryJobs } from './register/jobs.js';
export { registerCli } from './register/cli.js';

export const registryRoutes: FastifyPluginAsync = async (app) => {
  await app.register(registryStaffRoutes, { prefix: '/staff' });
  await app.register(registerRoutes, { prefix: '/staff' });
  await app.register(registryCitizenRoutes, { prefix: '/citizen' });
};
