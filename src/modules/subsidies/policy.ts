// Who may apply for, decide and pay subsidies (tilskud til privat pasning and pasning af egne børn).
import { definePolicy } from '../../platform/auth/policy.js';

export const subsidiesPolicy = definePolicy('subsidies', {
  'subsidies.own': { summary: "Apply for a subsidy for one's own child and follow the case", roles: ['guardian'] },
  'subsidies.read': {
    summary: 'Read subsidy cases, carers, complaints and payout runs',
    roles: ['caseworker', 'finance', 'admin'],
  },
  'subsidies.decide': {
    summary: 'Enter, decide and stop subsidy cases; supervise carers; handle complaints',
    roles: ['caseworker', 'admin'],
  },
  'subsidies.pay': {
    summary: 'Preview and approve monthly subsidy payouts; creditor export',
    roles: ['finance', 'admin'],
  },
  'subsidies.providers': {
    summary: 'Register private providers (§ 19, stk. 4, § 34, § 57) and enrol and unenrol their children',
    roles: ['caseworker', 'admin'],
  },
  'subsidies.rates': {
    summary: "Add periods of subsidy rates, terms and providers' approved budgets",
    roles: ['finance', 'admin'],
  },
});
