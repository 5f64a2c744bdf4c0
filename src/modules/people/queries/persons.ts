// People by id: names, birth dates, register facts for other modules, renaming and anonymising.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { LocalDate } from '../../../shared/index.js';

/** Younger than this is a child (search hits, siblings). */
export const CHILD_MAX_AGE_YEARS = 18;

/** Full names by person id ("Fornavn Efternavn"). */
export async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  return new Map((await personsById(db, ids)).map((p) => [p.id, `${p.first_name} ${p.last_name}`]));
}

/** Corrects a child's name; false when there is no such person. */
export async function renameChild(trx: Db, id: string, firstName: string, lastName: string) {
  const r = await trx
    .updateTable('person')
    .set({ first_name: firstName, last_name: lastName })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** People by id (names and birth date), in chunks under the parameter limit. */
export async function personsById(db: Db, ids: string[]) {
  const rows = [];
  for (let i = 0; i < ids.length; i += 5000) {
    rows.push(
      ...(await db
        .selectFrom('person')
        .select(['id', 'first_name', 'last_name', 'birth_date'])
        .where('id', 'in', ids.slice(i, i + 5000))
        .execute()),
    );
  }
  return rows;
}

/** Birth dates (YYYY-MM-DD) of people by id, in one statement (an array parameter, no parameter limit). */
export async function birthDatesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; birth_date: string }>`select p.id, p.birth_date::text as birth_date
    from unnest(${[...ids]}::uuid[]) as x(id) join person p on p.id = x.id`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r.birth_date]));
}

/** birthDatesOf as a relation (id, birth_date) for another module's set-based statement. */
export const birthDatesSql = () => sql`(select id, birth_date from person)`;

/** Whether the person exists. */
export async function personExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('person').select('id').where('id', '=', id).executeTakeFirst());
}

/** What Unilogin needs of people on a date: names, CPR, birth date, home address and whether the address is protected
 *  (the person's own protection, or someone protected in the same household that day), set-based for many ids. */
export async function rosterFactsOf(db: Db, ids: readonly string[], date: LocalDate) {
  if (!ids.length) return [];
  const rows = await sql<{
    id: string;
    cpr: string | null;
    first_name: string;
    last_name: string;
    birth_date: string;
    sex: 'female' | 'male';
    street: string | null;
    postal_code: string | null;
    city: string | null;
    protected: boolean;
  }>`select p.id, p.cpr, p.first_name, p.last_name, p.birth_date::text as birth_date, p.sex,
      h.street, h.postal_code, h.city,
      (p.address_protected or exists (select 1 from residence r2 join person q on q.id = r2.person_id
        where r2.household_id = r.household_id and r2.valid @> ${date.toString()}::date and q.address_protected))
        as protected
    from unnest(${[...new Set(ids)]}::uuid[]) as x(id) join person p on p.id = x.id
    left join residence r on r.person_id = p.id and r.valid @> ${date.toString()}::date
    left join household h on h.id = r.household_id`.execute(db);
  return rows.rows;
}

/** Retention (issue 16): of these people, those already anonymised. */
export async function anonymisedAmong(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('person')
    .select('id')
    .where('id', 'in', ids)
    .where('anonymised_on', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Erases people: name, CPR, e-mail, phone, address (residence) and custody links are removed, birth date and sex kept
 *  for statistics; the person's own row history goes too, and the anonymising change is not recorded. */
export async function anonymisePersons(trx: Db, ids: string[], today: LocalDate): Promise<number> {
  if (!ids.length) return 0;
  await sql`select set_config('spire.actor', 'seed', true)`.execute(trx);
  const r = await trx
    .updateTable('person')
    .set({
      first_name: 'Anonymiseret',
      last_name: 'person',
      cpr: null,
      email: null,
      phone: null,
      address_protected: false,
      anonymised_on: today.toString(),
    })
    .where('id', 'in', ids)
    .where('anonymised_on', 'is', null)
    .executeTakeFirst();
  await trx.deleteFrom('residence').where('person_id', 'in', ids).execute();
  await trx
    .deleteFrom('custody')
    .where((eb) => eb.or([eb('child_id', 'in', ids), eb('guardian_id', 'in', ids)]))
    .execute();
  await sql`select spire_forget_row_history('person', ${ids}::uuid[])`.execute(trx);
  return Number(r.numUpdatedRows);
}

/** Payers for a debtor export: CPR, name, name and address protection, and their households' addresses. */
export async function payersAndHouseholds(db: Db, personIds: readonly string[], householdIds: readonly string[]) {
  const [people, homes] = await Promise.all([
    personIds.length
      ? db
          .selectFrom('person')
          .select(['id', 'cpr', 'first_name', 'last_name', 'address_protected'])
          .where('id', 'in', [...personIds])
          .execute()
      : [],
    householdIds.length
      ? db
          .selectFrom('household')
          .select(['id', 'street', 'postal_code', 'city'])
          .where('id', 'in', [...householdIds])
          .execute()
      : [],
  ]);
  return { people: new Map(people.map((p) => [p.id, p])), homes: new Map(homes.map((h) => [h.id, h])) };
}
