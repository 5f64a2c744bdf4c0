// Employees of the units (job type, weekly hours over time). Reporting reads them for the normering.
export { employeesOn, employeeNames } from './queries.js';
