// The setup the attendance test files share: the small municipality on Monday 2026-11-23, Solsikken in two sections,
// one entrance terminal per unit, and what a file needs to have happened before its own tests (a day's check-in and
// check-out, a closing day), so each file stands alone.
import { testApp } from '../../../test/app.js';
import { aSection } from '../../../test/builders.js';
import { smallFixture } from '../../../test/fixture.js';
import { addClosingDay } from './queries.js';
import { createTerminal } from './terminals.js';

export interface AttendanceSetup {
  /** Ida checked in at Solsikken's terminal today, to be picked up by Mormor, and checked out again. */
  idaCheckedInAndOut?: boolean;
  /** Solsikken's own closing days, e.g. { date: '2026-12-28', name: 'Juleluk' }. */
  closingDays?: { date: string; name: string }[];
}

export async function attendanceFixture(setup: AttendanceSetup = {}) {
  const t = await testApp(); // today: Monday 2026-11-23
  const f = await smallFixture(t.database);
  await aSection(t.database.db, f.units.sol, 'Vuggestuen', 0, 36);
  await aSection(t.database.db, f.units.sol, 'Børnehaven', 36, 72);
  const solToken = (await createTerminal(t.database.db, f.units.sol, 'Indgang', null)).token;
  const maelToken = (await createTerminal(t.database.db, f.units.mael, 'Hoveddør', null)).token;
  const tap = (token: string, childId: string, action: string, payload: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/terminal/children/${childId}/${action}`,
      payload,
      headers: { 'x-terminal-token': token },
    });
  if (setup.idaCheckedInAndOut) {
    for (const [action, payload] of [
      ['check-in', { pickupBy: 'Mormor' }],
      ['check-out', {}],
    ] as const) {
      const res = await tap(solToken, f.children.ida, action, payload);
      if (res.statusCode !== 200) throw new Error(`${action} failed: ${res.statusCode} ${res.body}`);
    }
  }
  for (const c of setup.closingDays ?? []) await addClosingDay(t.database.db, { unitId: f.units.sol }, c.date, c.name);
  return { t, f, solToken, maelToken, tap };
}
