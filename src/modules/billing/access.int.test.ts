// Issue 13: billing's policy.ts keeps each role's access exactly as the old role lists had it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { billingTestApp } from '../../../test/billing-fixture.js';

type Caller = Awaited<ReturnType<typeof loginAs>>;
let t: TestApp,
  f: Awaited<ReturnType<typeof smallFixture>>,
  as: Record<string, Caller>,
  placementId: string,
  month: string;

beforeAll(async () => {
  let fin: Caller;
  ({ t, f, fin } = await billingTestApp());
  const db = t.database.db;
  const extra = await db
    .insertInto('app_user')
    .values([
      { role: 'consultant', name: 'Konsulent', demo_persona: true, municipality_code: '0860' },
      { role: 'management', name: 'Ledelse', demo_persona: true, municipality_code: '0860' },
      { role: 'unit_staff', name: 'Pædagog', demo_persona: true, municipality_code: '0860' },
    ])
    .returning('id')
    .execute();
  as = {
    guardian: await loginAs(t.app, f.users.mette),
    caseworker: await loginAs(t.app, f.users.caseworker),
    finance: fin,
    consultant: await loginAs(t.app, extra[0]!.id),
    management: await loginAs(t.app, extra[1]!.id),
    admin: await loginAs(t.app, f.users.admin),
    unit_leader: await loginAs(t.app, f.users.leader),
    unit_staff: await loginAs(t.app, extra[2]!.id),
  };
  placementId = (
    await db.selectFrom('placement').select('id').where('child_id', '=', f.children.ida).executeTakeFirstOrThrow()
  ).id;
  month = t.clock.today().toString().slice(0, 7);
});
afterAll(async () => {
  await t?.close();
});

const ROLES = [
  'guardian',
  'caseworker',
  'finance',
  'consultant',
  'management',
  'admin',
  'unit_leader',
  'unit_staff',
] as const;
const allowed = async (url: string) => {
  const out: string[] = [];
  for (const role of ROLES) {
    const res = await as[role]!.call('GET', url);
    expect(res.statusCode, `${role} ${url}`).not.toBe(500);
    if (res.statusCode !== 403) out.push(role);
  }
  return out;
};

describe(`billing access by role (${engine})`, () => {
  it('municipal roles read; finance and admin run months; caseworkers also handle friplads and read place terms; guardians see their own', async () => {
    expect(await allowed('/api/staff/billing/runs?municipality=0860')).toEqual([
      'caseworker',
      'finance',
      'consultant',
      'management',
      'admin',
    ]);
    expect(await allowed('/api/staff/billing/lunch?municipality=0860')).toEqual([
      'caseworker',
      'finance',
      'consultant',
      'management',
      'admin',
    ]);
    expect(await allowed(`/api/staff/billing/preview?municipality=0860&month=${month}`)).toEqual(['finance', 'admin']);
    expect(await allowed(`/api/staff/billing/export?municipality=0860&month=${month}`)).toEqual(['finance', 'admin']);
    expect(await allowed(`/api/staff/billing/place-terms/${placementId}`)).toEqual(['caseworker', 'finance', 'admin']);
    expect(await allowed('/api/staff/billing/friplads')).toEqual(['caseworker', 'finance', 'admin']);
    expect(await allowed('/api/citizen/billing')).toEqual(['guardian']);
    expect(await allowed('/api/citizen/billing/friplads')).toEqual(['guardian']);
  });

  it('only finance and admin mark a leave place; caseworkers may grant social friplads', async () => {
    expect(
      (await as.caseworker!.call('PUT', `/api/staff/billing/place-terms/${placementId}`, { leave30: false }))
        .statusCode,
    ).toBe(403);
    expect(
      (await as.admin!.call('PUT', `/api/staff/billing/place-terms/${placementId}`, { leave30: false })).statusCode,
    ).toBe(200);
    const social = { childId: f.children.ida, reason: 'behandling', percent: 50, start: `${month}-01` };
    expect((await as.consultant!.call('POST', '/api/staff/billing/social-friplads', social)).statusCode).toBe(403);
    expect((await as.caseworker!.call('POST', '/api/staff/billing/social-friplads', social)).statusCode).toBe(201);
  });
});
