// Where deliveries go. The statistics' own services cannot be reached from here, so the default is a local stand-in
// that records what it received (kind, municipality, month, version, checksum, bytes) and answers with a receipt.
import { randomUUID } from 'node:crypto';
import type { ExtractKind } from './formats.js';

export interface Received {
  kind: ExtractKind;
  municipality: string;
  month: string;
  version: number;
  checksum: string;
  bytes: number;
  receipt: string;
}

export interface StatisticsReceiver {
  send(d: Omit<Received, 'receipt' | 'bytes'> & { payload: string }): Promise<string>;
}

export class LocalStatisticsReceiver implements StatisticsReceiver {
  readonly received: Received[] = [];
  send(d: Omit<Received, 'receipt' | 'bytes'> & { payload: string }) {
    const receipt = `LOCAL-${d.kind.toUpperCase()}-${randomUUID()}`;
    this.received.push({
      kind: d.kind,
      municipality: d.municipality,
      month: d.month,
      version: d.version,
      checksum: d.checksum,
      bytes: Buffer.byteLength(d.payload, 'utf8'),
      receipt,
    });
    return Promise.resolve(receipt);
  }
}

/** The process's receiver (the local stand-in unless a host sets another). */
export let statisticsReceiver: StatisticsReceiver = new LocalStatisticsReceiver();
export function setStatisticsReceiver(r: StatisticsReceiver) {
  statisticsReceiver = r;
}
