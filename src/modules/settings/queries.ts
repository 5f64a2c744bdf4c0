// Municipality settings as data with validity periods: one value per key on any date.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { DateRange, type LocalDate } from '../../shared/index.js';

/** The municipality's value of `key` on `date` (undefined: none, the code's default applies). */
export async function settingOn<T = unknown>(
  db: Db,
  municipalityCode: string,
  key: string,
  date: LocalDate,
): Promise<T | undefined> {
  const row = await db
    .selectFrom('setting')
    .select('value')
    .where('municipality_code', '=', municipalityCode)
    .where('key', '=', key)
    .where(sql<boolean>`valid @> ${date.toString()}::date`)
    .executeTakeFirst();
  return row?.value as T | undefined;
}

/** One municipality's settings, every value with its validity period. */
export async function listSettings(db: Db, municipalityCode: string) {
  const rows = await db
    .selectFrom('setting')
    .select(['id', 'key', 'value', 'valid'])
    .where('municipality_code', '=', municipalityCode)
    .orderBy('key')
    .orderBy(sql`lower(valid)`)
    .execute();
  return rows.map((r) => {
    const v = DateRange.fromPg(r.valid);
    return { id: r.id, key: r.key, value: r.value, start: v.start.toString(), end: v.end?.toString() ?? null };
  });
}

/** A new value from `start`: an open-ended earlier value ends the day before; overlapping anything else is refused by the database. */
export async function addSetting(
  trx: Db,
  municipalityCode: string,
  key: string,
  value: unknown,
  start: LocalDate,
  end: LocalDate | null,
) {
  await trx
    .updateTable('setting')
    .set({ valid: sql`daterange(lower(valid), ${start.toString()}::date)` })
    .where('municipality_code', '=', municipalityCode)
    .where('key', '=', key)
    .where(sql<boolean>`upper_inf(valid) and lower(valid) < ${start.toString()}::date`)
    .execute();
  return trx
    .insertInto('setting')
    .values({
      municipality_code: municipalityCode,
      key,
      value: JSON.stringify(value),
      valid: DateRange.of(start, end).toPgDaterange(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
