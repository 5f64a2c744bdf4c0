import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, unit: string, other: string;
const vulnerableKids: string[] = [],
  otherKids: string[] = [];
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  const db = t.database.db;
  const inst = await db.selectFrom('daginstitution').select('id').executeTakeFirstOrThrow();
  const muni = await db.selectFrom('municipality').select('code').executeTakeFirstOrThrow();
  const park = await db
    .insertInto('area')
    .values({ municipality_code: muni.code, name: 'Udsat Parken' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const addr = { postal_code: '9800', city: 'Hjørring', municipality_code: muni.code, lat: 57.45, lon: 9.99 };
  [unit, other] = (
    await db
      .insertInto('unit')
      .values([
        {
          number: 'D10001',
          daginstitution_id: inst.id,
          name: 'Vuggestuen Stjernen',
          type: 'vuggestue',
          street: 'Stjernevej 1',
          postal_code: '9800',
          city: 'Hjørring',
          lat: 57.45,
          lon: 9.99,
        },
        {
          number: 'D10002',
          daginstitution_id: inst.id,
          name: 'Vuggestuen Månen',
          type: 'vuggestue',
          street: 'Månevej 1',
          postal_code: '9800',
          city: 'Hjørring',
          lat: 57.45,
          lon: 9.99,
        },
      ])
      .returning('id')
      .execute()
  ).map((u) => u.id) as [string, string];
  await db
    .insertInto('capacity')
    .values([
      { unit_id: unit, age_band: '0-2', places: 10, valid: '[2024-01-01,)' },
      { unit_id: other, age_band: '0-2', places: 10, valid: '[2024-01-01,)' },
    ])
    .execute();
  // Månen has admitted three children from elsewhere for 2027 already.
  for (let i = 0; i < 3; i++) {
    const c = (
      await db
        .insertInto('person')
        .values({
          cpr: `1${i}0126441${i}`,
          first_name: `Før${i}`,
          last_name: 'By',
          birth_date: '2026-01-10',
          sex: 'male',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('placement')
      .values({ child_id: c, unit_id: other, kind: 'dagtilbud', valid: '[2027-01-01,)' })
      .execute();
  }
  // Three children from the vulnerable area, three from elsewhere, all wishing Stjernen; the last vulnerable child also wishes Månen.
  for (let i = 0; i < 6; i++) {
    const vulnerable = i < 3;
    const hh = await db
      .insertInto('household')
      .values({ ...addr, street: `Vej ${i}`, area_id: vulnerable ? park.id : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const c = (
      await db
        .insertInto('person')
        .values({
          cpr: `0${i + 1}0326441${i}`,
          first_name: `Barn${i}`,
          last_name: vulnerable ? 'Park' : 'By',
          birth_date: `2026-03-0${i + 1}`,
          sex: 'female',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db.insertInto('residence').values({ person_id: c, household_id: hh.id, valid: '[2026-03-01,)' }).execute();
    const a = await db
      .insertInto('application')
      .values({
        child_id: c,
        place_kind: 'vuggestue',
        placement_kind: 'dagtilbud',
        needed_from: '2027-01-04',
        hours_per_week: 40,
        applied_on: '2026-04-01',
        seniority_date: `2026-07-0${i + 1}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('application_wish')
      .values([
        { application_id: a.id, rank: 1, unit_id: unit },
        ...(i === 2 ? [{ application_id: a.id, rank: 2, unit_id: other }] : []),
      ])
      .execute();
    (vulnerable ? vulnerableKids : otherKids).push(`Barn${i} ${vulnerable ? 'Park' : 'By'}`);
  }
});
afterAll(async () => {
  await t?.close();
});

describe(`§26 a distribution rule (${engine})`, () => {
  it('admits at most 30 % from the vulnerable areas per unit, explains the refusal, and offers a later wish instead', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const round = async () => {
      const r = await cw.call('POST', '/api/staff/rounds', { kind: 'dagtilbud', horizon: '2027-06-30' });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    // Off (no areas listed): everyone gets Stjernen.
    const before = await round();
    expect(before.offers.filter((o: any) => o.unitId === unit)).toHaveLength(6);
    const admin = await loginAs(t.app, f.users.admin);
    expect(
      (
        await admin.call('POST', '/api/staff/settings', {
          key: 'placement.vulnerable_areas',
          value: ['Udsat Parken'],
          start: '2026-01-01',
        })
      ).statusCode,
    ).toBe(201);
    const r = await round();
    const at = (u: string) =>
      r.offers
        .filter((o: any) => o.unitId === u)
        .map((o: any) => o.childName)
        .sort();
    // Stjernen: 3 + 1 of 4 new children = 25 % ≤ 30 %; the earliest vulnerable child (best anciennitet) keeps the place.
    expect(at(unit)).toEqual([...otherKids, 'Barn0 Park'].sort());
    // Barn2 was refused Stjernen by the rule and got her second wish (1 of 4 new at Månen); the explanation says why.
    expect(at(other)).toEqual(['Barn2 Park']);
    expect(r.offers.find((o: any) => o.childName === 'Barn2 Park').explanation.da).toMatch(
      /Ikke tilbudt Vuggestuen Stjernen: fordelingsreglen \(§26 a\) – højst 30 %/,
    );
    expect(r.unplaced.map((u: any) => u.childName)).toEqual(['Barn1 Park']);
    expect(r.unplaced[0].explanation.da).toMatch(/fordelingsreglen \(§26 a\)/);
    expect(r.unplaced[0].explanation.en).toMatch(/distribution rule/);
  });
});
