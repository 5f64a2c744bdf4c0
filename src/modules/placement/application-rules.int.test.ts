// The application form's rules for a child: kinds of place that fit the age (never a nursery for a school child),
// as many wishes as the policy allows for the age band, and why the garantidato is what it is. Custody first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type TestApp } from '../../../test/app.js';
import { engine } from '../../../test/db.js';
import { aChild, aGuardianOf } from '../../../test/builders.js';
import { policyOn } from './placement-policy.js';
import { maxWishes, PLACE_KINDS } from './rules.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t?.close();
});

const rulesOf = async (userId: string, q: string) =>
  (await loginAs(t.app, userId)).call('GET', `/api/citizen/application-rules?${q}`);

describe(`application rules for the citizen form (${engine})`, () => {
  it('offers a baby the daycare kinds, nursery first, and as many wishes as the policy allows', async () => {
    const today = t.clock.today();
    const birth = today.plusMonths(-3);
    const baby = await aChild(t.database.db, { birthDate: birth });
    const parent = await aGuardianOf(t.database.db, baby);
    const res = await rulesOf(parent.userId, `childId=${baby.id}`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    const p = await policyOn(t.database.db, '0860', today);
    expect(r.suggestedKind).toBe('vuggestue');
    expect(r.kinds.filter((k: any) => k.fits).map((k: any) => k.kind)).not.toContain('sfo');
    expect(r.maxWishes).toBe(maxWishes(p.maxWishes, birth.ageInMonths(today.plusDays(1))));
    expect(r.earliestStart > today.toString()).toBe(true); // a 3-month-old cannot start yet
    expect(r.neededFrom).toBe(r.earliestStart); // the form starts from the earliest possible day
    expect(r.guaranteeDate >= r.neededFrom).toBe(true);
    expect(['age', 'three-months', 'guarantee-day']).toContain(r.guaranteeReason);
    expect(r.seniorityDate > today.toString()).toBe(true); // seniority counts from the policy's age: "opskrives"
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('subject_ids')
      .where('action', '=', 'application.rules.read')
      .execute();
    expect(audited.map((a) => a.subject_ids)).toContainEqual([baby.id]);
  });

  it('never suggests a nursery for a school child, and refuses another family’s child', async () => {
    const today = t.clock.today();
    const pupil = await aChild(t.database.db, { birthDate: today.plusYears(-9) });
    const parent = await aGuardianOf(t.database.db, pupil);
    const r = (await rulesOf(parent.userId, `childId=${pupil.id}&neededFrom=${today.plusDays(14)}`)).json();
    expect(['sfo', 'fritidshjem', 'klub']).toContain(r.suggestedKind);
    const fits = r.kinds.filter((k: any) => k.fits).map((k: any) => k.kind);
    expect(fits).not.toContain('vuggestue');
    expect(fits).not.toContain('boernehave');
    expect(r.kinds.map((k: any) => k.kind)).toEqual([...PLACE_KINDS]);
    const stranger = await aGuardianOf(t.database.db, await aChild(t.database.db));
    const refused = await rulesOf(stranger.userId, `childId=${pupil.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'placement.not-your-child' });
  });
});
