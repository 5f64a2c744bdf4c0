// The modules of Spire, in one list: main.ts (and the tests) build the app and the job runner from it, /api/auth/me
// sends the actor's permitted actions from its policies, and docs/access.md is generated from them. A new module is
// one line here.
import type { SpireModule } from './platform/module.js';
import type { ModulePolicy } from './platform/auth/policy.js';
import { settingsRoutes } from './modules/settings/index.js';
import { settingsPolicy } from './modules/settings/policy.js';
import { registerRegistryJobs, registryRoutes } from './modules/registry/index.js';
import { registryPolicy } from './modules/registry/policy.js';
import { peopleRoutes } from './modules/people/index.js';
import { peoplePolicy } from './modules/people/policy.js';
import { attendanceRoutes } from './modules/attendance/index.js';
import { attendancePolicy } from './modules/attendance/policy.js';
import { attendanceWork } from './modules/attendance/work.js';
import { bookingRoutes } from './modules/booking/index.js';
import { bookingPolicy } from './modules/booking/policy.js';
import { placementRoutes, registerPlacementJobs } from './modules/placement/index.js';
import { placementWork } from './modules/placement/work.js';
import { placementPolicy } from './modules/placement/policy.js';
import { billingRoutes } from './modules/billing/index.js';
import { billingPolicy } from './modules/billing/policy.js';
import { billingWork } from './modules/billing/work.js';
import { subsidiesRoutes } from './modules/subsidies/index.js';
import { subsidiesPolicy } from './modules/subsidies/policy.js';
import { subsidiesWork } from './modules/subsidies/work.js';
import { reportingRoutes } from './modules/reporting/index.js';
import { reportingPolicy } from './modules/reporting/policy.js';
import { letterRoutes } from './platform/letters/index.js';
import { lettersPolicy } from './platform/letters/policy.js';
import { usersRoutes, usersPolicy } from './platform/auth/users/index.js';
import { employeesRoutes } from './modules/employees/index.js';
import { employeesPolicy } from './modules/employees/policy.js';
import { uniloginRoutes } from './modules/unilogin/index.js';
import { uniloginPolicy } from './modules/unilogin/policy.js';
import { registerRetentionJobs, retentionRoutes } from './modules/retention/index.js';
import { retentionPolicy } from './modules/retention/policy.js';

const policy = <A extends string>(p: ModulePolicy<A>) => p as unknown as ModulePolicy<string>;

export const MODULES: readonly SpireModule[] = [
  { name: 'registry', routes: registryRoutes, policy: policy(registryPolicy), jobs: registerRegistryJobs },
  { name: 'people', routes: peopleRoutes, policy: policy(peoplePolicy) },
  { name: 'settings', routes: settingsRoutes, prefix: '/api/staff', policy: policy(settingsPolicy) },
  { name: 'billing', routes: billingRoutes, policy: policy(billingPolicy), work: billingWork },
  { name: 'letters', routes: letterRoutes, policy: policy(lettersPolicy) },
  { name: 'attendance', routes: attendanceRoutes, policy: policy(attendancePolicy), work: attendanceWork },
  { name: 'booking', routes: bookingRoutes, policy: policy(bookingPolicy) },
  {
    name: 'placement',
    routes: placementRoutes,
    policy: policy(placementPolicy),
    jobs: registerPlacementJobs,
    work: placementWork,
  },
  { name: 'users', routes: usersRoutes, prefix: '/api/staff', policy: policy(usersPolicy) },
  { name: 'employees', routes: employeesRoutes, prefix: '/api/staff', policy: policy(employeesPolicy) },
  { name: 'subsidies', routes: subsidiesRoutes, policy: policy(subsidiesPolicy), work: subsidiesWork },
  { name: 'reporting', routes: reportingRoutes, policy: policy(reportingPolicy) },
  { name: 'unilogin', routes: uniloginRoutes, policy: policy(uniloginPolicy) },
  {
    name: 'retention',
    routes: retentionRoutes,
    prefix: '/api/staff',
    policy: policy(retentionPolicy),
    jobs: registerRetentionJobs,
  },
];
