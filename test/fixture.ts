// A tiny hand-made municipality for API tests: two units, two families, staff of every kind.
import type { Database } from '../src/platform/db/database.js';

export async function smallFixture({ db }: Database) {
  await db
    .insertInto('municipality')
    .values([{ code: '0860', name: 'Hjørring' }])
    .execute();
  const area = await db
    .insertInto('area')
    .values({ municipality_code: '0860', name: 'Hjørring by' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const inst = await db
    .insertInto('daginstitution')
    .values([
      { number: 'G10001', name: 'Børnehuset Solsikken', ejerform: 'kommunal', municipality_code: '0860' },
      { number: 'G10002', name: 'Mælkebøtten', ejerform: 'selvejende', municipality_code: '0860' },
    ])
    .returning('id')
    .execute();
  const base = { street: 'Vestergade 1', postal_code: '9800', city: 'Hjørring', area_id: area.id };
  const [sol, mael] = await db
    .insertInto('unit')
    .values([
      {
        ...base,
        number: 'A10001',
        daginstitution_id: inst[0]!.id,
        name: 'Børnehuset Solsikken',
        type: 'integreret',
        lat: 57.46,
        lon: 9.98,
      },
      {
        ...base,
        number: 'A10002',
        daginstitution_id: inst[1]!.id,
        name: 'Mælkebøtten',
        type: 'boernehave',
        lat: 57.59,
        lon: 9.96,
      },
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('capacity')
    .values([
      { unit_id: sol!.id, age_band: '0-2', places: 12, valid: '[2024-01-01,)' },
      { unit_id: sol!.id, age_band: '3-5', places: 20, valid: '[2024-01-01,)' },
      { unit_id: mael!.id, age_band: '3-5', places: 30, valid: '[2024-01-01,)' },
    ])
    .execute();
  const home = await db
    .insertInto('household')
    .values({
      street: 'Skolegade 4',
      postal_code: '9800',
      city: 'Hjørring',
      municipality_code: '0860',
      area_id: area.id,
      lat: 57.457,
      lon: 9.985,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const other = await db
    .insertInto('household')
    .values({
      street: 'Havnegade 9',
      postal_code: '9850',
      city: 'Hirtshals',
      municipality_code: '0860',
      lat: 57.59,
      lon: 9.96,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const people = await db
    .insertInto('person')
    .values([
      { cpr: '0103234411', first_name: 'Ida', last_name: 'Holm', birth_date: '2023-03-01', sex: 'male' },
      { cpr: '1505854412', first_name: 'Mette', last_name: 'Holm', birth_date: '1985-05-15', sex: 'female' },
      { cpr: '0202224413', first_name: 'Oscar', last_name: 'Berg', birth_date: '2022-02-02', sex: 'male' },
      { cpr: '0909884414', first_name: 'Anders', last_name: 'Berg', birth_date: '1988-09-09', sex: 'female' },
    ])
    .returning('id')
    .execute();
  const [ida, mette, oscar, anders] = people.map((p) => p.id) as [string, string, string, string];
  await db
    .insertInto('residence')
    .values([
      { person_id: ida, household_id: home.id, valid: '[2023-03-01,)' },
      { person_id: mette, household_id: home.id, valid: '[2015-01-01,)' },
      { person_id: oscar, household_id: other.id, valid: '[2022-02-02,)' },
      { person_id: anders, household_id: other.id, valid: '[2015-01-01,)' },
    ])
    .execute();
  await db
    .insertInto('custody')
    .values([
      { child_id: ida, guardian_id: mette, valid: '[2023-03-01,)' },
      { child_id: oscar, guardian_id: anders, valid: '[2022-02-02,)' },
    ])
    .execute();
  await db
    .insertInto('placement')
    .values([
      { child_id: ida, unit_id: sol!.id, kind: 'dagtilbud', valid: '[2024-01-01,)' },
      { child_id: oscar, unit_id: mael!.id, kind: 'dagtilbud', valid: '[2025-03-01,)' },
    ])
    .execute();
  const users = await db
    .insertInto('app_user')
    .values([
      { role: 'guardian', name: 'Mette Holm', person_id: mette, demo_persona: true },
      { role: 'guardian', name: 'Anders Berg', person_id: anders, demo_persona: true },
      { role: 'caseworker', name: 'Pladsanvisning', demo_persona: true, municipality_code: '0860' },
      { role: 'admin', name: 'Administrator', demo_persona: true, municipality_code: '0860' },
      { role: 'unit_leader', name: 'Leder Solsikken', demo_persona: true, municipality_code: '0860' },
      { role: 'finance', name: 'Økonomi', demo_persona: false, municipality_code: '0860' },
    ])
    .returning('id')
    .execute();
  await db.insertInto('user_unit').values({ user_id: users[4]!.id, unit_id: sol!.id }).execute();
  const [mette_u, anders_u, caseworker, admin, leader, hidden] = users.map((u) => u.id) as string[];
  return {
    units: { sol: sol!.id, mael: mael!.id },
    children: { ida, oscar },
    guardians: { mette, anders },
    users: {
      mette: mette_u!,
      anders: anders_u!,
      caseworker: caseworker!,
      admin: admin!,
      leader: leader!,
      hidden: hidden!,
    },
  };
}
