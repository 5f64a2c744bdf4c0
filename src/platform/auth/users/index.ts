// Staff users: administrators create, change and end the municipality's staff logins (platform/auth owns app_user).
export { usersRoutes } from './routes.staff.js';
export { usersPolicy } from './policy.js';
export { createUser, checkFields, validOn, staffUserIdsOf } from './queries.js';
export { createAdministrator } from './bootstrap.js';
