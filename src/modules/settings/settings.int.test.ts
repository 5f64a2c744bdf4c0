import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { LocalDate } from '../../shared/index.js';
import { settingOn } from './queries.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
});
afterAll(async () => {
  await t?.close();
});

describe(`municipality settings (${engine})`, () => {
  it('versions a value over time and answers by date', async () => {
    const admin = await loginAs(t.app, f.users.admin);
    expect(
      (
        await admin.call('POST', '/api/staff/settings', {
          key: 'placement.earliest_start_weeks',
          value: 26,
          start: '2024-01-01',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await admin.call('POST', '/api/staff/settings', {
          key: 'placement.earliest_start_weeks',
          value: 24,
          start: '2027-01-01',
        })
      ).statusCode,
    ).toBe(201);
    const list = (await admin.call('GET', '/api/staff/settings')).json();
    expect(list).toEqual([
      expect.objectContaining({
        key: 'placement.earliest_start_weeks',
        value: 26,
        start: '2024-01-01',
        end: '2026-12-31',
      }),
      expect.objectContaining({ key: 'placement.earliest_start_weeks', value: 24, start: '2027-01-01', end: null }),
    ]);
    expect(await settingOn(t.database.db, '0860', 'placement.earliest_start_weeks', LocalDate.of(2026, 12, 31))).toBe(
      26,
    );
    expect(await settingOn(t.database.db, '0860', 'placement.earliest_start_weeks', LocalDate.of(2027, 1, 1))).toBe(24);
  });

  it('refuses overlaps, bad keys and non-admins without changing anything', async () => {
    const admin = await loginAs(t.app, f.users.admin);
    const overlap = await admin.call('POST', '/api/staff/settings', {
      key: 'placement.earliest_start_weeks',
      value: 20,
      start: '2026-01-01',
      end: '2026-02-01',
    });
    expect(overlap.statusCode).toBe(409);
    expect(
      (await admin.call('POST', '/api/staff/settings', { key: 'Bad Key', value: 1, start: '2026-01-01' })).statusCode,
    ).toBe(400);
    const cw = await loginAs(t.app, f.users.caseworker);
    expect(
      (await cw.call('POST', '/api/staff/settings', { key: 'x.y', value: 1, start: '2026-01-01' })).statusCode,
    ).toBe(403);
    expect((await admin.call('GET', '/api/staff/settings')).json()).toHaveLength(2);
  });

  it('refuses an end before the start with its code, and tells each role what it may do', async () => {
    const admin = await loginAs(t.app, f.users.admin);
    const bad = await admin.call('POST', '/api/staff/settings', {
      key: 'x.y',
      value: 1,
      start: '2026-02-01',
      end: '2026-01-01',
    });
    expect([bad.statusCode, bad.json().error]).toEqual([400, 'settings.end-before-start']);
    expect((await admin.call('GET', '/api/auth/me')).json().permissions).toEqual(
      expect.arrayContaining(['settings.read', 'settings.change']),
    );
    const cw = await loginAs(t.app, f.users.caseworker);
    const perms: string[] = (await cw.call('GET', '/api/auth/me')).json().permissions;
    expect(perms).toContain('settings.read');
    expect(perms).not.toContain('settings.change');
  });

  it('refuses a value that does not fit the rule it sets, and stores nothing', async () => {
    const admin = await loginAs(t.app, f.users.admin);
    const before = (await admin.call('GET', '/api/staff/settings')).json().length;
    const bad = [
      ['booking.policy', { heldShare: 0.9 }],
      ['booking.policy', { horizonMonths: 'many' }],
      ['placement.notice', { months: 1, to: 'someday' }],
      ['placement.max_wishes', { '0-2': 0, '3-5': 3, '6-9': 2, '10-13': 2 }],
      ['placement.fritid_offer_window', { from: '08-01', to: '04-01' }],
      ['placement.priority_classes', ['sibling', 'sibling']],
      ['attendance.correction_window_days', -1],
      ['retention.child_case_years', 0],
    ] as const;
    for (const [key, value] of bad) {
      const r = await admin.call('POST', '/api/staff/settings', { key, value, start: '2027-03-01' });
      expect([r.statusCode, r.json().error], `${key} ${JSON.stringify(value)}`).toEqual([
        400,
        'settings.invalid-value',
      ]);
    }
    expect((await admin.call('GET', '/api/staff/settings')).json()).toHaveLength(before);
    const good = await admin.call('POST', '/api/staff/settings', {
      key: 'booking.policy',
      value: { heldShare: 0.2, horizonMonths: 24 },
      start: '2027-03-01',
    });
    expect(good.statusCode, good.body).toBe(201);
  });

  it('publishes request, response and refusal codes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const post = doc.paths['/api/staff/settings'].post;
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '403']));
    expect(post.responses['201'].content['application/json'].schema.properties).toHaveProperty('id');
    expect(post.description).toContain('settings.end-before-start');
  });
});
