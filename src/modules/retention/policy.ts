// Who may see and run the municipality's retention (GDPR erasure).
import { definePolicy } from '../../platform/auth/policy.js';

export const retentionPolicy = definePolicy('retention', {
  'retention.read': { summary: 'See the retention rules, dry runs and the log of runs', roles: ['admin'] },
  'retention.run': { summary: 'Make a dry run, and erase what a confirmed dry run found', roles: ['admin'] },
});
