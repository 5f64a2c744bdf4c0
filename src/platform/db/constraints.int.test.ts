import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, engine } from '../../../test/db.js';
import { MAX_PARAMETERS, type Database } from './database.js';

let d: Database;
beforeAll(async () => {
  d = await openTestDatabase();
});
afterAll(async () => {
  await d?.close();
});

async function unitFixture() {
  await d.db
    .insertInto('municipality')
    .values({ code: '0860', name: 'Hjørring' })
    .onConflict((c) => c.doNothing())
    .execute();
  const inst = await d.db
    .insertInto('daginstitution')
    .values({
      number: 'G' + String(Math.floor(Math.random() * 1e5)).padStart(5, '0'),
      name: 'Solsikken',
      ejerform: 'kommunal',
      municipality_code: '0860',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return d.db
    .insertInto('unit')
    .values({
      number: 'U' + String(Math.floor(Math.random() * 1e5)).padStart(5, '0'),
      daginstitution_id: inst.id,
      name: 'Solsikken',
      type: 'integreret',
      street: 'Vestergade 1',
      postal_code: '9800',
      city: 'Hjørring',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

describe(`database constraints (${engine})`, () => {
  it('returns dates as YYYY-MM-DD strings and int8 as numbers', async () => {
    const r = await sql<{ d: string; n: number }>`select '2024-02-29'::date as d, 7::int8 as n`.execute(d.db);
    expect(r.rows[0]).toEqual({ d: '2024-02-29', n: 7 });
  });

  it('refuses a statement with more parameters than both engines take, and the session keeps its data', async () => {
    const n = MAX_PARAMETERS + 1;
    const big = sql<{
      n: number;
    }>`select cardinality(array[${sql.join([...Array(n)].map((_, i) => sql`${i}::int`))}]) as n`;
    if (engine === 'pglite') await expect(big.execute(d.db)).rejects.toThrow(/parameters/);
    else expect((await big.execute(d.db)).rows).toEqual([{ n }]);
    const r = await sql<{ n: number }>`select 2 + 2 as n`.execute(d.db);
    expect(r.rows).toEqual([{ n: 4 }]);
  });

  it('rejects overlapping capacity periods for one unit and age band', async () => {
    const unit = await unitFixture();
    await d.db
      .insertInto('capacity')
      .values({ unit_id: unit.id, age_band: '0-2', places: 12, valid: '[2025-01-01,2026-01-01)' })
      .execute();
    await d.db
      .insertInto('capacity')
      .values({ unit_id: unit.id, age_band: '3-5', places: 20, valid: '[2025-01-01,2026-01-01)' })
      .execute();
    await expect(
      d.db
        .insertInto('capacity')
        .values({ unit_id: unit.id, age_band: '0-2', places: 14, valid: '[2025-06-01,)' })
        .execute(),
    ).rejects.toThrow(/conflicting key value violates exclusion constraint/);
    await d.db
      .insertInto('capacity')
      .values({ unit_id: unit.id, age_band: '0-2', places: 14, valid: '[2026-01-01,)' })
      .execute();
  });

  it('never lets a child hold two overlapping places of the same kind', async () => {
    const unit = await unitFixture();
    const child = await d.db
      .insertInto('person')
      .values({ first_name: 'Ida', last_name: 'Holm', birth_date: '2023-03-01', sex: 'female' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await d.db
      .insertInto('placement')
      .values({ child_id: child.id, unit_id: unit.id, kind: 'dagtilbud', valid: '[2024-01-01,2025-01-01)' })
      .execute();
    await expect(
      d.db
        .insertInto('placement')
        .values({ child_id: child.id, unit_id: unit.id, kind: 'dagtilbud', valid: '[2024-12-01,)' })
        .execute(),
    ).rejects.toThrow(/exclusion constraint/);
  });

  it('keeps the audit log append-only', async () => {
    await d.db.insertInto('audit_log').values({ action: 'child.read', subject_type: 'child' }).execute();
    await expect(d.db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
    await expect(d.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });
});
