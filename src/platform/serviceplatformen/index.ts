// Serviceplatformen as each municipality calls it: per-municipality certificates and service agreements (config.ts),
// the mutual-TLS client (client.ts); the CPR register and the Digital Post sender ask `serviceplatformen()` for the
// municipality's client and fall back to their local stand-ins where a municipality has none (demo and tests).
import { serviceplatformenConfigFromEnv, type ServiceplatformenConfig } from './config.js';
import { ServiceplatformenClient } from './client.js';
import { DomainError } from '../http/errors.js';

export class Serviceplatformen {
  private readonly clients = new Map<string, ServiceplatformenClient>();
  constructor(
    private readonly config: ServiceplatformenConfig,
    private readonly now: () => number = Date.now,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The municipality's client, or null when it has no Serviceplatformen configuration (the stand-ins apply). */
  clientFor(municipality: string | null | undefined): ServiceplatformenClient | null {
    if (!municipality) return null;
    const c = this.config[municipality];
    if (!c) return null;
    let client = this.clients.get(municipality);
    if (!client)
      this.clients.set(municipality, (client = new ServiceplatformenClient(municipality, c, this.now, this.env)));
    return client;
  }

  /** At start: every configured municipality's certificate, checked; the problems as warnings (codes, no secrets). */
  check(): { municipality: string; ok: boolean; problem?: string; validUntil?: string }[] {
    return Object.keys(this.config).map((m) => {
      try {
        return { municipality: m, ok: true, validUntil: this.clientFor(m)!.validUntil() };
      } catch (e) {
        return { municipality: m, ok: false, problem: e instanceof DomainError ? e.code : 'unknown' };
      }
    });
  }

  close() {
    for (const c of this.clients.values()) c.close();
  }
}

let current: Serviceplatformen | undefined;
/** The application's Serviceplatformen (from SPIRE_SERVICEPLATFORMEN_CONFIG on first use). */
export function serviceplatformen(): Serviceplatformen {
  return (current ??= new Serviceplatformen(serviceplatformenConfigFromEnv()));
}
/** Replaces it (tests). Returns the previous one. */
export function useServiceplatformen(s: Serviceplatformen | undefined): Serviceplatformen | undefined {
  const prev = current;
  current = s;
  return prev;
}

export {
  ServiceplatformenClient,
  ServiceplatformenUnavailable,
  loadCredentials,
  type InvocationContext,
} from './client.js';
export { MunicipalityConfig, ServiceplatformenConfig, serviceplatformenConfigFromEnv } from './config.js';
export { serviceplatformenError } from './errors.js';
