// The CPR register: which one the app uses. SF1520 when CPR_SF1520_ENDPOINT is set (with the certificate and the
// service agreement's UUIDs), else the local stand-in with fictitious people (demo mode and tests).
import { readFileSync } from 'node:fs';
import { serviceplatformen } from '../../../platform/serviceplatformen/index.js';
import { LocalCprRegister } from './local.js';
import { Sf1520CprRegister } from './sf1520.js';
import type { CprRegister } from './shapes.js';

let current: CprRegister | undefined;
const perMunicipality = new Map<string, CprRegister>();

export function cprRegisterFromEnv(env: NodeJS.ProcessEnv = process.env): CprRegister {
  if (!env.CPR_SF1520_ENDPOINT) return new LocalCprRegister();
  return new Sf1520CprRegister({
    endpoint: env.CPR_SF1520_ENDPOINT,
    context: {
      serviceAgreementUuid: env.CPR_SERVICE_AGREEMENT_UUID ?? '',
      userSystemUuid: env.CPR_USER_SYSTEM_UUID ?? '',
      userUuid: env.CPR_USER_UUID ?? '',
      serviceUuid: env.CPR_SERVICE_UUID ?? '',
    },
    pfx: env.CPR_CERT_PFX ? readFileSync(env.CPR_CERT_PFX) : undefined,
    passphrase: env.CPR_CERT_PASSPHRASE,
    timeoutMs: env.CPR_TIMEOUT_MS ? Number(env.CPR_TIMEOUT_MS) : undefined,
    changeDir: env.CPR_CHANGE_DIR,
  });
}

/** The register the routes ask for a municipality: SF1520 with the municipality's own certificate and service
 *  agreement where Serviceplatformen is configured for it (SPIRE_SERVICEPLATFORMEN_CONFIG), else the one from the
 *  environment (CPR_SF1520_ENDPOINT) or the local stand-in. A register set by a test answers for every municipality. */
export function cprRegister(municipality?: string): CprRegister {
  if (current) return current;
  const client = serviceplatformen().clientFor(municipality);
  if (municipality && client?.hasService('cpr')) {
    let r = perMunicipality.get(municipality);
    if (!r) {
      const { endpoint, ...context } = client.context('cpr');
      perMunicipality.set(
        municipality,
        (r = new Sf1520CprRegister({ endpoint, context, transport: client, changeDir: process.env.CPR_CHANGE_DIR })),
      );
    }
    return r;
  }
  return (fallback ??= cprRegisterFromEnv());
}
let fallback: CprRegister | undefined;

/** Replaces the register (tests: a register that times out or answers garbage). Returns the previous one. */
export function useCprRegister(r: CprRegister | undefined): CprRegister | undefined {
  const prev = current;
  current = r;
  perMunicipality.clear();
  return prev;
}

export { LocalCprRegister } from './local.js';
export { Sf1520CprRegister } from './sf1520.js';
export { CprUnavailable, type CprRegister, type CprPerson } from './shapes.js';
export { importPerson, applyChangeFile, lookupOrFail } from './apply.js';
