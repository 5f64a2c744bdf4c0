// Serviceplatformen per municipality: each municipality calls the national services (SF1520 CPR, SF1601 Digital Post)
// with its own OCES system certificate and its own service agreement. The configuration is a secret file named by
// SPIRE_SERVICEPLATFORMEN_CONFIG (never the database; never logged): JSON keyed by municipality code:
//
//   { "0860": {
//       "certificate": "/run/secrets/0860-cert.pem", "key": "/run/secrets/0860-key.pem",   (PEM files) or
//       "pkcs12": "/run/secrets/0860.p12", "passphraseEnv": "SF_0860_PASSPHRASE",          (PKCS#12, passphrase
//                                                              from that environment variable or "passphraseFile")
//       "ca": "/etc/ssl/serviceplatformen-ca.pem",                         (optional: the server's CA chain)
//       "serviceAgreementUUID": "…", "userSystemUUID": "…", "userUUID": "…",
//       "services": { "cpr": { "endpoint": "https://…/PersonBaseDataExtended/4", "serviceUUID": "…" },
//                     "digitalPost": { "endpoint": "https://…/KombiPostAfsend/1", "serviceUUID": "…" } },
//       "timeoutMs": 10000, "attempts": 3 } }
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Service = z.object({ endpoint: z.url(), serviceUUID: z.uuid() });
export const MunicipalityConfig = z
  .object({
    certificate: z.string().min(1).optional(),
    key: z.string().min(1).optional(),
    pkcs12: z.string().min(1).optional(),
    passphraseEnv: z.string().min(1).optional(),
    passphraseFile: z.string().min(1).optional(),
    ca: z.string().min(1).optional(),
    serviceAgreementUUID: z.uuid(),
    userSystemUUID: z.uuid(),
    userUUID: z.uuid(),
    services: z.object({ cpr: Service.optional(), digitalPost: Service.optional() }),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    attempts: z.number().int().min(1).max(10).default(3),
  })
  .strict();
export type MunicipalityConfig = z.infer<typeof MunicipalityConfig>;
export const ServiceplatformenConfig = z.record(z.string().regex(/^\d{3,4}$/), MunicipalityConfig);
export type ServiceplatformenConfig = z.infer<typeof ServiceplatformenConfig>;

/** Reads the secret file named by SPIRE_SERVICEPLATFORMEN_CONFIG (none: {} — the local stand-ins are used). A file
 *  that is not valid stops the start with the paths of the wrong fields, never their values. */
export function serviceplatformenConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServiceplatformenConfig {
  const file = env.SPIRE_SERVICEPLATFORMEN_CONFIG;
  if (!file) return {};
  const parsed = ServiceplatformenConfig.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `SPIRE_SERVICEPLATFORMEN_CONFIG: invalid fields ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  return parsed.data;
}
