// Subsidy cases: applications, decisions, ends, complaints, and what retention keeps of them.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { DateRange, type LocalDate } from '../../../shared/index.js';
import type { SubsidyScheme } from '../../../platform/db/schema.js';

export interface Declarations {
  residence: boolean;
  language: boolean;
  noOtherIncome: boolean;
}
export interface CaseInput {
  municipality: string;
  scheme: SubsidyScheme;
  childId: string;
  householdId: string;
  applicantId: string;
  carerId: string | null;
  expenseOere: number | null;
  hoursPerWeek: number | null;
  childrenInCare: number | null;
  period: DateRange;
  source: 'citizen' | 'caseworker';
  submittedOn: LocalDate;
  deadline: LocalDate;
  declarations?: Declarations | null;
}
export async function addCase(trx: Db, c: CaseInput) {
  return trx
    .insertInto('subsidy_case')
    .values({
      municipality_code: c.municipality,
      scheme: c.scheme,
      child_id: c.childId,
      household_id: c.householdId,
      applicant_id: c.applicantId,
      carer_id: c.carerId,
      expense_oere: c.expenseOere,
      hours_per_week: c.hoursPerWeek,
      children_in_care: c.childrenInCare,
      valid: c.period.toPgDaterange(),
      source: c.source,
      submitted_on: c.submittedOn.toString(),
      deadline: c.deadline.toString(),
      declarations: c.declarations ? JSON.stringify(c.declarations) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export type CaseRow = Awaited<ReturnType<typeof caseById>> & {};
export async function caseById(db: Db, id: string) {
  return db.selectFrom('subsidy_case').selectAll().where('id', '=', id).executeTakeFirst();
}
/** Locks the case row for a decision, a stop or a complaint's change. */
export async function lockCase(trx: Db, id: string) {
  return trx.selectFrom('subsidy_case').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function listCases(db: Db, status: string | undefined) {
  let q = db.selectFrom('subsidy_case').selectAll();
  if (status) q = q.where('status', '=', status as 'applied');
  return q.orderBy('deadline').orderBy('created_at').limit(500).execute();
}
export async function casesOfChildren(db: Db, childIds: string[]) {
  if (!childIds.length) return [];
  return db
    .selectFrom('subsidy_case')
    .selectAll()
    .where('child_id', 'in', childIds)
    .orderBy(sql`lower(valid)`, 'desc')
    .execute();
}
export async function setDecision(
  trx: Db,
  id: string,
  d: {
    status: 'approved' | 'refused';
    period: DateRange | null;
    endReason: string | null;
    on: LocalDate;
    by: string;
    reason: string | null;
    rule: string | null;
  },
) {
  await trx
    .updateTable('subsidy_case')
    .set({
      status: d.status,
      ...(d.period && { valid: d.period.toPgDaterange() }),
      end_reason: d.endReason,
      decided_on: d.on.toString(),
      decided_by: d.by,
      reason: d.reason,
      refusal_rule: d.rule,
    })
    .where('id', '=', id)
    .execute();
}
export async function setLetter(trx: Db, id: string, letterId: string) {
  await trx.updateTable('subsidy_case').set({ letter_id: letterId }).where('id', '=', id).execute();
}
/** Ends an approved case on `lastDay` (inclusive). */
export async function endCase(trx: Db, id: string, lastDay: LocalDate, reason: string, status: 'approved' | 'stopped') {
  await trx
    .updateTable('subsidy_case')
    .set({ valid: sql`daterange(lower(valid), ${lastDay.plusDays(1).toString()}::date)`, end_reason: reason, status })
    .where('id', '=', id)
    .execute();
}
/** Approved cases of a carer still running after `lastDay`. */
export async function casesOfCarerAfter(db: Db, carerId: string, lastDay: LocalDate) {
  return db
    .selectFrom('subsidy_case')
    .selectAll()
    .where('carer_id', '=', carerId)
    .where('status', '=', 'approved')
    .where(sql<boolean>`(upper_inf(valid) or upper(valid) > ${lastDay.plusDays(1).toString()}::date)`)
    .execute();
}

// Complaints
export async function addComplaint(trx: Db, caseId: string, receivedOn: LocalDate, text: string, by: string) {
  return trx
    .insertInto('subsidy_complaint')
    .values({ case_id: caseId, received_on: receivedOn.toString(), text, created_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
}
export async function complaintById(db: Db, id: string) {
  return db.selectFrom('subsidy_complaint').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function complaintsOf(db: Db, caseIds: string[]) {
  if (!caseIds.length) return [];
  return db
    .selectFrom('subsidy_complaint')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .orderBy('received_on')
    .execute();
}
export async function reconsider(trx: Db, id: string, outcome: 'changed' | 'upheld', on: LocalDate, note: string) {
  await trx
    .updateTable('subsidy_complaint')
    .set({ status: outcome, reconsidered_on: on.toString(), reconsidered_note: note })
    .where('id', '=', id)
    .execute();
}
/** A complaint reconsidered as changed: the case goes back to under consideration for a new decision (the earlier
 *  decision and letter stay in the case's history: the letter, the complaint and the audit log). */
export async function reopenCase(trx: Db, caseId: string, complaintId: string, on: LocalDate, deadline: LocalDate) {
  await trx
    .updateTable('subsidy_case')
    .set({
      status: 'applied',
      decided_on: null,
      decided_by: null,
      reopened_on: on.toString(),
      deadline: deadline.toString(),
    })
    .where('id', '=', caseId)
    .execute();
  await trx.updateTable('subsidy_complaint').set({ reopened_case: true }).where('id', '=', complaintId).execute();
}
export async function forward(trx: Db, id: string, on: LocalDate, bundle: unknown) {
  await trx
    .updateTable('subsidy_complaint')
    .set({ status: 'forwarded', forwarded_on: on.toString(), bundle: JSON.stringify(bundle) })
    .where('id', '=', id)
    .execute();
}

/** Retention (issue 16): the people (child, applicant, carer) of a subsidy case that is still open: applied, approved
 *  and running today or later, or with a complaint not yet settled; and children enrolled with a private provider. */
export async function subsidyHolds(db: Db, personIds: string[], today: LocalDate): Promise<Set<string>> {
  if (!personIds.length) return new Set();
  const rows = await sql<{ child_id: string; applicant_id: string; carer_id: string | null }>`
    select c.child_id, c.applicant_id, c.carer_id from subsidy_case c
     where (c.child_id = any(${personIds}::uuid[]) or c.applicant_id = any(${personIds}::uuid[])
            or c.carer_id = any(${personIds}::uuid[]))
       and (c.status = 'applied'
            or (c.status = 'approved' and (upper_inf(c.valid) or upper(c.valid) > ${today.toString()}::date))
            or exists (select from subsidy_complaint k where k.case_id = c.id and k.status in ('received', 'forwarded')))
    union all
    -- a child enrolled with a private provider now or later (the provider is paid for it)
    select e.child_id, e.child_id, null from subsidy_enrolment e
     where e.child_id = any(${personIds}::uuid[]) and (upper_inf(e.valid) or upper(e.valid) > ${today.toString()}::date)`.execute(
    db,
  );
  return new Set(rows.rows.flatMap((r) => [r.child_id, r.applicant_id, ...(r.carer_id ? [r.carer_id] : [])]));
}

/** Of these letters, those that carry a subsidy decision (kept with the case). */
export async function subsidyLetterIds(db: Db, letterIds: string[]): Promise<Set<string>> {
  if (!letterIds.length) return new Set();
  const rows = await db.selectFrom('subsidy_case').select('letter_id').where('letter_id', 'in', letterIds).execute();
  return new Set(rows.map((r) => r.letter_id!));
}
