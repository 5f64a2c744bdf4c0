// The terminal's "Fortryd" after a check-out: only its own check-out of a moment ago, back to the state before, as a
// correction in the trail with an audit row; anything else is refused and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { createTerminal } from './terminals.js';
import { UNDO_SECONDS } from './register.js';

let t: TestApp, f: Awaited<ReturnType<typeof smallFixture>>;
let front: string, back: string, mael: string;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  front = (await createTerminal(t.database.db, f.units.sol, 'Indgang', null)).token;
  back = (await createTerminal(t.database.db, f.units.sol, 'Bagdør', null)).token;
  mael = (await createTerminal(t.database.db, f.units.mael, 'Hoveddør', null)).token;
});
afterAll(async () => {
  await t?.close();
});

const tap = (token: string, childId: string, action: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/terminal/children/${childId}/${action}`,
    payload: {},
    headers: { 'x-terminal-token': token },
  });
const trail = (childId: string) =>
  t.database.db
    .selectFrom('attendance_event as e')
    .innerJoin('attendance as a', 'a.id', 'e.attendance_id')
    .select(['e.kind', 'e.status', 'e.check_out', 'e.reason'])
    .where('a.child_id', '=', childId)
    .orderBy('e.id')
    .execute();
const undos = () =>
  t.database.db
    .selectFrom('audit_log')
    .select('subject_ids')
    .where('action', '=', 'attendance.undo_check_out')
    .execute();

describe(`undoing a terminal check-out (${engine})`, () => {
  it('takes back its own fresh check-out as an audited correction, once', async () => {
    const ida = f.children.ida;
    expect((await tap(front, ida, 'check-in')).statusCode).toBe(200);
    const out = await tap(front, ida, 'check-out');
    expect(out.statusCode).toBe(200);
    expect(out.json().checkOut).not.toBeNull();
    // Another terminal cannot take it back.
    const other = await tap(back, ida, 'undo-check-out');
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ error: 'attendance.undo-expired' });
    const undone = await tap(front, ida, 'undo-check-out');
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({ childId: ida, checkOut: null });
    expect(undone.json().checkIn).not.toBeNull();
    const events = await trail(ida);
    expect(events.at(-1)).toMatchObject({
      kind: 'correction',
      check_out: null,
      reason: 'Udtjekning fortrudt på terminalen',
    });
    expect(events.at(-1)!.status).toBe(events.at(-3)!.status); // the state before the check-out
    expect(await undos()).toEqual([{ subject_ids: [ida] }]);
    // Spent: a second undo is refused.
    expect((await tap(front, ida, 'undo-check-out')).statusCode).toBe(409);
    expect(await undos()).toHaveLength(1);
  });

  it(`refuses after ${UNDO_SECONDS} seconds or when nothing was checked out, and changes nothing`, async () => {
    const oscar = f.children.oscar;
    expect((await tap(mael, oscar, 'undo-check-out')).statusCode).toBe(409); // nothing to undo
    expect((await tap(mael, oscar, 'check-in')).statusCode).toBe(200);
    expect((await tap(mael, oscar, 'check-out')).statusCode).toBe(200);
    // The check-out happened long ago: the trail is append-only, so the test moves it back with triggers off.
    await t.database.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update attendance_event set at = at - make_interval(secs => ${UNDO_SECONDS + 5})
        where attendance_id in (select id from attendance where child_id = ${oscar})`.execute(trx);
    });
    const before = await trail(oscar);
    const late = await tap(mael, oscar, 'undo-check-out');
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: 'attendance.undo-expired', params: { seconds: UNDO_SECONDS } });
    expect(await trail(oscar)).toEqual(before);
  });
});
