// The subsidies API: tilskud til privat pasning applied for by parents, decided by caseworkers, paid monthly by
// finance. Request and response schemas and refusal codes; the web imports the types with `import type`.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';

export const subsidiesError = domainErrors({
  'subsidies.not-found': 'not-found',
  'subsidies.no-address': 'invalid',
  'subsidies.not-your-child': 'forbidden',
  'subsidies.end-before-start': 'invalid',
  'subsidies.start-in-past': 'invalid',
  'subsidies.no-terms': 'invalid',
  'subsidies.not-offered': 'invalid',
  'subsidies.no-rate': 'invalid',
  'subsidies.too-young': 'invalid',
  'subsidies.too-old': 'invalid',
  'subsidies.carer-limit': 'invalid',
  'subsidies.expense-too-low': 'invalid',
  'subsidies.period-too-short': 'invalid',
  'subsidies.period-too-long': 'invalid',
  'subsidies.household-limit': 'invalid',
  'subsidies.dagtilbud-overlap': 'conflict',
  'subsidies.overlap': 'conflict',
  'subsidies.already-decided': 'conflict',
  'subsidies.check-failed': 'conflict',
  'subsidies.reason-required': 'invalid',
  'subsidies.not-approved': 'conflict',
  'subsidies.stop-outside-period': 'invalid',
  'subsidies.complaint-state': 'conflict',
  'subsidies.month-not-started': 'invalid',
  'subsidies.case-overlap': 'conflict',
  'subsidies.enrolled-with-provider': 'conflict',
  'subsidies.outside-approval': 'invalid',
  'subsidies.supplement-not-allowed': 'invalid',
  'subsidies.period-overlap': 'conflict',
  'subsidies.not-child-of-household': 'invalid',
});
export type SubsidiesErrorCode = keyof typeof subsidiesError.codes;

const id = z.uuid();
const date = z.iso.date();
const muni = z.string().regex(/^\d{4}$/);
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .transform((m) => m + '-01');
const oere = z.number().int().min(0).max(100_000_000_000);
const text = (max: number) => z.string().trim().min(1).max(max);
const status = z.enum(['applied', 'approved', 'refused', 'stopped']);

const CarerIn = z.object({
  name: text(200),
  cvr: z
    .string()
    .regex(/^\d{8}$/)
    .nullable()
    .default(null),
  street: text(200),
  postalCode: z.string().regex(/^\d{4}$/),
  city: text(100),
  carers: z.number().int().min(1).max(2).default(1),
});
export const ApplicationIn = z.object({
  childId: id,
  start: date,
  end: date.nullable().default(null),
  carer: CarerIn,
  /** The parents' documented monthly expense for the carer (øre). */
  expenseOere: oere,
  hoursPerWeek: z.number().int().min(1).max(60),
  /** Children the carer will care for in all, this child included (the agreement's number). */
  childrenInCare: z.number().int().min(1).max(20),
});

const Declarations = z.object({
  /** Has lived in Denmark 7 of the last 8 years (§ 86). */
  residence: z.boolean(),
  /** Speaks Danish well enough, or the child's development in Danish is ensured otherwise (§ 86). */
  language: z.boolean(),
  /** Will have no other income from work nor public benefit while receiving the subsidy (§ 87). */
  noOtherIncome: z.boolean(),
});
export const EgneApplicationIn = z
  .object({ childId: id, start: date, end: date, declarations: Declarations })
  .describe('Tilskud til pasning af egne børn: the period (8 weeks to 1 year) and the three declarations');

const Check = z.object({
  code: z.enum([
    'age',
    'dagtilbud',
    'carer-limit',
    'expense',
    'carer-approved',
    'rate',
    'period',
    'household',
    'residence',
    'language',
    'other-income',
  ]),
  ok: z.boolean(),
  rule: z.string(),
  detail: z.string(),
});
export const CaseSummary = z.object({
  id,
  scheme: z.enum(['privat_pasning', 'egne_boern']),
  childId: id,
  child: z.string(),
  applicant: z.string(),
  status,
  start: date,
  end: date.nullable(),
  submittedOn: date,
  deadline: date,
  overdue: z.boolean(),
  openComplaints: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;
const Complaint = z.object({
  id,
  receivedOn: date,
  text: z.string(),
  status: z.enum(['received', 'changed', 'upheld', 'forwarded']),
  reconsideredOn: date.nullable(),
  reconsideredNote: z.string().nullable(),
  forwardedOn: date.nullable(),
});
export const CaseDetail = CaseSummary.extend({
  municipality: z.string(),
  birthDate: date,
  carer: z
    .object({
      id,
      name: z.string(),
      cvr: z.string().nullable(),
      address: z.string(),
      carers: z.number().int(),
      approvedOn: date.nullable(),
      stoppedOn: date.nullable(),
    })
    .nullable(),
  expenseOere: z.number().int().nullable(),
  hoursPerWeek: z.number().int().nullable(),
  childrenInCare: z.number().int().nullable(),
  declarations: Declarations.nullable(),
  reopenedOn: date.nullable(),
  checks: z.array(Check),
  /** What a decision now gives: the last day and why, and the monthly amount for the first month. */
  proposedEnd: date.nullable(),
  proposedEndReason: z.string().nullable(),
  monthlyOere: z.number().int().nullable(),
  ceilingOere: z.number().int().nullable(),
  decidedOn: date.nullable(),
  reason: z.string().nullable(),
  refusalRule: z.string().nullable(),
  endReason: z.string().nullable(),
  letterId: id.nullable(),
  payouts: z.array(z.object({ month: date, kind: z.string(), amountOere: z.number().int() })),
  recoveries: z.array(z.object({ id, amountOere: z.number().int(), months: z.string(), status: z.string() })),
  complaints: z.array(Complaint),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const MyChild = z.object({
  id,
  name: z.string(),
  birthDate: date,
  eligibleFrom: date.nullable(),
  eligibleUntil: date.nullable(),
});
export const MyCase = z.object({
  id,
  scheme: z.enum(['privat_pasning', 'egne_boern']),
  childId: id,
  child: z.string(),
  status,
  start: date,
  end: date.nullable(),
  carer: z.string(),
  expenseOere: z.number().int().nullable(),
  submittedOn: date,
  deadline: date,
  letterId: id.nullable(),
});
/** Egne børn where the municipality offers it (null: not offered): the limits the form shows. */
const EgneOffer = z.object({
  minWeeks: z.number().int(),
  maxMonths: z.number().int(),
  maxChildren: z.number().int(),
  sharePercent: z.number(),
});
export const MySubsidies = z.object({
  children: z.array(MyChild),
  cases: z.array(MyCase),
  egne: EgneOffer.nullable(),
});
export type MySubsidies = z.infer<typeof MySubsidies>;

export const PreviewLine = z.object({
  caseId: id,
  childId: id,
  child: z.string(),
  payeeId: id,
  payee: z.string(),
  dueOere: z.number().int(),
  siblingOere: z.number().int(),
  paidOere: z.number().int(),
  amountOere: z.number().int(),
  kind: z.enum(['payment', 'correction', 'unchanged']),
});
export const Preview = z.object({
  municipality: z.string(),
  month: date,
  lines: z.array(PreviewLine),
  changes: z.number().int(),
  totalOere: z.number().int(),
  dueOere: z.number().int(),
  skipped: z.array(z.object({ caseId: id, reason: z.string() })),
});
export type Preview = z.infer<typeof Preview>;
export const RunOut = z.object({
  runId: id.nullable(),
  lines: z.number().int(),
  totalOere: z.number().int(),
  recoveries: z.number().int(),
});
export type RunOut = z.infer<typeof RunOut>;
export const RunRow = z.object({
  id,
  month: date,
  lines: z.number().int(),
  totalOere: z.number().int(),
  createdAt: z.string(),
});
export type RunRow = z.infer<typeof RunRow>;

const caseParams = z.object({ id });
const municipalityMonth = z.object({ municipality: muni, month });

export const subsidiesContract = {
  mine: {
    summary: "The guardian's children (with the ages privat pasning covers) and their subsidy cases",
    response: MySubsidies,
  },
  apply: {
    summary: 'Apply for tilskud til privat pasning with the agreement with the private carer',
    body: ApplicationIn,
    response: z.object({ id, deadline: date, estimateOere: z.number().int() }),
    status: 201,
    errors: [
      'subsidies.no-address',
      'subsidies.not-your-child',
      'subsidies.end-before-start',
      'subsidies.start-in-past',
      'subsidies.no-terms',
      'subsidies.no-rate',
      'subsidies.too-young',
      'subsidies.too-old',
      'subsidies.carer-limit',
      'subsidies.expense-too-low',
      'subsidies.dagtilbud-overlap',
      'subsidies.enrolled-with-provider',
      'subsidies.overlap',
    ],
  },
  applyEgne: {
    summary: 'Apply for tilskud til pasning af egne børn (where the municipality offers it), with the declarations',
    body: EgneApplicationIn,
    response: z.object({ id, deadline: date, estimateOere: z.number().int() }),
    status: 201,
    errors: [
      'subsidies.no-address',
      'subsidies.not-your-child',
      'subsidies.end-before-start',
      'subsidies.start-in-past',
      'subsidies.not-offered',
      'subsidies.no-rate',
      'subsidies.too-young',
      'subsidies.too-old',
      'subsidies.period-too-short',
      'subsidies.period-too-long',
      'subsidies.household-limit',
      'subsidies.dagtilbud-overlap',
      'subsidies.enrolled-with-provider',
      'subsidies.overlap',
    ],
  },
  applyFor: {
    summary: "A caseworker enters an application on a guardian's behalf (paper or phone)",
    body: ApplicationIn.extend({ applicantId: id }),
    response: z.object({ id, deadline: date, estimateOere: z.number().int() }),
    status: 201,
    errors: [
      'subsidies.no-address',
      'subsidies.not-your-child',
      'subsidies.end-before-start',
      'subsidies.start-in-past',
      'subsidies.too-young',
      'subsidies.too-old',
      'subsidies.carer-limit',
      'subsidies.expense-too-low',
      'subsidies.dagtilbud-overlap',
      'subsidies.enrolled-with-provider',
      'subsidies.overlap',
    ],
  },
  cases: {
    summary: 'The caseworker inbox: cases by status, earliest deadline first',
    querystring: z.object({ status: status.optional() }),
    response: z.array(CaseSummary),
  },
  case: {
    summary: 'One case with its checks, the proposed decision, payouts and complaints',
    params: caseParams,
    response: CaseDetail,
    errors: ['subsidies.not-found'],
  },
  decide: {
    summary: 'Approve or refuse an application; the family gets a decision letter with klagevejledning',
    params: caseParams,
    body: z.object({ approve: z.boolean(), reason: text(2000).nullable().default(null) }),
    response: z.object({ status: z.enum(['approved', 'refused']), letterId: id, end: date.nullable() }),
    errors: ['subsidies.not-found', 'subsidies.already-decided', 'subsidies.check-failed', 'subsidies.reason-required'],
  },
  stop: {
    summary: 'Stop an approved subsidy after a last day (back-dated: the next payout run recovers what was paid)',
    params: caseParams,
    body: z.object({ lastDay: date, reason: text(2000) }),
    response: z.object({ lastDay: date, letterId: id }),
    errors: ['subsidies.not-found', 'subsidies.not-approved', 'subsidies.stop-outside-period'],
  },
  stopCarer: {
    summary: "A private carer stops (or the approval is withdrawn): its children's subsidies end the day before",
    params: caseParams,
    body: z.object({ from: date }),
    response: z.object({ endedCases: z.array(id) }),
    errors: ['subsidies.not-found', 'subsidies.stop-outside-period'],
  },
  supervise: {
    summary: "Record a supervision visit of a private carer (§ 81's duty to supervise)",
    params: caseParams,
    body: z.object({ visitDate: date, note: text(4000) }),
    response: z.object({ id }),
    status: 201,
    errors: ['subsidies.not-found'],
  },
  complain: {
    summary: 'Register a complaint about a decision',
    params: caseParams,
    body: z.object({ receivedOn: date, text: text(4000) }),
    response: z.object({ id }),
    status: 201,
    errors: ['subsidies.not-found'],
  },
  reconsider: {
    summary: 'Reconsider a complaint: change the decision in the family’s favour, or uphold it',
    params: caseParams,
    body: z.object({ outcome: z.enum(['changed', 'upheld']), note: text(4000) }),
    response: z.object({ status: z.enum(['changed', 'upheld']), reopened: z.boolean() }),
    errors: ['subsidies.not-found', 'subsidies.complaint-state'],
  },
  forward: {
    summary: 'Forward an upheld complaint to Ankestyrelsen with the case file',
    params: caseParams,
    response: z.object({ forwardedOn: date, bundle: z.record(z.string(), z.unknown()) }),
    errors: ['subsidies.not-found', 'subsidies.complaint-state'],
  },
  bundle: {
    summary: 'The case file sent to Ankestyrelsen with a forwarded complaint (JSON)',
    params: caseParams,
    response: z.record(z.string(), z.unknown()),
    errors: ['subsidies.not-found'],
  },
  preview: {
    summary: "A month's payouts: what is due per case against what was paid (writes nothing)",
    querystring: municipalityMonth,
    response: Preview,
  },
  run: {
    summary: "Approve a month's payouts: writes only the differences (a re-run without changes writes nothing)",
    body: municipalityMonth,
    response: RunOut,
    errors: ['subsidies.month-not-started'],
  },
  runs: {
    summary: 'Payout runs of a municipality (counts and totals)',
    querystring: z.object({ municipality: muni }),
    response: z.array(RunRow),
  },
  export: {
    summary: "A payout run's creditor export (docs/formats/creditor-export.md), CSV",
    params: caseParams,
    response: z.string().describe('text/csv'),
    errors: ['subsidies.not-found'],
  },
} as const;

// Providers (§ 19, stk. 4, § 34, § 57) and the rates admin (migration 030).
const providerKind = z.enum(['privatinstitution', 'privat_dagpleje', 'privat_fritidshjem']);
const months = z.number().int().min(0).max(216);
export const ProviderIn = z.object({
  kind: providerKind,
  name: text(200),
  cvr: z.string().regex(/^\d{8}$/),
  address: text(300),
  approvedFrom: date,
  approvedTo: date.nullable().default(null),
});
export const ProviderRow = z.object({
  id,
  kind: providerKind,
  name: z.string(),
  cvr: z.string(),
  address: z.string(),
  approvedFrom: date,
  approvedTo: date.nullable(),
  enrolments: z.number().int(),
});
export type ProviderRow = z.infer<typeof ProviderRow>;
export const BudgetIn = z.object({
  fromMonths: months,
  toMonths: months.min(1),
  /** Operating grant per child and month (øre). */
  grantOere: oere,
  buildingOere: oere.default(0),
  adminOere: oere.default(0),
  /** The provider's own monthly parent payment for the age group (øre): friplads and søskendetilskud are shares of it. */
  parentPaymentOere: oere,
  from: date,
});
export const BudgetRow = z.object({
  id,
  fromMonths: z.number().int(),
  toMonths: z.number().int(),
  grantOere: z.number().int(),
  buildingOere: z.number().int(),
  adminOere: z.number().int(),
  parentPaymentOere: z.number().int(),
  start: date,
  end: date.nullable(),
});
export const EnrolmentRow = z.object({
  id,
  childId: id,
  child: z.string(),
  birthDate: date,
  start: date,
  end: date.nullable(),
});
export const StatementLine = z.object({
  enrolmentId: id,
  childId: id,
  child: z.string(),
  kind: z.enum(['payment', 'correction']),
  grantOere: z.number().int(),
  fripladsOere: z.number().int(),
  siblingOere: z.number().int(),
  dueOere: z.number().int(),
  amountOere: z.number().int(),
});
/** A provider's monthly statement: what one payout run paid the provider for one month. */
export const Statement = z.object({
  runId: id,
  month: date,
  paidOn: z.string(),
  lines: z.array(StatementLine),
  totalOere: z.number().int(),
});
export type Statement = z.infer<typeof Statement>;
export const ProviderDetail = ProviderRow.extend({
  budgets: z.array(BudgetRow),
  enrolmentList: z.array(EnrolmentRow),
  statements: z.array(Statement),
});
export type ProviderDetail = z.infer<typeof ProviderDetail>;

export const RateRow = z.object({
  id,
  scheme: z.enum(['privat_pasning', 'egne_boern']),
  own: z.boolean(),
  fromMonths: z.number().int(),
  toMonths: z.number().int(),
  monthlyOere: z.number().int(),
  start: date,
  end: date.nullable(),
});
export const TermsRow = z.object({
  id,
  scheme: z.enum(['privat_pasning', 'egne_boern']),
  own: z.boolean(),
  sharePercent: z.number(),
  householdCapOere: z.number().int().nullable(),
  siblingPercent: z.number().int(),
  start: date,
  end: date.nullable(),
});
export const Rates = z.object({ rates: z.array(RateRow), terms: z.array(TermsRow) });
export type Rates = z.infer<typeof Rates>;
export const RateIn = z.object({
  scheme: z.enum(['privat_pasning', 'egne_boern']),
  fromMonths: months,
  toMonths: months.min(1),
  monthlyOere: oere.min(1),
  from: date,
});
export const TermsIn = z.object({
  scheme: z.enum(['privat_pasning', 'egne_boern']),
  sharePercent: z.number().min(1).max(100),
  householdCapOere: oere.min(1).nullable(),
  from: date,
});

export const providersContract = {
  providers: {
    summary: "The municipality's private providers paid a grant per child",
    response: z.array(ProviderRow),
  },
  addProvider: {
    summary: 'Register an approved private institution, private childminder or private fritidshjem',
    body: ProviderIn,
    response: z.object({ id }),
    status: 201,
    errors: ['subsidies.end-before-start', 'subsidies.overlap'],
  },
  provider: {
    summary: 'One provider with its budget periods, enrolled children and monthly statements',
    params: caseParams,
    response: ProviderDetail,
    errors: ['subsidies.not-found'],
  },
  addBudget: {
    summary: 'A new budget period for one age group from a date (an open period before it ends the day before)',
    params: caseParams,
    body: BudgetIn,
    response: z.object({ id }),
    status: 201,
    errors: [
      'subsidies.not-found',
      'subsidies.end-before-start',
      'subsidies.supplement-not-allowed',
      'subsidies.period-overlap',
    ],
  },
  enrol: {
    summary: 'Enrol a child with a provider for a period (by CPR in the body)',
    params: caseParams,
    body: z.object({ cpr: z.string().trim().min(10).max(11), start: date, end: date.nullable().default(null) }),
    response: z.object({ id }),
    status: 201,
    errors: [
      'subsidies.not-found',
      'subsidies.end-before-start',
      'subsidies.outside-approval',
      'subsidies.not-child-of-household',
      'subsidies.dagtilbud-overlap',
      'subsidies.case-overlap',
      'subsidies.overlap',
    ],
  },
  endEnrolment: {
    summary: 'End an enrolment after a last day (back in time: the next payout run corrects the months paid)',
    params: caseParams,
    body: z.object({ lastDay: date }),
    response: z.object({ lastDay: date }),
    errors: ['subsidies.not-found', 'subsidies.stop-outside-period'],
  },
  rates: {
    summary: 'The subsidy rates and terms a municipality uses, every period (its own and the standard ones)',
    response: Rates,
  },
  addRate: {
    summary: 'A new rate period for an age group from a date (never a change of a past period)',
    body: RateIn,
    response: z.object({ id }),
    status: 201,
    errors: ['subsidies.end-before-start', 'subsidies.period-overlap', 'subsidies.start-in-past'],
  },
  addTerms: {
    summary: "New terms from a date: the scheme's share and household cap (the other terms carried over)",
    body: TermsIn,
    response: z.object({ id }),
    status: 201,
    errors: ['subsidies.no-terms', 'subsidies.period-overlap', 'subsidies.start-in-past'],
  },
} as const;
