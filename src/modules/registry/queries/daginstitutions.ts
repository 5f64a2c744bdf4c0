// Daginstitutioner: list, create (numbers never reused), close.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { Ejerform, Lovgrundlag } from '../../../platform/db/schema.js';
import type { LocalDate } from '../../../shared/index.js';
import { registryError } from '../contract.js';

export async function listDaginstitutions(db: Db, municipalityCode: string) {
  return db
    .selectFrom('daginstitution')
    .select(['id', 'number', 'name', 'ejerform', 'is_cluster as isCluster'])
    .where('closed_on', 'is', null)
    .where('municipality_code', '=', municipalityCode)
    .orderBy('name')
    .execute();
}

/** A new daginstitution in the municipality of the staff user creating it. */
export async function createDaginstitution(
  trx: Db,
  municipalityCode: string,
  d: { number: string; name: string; ejerform: Ejerform; lovgrundlag?: Lovgrundlag; isCluster: boolean },
) {
  await refuseIssuedNumber(trx, 'daginstitution', d.number);
  return trx
    .insertInto('daginstitution')
    .values({
      number: d.number,
      name: d.name,
      ejerform: d.ejerform,
      lovgrundlag: d.lovgrundlag,
      is_cluster: d.isCluster,
      municipality_code: municipalityCode,
    })
    .returning(['id', 'number', 'municipality_code'])
    .executeTakeFirstOrThrow();
}

/** Numbers are never reused: refused when the number was ever issued on the level (registry.number-taken). */
export async function refuseIssuedNumber(trx: Db, level: 'daginstitution' | 'anvisningsenhed', number: string) {
  const used = await trx
    .selectFrom('register_number')
    .select('number')
    .where('level', '=', level)
    .where('number', '=', number)
    .executeTakeFirst();
  if (used) throw registryError('registry.number-taken', { number });
}

/** The daginstitution row locked for closing, with how many of its units are open after `lastDay`. */
export async function lockDaginstitution(trx: Db, id: string, lastDay: LocalDate) {
  const d = await trx
    .selectFrom('daginstitution')
    .select(['id', 'number', 'municipality_code', 'closed_on'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!d) return undefined;
  const open = await trx
    .selectFrom('unit')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('daginstitution_id', '=', id)
    .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', lastDay.toString())]))
    .executeTakeFirstOrThrow();
  return { ...d, openUnits: open.n };
}

export async function closeDaginstitutionOn(trx: Db, id: string, lastDay: LocalDate) {
  await trx.updateTable('daginstitution').set({ closed_on: lastDay.toString() }).where('id', '=', id).execute();
}

/** The municipality of a daginstitution, or null. */
export async function daginstitutionMunicipality(db: Db, id: string): Promise<string | null> {
  const r = await db.selectFrom('daginstitution').select('municipality_code').where('id', '=', id).executeTakeFirst();
  return r?.municipality_code ?? null;
}
