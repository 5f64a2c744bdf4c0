import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, engine } from '../../test/db.js';
import type { Database } from './db/database.js';
import { startJobs } from './jobs.js';
import { MODULES } from '../modules.js';

let d: Database;
beforeAll(async () => {
  d = await openTestDatabase();
});
afterAll(async () => {
  await d?.close();
});

describe(`job runner (${engine})`, () => {
  it('runs the session clean-up job through pg-boss and removes only expired sessions', async () => {
    await d.db.insertInto('municipality').values({ code: '0860', name: 'Hjørring' }).execute();
    const user = await d.db
      .insertInto('app_user')
      .values({ role: 'admin', name: 'A', municipality_code: '0860' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await d.db
      .insertInto('session')
      .values([
        { token_hash: 'old', user_id: user.id, csrf_token: 'x', expires_at: '2020-01-01T00:00:00Z' },
        { token_hash: 'new', user_id: user.id, csrf_token: 'x', expires_at: '2999-01-01T00:00:00Z' },
      ])
      .execute();
    const boss = await startJobs(d, MODULES);
    try {
      await boss.send('session.cleanup', {});
      for (let i = 0; i < 60; i++) {
        const left = await d.db.selectFrom('session').select('token_hash').execute();
        if (left.length === 1) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect((await d.db.selectFrom('session').select('token_hash').execute()).map((s) => s.token_hash)).toEqual([
        'new',
      ]);
    } finally {
      await boss.stop({ graceful: false, wait: true } as any);
    }
  });
});
