// Digital Post: letters leave through the SF1601 "KombiPostAfsend" service as a MeMo 1.1 message
// (https://digitaliser.dk/digital-post/vejledninger/memo) with the letter's PDF as the main document.
// Sf1601DigitalPost posts that XML to Serviceplatformen; LocalDigitalPost (demo mode) writes the very same XML
// into a local outbox folder instead, since the national service cannot be reached from here.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { renderLetter } from './render.js';
import {
  ServiceplatformenUnavailable,
  serviceplatformenError,
  type Serviceplatformen,
} from '../serviceplatformen/index.js';

export interface MemoMessage {
  messageUUID: string;
  label: string; // the subject, max 256
  sender: { cvr: string; name: string };
  recipientCpr: string;
  createdDateTime: string; // ISO instant
  pdf: Uint8Array;
  filename: string;
  /** The municipality that sends it (its certificate and service agreement are used); null: the default sender. */
  municipalityCode?: string | null;
}

export interface DigitalPost {
  readonly channel: string;
  /** Sends; may return the channel it actually used (a per-municipality sender). */
  send(message: MemoMessage, kombiRequestXml: string): Promise<void | string>;
}

/** Demo mode: the outbox is a folder of kombi_request XML files, one per message. */
export class LocalDigitalPost implements DigitalPost {
  readonly channel = 'local-outbox';
  constructor(private readonly dir: string) {}
  async send(m: MemoMessage, xml: string) {
    // The files carry CPR numbers: readable by the service's own user only (the umask cannot widen them).
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, `${m.messageUUID}.xml`);
    await writeFile(file, xml, { mode: 0o600 });
    await chmod(file, 0o600);
  }
}

/** Production: POST to Serviceplatformen's KombiPostAfsend endpoint (the caller supplies an authorised fetch). */
export class Sf1601DigitalPost implements DigitalPost {
  readonly channel = 'sf1601';
  constructor(
    private readonly endpoint: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}
  async send(m: MemoMessage, xml: string) {
    const res = await this.fetchImpl(this.endpoint, {
      method: 'POST',
      body: xml,
      headers: { 'content-type': 'application/xml', accept: 'application/xml', 'x-transaktionsid': m.messageUUID },
    });
    if (!res.ok) throw new Error(`SF1601 answered ${res.status}`);
  }
}

/** Production, per municipality: the letter's municipality sends it through SF1601 with its own certificate (mutual
 *  TLS) and service agreement (Serviceplatformen, SPIRE_SERVICEPLATFORMEN_CONFIG); a municipality without that
 *  configuration uses `fallback` (the local outbox in demo). A missing or expired certificate fails the message with
 *  the refusal's code, and the drain tries it again later. The agreement's identifiers travel as headers. */
export class MunicipalDigitalPost implements DigitalPost {
  readonly channel: string;
  constructor(
    private readonly platform: Serviceplatformen,
    private readonly fallback: DigitalPost,
  ) {
    this.channel = fallback.channel;
  }
  async send(m: MemoMessage, xml: string): Promise<string> {
    const client = this.platform.clientFor(m.municipalityCode);
    if (!client?.hasService('digitalPost')) {
      await this.fallback.send(m, xml);
      return this.fallback.channel;
    }
    const ctx = client.context('digitalPost');
    let r: { status: number; body: string };
    try {
      r = await client.post(ctx.endpoint, xml, {
        'content-type': 'application/xml',
        accept: 'application/xml',
        'x-transaktionsid': m.messageUUID,
        'x-serviceagreementuuid': ctx.serviceAgreementUuid,
        'x-usersystemuuid': ctx.userSystemUuid,
        'x-useruuid': ctx.userUuid,
        'x-serviceuuid': ctx.serviceUuid,
      });
    } catch (e) {
      if (e instanceof ServiceplatformenUnavailable && e.reason === 'refused')
        throw serviceplatformenError('serviceplatformen.certificate-refused', { municipality: client.municipality });
      throw e;
    }
    if (r.status < 200 || r.status >= 300) throw new Error(`SF1601 answered ${r.status}`);
    return 'sf1601';
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function kombiRequestXml(m: MemoMessage): string {
  const el = (name: string, value: string) => `<memo:${name}>${esc(value)}</memo:${name}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<kombi_request>
<KombiValgKode>Digital Post</KombiValgKode>
<memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.1" memoSchVersion="1.1.0">
<memo:MessageHeader>${el('messageType', 'DIGITALPOST')}${el('messageUUID', m.messageUUID)}${el('label', m.label.slice(0, 256))}${el('mandatory', 'false')}${el('legalNotification', 'false')}
<memo:Sender>${el('senderID', m.sender.cvr)}${el('idType', 'CVR')}${el('label', m.sender.name)}</memo:Sender>
<memo:Recipient>${el('recipientID', m.recipientCpr)}${el('idType', 'CPR')}</memo:Recipient>
</memo:MessageHeader>
<memo:MessageBody>${el('createdDateTime', m.createdDateTime)}
<memo:MainDocument><memo:File>${el('encodingFormat', 'application/pdf')}${el('filename', m.filename)}${el('language', 'da')}${el('content', Buffer.from(m.pdf).toString('base64'))}</memo:File></memo:MainDocument>
</memo:MessageBody>
</memo:Message>
</kombi_request>
`;
}

/** Sends up to `limit` queued messages; a failure is recorded on the message and retried next time (max 5). */
export async function drainDigitalPost(
  db: Db,
  post: DigitalPost,
  sender: { cvr: string },
  limit = 200,
): Promise<{ sent: number; failed: number }> {
  const queued = await db
    .selectFrom('digital_post_message as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.letter_id', 'm.message_uuid', 'p.cpr'])
    .where('m.status', '=', 'queued')
    .where('m.attempts', '<', 5)
    .orderBy('m.id')
    .limit(limit)
    .execute();
  let sent = 0,
    failed = 0;
  for (const q of queued) {
    try {
      if (!q.cpr) throw new Error('recipient has no CPR number');
      const { pdf, letter, senderName } = await renderLetter(db, q.letter_id);
      const message: MemoMessage = {
        messageUUID: q.message_uuid,
        label: letter.subject,
        sender: { cvr: sender.cvr, name: senderName },
        recipientCpr: q.cpr,
        createdDateTime: new Date().toISOString(),
        pdf,
        filename: `${letter.kind}-${letter.letter_date}.pdf`,
        municipalityCode: letter.municipality_code,
      };
      const channel = (await post.send(message, kombiRequestXml(message))) ?? post.channel;
      await db
        .updateTable('digital_post_message')
        .set({ status: 'sent', channel, sent_at: sql`now()`, error: null, attempts: sql`attempts + 1` })
        .where('id', '=', q.id)
        .execute();
      sent++;
    } catch (e) {
      const attempts = sql<number>`attempts + 1`;
      await db
        .updateTable('digital_post_message')
        .set({
          attempts,
          error: (e as Error).message.slice(0, 500),
          status: sql`CASE WHEN attempts + 1 >= 5 THEN 'failed' ELSE 'queued' END`,
        })
        .where('id', '=', q.id)
        .execute();
      failed++;
    }
  }
  return { sent, failed };
}
