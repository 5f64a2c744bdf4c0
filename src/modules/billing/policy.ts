// Who may read and change rates, runs and invoices, handle friplads cases, and see what they pay themselves.
import { definePolicy } from '../../platform/auth/policy.js';
import { MUNICIPAL_ROLES } from '../../platform/auth/actor.js';

const FINANCE = ['finance', 'admin'] as const;

export const billingPolicy = definePolicy('billing', {
  'billing.read': {
    summary: 'Read rates, runs, invoices, payer accounts, lunch schemes and the §41 settlement',
    roles: MUNICIPAL_ROLES,
  },
  'billing.manage': {
    summary: 'Set rates, scales, incomes and place costs; preview, run, send and close months; debtor export',
    roles: FINANCE,
  },
  'billing.place-terms': { summary: 'Mark a placement as a 30-hour leave place', roles: FINANCE },
  'billing.place-terms.read': {
    summary: "Read a placement's billing terms",
    roles: ['finance', 'admin', 'caseworker'],
  },
  'billing.social-friplads': {
    summary: 'Grant social friplads for a child',
    roles: ['finance', 'admin', 'caseworker'],
  },
  'billing.friplads-cases': {
    summary: 'Handle friplads applications, income regulation and the yearly true-up',
    roles: ['caseworker', 'finance', 'admin'],
  },
  'billing.own': { summary: "See what one pays and why, one's invoices, and apply for friplads", roles: ['guardian'] },
});
