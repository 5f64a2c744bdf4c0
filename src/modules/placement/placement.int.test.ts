import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { LocalDate } from '../../shared/index.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>, baby: string;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  const db = t.database.db;
  baby = (
    await db
      .insertInto('person')
      .values({ cpr: '0106264411', first_name: 'Alma', last_name: 'Holm', birth_date: '2026-06-01', sex: 'female' })
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
    .values({ person_id: baby, household_id: home.household_id, valid: '[2026-06-01,)' })
    .execute();
  await db
    .insertInto('custody')
    .values({ child_id: baby, guardian_id: f.guardians.mette, valid: '[2026-06-01,)' })
    .execute();
});
afterAll(async () => {
  await t?.close();
});

const count = async (table: 'application' | 'offer' | 'placement' | 'staff_inbox') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`placement (${engine})`, () => {
  it('a parent applies; bad input is a clear 4xx and changes nothing', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    const ok = await mette.call('POST', '/api/citizen/applications', {
      childId: baby,
      placeKind: 'vuggestue',
      neededFrom: '2027-01-04',
      hoursPerWeek: 40,
      wishes: [f.units.sol],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().guaranteeDate).toBe('2027-02-23'); // 3 months after the application, a Tuesday
    const before = [await count('application'), await count('staff_inbox')];
    const bad = async (body: object, status: number, code: string) => {
      const r = await mette.call('POST', '/api/citizen/applications', {
        childId: baby,
        placeKind: 'vuggestue',
        neededFrom: '2027-01-04',
        hoursPerWeek: 40,
        wishes: [f.units.sol],
        ...body,
      });
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json().error).toBe(code);
    };
    await bad({ childId: f.children.oscar }, 403, 'placement.not-your-child');
    await bad({ neededFrom: '2026-05-01' }, 400, 'placement.needed-before-birth');
    await bad(
      { childId: f.children.ida, placeKind: 'boernehave', neededFrom: '2029-08-01' },
      400,
      'placement.needed-after-school',
    );
    await bad({ wishes: [f.units.sol, f.units.sol] }, 400, 'placement.duplicate-wish');
    await bad({ placeKind: 'dagpleje', wishes: [f.units.mael] }, 400, 'placement.wish-wrong-kind');
    await bad({ neededFrom: '2026-11-27' }, 400, 'placement.too-early');
    await bad({}, 409, 'placement.already-waiting');
    expect(
      (
        await mette.call('POST', '/api/citizen/applications', {
          childId: baby,
          placeKind: 'vuggestue',
          neededFrom: 'x',
          wishes: [],
        })
      ).statusCode,
    ).toBe(400);
    expect([await count('application'), await count('staff_inbox')]).toEqual(before);
  });

  it('shows the waitlist position, the sibling found automatically and the garantidato', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    const view = (await mette.call('GET', '/api/citizen/placement')).json();
    const alma = view.children.find((c: any) => c.id === baby);
    expect(alma.applications[0]).toMatchObject({
      guaranteeDate: '2027-02-23',
      wishes: [{ unitId: f.units.sol, position: 1, priority: 'sibling', siblings: ['Ida'] }],
    });
    expect(view.noticeLastDay).toBe('2026-12-31');
    const cw = await loginAs(t.app, f.users.caseworker);
    expect((await cw.call('GET', '/api/staff/guarantee')).json()).toEqual([]); // 92 days left: outside the default 60-day window
    const admin = await loginAs(t.app, f.users.admin);
    expect(
      (
        await admin.call('POST', '/api/staff/settings', {
          key: 'placement.guarantee_risk_days',
          value: 120,
          start: '2026-01-01',
        })
      ).statusCode,
    ).toBe(201);
    const g = (await cw.call('GET', '/api/staff/guarantee')).json();
    expect(g).toEqual([
      expect.objectContaining({ childName: 'Alma Holm', guaranteeDate: '2027-02-23', daysLeft: 92, breached: false }),
    ]);
    expect((await cw.call('GET', `/api/staff/waitlist?unitId=${f.units.sol}`)).json().rows).toHaveLength(1);
    expect((await mette.call('GET', '/api/staff/waitlist')).statusCode).toBe(403);
  });

  it('pages the waitlist: the total counts the wishes the filters match, a page starts at its offset', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const all = (await cw.call('GET', '/api/staff/waitlist')).json();
    expect(all.rows.length).toBe(all.total);
    expect(all.offset).toBe(0);
    const sol = (await cw.call('GET', `/api/staff/waitlist?unitId=${f.units.sol}`)).json();
    expect(sol.total).toBe(sol.rows.length);
    expect(sol.rows.every((r: any) => r.unitId === f.units.sol)).toBe(true);
    const none = (await cw.call('GET', `/api/staff/waitlist?unitId=${f.units.mael}`)).json();
    expect(none).toEqual({ total: 0, offset: 0, rows: [] });
    const page = (await cw.call('GET', `/api/staff/waitlist?limit=1&offset=${all.total - 1}`)).json();
    expect(page.total).toBe(all.total);
    expect(page.rows).toEqual([all.rows.at(-1)]);
    const past = (await cw.call('GET', `/api/staff/waitlist?offset=${all.total}`)).json();
    expect(past.rows).toEqual([]);
    expect((await cw.call('GET', '/api/staff/waitlist?limit=501')).statusCode).toBe(400);
    expect((await cw.call('GET', '/api/staff/waitlist?offset=-1')).statusCode).toBe(400);
    // The server sorts before it pages (the staff table's headers): the whole list, not one page.
    const names = (all.rows as { childName: string }[]).map((r) => r.childName);
    const desc = (await cw.call('GET', '/api/staff/waitlist?sort=child&direction=descending')).json();
    expect(desc.total).toBe(all.total);
    expect(desc.rows.map((r: any) => r.childName)).toEqual([...names].sort((a, b) => b.localeCompare(a, 'da')));
    const last = (await cw.call('GET', `/api/staff/waitlist?sort=child&limit=1&offset=${all.total - 1}`)).json();
    expect(last.rows.map((r: any) => r.childName)).toEqual([
      [...names].sort((a, b) => a.localeCompare(b, 'da')).at(-1),
    ]);
    expect((await cw.call('GET', '/api/staff/waitlist?sort=cpr')).statusCode).toBe(400);
  });

  it('a caseworker previews a round with explanations and approves; the parent accepts; a letter each way', async () => {
    const cw = await loginAs(t.app, f.users.caseworker);
    const preview = await cw.call('POST', '/api/staff/rounds', { kind: 'dagtilbud', horizon: '2027-12-31' });
    expect(preview.statusCode, preview.body).toBe(201);
    const round = preview.json();
    expect(round.offers).toEqual([
      expect.objectContaining({ childName: 'Alma Holm', unitId: f.units.sol, rank: 1, start: '2027-01-04' }),
    ]);
    expect(round.offers[0].explanation.da).toMatch(/Søskende/);
    expect(await count('offer')).toBe(0);
    expect((await cw.call('POST', `/api/staff/rounds/${round.id}/approve`)).json()).toEqual({ offers: 1 });
    expect((await cw.call('POST', `/api/staff/rounds/${round.id}/approve`)).statusCode).toBe(409);
    const letters = await t.database.db.selectFrom('letter').select(['kind', 'subject']).execute();
    expect(letters).toEqual([expect.objectContaining({ kind: 'offer', subject: expect.stringMatching(/Alma Holm/) })]);
    expect((await cw.call('GET', '/api/staff/guarantee')).json()).toEqual([]); // the pending offer covers the garantidato

    const mette = await loginAs(t.app, f.users.mette);
    const offer = (await mette.call('GET', '/api/citizen/placement')).json().children.find((c: any) => c.id === baby)
      .offers[0];
    const anders = await loginAs(t.app, f.users.anders);
    expect((await anders.call('POST', `/api/citizen/offers/${offer.id}/accept`)).statusCode).toBe(403);
    const acc = await mette.call('POST', `/api/citizen/offers/${offer.id}/accept`);
    expect(acc.statusCode, acc.body).toBe(200);
    const p = await t.database.db
      .selectFrom('placement')
      .selectAll()
      .where('id', '=', acc.json().placementId)
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({ child_id: baby, unit_id: f.units.sol, kind: 'dagtilbud', valid: '[2027-01-04,)' });
    expect((await mette.call('POST', `/api/citizen/offers/${offer.id}/accept`)).statusCode).toBe(409);
    expect((await t.database.db.selectFrom('letter').select('kind').execute()).map((l) => l.kind).sort()).toEqual([
      'decision',
      'offer',
    ]);
  });

  it('an expired offer cannot be accepted; a manual offer needs a reason; overlapping enrolments are refused', async () => {
    const anders = await loginAs(t.app, f.users.anders);
    const app = await anders.call('POST', '/api/citizen/applications', {
      childId: f.children.oscar,
      placeKind: 'boernehave',
      neededFrom: '2027-01-01',
      wishes: [f.units.sol],
    });
    expect(app.statusCode, app.body).toBe(201);
    const cw = await loginAs(t.app, f.users.caseworker);
    expect(
      (
        await cw.call('POST', '/api/staff/offers', {
          applicationId: app.json().id,
          unitId: f.units.sol,
          start: '2027-01-01',
        })
      ).statusCode,
    ).toBe(400);
    const o = await cw.call('POST', '/api/staff/offers', {
      applicationId: app.json().id,
      unitId: f.units.sol,
      start: '2027-01-01',
      reason: 'Garantiplads',
      guarantee: true,
    });
    expect(o.statusCode, o.body).toBe(201);
    await t.clock.setToday(t.database.db, LocalDate.of(2026, 12, 20));
    try {
      const before = await count('placement');
      const r = await anders.call('POST', `/api/citizen/offers/${o.json().id}/accept`);
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toBe('placement.offer-expired');
      expect(await count('placement')).toBe(before);
    } finally {
      await t.clock.setToday(t.database.db, LocalDate.of(2026, 11, 23));
    }
    // The database itself refuses two overlapping places of one kind.
    await expect(
      t.database.db
        .insertInto('placement')
        .values({ child_id: baby, unit_id: f.units.mael, kind: 'dagtilbud', valid: '[2027-02-01,)' })
        .execute(),
    ).rejects.toThrow(/exclusion constraint/);
  });

  it('changes and withdraws an application; udmeldelse with notice; every change lands in the staff inbox', async () => {
    const mette = await loginAs(t.app, f.users.mette);
    const app = await mette.call('POST', '/api/citizen/applications', {
      childId: f.children.ida,
      placeKind: 'sfo',
      neededFrom: '2029-04-01',
      wishes: [f.units.sol],
    });
    expect(app.statusCode).toBe(400); // Solsikken is not an SFO
    const ida = (await mette.call('GET', '/api/citizen/placement'))
      .json()
      .children.find((c: any) => c.id === f.children.ida);
    const w = await mette.call('POST', `/api/citizen/placements/${ida.placements[0].id}/withdraw`);
    expect(w.json()).toEqual({ lastDay: '2026-12-31' });
    expect((await mette.call('POST', `/api/citizen/placements/${ida.placements[0].id}/withdraw`)).statusCode).toBe(409);
    const cw = await loginAs(t.app, f.users.caseworker);
    const inbox = (await cw.call('GET', '/api/staff/inbox')).json();
    expect(inbox.map((i: any) => i.kind)).toEqual(
      expect.arrayContaining(['application', 'offer_answer', 'withdrawal']),
    );
    expect((await cw.call('POST', `/api/staff/inbox/${inbox[0].id}/handled`)).statusCode).toBe(200);
    expect((await cw.call('GET', '/api/staff/inbox')).json()).toHaveLength(inbox.length - 1);
    const handled = (await cw.call('GET', '/api/staff/inbox?all=true')).json().find((i: any) => i.id === inbox[0].id);
    expect(handled).toMatchObject({
      kind: inbox[0].kind,
      text: inbox[0].text,
      handledBy: 'Pladsanvisning',
      handledAt: expect.any(String),
    });
    // Anders changes the behovsdato (garantidato follows), then withdraws
    const anders = await loginAs(t.app, f.users.anders);
    const a = (await anders.call('GET', '/api/citizen/placement')).json().children[0].applications[0];
    expect(
      (
        await anders.call('PATCH', `/api/citizen/applications/${a.id}`, { neededFrom: '2027-03-01', hoursPerWeek: 30 })
      ).json(),
    ).toEqual({ guaranteeDate: '2027-03-01' });
    expect((await anders.call('POST', `/api/citizen/applications/${a.id}/withdraw`)).statusCode).toBe(200);
    expect((await anders.call('POST', `/api/citizen/applications/${a.id}/withdraw`)).statusCode).toBe(409);
  });

  it('documents every placement endpoint with a summary, its response schema and its refusal codes', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>)
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op })),
      )
      .filter(({ op }) => op.tags?.includes('placement'));
    expect(ops).toHaveLength(33); // 13 staff, 12 casework, 8 citizen
    for (const { at, op } of ops) {
      expect(op.summary, at).toBeTruthy();
      const ok = op.responses['200'] ?? op.responses['201'];
      expect(ok?.content?.['application/json']?.schema, at).toBeDefined();
    }
    const apply = ops.find((o) => o.at === 'POST /api/citizen/applications')!.op;
    expect(apply.responses['201'].content['application/json'].schema.properties).toHaveProperty('guaranteeDate');
    expect(apply.description).toContain('placement.already-waiting');
  });

  it('finance reads no waitlist: least privilege, on the server and in its permissions', async () => {
    const { id } = await t.database.db
      .insertInto('app_user')
      .values({ role: 'finance', name: 'Økonomi', demo_persona: true, municipality_code: '0860' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const finance = await loginAs(t.app, id);
    expect((await finance.call('GET', '/api/staff/waitlist')).statusCode).toBe(403);
    expect((await finance.call('GET', '/api/auth/me')).json().permissions).not.toContain('placement.read');
    const cw = await loginAs(t.app, f.users.caseworker);
    expect((await cw.call('GET', '/api/staff/waitlist')).statusCode).toBe(200);
  });
});
