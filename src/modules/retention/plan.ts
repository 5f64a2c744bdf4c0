// What is due for erasure in one municipality on a day, asked of each module that holds the data (no SQL of theirs
// here), and the erasure itself in the caller's transaction.
import type { Db } from '../../platform/db/database.js';
import type { LocalDate } from '../../shared/index.js';
import { auditRowsDue, purgeAuditRows } from '../../platform/audit/audit.js';
import { staffUserIdsOf } from '../../platform/auth/users/index.js';
import { eraseLetters, lettersAbout } from '../../platform/letters/index.js';
import { unitsOfMunicipality } from '../registry/index.js';
import { eraseApplications, erasePlacementCaseData, placementRetentionFacts } from '../placement/index.js';
import { billingHolds, eraseInvoices, invoiceLetterIds, invoicesDue } from '../billing/index.js';
import { subsidyHolds, subsidyLetterIds } from '../subsidies/index.js';
import { attendanceDue, eraseAttendance } from '../attendance/index.js';
import { anonymisedAmong, anonymisePersons, custodyOfGuardians } from '../people/index.js';
import { rulesOn, type RetentionCategory, type RetentionRules } from './rules.js';

export type PersonCategory = 'childCase' | 'applications' | 'guardian';
export interface RetentionPlan {
  rules: RetentionRules;
  counts: Record<RetentionCategory, number> & { persons: number; held: number };
  /** The children whose case data goes and who are anonymised, and the guardians left with nothing. */
  persons: { personId: string; category: PersonCategory }[];
  applicationIds: string[];
  invoiceIds: string[];
  unitIds: string[];
  staffUserIds: string[];
  attendanceBefore: LocalDate;
  auditBefore: string;
}

export async function planRetention(db: Db, municipality: string, today: LocalDate): Promise<RetentionPlan> {
  const rules = await rulesOn(db, municipality, today);
  const unitIds = (await unitsOfMunicipality(db, municipality)).map((u) => u.id);
  const facts = await placementRetentionFacts(db, unitIds, today);
  const childCut = today.plusYears(-rules.childCase).toString();
  const appCut = today.plusYears(-rules.applications).toString();

  const anonymised = await anonymisedAmong(db, [...facts.children.keys()]);
  const withdrawnByChild = new Map<string, { id: string; due: boolean }[]>();
  for (const a of facts.withdrawn)
    withdrawnByChild.set(a.childId, [
      ...(withdrawnByChild.get(a.childId) ?? []),
      { id: a.id, due: a.closedOn < appCut },
    ]);
  // Children whose whole case is due: no current or future place, no open case, the last place ended before the
  // cut-off (or never placed and every withdrawn application due).
  const due = new Map<string, PersonCategory>();
  for (const [childId, f] of facts.children) {
    if (anonymised.has(childId) || f.current || f.open) continue;
    const apps = withdrawnByChild.get(childId) ?? [];
    if (f.lastEnd !== null ? f.lastEnd <= childCut : apps.length > 0 && apps.every((a) => a.due))
      due.set(childId, f.lastEnd !== null ? 'childCase' : 'applications');
  }
  const candidates = [...new Set([...due.keys(), ...withdrawnByChild.keys()])];
  const held = new Set([
    ...(await billingHolds(db, candidates, today, rules.invoices)),
    ...(await subsidyHolds(db, candidates, today)),
  ]);
  for (const id of held) due.delete(id);
  const applicationIds = [...withdrawnByChild]
    .filter(([childId]) => {
      const f = facts.children.get(childId);
      return !held.has(childId) && !anonymised.has(childId) && !f?.current && !f?.open;
    })
    .flatMap(([, apps]) => apps.filter((a) => a.due).map((a) => a.id));

  // Guardians left with nothing: every child they ever had custody of is anonymised or goes now.
  const guardians = await custodyOfGuardians(db, [...due.keys()]);
  const allChildren = [...new Set([...guardians.values()].flat())];
  const gone = await anonymisedAmong(db, allChildren);
  let guardianIds = [...guardians]
    .filter(([, children]) => children.every((c) => due.has(c) || gone.has(c)))
    .map(([g]) => g);
  const guardianHeld = new Set([
    ...(await billingHolds(db, guardianIds, today, rules.invoices)),
    ...(await subsidyHolds(db, guardianIds, today)),
    ...(await anonymisedAmong(db, guardianIds)),
  ]);
  guardianIds = guardianIds.filter((g) => !guardianHeld.has(g) && !due.has(g));

  const attendanceBefore = today.plusYears(-rules.attendance);
  const invoices = await invoicesDue(db, municipality, today, rules.invoices);
  const staffUserIds = await staffUserIdsOf(db, municipality);
  const auditBefore = `${today.plusYears(-rules.auditLog).toString()}T00:00:00Z`;
  const persons = [
    ...[...due].map(([personId, category]) => ({ personId, category })),
    ...guardianIds.map((personId) => ({ personId, category: 'guardian' as const })),
  ];
  return {
    rules,
    counts: {
      childCase: [...due.values()].filter((c) => c === 'childCase').length,
      applications: applicationIds.length,
      attendance: await attendanceDue(db, unitIds, attendanceBefore),
      invoices: invoices.length,
      auditLog: await auditRowsDue(db, staffUserIds, auditBefore),
      persons: persons.length,
      held: [...held].filter((id) => facts.children.has(id) && !anonymised.has(id)).length,
    },
    persons,
    applicationIds,
    invoiceIds: invoices.map((i) => i.id),
    unitIds,
    staffUserIds,
    attendanceBefore,
    auditBefore,
  };
}

/** Carries out a plan in the caller's transaction; returns what was actually erased. */
export async function eraseByPlan(trx: Db, plan: RetentionPlan, today: LocalDate) {
  const children = plan.persons.filter((p) => p.category !== 'guardian').map((p) => p.personId);
  const caseRows = (await erasePlacementCaseData(trx, children)) + (await eraseApplications(trx, plan.applicationIds));
  const childLetters = await lettersAbout(trx, children);
  const keep = new Set([
    ...(await invoiceLetterIds(trx, childLetters)),
    ...(await subsidyLetterIds(trx, childLetters)),
  ]);
  const invoiceLetters = await eraseInvoices(trx, plan.invoiceIds);
  const letters = await eraseLetters(trx, [...childLetters.filter((l) => !keep.has(l)), ...invoiceLetters]);
  const attendance = await eraseAttendance(trx, plan.unitIds, plan.attendanceBefore);
  const persons = await anonymisePersons(
    trx,
    plan.persons.map((p) => p.personId),
    today,
  );
  const auditLog = await purgeAuditRows(trx, plan.staffUserIds, plan.auditBefore);
  return { caseRows, letters, attendance, invoices: plan.invoiceIds.length, persons, auditLog };
}
