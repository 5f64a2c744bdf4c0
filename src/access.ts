// Every module's access policy, in one list: /api/auth/me sends the actor's permitted actions from it, and
// docs/access.md (role × action) is generated from it and kept true by src/access.test.ts.
import type { ModulePolicy } from './platform/auth/policy.js';
import { settingsPolicy } from './modules/settings/policy.js';
import { registryPolicy } from './modules/registry/policy.js';
import { peoplePolicy } from './modules/people/policy.js';
import { attendancePolicy } from './modules/attendance/policy.js';
import { bookingPolicy } from './modules/booking/policy.js';
import { placementPolicy } from './modules/placement/policy.js';
import { billingPolicy } from './modules/billing/policy.js';

export const POLICIES: readonly ModulePolicy<string>[] = [
  settingsPolicy as ModulePolicy<string>,
  registryPolicy as ModulePolicy<string>,
  peoplePolicy as ModulePolicy<string>,
  attendancePolicy as ModulePolicy<string>,
  bookingPolicy as ModulePolicy<string>,
  placementPolicy as ModulePolicy<string>,
  billingPolicy as ModulePolicy<string>,
];
