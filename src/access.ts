// Every module's access policy, in one list (from src/modules.ts): /api/auth/me sends the actor's permitted actions
// from it, and docs/access.md (role × action) is generated from it and kept true by src/access.test.ts.
import type { ModulePolicy } from './platform/auth/policy.js';
import { MODULES } from './modules.js';

export const POLICIES: readonly ModulePolicy<string>[] = MODULES.flatMap((m) => (m.policy ? [m.policy] : []));
