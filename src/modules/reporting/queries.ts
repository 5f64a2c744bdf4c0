// Reporting's own tables: the rules of the statistics (report_rule) and the delivery log (report_delivery).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { childFtePercent, type ReportRules } from './extracts.js';
import type { ExtractKind } from './formats.js';

/** The rules in force on a day, or undefined when none are. */
export async function rulesOn(db: Db, day: string): Promise<ReportRules | undefined> {
  const r = await db
    .selectFrom('report_rule')
    .selectAll()
    .where(sql<boolean>`valid @> ${day}::date`)
    .executeTakeFirst();
  return (
    r && {
      fullAboveHours: r.full_above_hours,
      partFromHours: r.part_from_hours,
      partWeightPercent: r.part_weight_percent,
      lowWeightPercent: r.low_weight_percent,
      fullTimeMinutes: r.full_time_minutes,
      leaderWeightPercent: r.leader_weight_percent,
      minChildrenPerAdult: {
        '0-2': Number(r.min_children_per_adult_0_2),
        '3-5': Number(r.min_children_per_adult_3_5),
      },
    }
  );
}

/** A child's full-time equivalent (FLIS) for a place of these weekly hours on a day, by the rules in force then
 *  (1, 0.75 or 0.5 under the default rule); null when no rules are in force. */
export async function childFteOn(db: Db, hours: number, day: string): Promise<number | null> {
  const rules = await rulesOn(db, day);
  return rules ? childFtePercent(hours, rules) / 100 : null;
}

const deliveryColumns = [
  'id',
  'municipality_code',
  'kind',
  'month',
  'version',
  'checksum',
  'status',
  'correction',
  'receipt',
  'created_at',
] as const;

export async function latestDelivery(db: Db, municipality: string, kind: ExtractKind, month: string) {
  return db
    .selectFrom('report_delivery')
    .select(deliveryColumns)
    .where('municipality_code', '=', municipality)
    .where('kind', '=', kind)
    .where('month', '=', month)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Serialises deliveries of one municipality, kind and month (a transaction-level advisory lock). */
export async function lockDeliveries(trx: Db, municipality: string, kind: ExtractKind, month: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${`report_delivery|${municipality}|${kind}|${month}`}))`.execute(trx);
}

export async function addDelivery(
  trx: Db,
  d: {
    municipality: string;
    kind: ExtractKind;
    month: string;
    version: number;
    payload: string;
    checksum: string;
    userId: string | null;
  },
) {
  return trx
    .insertInto('report_delivery')
    .values({
      municipality_code: d.municipality,
      kind: d.kind,
      month: d.month,
      version: d.version,
      payload: d.payload,
      checksum: d.checksum,
      correction: d.version > 1,
      created_by: d.userId,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function setReceipt(trx: Db, id: string, receipt: string) {
  await trx.updateTable('report_delivery').set({ receipt }).where('id', '=', id).execute();
}

export async function deliveriesOf(db: Db, municipality: string, limit = 200) {
  return db
    .selectFrom('report_delivery')
    .select(deliveryColumns)
    .where('municipality_code', '=', municipality)
    .orderBy('month', 'desc')
    .orderBy('kind')
    .orderBy('version', 'desc')
    .limit(limit)
    .execute();
}

export async function deliveryPayload(db: Db, id: string, municipality: string) {
  return db
    .selectFrom('report_delivery')
    .select(['payload', 'kind', 'month', 'version'])
    .where('id', '=', id)
    .where('municipality_code', '=', municipality)
    .executeTakeFirst();
}
