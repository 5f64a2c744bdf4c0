// Every access policy in one list (the platform's and each module's from src/modules.ts): /api/auth/me sends the
// actor's permitted actions from it, and docs/access.md (role × action) is generated from it and kept true by
// src/access.test.ts.
import type { ModulePolicy } from './platform/auth/policy.js';
import { systemPolicy } from './platform/http/system-routes.js';
import { auditPolicy } from './platform/audit/routes.js';
import { workPolicy } from './platform/http/work-routes.js';
import { MODULES } from './modules.js';

export const POLICIES: readonly ModulePolicy<string>[] = [
  systemPolicy as unknown as ModulePolicy<string>,
  auditPolicy as unknown as ModulePolicy<string>,
  workPolicy as unknown as ModulePolicy<string>,
  ...MODULES.flatMap((m) => (m.policy ? [m.policy] : [])),
];
