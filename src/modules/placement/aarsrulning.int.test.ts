import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { startJobs } from '../../platform/jobs.js';
import { LocalDate } from '../../shared/index.js';
import { MODULES } from '../../modules.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, tot: string;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  const db = t.database.db;
  // A nursery with a child turning 2 years 10 months in February 2027.
  const inst = await db.selectFrom('daginstitution').select('id').executeTakeFirstOrThrow();
  const area = await db.selectFrom('area').select('id').executeTakeFirstOrThrow();
  const vug = await db
    .insertInto('unit')
    .values({
      number: 'A10003',
      daginstitution_id: inst.id,
      name: 'Vuggestuen Mariehønen',
      type: 'vuggestue',
      street: 'Åvej 1',
      postal_code: '9800',
      city: 'Hjørring',
      area_id: area.id,
      lat: 57.458,
      lon: 9.99,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('capacity')
    .values({ unit_id: vug.id, age_band: '0-2', places: 10, valid: '[2024-01-01,)' })
    .execute();
  tot = (
    await db
      .insertInto('person')
      .values({ cpr: '1504244411', first_name: 'Tove', last_name: 'Holm', birth_date: '2024-04-15', sex: 'female' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const home = await db
    .selectFrom('residence')
    .select('household_id')
    .where('person_id', '=', f.guardians.mette)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('residence')
    .values({ person_id: tot, household_id: home.household_id, valid: '[2024-04-15,)' })
    .execute();
  await db
    .insertInto('custody')
    .values({ child_id: tot, guardian_id: f.guardians.mette, valid: '[2024-04-15,)' })
    .execute();
  await db
    .insertInto('placement')
    .values({ child_id: tot, unit_id: vug.id, kind: 'dagtilbud', valid: '[2025-01-01,)' })
    .execute();
});
afterAll(async () => {
  await t?.close();
});

describe(`årsrulning and continuous allocation (${engine})`, () => {
  it('applies for kindergarten at 2 years 10 months, offers it continuously, and accepting ends the nursery place', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    expect((await cw.call('POST', '/api/staff/aarsrulning')).json()).toEqual({ created: 1 });
    expect((await cw.call('POST', '/api/staff/aarsrulning')).json()).toEqual({ created: 0 }); // idempotent
    const app = await t.database.db
      .selectFrom('application')
      .selectAll()
      .where('child_id', '=', tot)
      .executeTakeFirstOrThrow();
    expect(app).toMatchObject({ place_kind: 'boernehave', needed_from: '2027-02-01', status: 'active' });
    const run = await cw.call('POST', '/api/staff/continuous-allocation');
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().offers).toBe(1);
    const mette = await loginAs(t.app, f.users.mette);
    const child = (await mette.call('GET', '/api/citizen/placement')).json().children.find((c: any) => c.id === tot);
    expect(child.offers).toHaveLength(1);
    expect((await mette.call('POST', `/api/citizen/offers/${child.offers[0].id}/accept`)).statusCode).toBe(200);
    const places = await t.database.db
      .selectFrom('placement')
      .select(['unit_id', 'valid'])
      .where('child_id', '=', tot)
      .orderBy('valid')
      .execute();
    expect(places.map((p) => p.valid)).toEqual(['[2025-01-01,2027-02-01)', '[2027-02-01,)']);
    const letters = (
      await t.database.db.selectFrom('letter').select('subject').where('kind', '=', 'decision').execute()
    ).map((l) => l.subject);
    expect(letters).toEqual([expect.stringMatching(/Tove Holm/)]);
  });

  it('shows capacity against occupancy for 12 months and the policy with defaults', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const outlook = (await cw.call('GET', `/api/staff/units/${f.units.sol}/outlook`)).json();
    expect(outlook).toHaveLength(12);
    expect(outlook[0]).toMatchObject({ month: '2026-12-01', capacity: 12 * 2 + 20 });
    expect(outlook[2].occupied).toBeGreaterThan(outlook[0].occupied - 1); // Tove arrives in February
    const policy = (await cw.call('GET', '/api/staff/placement-policy')).json();
    expect(policy.keys.find((k: any) => k.key === 'placement.nursery_weight').current).toBe(2);
    expect(policy.keys.find((k: any) => k.key === 'placement.fill_mode').current).toBe('strict-order'); // § 27 by default
    expect((await (await loginAs(t.app, f.users.mette)).call('GET', '/api/staff/placement-policy')).statusCode).toBe(
      403,
    );
  });

  it('a declined place goes straight to the next child by the rules (continuous allocation)', async () => {
    const db = t.database.db;
    const inst = await db.selectFrom('daginstitution').select('id').executeTakeFirstOrThrow();
    const unit = await db
      .insertInto('unit')
      .values({
        number: 'A10004',
        daginstitution_id: inst.id,
        name: 'Vuggestuen Lille',
        type: 'vuggestue',
        street: 'Åvej 3',
        postal_code: '9800',
        city: 'Hjørring',
        lat: 57.5,
        lon: 10.1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('capacity')
      .values({ unit_id: unit.id, age_band: '0-2', places: 1, valid: '[2024-01-01,)' })
      .execute();
    const mette = await loginAs(t.app, f.users.mette);
    const kids: string[] = [];
    for (const [cpr, birth] of [
      ['0101264411', '2026-01-01'],
      ['0102264411', '2026-02-01'],
    ] as const) {
      const c = (
        await db
          .insertInto('person')
          .values({ cpr, first_name: 'Baby' + cpr.slice(2, 4), last_name: 'Holm', birth_date: birth, sex: 'female' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      await db
        .insertInto('custody')
        .values({ child_id: c, guardian_id: f.guardians.mette, valid: `[${birth},)` })
        .execute();
      const r = await mette.call('POST', '/api/citizen/applications', {
        childId: c,
        placeKind: 'vuggestue',
        neededFrom: '2027-01-04',
        hoursPerWeek: 40,
        wishes: [unit.id],
      });
      expect(r.statusCode, r.body).toBe(201);
      kids.push(c);
    }
    const cw = await loginAs(t.app, f.users.caseworker);
    expect((await cw.call('POST', '/api/staff/continuous-allocation')).json()).toEqual({ offers: 1 }); // one place for two children
    const offers = () =>
      db
        .selectFrom('offer')
        .innerJoin('application as a', 'a.id', 'offer.application_id')
        .select(['offer.id', 'a.child_id', 'offer.status'])
        .where('offer.unit_id', '=', unit.id)
        .orderBy('offer.created_at')
        .execute();
    const [first] = await offers();
    const other = kids.find((k) => k !== first!.child_id);
    expect((await mette.call('POST', `/api/citizen/offers/${first!.id}/decline`)).statusCode).toBe(200);
    expect((await offers()).map((o) => [o.child_id, o.status])).toEqual([
      [first!.child_id, 'declined'],
      [other, 'pending'],
    ]);
  });

  it('runs årsrulning and continuous allocation as scheduled pg-boss jobs', async () => {
    const boss = await startJobs(t.database, MODULES);
    try {
      const schedules = (await boss.getSchedules()).map((s: { name: string }) => s.name);
      expect(schedules).toEqual(expect.arrayContaining(['placement.aarsrulning', 'placement.continuous-allocation']));
      const rounds = async () =>
        Number(
          (
            await t.database.db
              .selectFrom('allocation_round')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('mode', '=', 'continuous')
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await rounds();
      await boss.send('placement.continuous-allocation', {});
      for (let i = 0; i < 80 && (await rounds()) < before + 3; i++) await new Promise((r) => setTimeout(r, 250));
      expect(await rounds()).toBe(before + 3); // one per kind of place
      const log = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'allocation.continuous')
        .where('user_id', 'is', null)
        .execute();
      expect(log).toHaveLength(1);
    } finally {
      await boss.stop({ graceful: false, wait: true } as any);
    }
  });

  it('moves SFO children to a club from the configured grade (placement.club_from_grade)', async () => {
    const db = t.database.db;
    const inst = await db.selectFrom('daginstitution').select('id').executeTakeFirstOrThrow();
    const [sfo, klub] = await db
      .insertInto('unit')
      .values([
        {
          number: 'S10001',
          daginstitution_id: inst.id,
          name: 'SFO Bakken',
          type: 'sfo',
          street: 'Skolevej 1',
          postal_code: '9800',
          city: 'Hjørring',
          lat: 57.46,
          lon: 9.98,
        },
        {
          number: 'K10001',
          daginstitution_id: inst.id,
          name: 'Klub Toppen',
          type: 'klub',
          street: 'Skolevej 3',
          postal_code: '9800',
          city: 'Hjørring',
          lat: 57.461,
          lon: 9.981,
        },
      ])
      .returning('id')
      .execute();
    // Born 2017: school start August 2023, grade 3 from August 2026, grade 4 from August 2027.
    const kid = (
      await db
        .insertInto('person')
        .values({ cpr: '0303174411', first_name: 'Bo', last_name: 'Holm', birth_date: '2017-03-03', sex: 'male' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const home = await db
      .selectFrom('residence')
      .select('household_id')
      .where('person_id', '=', f.guardians.mette)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('residence')
      .values({ person_id: kid, household_id: home.household_id, valid: '[2017-03-03,)' })
      .execute();
    await db
      .insertInto('placement')
      .values({ child_id: kid, unit_id: sfo!.id, kind: 'fritidstilbud', valid: '[2023-08-01,)' })
      .execute();
    const cw = await loginAs(t.app, f.users.caseworker);
    const clubApp = () =>
      db
        .selectFrom('application as a')
        .innerJoin('application_wish as w', 'w.application_id', 'a.id')
        .select(['a.place_kind', 'a.placement_kind', 'a.needed_from', 'w.unit_id'])
        .where('a.child_id', '=', kid)
        .execute();
    expect((await cw.call('POST', '/api/staff/aarsrulning')).statusCode).toBe(200);
    expect(await clubApp()).toEqual([]); // August 2027 is more than 6 months away
    await t.clock.setToday(db, LocalDate.of(2027, 3, 1));
    try {
      expect((await cw.call('POST', '/api/staff/aarsrulning')).statusCode).toBe(200);
      expect(await clubApp()).toEqual([
        { place_kind: 'klub', placement_kind: 'klub', needed_from: '2027-08-01', unit_id: klub!.id },
      ]);
      // From grade 3 instead, the club would have started in August 2026: in the past, so no application.
      await db.deleteFrom('application_wish').where('unit_id', '=', klub!.id).execute();
      await db.deleteFrom('application').where('child_id', '=', kid).execute();
      const admin = await loginAs(t.app, f.users.admin);
      expect(
        (
          await admin.call('POST', '/api/staff/settings', {
            key: 'placement.club_from_grade',
            value: 3,
            start: '2027-01-01',
          })
        ).statusCode,
      ).toBe(201);
      expect((await cw.call('POST', '/api/staff/aarsrulning')).statusCode).toBe(200);
      expect(await clubApp()).toEqual([]);
    } finally {
      await t.clock.setToday(db, LocalDate.of(2026, 11, 23));
    }
  });
});
