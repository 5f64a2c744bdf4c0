// Providers (§ 19, stk. 4, § 34, § 57) and the rates admin (migration 030): schemas and operations.
import { z } from 'zod';
import { caseParams, date, id, oere, text } from './fields.js';

const providerKind = z.enum(['privatinstitution', 'privat_dagpleje', 'privat_fritidshjem']);
const months = z
  .number({ error: 'Skriv en alder i hele måneder.' })
  .int('Skriv en alder i hele måneder.')
  .min(0, 'Alderen kan ikke være negativ.')
  .max(216, 'Alderen kan højst være 216 måneder (18 år).');
export const ProviderIn = z.object({
  kind: providerKind,
  name: text(200),
  cvr: z.string().regex(/^\d{8}$/, 'CVR-nummeret er 8 cifre.'),
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
  toMonths: months.min(1, 'Aldersgruppen skal slutte efter 0 måneder.'),
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
  toMonths: months.min(1, 'Aldersgruppen skal slutte efter 0 måneder.'),
  monthlyOere: oere.min(1, 'Beløbet skal være større end 0 kr.'),
  from: date,
});
export const TermsIn = z.object({
  scheme: z.enum(['privat_pasning', 'egne_boern']),
  sharePercent: z
    .number({ error: 'Skriv en procentsats, fx 75.' })
    .min(1, 'Andelen skal være mindst 1 %.')
    .max(100, 'Andelen kan højst være 100 %.'),
  householdCapOere: oere.min(1, 'Loftet skal være større end 0 kr.').nullable(),
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
    errors: ['subsidies.end-before-start', 'subsidies.provider-exists'],
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
      'subsidies.no-child',
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
