// The attendance module (komme/gå): entrance terminals, live overview, corrections, parents' absences,
// holiday questionnaires, overviews and export.
import type { FastifyPluginAsync } from 'fastify';
import { attendanceCitizenRoutes } from './routes.citizen.js';
import { attendanceStaffRoutes } from './routes.staff.js';
import { attendanceTerminalRoutes } from './routes.terminal.js';
import { questionnaireStaffRoutes } from './questionnaires.js';

export { busFor } from './live.js';
export { createTerminal } from './terminals.js';
export { presenceOnDay } from './queries.js';

export const attendanceRoutes: FastifyPluginAsync = async (app) => {
  await app.register(attendanceStaffRoutes, { prefix: '/staff' });
  await app.register(questionnaireStaffRoutes, { prefix: '/staff' });
  await app.register(attendanceCitizenRoutes, { prefix: '/citizen' });
  await app.register(attendanceTerminalRoutes, { prefix: '/terminal' });
};
export { attendanceDue, eraseAttendance } from './queries.js';
