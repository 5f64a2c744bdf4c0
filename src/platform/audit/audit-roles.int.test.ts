// Issue 12 item 5: the application's own database role cannot rewrite the audit trail or row history,
// and row history keeps no full CPR number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { engine, openTestDatabase } from '../../../test/db.js';
import type { Database } from '../db/database.js';
import { audit } from './audit.js';
import { migrate } from '../db/migrate.js';

let d: Database;
beforeAll(async () => {
  d = await openTestDatabase(engine === 'postgres' ? { as: 'spire_app' } : {});
});
afterAll(async () => {
  await d?.close();
});

const ctx = () => ({ db: d.db, clock: null as any, actor: null, ip: '127.0.0.1', userAgent: 'test' });

describe(`audit tables against the application's role (${engine})`, () => {
  it('lets the application write and read history and audit rows, with CPR masked in history', async () => {
    const p = await d.db
      .insertInto('person')
      .values({ cpr: '0103234411', first_name: 'Ida', last_name: 'Holm', birth_date: '2023-03-01', sex: 'female' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await d.db.updateTable('person').set({ first_name: 'Ida Marie' }).where('id', '=', p.id).execute();
    await audit(d.db, ctx(), { action: 'person.read', subjectType: 'person', subjectIds: [p.id] });
    const h = await d.db
      .selectFrom('row_history')
      .select(['op', 'old', 'new'])
      .where('row_id', '=', p.id)
      .orderBy('id')
      .execute();
    expect(h.map((r) => r.op)).toEqual(['I', 'U']);
    const text = JSON.stringify(h);
    expect(text).not.toContain('0103234411');
    expect((h[1]!.old as any).cpr).toBe('010323-XXXX');
    expect((h[1]!.new as any).cpr).toBe('010323-XXXX');
    expect(
      await d.db.selectFrom('audit_log').select('action').where('action', '=', 'person.read').execute(),
    ).toHaveLength(1);
  });

  if (engine === 'postgres') {
    it('refuses TRUNCATE, UPDATE, DELETE, DISABLE TRIGGER, DROP TRIGGER and ownership tricks on audit_log and row_history', async () => {
      expect((await d.raw('SELECT current_user AS u')).rows[0].u).toBe('spire_app');
      const attacks = [
        'TRUNCATE audit_log',
        'TRUNCATE row_history',
        "UPDATE audit_log SET action = 'x'",
        'UPDATE row_history SET actor = NULL',
        'DELETE FROM audit_log',
        'DELETE FROM row_history',
        'ALTER TABLE audit_log DISABLE TRIGGER ALL',
        'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update',
        'ALTER TABLE row_history DISABLE TRIGGER ALL',
        'ALTER TABLE row_history ADD COLUMN x int',
        'DROP TRIGGER audit_log_no_update ON audit_log',
        'DROP TRIGGER person_history ON person',
        'DROP TABLE audit_log',
        'ALTER TABLE audit_log OWNER TO spire_app',
        'CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
        'CREATE OR REPLACE FUNCTION record_row_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$',
        "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), 1)",
        'SET session_replication_role = replica',
      ];
      for (const attack of attacks) {
        await expect(d.exec(attack), attack).rejects.toThrow(
          /permission denied|must be owner|must be superuser|append-only/,
        );
      }
      // The application role can start on an up-to-date database (nothing to migrate), but cannot migrate.
      expect(await migrate(d)).toEqual([]);
      const count = await d.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM row_history`.execute(d.db)).rows[0]!.n).toBe(2);
      const grants = await d.raw(
        `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'spire_app' AND table_name = 'audit_log' ORDER BY 1`,
      );
      expect(grants.rows.map((r) => r.privilege_type)).toEqual(['INSERT', 'SELECT']);
    });
  } else {
    it('is single-user on PGlite: no roles to separate (documented in docs/architecture.md)', async () => {
      expect((await d.raw('SELECT spire_apply_roles() AS r')).rows[0].r).toBe('single role');
    });
  }
});
