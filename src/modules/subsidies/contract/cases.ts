// Subsidy cases: the parents' applications, the caseworker's view of a case with its checks and complaints.
import { z } from 'zod';
import { date, id, oere, status, text } from './fields.js';

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
