// The unilogin module's own table: the log of deliveries to Unilogin (roster) and Aula (komme/gå).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { UniloginError } from './roster.js';

export type DeliveryKind = 'full' | 'delta' | 'presence';
export type DeliveryStatus = 'sent' | 'accepted' | 'refused' | 'failed';

const columns = [
  'id',
  'seq',
  'municipality_code',
  'kind',
  sql<string>`on_date::text`.as('on_date'),
  'status',
  'checksum',
  'persons',
  'added',
  'changed',
  'removed',
  'errors',
  'attempts',
  'receipt',
  sql<string>`created_at::text`.as('created_at'),
  sql<string | null>`answered_at::text`.as('answered_at'),
] as const;

export interface DeliveryRow {
  id: string;
  seq: number;
  municipality_code: string;
  kind: DeliveryKind;
  on_date: string;
  status: DeliveryStatus;
  checksum: string;
  persons: number;
  added: number;
  changed: number;
  removed: number;
  errors: UniloginError[];
  attempts: number;
  receipt: string | null;
  created_at: string;
  answered_at: string | null;
}

/** Serialises deliveries of one municipality (two staff members pressing "Send" at once deliver once). */
export async function lockMunicipalityDeliveries(trx: Db, municipality: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${`unilogin:${municipality}`}))`.execute(trx);
}

/** The last accepted roster delivery (full or delta) of a municipality: its checksum and roster digests. */
export async function lastAcceptedRoster(db: Db, municipality: string) {
  const r = await db
    .selectFrom('unilogin_delivery')
    .select(['id', 'seq', 'checksum', 'roster'])
    .where('municipality_code', '=', municipality)
    .where('kind', 'in', ['full', 'delta'])
    .where('status', '=', 'accepted')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { id: r.id, seq: Number(r.seq), checksum: r.checksum, roster: r.roster as Record<string, string> } : null;
}

/** The last accepted komme/gå delivery of a municipality for a day. */
export async function lastAcceptedPresence(db: Db, municipality: string, day: string) {
  const r = await db
    .selectFrom('unilogin_delivery')
    .select(['id', 'seq', 'checksum'])
    .where('municipality_code', '=', municipality)
    .where('kind', '=', 'presence')
    .where('on_date', '=', day)
    .where('status', '=', 'accepted')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { id: r.id, seq: Number(r.seq), checksum: r.checksum } : null;
}

export interface NewDelivery {
  municipality: string;
  kind: DeliveryKind;
  date: string;
  status: DeliveryStatus;
  payload: unknown;
  roster: Record<string, string>;
  checksum: string;
  counts: { persons: number; added: number; changed: number; removed: number };
  errors: UniloginError[];
  userId: string | null;
}

export async function addDelivery(trx: Db, d: NewDelivery & { id: string }) {
  await trx
    .insertInto('unilogin_delivery')
    .values({
      id: d.id,
      municipality_code: d.municipality,
      kind: d.kind,
      on_date: d.date,
      status: d.status,
      payload: JSON.stringify(d.payload),
      roster: JSON.stringify(d.roster),
      checksum: d.checksum,
      ...d.counts,
      errors: JSON.stringify(d.errors),
      created_by: d.userId,
      answered_at: d.status === 'refused' ? sql<string>`now()` : null,
    })
    .execute();
}

/** A delivery sent again: its message built anew, one more attempt. */
export async function replaceDelivery(trx: Db, id: string, d: Omit<NewDelivery, 'municipality' | 'kind' | 'userId'>) {
  await trx
    .updateTable('unilogin_delivery')
    .set({
      on_date: d.date,
      status: d.status,
      payload: JSON.stringify(d.payload),
      roster: JSON.stringify(d.roster),
      checksum: d.checksum,
      ...d.counts,
      errors: JSON.stringify(d.errors),
      attempts: sql<number>`attempts + 1`,
      receipt: null,
      answered_at: d.status === 'refused' ? sql<string>`now()` : null,
    })
    .where('id', '=', id)
    .execute();
}

/** Records the service's answer (or that it could not be reached). */
export async function answerDelivery(
  db: Db,
  id: string,
  a: { status: 'accepted'; receipt: string } | { status: 'refused' | 'failed'; errors: UniloginError[] },
) {
  await db
    .updateTable('unilogin_delivery')
    .set({
      status: a.status,
      receipt: a.status === 'accepted' ? a.receipt : null,
      errors: JSON.stringify(a.status === 'accepted' ? [] : a.errors),
      answered_at: a.status === 'failed' ? null : sql<string>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function deliveryById(db: Db, municipality: string, id: string): Promise<DeliveryRow | undefined> {
  return (await db
    .selectFrom('unilogin_delivery')
    .select(columns)
    .where('id', '=', id)
    .where('municipality_code', '=', municipality)
    .executeTakeFirst()) as DeliveryRow | undefined;
}

/** Whether a roster delivery was accepted after this one (then sending this one again would undo it). */
export async function acceptedAfter(db: Db, municipality: string, kind: DeliveryKind, date: string, seq: number) {
  const r = await db
    .selectFrom('unilogin_delivery')
    .select('id')
    .where('municipality_code', '=', municipality)
    .where('status', '=', 'accepted')
    .where('seq', '>', seq)
    .where((eb) =>
      kind === 'presence'
        ? eb.and([eb('kind', '=', 'presence'), eb('on_date', '=', date)])
        : eb('kind', 'in', ['full', 'delta']),
    )
    .executeTakeFirst();
  return !!r;
}

/** The log of a municipality, newest first, paged. */
export async function deliveriesOf(db: Db, municipality: string, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('unilogin_delivery')
      .select(columns)
      .where('municipality_code', '=', municipality)
      .orderBy('seq', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('unilogin_delivery')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('municipality_code', '=', municipality)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as DeliveryRow[], total: total.n };
}
