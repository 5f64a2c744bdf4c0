// Register queries for the deliveries: the queue of changes to the national register, its statuses, and what the
// register is told about a daginstitution, a unit or an alternative address.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { RegisterDeliveryStatus, RegisterLevel, RegisterOperation } from '../../../platform/db/schema.js';

export async function queueDelivery(
  trx: Db,
  d: {
    id: string;
    municipality_code: string;
    level: RegisterLevel;
    operation: RegisterOperation;
    number: string;
    subject_id: string;
    payload: unknown;
    created_by: string | null;
  },
) {
  const r = await trx
    .insertInto('register_delivery')
    .values({ ...d, payload: JSON.stringify(d.payload) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export interface DeliveryRow {
  id: string;
  seq: number;
  municipality_code: string;
  level: RegisterLevel;
  operation: RegisterOperation;
  number: string;
  subject_id: string;
  payload: unknown;
  status: RegisterDeliveryStatus;
  errors: { field: string | null; code: string; text: string }[];
  attempts: number;
  created_at: string;
  sent_at: string | null;
  answered_at: string | null;
}

const deliveryColumns = [
  'id',
  'seq',
  'municipality_code',
  'level',
  'operation',
  'number',
  'subject_id',
  'payload',
  'status',
  'errors',
  'attempts',
  'created_at',
  'sent_at',
  'answered_at',
] as const;

export async function listDeliveries(
  db: Db,
  f: { municipality: string; status?: RegisterDeliveryStatus; limit: number; offset: number },
): Promise<{ total: number; rows: DeliveryRow[] }> {
  let q = db.selectFrom('register_delivery').where('municipality_code', '=', f.municipality);
  if (f.status) q = q.where('status', '=', f.status);
  const [rows, total] = await Promise.all([
    q.select(deliveryColumns).orderBy('seq', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: total.n, rows: rows as DeliveryRow[] };
}

export async function deliveryById(db: Db, id: string, lock = false) {
  let q = db.selectFrom('register_delivery').select(deliveryColumns).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as DeliveryRow | undefined;
}

/** The oldest queued deliveries (of one municipality, or of all) whose number has no earlier delivery waiting
 *  (queued, sent or refused): a refused creation holds back the later changes of the same number until it is accepted.
 *  Locked, skipping rows another sender holds, so nothing is sent twice. */
export async function nextQueued(trx: Db, limit: number, municipality?: string) {
  let q = trx.selectFrom('register_delivery as d');
  if (municipality) q = q.where('d.municipality_code', '=', municipality);
  return (await q
    .select(deliveryColumns.map((c) => `d.${c}` as const))
    .where('d.status', '=', 'queued')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('register_delivery as e')
            .select('e.id')
            .whereRef('e.level', '=', 'd.level')
            .whereRef('e.number', '=', 'd.number')
            .whereRef('e.seq', '<', 'd.seq')
            .where('e.status', 'in', ['queued', 'sent', 'refused']),
        ),
      ),
    )
    .orderBy('d.seq')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()) as DeliveryRow[];
}

export async function setDeliveryStatus(
  trx: Db,
  id: string,
  s: {
    status: RegisterDeliveryStatus;
    errors?: unknown[];
    payload?: unknown;
    sent?: boolean;
    answered?: boolean;
    attempt?: boolean;
  },
) {
  await trx
    .updateTable('register_delivery')
    .set({
      status: s.status,
      ...(s.errors ? { errors: JSON.stringify(s.errors) } : {}),
      ...(s.payload ? { payload: JSON.stringify(s.payload) } : {}),
      ...(s.sent ? { sent_at: sql`now()` } : {}),
      ...(s.answered ? { answered_at: sql`now()` } : {}),
      ...(s.attempt ? { attempts: sql`attempts + 1` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function deliveryCounts(db: Db, municipality: string) {
  const rows = await db
    .selectFrom('register_delivery')
    .where('municipality_code', '=', municipality)
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<RegisterDeliveryStatus, number>>;
}

/** What the register is told about a daginstitution, or undefined. */
export async function daginstitutionForRegister(db: Db, id: string) {
  return db
    .selectFrom('daginstitution')
    .select(['id', 'number', 'name', 'ejerform', 'lovgrundlag', 'municipality_code', 'closed_on'])
    .where('id', '=', id)
    .executeTakeFirst();
}
/** What the register is told about a unit, with its daginstitution's number and municipality, or undefined. */
export async function unitForRegister(db: Db, id: string) {
  return db
    .selectFrom('unit as u')
    .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
    .select([
      'u.id',
      'u.number',
      'd.number as dNumber',
      'd.municipality_code',
      'u.name',
      'u.inst_type3',
      'u.street',
      'u.postal_code',
      'u.city',
      'u.dar_id',
      'u.email',
      'u.phone',
      'u.cvr',
      'u.p_number',
      'u.closed_on',
    ])
    .where('u.id', '=', id)
    .executeTakeFirst();
}
/** What the register is told about an alternative address, with its unit's number and municipality. */
export async function alternativeAddressForRegister(db: Db, id: string) {
  return db
    .selectFrom('alternative_address as a')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
    .select([
      'a.id',
      'a.number',
      'u.number as unitNumber',
      'd.municipality_code',
      'a.street',
      'a.postal_code',
      'a.city',
      'a.dar_id',
      sql<string | null>`case when upper_inf(a.valid) then null else (upper(a.valid) - 1)::text end`.as('lastDay'),
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** Units under a daginstitution number that the register has and has not closed. */
export async function openRegisteredUnitsOf(db: Db, daginstitutionNumber: string) {
  const r = await db
    .selectFrom('unit as u')
    .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
    .innerJoin('register_number as n', (j) =>
      j.onRef('n.number', '=', 'u.number').on('n.level', '=', 'anvisningsenhed'),
    )
    .select(sql<number>`count(*)::int`.as('n'))
    .where('d.number', '=', daginstitutionNumber)
    .where('n.registered', '=', true)
    .where('n.closed_on', 'is', null)
    .executeTakeFirstOrThrow();
  return r.n;
}
