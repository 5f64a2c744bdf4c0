// The people module: children, guardians with custody, households at addresses over time.
import type { FastifyPluginAsync } from 'fastify';
import { peopleCitizenRoutes } from './routes.citizen.js';
import { peopleStaffRoutes } from './routes.staff.js';

export {
  homeOf,
  childIdsInCustody,
  childInCustody,
  placementsOf,
  namesOf,
  childrenUnder18In,
  searchPeople,
} from './queries.js';
export {
  personsById,
  guardianIdsOf,
  guardianIdsOfMany,
  householdById,
  residentBirthDates,
  guardiansLivingIn,
} from './queries.js';
export { birthDatesOf, birthDatesSql, rosterFactsOf } from './queries.js';
export { childrenUnder18InMany, payersAndHouseholds } from './queries.js';
export { Placement as PlacementSchema } from './contract.js';
export { childSubject, livesIn, municipalScope, scopeOf, scopeOfUnit } from './tenancy.js';
export { peopleOfMunicipality, type MunicipalScope } from './queries.js';

export const peopleRoutes: FastifyPluginAsync = async (app) => {
  await app.register(peopleStaffRoutes, { prefix: '/staff' });
  await app.register(peopleCitizenRoutes, { prefix: '/citizen' });
};
export { anonymisedAmong, custodyOfGuardians, anonymisePersons } from './queries.js';
