// The setup the casework test files share: a caseworker of 0860 and one of another municipality, the municipality's
// full and part-time rates, a family builder and the reads a test checks (letters, audit rows, casework log, places).
import { sql } from 'kysely';
import { testApp } from '../../../../test/app.js';
import { aChild, aGuardianOf, aStaffUser } from '../../../../test/builders.js';
import type { LocalDate } from '../../../shared/index.js';

export async function caseworkFixture() {
  const t = await testApp();
  const today = t.clock.today();
  const db = t.database.db;
  const caseworker = await aStaffUser(db, 'caseworker', [], '0860');
  const stranger = await aStaffUser(db, 'caseworker', [], '0813');
  // Full and part-time rates of the municipality (part time up to 30 hours a week is cheaper).
  await db
    .insertInto('fee_rate')
    .values([
      {
        municipality_code: '0860',
        kind: 'vuggestue',
        age_band: '0-2',
        hours: 'full',
        monthly_oere: 400_000,
        valid: '[2020-01-01,)',
      },
      {
        municipality_code: '0860',
        kind: 'vuggestue',
        age_band: '0-2',
        hours: 'part',
        monthly_oere: 320_000,
        valid: '[2020-01-01,)',
      },
      {
        municipality_code: '0860',
        kind: 'boernehave',
        age_band: '3-5',
        hours: 'full',
        monthly_oere: 250_000,
        valid: '[2020-01-01,)',
      },
      {
        municipality_code: '0860',
        kind: 'boernehave',
        age_band: '3-5',
        hours: 'part',
        monthly_oere: 200_000,
        valid: '[2020-01-01,)',
      },
    ])
    .execute();

  /** A child of 0860 (two years old on 2026-01-01 unless told) with a guardian. */
  async function family(birthDate?: LocalDate) {
    const db = t.database.db;
    const child = await aChild(db, birthDate ? { birthDate } : {});
    const guardian = await aGuardianOf(db, child);
    return { child: child.id, guardian: guardian.id, householdId: child.householdId };
  }
  const lettersTo = async (guardian: string) =>
    (
      await t.database.db
        .selectFrom('letter')
        .innerJoin('letter_recipient as r', 'r.letter_id', 'letter.id')
        .select(['letter.kind', 'letter.subject', sql<string>`letter.content::text`.as('content')])
        .where('r.person_id', '=', guardian)
        .orderBy('letter.created_at')
        .execute()
    ).map((l) => ({ kind: l.kind, subject: l.subject, content: l.content }));
  const auditOf = async (child: string, action: string) =>
    t.database.db
      .selectFrom('audit_log')
      .select(['details', 'user_id'])
      .where('action', '=', action)
      .where(sql<boolean>`${child}::uuid = any(subject_ids)`)
      .execute();
  const logOf = async (child: string) =>
    t.database.db
      .selectFrom('casework_action')
      .select(['action', 'reason', 'created_by'])
      .where('child_id', '=', child)
      .orderBy('created_at')
      .execute();
  const placesOf = async (child: string) =>
    t.database.db
      .selectFrom('placement')
      .select(['unit_id', 'hours_per_week', sql<string>`valid::text`.as('valid')])
      .where('child_id', '=', child)
      .orderBy(sql`lower(valid)`)
      .execute();
  return { t, today, caseworker, stranger, family, lettersTo, auditOf, logOf, placesOf };
}
