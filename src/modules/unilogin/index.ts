// Unilogin / Aula: the municipality's roster (children, guardians with custody, employees at their anvisningsenhed's
// register number) to Unilogin's import interface as full or delta deliveries, and komme/gå to Aula.
import type { FastifyPluginAsync } from 'fastify';
import { uniloginStaffRoutes } from './routes.staff.js';

export { buildRoster, diffRoster, validateMessage, type Roster, type RosterPerson } from './roster.js';
export { LocalUniloginImport, UniloginSoapClient, setUniloginService, uniloginFor, soapEnvelope } from './service.js';
export { rosterOn, presenceOn } from './load.js';

export const uniloginRoutes: FastifyPluginAsync = async (app) => {
  await app.register(uniloginStaffRoutes, { prefix: '/staff' });
};
