// Two municipalities for the wall between them (issue 16), built with the test builders: a unit, a placed child, a
// guardian and staff of every role in each; and of A (0860) data of every kind the API has an id or a month for (a
// terminal, an application on the waitlist with an inbox task, a round, a letter, a billing run, a friplads
// application, a holiday questionnaire, a registration, a subsidy case with its carer). Slow: a billing run and a round.
import { loginAs, testApp } from '../../../../test/app.js';
import { aChild, aGuardianOf, aPlacement, aStaffUser, aUnit } from '../../../../test/builders.js';
import type { Db } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import type { LocalDate } from '../../../shared/index.js';
import { seedRates2025 } from '../../../modules/billing/rates.js';
import { startRun } from '../../../modules/billing/run.js';
import { addApplication as addFripladsApplication } from '../../../modules/billing/queries.js';
import { previewRound } from '../../../modules/placement/index.js';
import { createTerminal } from '../../../modules/attendance/terminals.js';
import { insertQuestionnaire } from '../../../modules/attendance/queries.js';
import { sendLetters } from '../../letters/index.js';

export const STAFF: Exclude<Role, 'guardian'>[] = [
  'caseworker',
  'finance',
  'consultant',
  'management',
  'admin',
  'unit_leader',
  'unit_staff',
];

export interface Side {
  code: string;
  unit: string;
  daginstitution: string;
  child: { id: string; householdId: string };
  guardian: { id: string; userId: string };
  placement: string;
  users: Record<string, string>;
}

async function aMunicipalitySide(db: Db, code: string, tag: string, today: LocalDate): Promise<Side> {
  const unit = await aUnit(db, { municipalityCode: code, name: `Børnehuset ${tag}` });
  const child = await aChild(db, { firstName: `Barn${tag}`, lastName: `Efternavn${tag}` });
  await db.updateTable('household').set({ municipality_code: code }).where('id', '=', child.householdId).execute();
  const guardian = await aGuardianOf(db, child, { firstName: `Forælder${tag}`, lastName: `Efternavn${tag}` });
  const placement = await aPlacement(db, child.id, unit.id, today.plusMonths(-6));
  const users: Record<string, string> = {};
  for (const role of STAFF) users[role] = await aStaffUser(db, role, role.startsWith('unit_') ? [unit.id] : [], code);
  return { code, unit: unit.id, daginstitution: unit.daginstitutionId, child, guardian, placement, users };
}

/** Municipality A (0860, tag Aaa) with its data, and B (0813, tag Bbb); `ids` names A's data by kind. */
export async function twoMunicipalities() {
  const t = await testApp();
  const db = t.database.db,
    today = t.clock.today();
  const a = await aMunicipalitySide(db, '0860', 'Aaa', today);
  const b = await aMunicipalitySide(db, '0813', 'Bbb', today);
  await seedRates2025(db, '0860');
  const ids: Record<string, string> = {};
  // A's data of every kind the API has an id or a month for.
  ids.terminal = (await createTerminal(db, a.unit, 'Indgang', null)).id;
  const waiting = await aChild(db, { firstName: 'VenterAaa', lastName: 'EfternavnAaa' });
  await db.updateTable('household').set({ municipality_code: '0860' }).where('id', '=', waiting.householdId).execute();
  const app = await db
    .insertInto('application')
    .values({
      child_id: waiting.id,
      place_kind: 'boernehave',
      placement_kind: 'dagtilbud',
      needed_from: today.plusMonths(2).toString(),
      hours_per_week: 40,
      applied_on: today.toString(),
      seniority_date: today.toString(),
      guarantee_date: today.plusMonths(2).toString(),
    } as any)
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.application = app.id;
  await db.insertInto('application_wish').values({ application_id: app.id, rank: 1, unit_id: a.unit }).execute();
  await db
    .insertInto('staff_inbox')
    .values({ kind: 'application', child_id: waiting.id, text: 'Ny ansøgning', created_on: today.toString() })
    .execute();
  ids.task = (
    await db.selectFrom('staff_inbox').select('id').where('child_id', '=', waiting.id).executeTakeFirstOrThrow()
  ).id;
  ids.waiting = waiting.id;
  ids.round = (await previewRound(db, '0860', 'dagtilbud', today.plusMonths(3), today, a.users.caseworker!)).id;
  [ids.letter] = await sendLetters(
    db,
    [
      {
        kind: 'offer',
        subject: 'Tilbud',
        recipients: [a.guardian.id],
        childId: a.child.id,
        blocks: [{ text: 'Tilbud om plads.' }],
      },
    ],
    today,
  );
  ids.month = today.firstOfMonth().toString();
  const run = await startRun(db, { municipality: '0860', month: ids.month, userId: null });
  await run.done;
  ids.run = run.runId;
  ids.friplads = (
    await addFripladsApplication(db, {
      householdId: a.child.householdId,
      applicantId: a.guardian.id,
      yearlyOere: 30_000_000,
      childrenUnder18: 1,
      singleProvider: false,
      wantedFrom: today.plusMonths(1).firstOfMonth().toString(),
    })
  ).id;
  ids.questionnaire = (
    await insertQuestionnaire(db, {
      municipality_code: '0860',
      unit_id: null,
      title: 'Jul Aaa',
      question: 'Skal dit barn passes?',
      period: `[${today.plusDays(20)},${today.plusDays(30)})`,
      deadline: today.plusDays(10).toString(),
      created_by: null,
    } as any)
  ).id;
  await db
    .insertInto('attendance')
    .values({ child_id: a.child.id, unit_id: a.unit, date: today.toString(), status: 3, check_in: '08:00' })
    .execute();
  ids.cpr = (await db.selectFrom('person').select('cpr').where('id', '=', a.child.id).executeTakeFirstOrThrow()).cpr!;
  // A subsidy case (tilskud til privat pasning) of a family of A without a dagtilbud place, with its carer.
  const cared = await aChild(db, { firstName: 'PasAaa', lastName: 'EfternavnAaa' });
  await db.updateTable('household').set({ municipality_code: '0860' }).where('id', '=', cared.householdId).execute();
  const parentOfCared = await aGuardianOf(db, cared, { firstName: 'ForælderPasAaa', lastName: 'EfternavnAaa' });
  ids.cared = cared.id;
  const parent = await loginAs(t.app, parentOfCared.userId);
  const applied = await parent.call('POST', '/api/citizen/subsidies', {
    childId: cared.id,
    start: today.firstOfMonth().plusMonths(1).toString(),
    carer: { name: 'Pasningsordningen Aaa', street: 'Havnegade 3', postalCode: '9800', city: 'Hjørring' },
    expenseOere: 400_000,
    hoursPerWeek: 40,
    childrenInCare: 4,
  });
  if (applied.statusCode !== 201) throw new Error(`subsidy application refused: ${applied.body}`);
  ids.subsidyCase = applied.json().id;
  ids.carer = (
    await db.selectFrom('subsidy_case').select('carer_id').where('id', '=', ids.subsidyCase!).executeTakeFirstOrThrow()
  ).carer_id!;
  return { t, a, b, ids };
}
