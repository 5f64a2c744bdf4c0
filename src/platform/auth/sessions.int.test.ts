// Sessions held in memory (sessions.ts): a change made elsewhere (another server process, a script, psql) reaches
// every process at once through the notification of migration 035, and a user's last day follows Spire's clock on
// every request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { testApp, loginAs, type TestApp } from '../../../test/app.js';
import { smallFixture } from '../../../test/fixture.js';
import { engine } from '../../../test/db.js';
import { openDatabase, type Database } from '../db/database.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof smallFixture>>;
/** Another process's connections to the same database (on PGlite, where one process owns it, the same ones). */
let elsewhere: Database;
beforeAll(async () => {
  t = await testApp();
  f = await smallFixture(t.database);
  if (engine === 'pglite') elsewhere = t.database;
  else {
    const name = (await t.database.raw('select current_database() as name')).rows[0].name as string;
    elsewhere = await openDatabase({ url: `${inject('pgUrl')}/${name}` });
  }
});
afterAll(async () => {
  if (elsewhere !== t.database) await elsewhere?.close();
  await t?.close();
});

type Client = Awaited<ReturnType<typeof loginAs>>;
const me = async (c: Client) => (await c.call('GET', '/api/auth/me')).json().user;
// The notification arrives within milliseconds; a held session would stay for a minute.
const soon = { timeout: 3000, interval: 20 };

describe(`sessions held in memory (${engine})`, () => {
  it('a session deleted elsewhere is refused at once', async () => {
    const c = await loginAs(t.app, f.users.caseworker);
    expect((await me(c)).id).toBe(f.users.caseworker);
    expect((await me(c)).id).toBe(f.users.caseworker);
    await elsewhere.raw(`delete from session where user_id = $1`, [f.users.caseworker]);
    await expect.poll(() => me(c), soon).toBeNull();
    expect((await c.call('GET', '/api/staff/units')).statusCode).toBe(401);
  });

  it("a user's role, name and units changed elsewhere take effect on the next requests", async () => {
    const c = await loginAs(t.app, f.users.leader);
    expect(await me(c)).toMatchObject({ role: 'unit_leader', unitIds: [f.units.sol] });
    await elsewhere.raw(`update app_user set name = 'Leder Mælkebøtten' where id = $1`, [f.users.leader]);
    await elsewhere.raw(`update user_unit set unit_id = $2 where user_id = $1`, [f.users.leader, f.units.mael]);
    await expect.poll(async () => (await me(c))?.unitIds, soon).toEqual([f.units.mael]);
    expect((await me(c)).name).toBe('Leder Mælkebøtten');
    await elsewhere.raw(`update app_user set valid = daterange('2020-01-01', $2::date) where id = $1`, [
      f.users.leader,
      t.clock.today().toString(),
    ]);
    await expect.poll(() => me(c), soon).toBeNull();
  });

  it("a user's last day follows Spire's clock, held or not", async () => {
    const today = t.clock.today();
    await t.database.raw(`update app_user set valid = daterange('2020-01-01', $2::date, '[]') where id = $1`, [
      f.users.admin,
      today.plusDays(1).toString(),
    ]);
    const c = await loginAs(t.app, f.users.admin);
    expect((await me(c)).id).toBe(f.users.admin);
    try {
      await t.clock.setToday(t.database.db, today.plusDays(1));
      expect((await me(c)).id).toBe(f.users.admin);
      await t.clock.setToday(t.database.db, today.plusDays(2));
      expect(await me(c)).toBeNull();
    } finally {
      await t.clock.setToday(t.database.db, today);
    }
  });

  it('logging out ends the session in this process at once', async () => {
    const c = await loginAs(t.app, f.users.anders);
    expect((await me(c)).id).toBe(f.users.anders);
    expect((await c.call('POST', '/api/auth/logout')).statusCode).toBeLessThan(300);
    expect(await me(c)).toBeNull();
  });
});

// Only a server's connection can be lost (PGlite runs in the process).
if (engine === 'postgres')
  describe('sessions when the listening connection is lost (postgres)', () => {
    it('reads every session from the database until it listens again, and holds them again after', async () => {
      const c = await loginAs(t.app, f.users.mette);
      expect((await me(c)).id).toBe(f.users.mette);
      const listening = `select pid from pg_stat_activity where query = 'LISTEN "spire_auth"' and datname = current_database()`;
      expect((await elsewhere.raw(listening)).rows).toHaveLength(1);
      await elsewhere.raw(`select pg_terminate_backend(pid) from (${listening}) l`);
      await new Promise((r) => setTimeout(r, 200));
      // Nothing is held meanwhile: a session deleted now is refused at once.
      await elsewhere.raw(`delete from session where user_id = $1`, [f.users.mette]);
      expect(await me(c)).toBeNull();
      // A second later it listens again.
      await expect.poll(async () => (await elsewhere.raw(listening)).rows.length, soon).toBe(1);
      const d = await loginAs(t.app, f.users.mette);
      expect((await me(d)).id).toBe(f.users.mette);
      await elsewhere.raw(`delete from session where user_id = $1`, [f.users.mette]);
      await expect.poll(() => me(d), soon).toBeNull();
    });
  });
