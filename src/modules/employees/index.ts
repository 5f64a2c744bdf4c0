// Employees: who works at a unit, in which job and for how many hours; normering, rosters and messages build on it.
export { employeesOn, employeeNames, employeeRosterOn } from './queries.js';
export { employeesRoutes } from './routes.staff.js';
