// The demo's attendance: a working terminal for the demo unit leader, past registrations and a Christmas questionnaire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.js';
import type { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { attendanceFixture } from './attendance.fixture.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
beforeAll(async () => {
  ({ t, f } = await attendanceFixture());
});
afterAll(async () => {
  await t?.close();
});

describe(`demo attendance (${engine})`, () => {
  it('gives the demo unit leader a working terminal, past registrations and a Christmas questionnaire', async () => {
    const { seedAttendance, demoTerminalToken } = await import('../../demo/seed-attendance.js');
    const { LocalDate } = await import('../../shared/index.js');
    await t.clock.setToday(t.database.db, LocalDate.of(2026, 12, 7));
    await seedAttendance(t.database, LocalDate.of(2026, 12, 7), '0860');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/terminal/children',
      headers: { 'x-terminal-token': demoTerminalToken('A10001') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().unit.name).toBe('Børnehuset Solsikken');
    const past = await t.database.db
      .selectFrom('attendance')
      .select(['date', 'check_in', 'check_out'])
      .where('unit_id', '=', f.units.sol)
      .where('date', '>=', '2026-11-24')
      .where('date', '<', '2026-12-07')
      .execute();
    // Nine in ten child-days, chosen by a hash of the (random) child id: how many varies, that there are some does not.
    expect(past.length).toBeGreaterThan(0);
    expect(past.every((r) => r.check_in! < r.check_out! && LocalDate.parse(r.date).dayOfWeek < 6)).toBe(true);
    const q = await t.database.db
      .selectFrom('holiday_questionnaire')
      .select(['title', 'deadline'])
      .where('title', '=', 'Jul 2026: fælles pasning')
      .execute();
    expect(q).toEqual([{ title: 'Jul 2026: fælles pasning', deadline: '2026-12-08' }]);
  });
});
