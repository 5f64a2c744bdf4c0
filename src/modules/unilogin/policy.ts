// Who may see and send a municipality's deliveries to Unilogin and Aula: its administrators and reporting roles.
import { definePolicy } from '../../platform/auth/policy.js';

export const uniloginPolicy = definePolicy('unilogin', {
  'unilogin.read': {
    summary: 'Preview the Unilogin roster delivery and read the Unilogin / Aula delivery log',
    roles: ['consultant', 'management', 'admin'],
  },
  'unilogin.deliver': {
    summary: 'Deliver the roster to Unilogin (full or delta) and komme/gå to Aula, and send refused ones again',
    roles: ['consultant', 'admin'],
  },
});
