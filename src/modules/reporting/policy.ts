// Who may read the statistics extracts and normering, and who may deliver them.
import { definePolicy } from '../../platform/auth/policy.js';

export const reportingPolicy = definePolicy('reporting', {
  'reporting.read': {
    summary: 'Read the Danmarks Statistik and FLIS extracts, the delivery log and the normering',
    roles: ['consultant', 'management', 'admin'],
  },
  'reporting.deliver': {
    summary: "Deliver a month's extract to Danmarks Statistik or FLIS (a changed month as a correction)",
    roles: ['consultant', 'admin'],
  },
});
