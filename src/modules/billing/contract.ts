// The billing API (finance staff, friplads casework, parents): request and response schemas, refusal codes.
// The web imports these types.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';

export const billingError = domainErrors({
  'billing.unbilled-children': 'conflict',
  'billing.end-before-start': 'invalid',
  'billing.upper-below-lower': 'invalid',
  'billing.run-not-found': 'not-found',
  'billing.payer-not-found': 'not-found',
  'billing.unsent-invoices': 'conflict',
  'billing.month-closed': 'conflict',
  'billing.month-not-billed': 'conflict',
  'billing.month-not-closed': 'conflict',
  'billing.month-exported': 'conflict',
  'billing.run-in-progress': 'conflict',
  'billing.no-scale': 'conflict',
  'billing.application-not-found': 'not-found',
  'billing.application-decided': 'conflict',
  'billing.no-income-to-regulate': 'conflict',
  'billing.household-not-found': 'not-found',
  'billing.no-income-in-year': 'conflict',
  'billing.friplads-past-month': 'invalid',
  'billing.no-address': 'invalid',
  'billing.application-open': 'invalid',
  'billing.year-not-over': 'invalid',
  'billing.placement-not-found': 'not-found',
  'billing.leave30-not-daycare': 'invalid',
  'billing.leave30-too-many-hours': 'invalid',
});
export type BillingErrorCode = keyof typeof billingError.codes;

// ---- request pieces ----
const muni = z.string().regex(/^\d{4}$/, 'Kommunekode skal være 4 cifre.');
const monthQ = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Måned skal skrives ÅÅÅÅ-MM.')
  .transform((m) => m + '-01');
const date = z.iso.date();
const period = { start: date, end: date.nullable().default(null) };
const oere = (what: string) =>
  z.number().int(`${what} skal angives i hele øre.`).min(0, `${what} kan ikke være negativ.`).max(100_000_000_000);
const kind = z.enum(['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'sfo', 'fritidshjem', 'klub']);
const ageBand = z.enum(['0-2', '3-5', '6-9', '10-13', '14-17']);
const hours = z.enum(['full', 'part', 'leave30']);
const incomeSource = z.enum(['application', 'regulation', 'final', 'estimate']);
const income = z
  .number()
  .int('Indkomsten skal angives i hele øre.')
  .min(0, 'Indkomsten kan ikke være negativ.')
  .max(100_000_000_000);
const firstOfMonth = z.iso.date().refine((d) => d.endsWith('-01'), 'Ændringer gælder fra den 1. i en måned.');
const byMunicipality = z.object({ municipality: muni });
const monthBody = z.object({ municipality: muni, month: monthQ });
const idParam = z.object({ id: z.uuid() });
const placementParam = z.object({ placementId: z.uuid() });
const isoDate = z.string();
const periodOut = { start: isoDate, end: isoDate.nullable() };
const created = z.object({ id: z.string() });

// ---- responses ----
export const Municipality = z.object({ code: z.string(), name: z.string() });
export type Municipality = z.infer<typeof Municipality>;

export const Rate = z.object({ id: z.uuid(), kind, ageBand, hours, monthlyOere: z.number(), ...periodOut });
export type Rate = z.infer<typeof Rate>;
export const CalendarRow = z.object({
  id: z.uuid(),
  kind,
  payingMonths: z.number(),
  changeDay: z.number(),
  ...periodOut,
});
export type CalendarRow = z.infer<typeof CalendarRow>;
export const Scale = z.object({
  year: z.number(),
  lowerLimit: z.number(),
  upperLimit: z.number(),
  perExtraChild: z.number(),
  singleProviderSupplement: z.number(),
  steps: z.number(),
  firstStepPercent: z.number(),
});
export type Scale = z.infer<typeof Scale>;
export const Rates = z.object({ rates: z.array(Rate), calendar: z.array(CalendarRow), scales: z.array(Scale) });
export type Rates = z.infer<typeof Rates>;

export const InvoiceLine = z.object({
  childId: z.uuid(),
  childName: z.string(),
  serviceMonth: isoDate,
  code: z.string(),
  text: z.string(),
  amountOere: z.number(),
});
export const Invoice = z.object({
  id: z.uuid(),
  number: z.number(),
  month: isoDate,
  seq: z.number(),
  status: z.enum(['draft', 'sent']),
  totalOere: z.number(),
  payerId: z.uuid(),
  payerName: z.string(),
  lines: z.array(InvoiceLine),
});
export type Invoice = z.infer<typeof Invoice>;

/** A placed child the run cannot bill: why, in which months, and a link to the child's staff page. */
export const UnbilledChild = z.object({
  childId: z.uuid(),
  name: z.string(),
  link: z.string(),
  reasons: z.array(z.string()),
  months: z.array(z.string()),
});
export type UnbilledChild = z.infer<typeof UnbilledChild>;

/** A child a run billed, though not as it should be: by name with a link to the child's page, and what is wrong. */
export const RunWarning = z.object({
  childId: z.uuid(),
  childName: z.string(),
  link: z.string(),
  text: z.string(),
});
export type RunWarning = z.infer<typeof RunWarning>;

/** The warnings of a month's latest finished run (all of them; runId null: the month has not been run). */
export const MonthWarnings = z.object({
  runId: z.uuid().nullable(),
  finishedAt: z.string().nullable(),
  total: z.number(),
  warnings: z.array(RunWarning),
});
export type MonthWarnings = z.infer<typeof MonthWarnings>;

export const Preview = z.object({
  month: z.string(),
  from: z.string(),
  children: z.number(),
  payers: z.number(),
  lines: z.number(),
  corrections: z.number(),
  totalOere: z.number(),
  warnings: z.array(RunWarning),
  unbilledCount: z.number(),
  unbilled: z.array(UnbilledChild),
  sample: z.array(
    z.object({
      payerName: z.string(),
      totalOere: z.number(),
      lines: z.array(z.object({ serviceMonth: isoDate, code: z.string(), text: z.string(), amountOere: z.number() })),
    }),
  ),
});
export type Preview = z.infer<typeof Preview>;

export const Run = z.object({
  id: z.uuid(),
  month: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  children: z.number(),
  invoicesWritten: z.number(),
  linesWritten: z.number(),
  error: z.string().nullable(),
  progress: z
    .object({
      phase: z.enum(['load', 'compute', 'diff', 'write', 'done', 'failed']),
      done: z.number(),
      total: z.number(),
    })
    .nullable(),
});
export type Run = z.infer<typeof Run>;

const Sum = z.object({ count: z.number(), totalOere: z.number(), payers: z.number() });
export const MonthSummary = z.object({
  month: isoDate,
  draft: Sum,
  sent: Sum,
  closed: z.boolean(),
  /** A run of the month has finished (a month never billed cannot be closed). */
  billed: z.boolean(),
  /** When the month's invoices first went to the debtor system (then it cannot be reopened). */
  exportedAt: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenReason: z.string().nullable(),
});
export type MonthSummary = z.infer<typeof MonthSummary>;

export const Income = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  yearlyOere: z.number(),
  singleProvider: z.boolean(),
  source: incomeSource,
  ...periodOut,
});
export const Account = z.object({
  payer: z.object({ id: z.uuid(), name: z.string() }),
  households: z.array(z.uuid()),
  incomes: z.array(Income),
  invoices: z.array(Invoice),
  balanceOere: z.number(),
});
export type Account = z.infer<typeof Account>;

/** docs/formats/debtor-export.md (version 1). */
export const DebtorInvoice = z.object({
  invoiceNumber: z.number(),
  seq: z.number(),
  month: z.string(),
  municipality: z.string(),
  payerCpr: z.string(),
  payerName: z.string(),
  address: z.string().nullable(),
  amountOere: z.number(),
  sentOn: z.string(),
  dueOn: z.string(),
  lines: z.array(z.object({ childId: z.uuid(), serviceMonth: z.string(), code: z.string(), amountOere: z.number() })),
});
/** A claim another module raised on a household (a subsidy paid without right), collected like an invoice. */
export const DebtorClaim = z.object({
  claimId: z.uuid(),
  source: z.string(),
  month: z.string(),
  municipality: z.string(),
  payerCpr: z.string(),
  payerName: z.string(),
  address: z.string().nullable(),
  householdId: z.uuid().nullable(),
  amountOere: z.number(),
  text: z.string(),
  raisedOn: z.string(),
});
export const DebtorExport = z.object({
  formatVersion: z.number(),
  municipality: z.string(),
  month: z.string(),
  invoices: z.array(DebtorInvoice),
  /** Claims raised for the month (added in version 1: fields are only ever added). */
  claims: z.array(DebtorClaim),
});
export type DebtorExport = z.infer<typeof DebtorExport>;

export const Settlement = z.object({
  municipality: z.string(),
  month: z.string(),
  counterparts: z.array(
    z.object({
      municipality: z.string(),
      name: z.string(),
      children: z.number(),
      subsidyOere: z.number(),
      lines: z.array(
        z.object({
          childName: z.string(),
          ageBand: z.string(),
          subsidyOere: z.number(),
          parentExtraOere: z.number(),
          missingCosts: z.boolean(),
        }),
      ),
    }),
  ),
});
export type Settlement = z.infer<typeof Settlement>;

export const PlaceCost = z.object({
  year: z.number(),
  ageBand,
  netOere: z.number(),
  grossOere: z.number(),
  subsidyPercent: z.number(),
});
export type PlaceCost = z.infer<typeof PlaceCost>;

export const LunchUnit = z.object({
  id: z.uuid(),
  name: z.string(),
  schemes: z.array(z.object({ id: z.uuid(), optedOut: z.boolean(), monthlyOere: z.number(), ...periodOut })),
});
export type LunchUnit = z.infer<typeof LunchUnit>;

export const PlaceTerms = z.object({ placementId: z.uuid(), leave30: z.boolean() });
export type PlaceTerms = z.infer<typeof PlaceTerms>;

const applicationStatus = z.enum(['submitted', 'granted', 'rejected']);
export const OwnApplication = z.object({
  id: z.uuid(),
  yearlyOere: z.number(),
  wantedFrom: isoDate,
  status: applicationStatus,
  payPercent: z.number().nullable(),
  letterId: z.string().nullable(),
});
export type OwnApplication = z.infer<typeof OwnApplication>;
export const Application = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  applicant: z.string(),
  yearlyOere: z.number(),
  childrenUnder18: z.number(),
  singleProvider: z.boolean(),
  wantedFrom: isoDate,
  status: applicationStatus,
  payPercent: z.number(),
});
export type Application = z.infer<typeof Application>;
export const Decision = z.object({
  status: z.enum(['granted', 'rejected']),
  payPercent: z.number().nullable(),
  letterId: z.string().optional(),
});
export type Decision = z.infer<typeof Decision>;
export const Regulation = z.object({ applied: z.boolean(), stepsMoved: z.number(), payPercent: z.number() });
export type Regulation = z.infer<typeof Regulation>;

export const ChildPayment = z.object({
  childId: z.uuid(),
  name: z.string(),
  paidByOther: z.boolean(),
  lines: z.array(z.object({ code: z.string(), text: z.string(), amountOere: z.number() })),
  totalOere: z.number(),
});
export const MyPayment = z.object({
  month: z.string(),
  children: z.array(ChildPayment),
  totalOere: z.number(),
  friplads: z.object({ incomeOere: z.number(), payPercent: z.number() }).nullable(),
  /** The caller's household today as the register has it (the friplads form starts from it). */
  household: z.object({ childrenUnder18: z.number() }).nullable(),
  invoices: z.array(Invoice),
});
export type MyPayment = z.infer<typeof MyPayment>;

const periodCodes = ['billing.end-before-start'] as const;

export const billingContract = {
  municipalities: {
    summary: 'Municipalities with daycare units (the finance pages pick one)',
    response: z.array(Municipality),
  },
  rates: {
    summary: "A municipality's rates, paying months and the friplads scales",
    querystring: byMunicipality,
    response: Rates,
  },
  addRate: {
    summary: 'A monthly rate over a period (a new open-ended rate closes the previous one)',
    body: z.object({
      municipality: muni,
      kind,
      ageBand,
      hours: hours.default('full'),
      monthlyOere: oere('Taksten'),
      ...period,
    }),
    response: created,
    status: 201,
    errors: periodCodes,
  },
  addCalendar: {
    summary: 'Paying months and change day of a kind of place over a period',
    body: z.object({
      municipality: muni,
      kind,
      payingMonths: z.union([z.literal(11), z.literal(12)]),
      changeDay: z.union([z.literal(1), z.literal(15)]),
      ...period,
    }),
    response: created,
    status: 201,
    errors: periodCodes,
  },
  addLunch: {
    summary: "A unit's lunch scheme over a period",
    body: z.object({
      unitId: z.uuid(),
      monthlyOere: oere('Frokostprisen'),
      optedOut: z.boolean().default(false),
      ...period,
    }),
    response: created,
    status: 201,
    errors: periodCodes,
  },
  addScale: {
    summary: "A year's friplads scale",
    body: z.object({
      year: z.number().int().min(2000).max(2100),
      lowerLimit: oere('Nedre grænse'),
      upperLimit: oere('Øvre grænse'),
      perExtraChild: oere('Tillæg pr. barn'),
      singleProviderSupplement: oere('Eneforsørgertillæg'),
    }),
    response: created,
    status: 201,
    errors: ['billing.upper-below-lower'],
  },
  addIncome: {
    summary: "A household's yearly income over a period",
    body: z.object({
      householdId: z.uuid(),
      yearlyOere: income,
      singleProvider: z.boolean().default(false),
      source: incomeSource.default('application'),
      ...period,
    }),
    response: created,
    status: 201,
    errors: periodCodes,
  },
  addSocialFriplads: {
    summary: 'Social friplads for a child over a period',
    body: z.object({
      childId: z.uuid(),
      reason: z.enum(['behandling', 'socialpaedagogisk']),
      percent: z
        .number()
        .int()
        .min(0, 'En friplads kan ikke være negativ.')
        .max(100, 'En friplads kan højst være 100 %.'),
      ...period,
    }),
    response: created,
    status: 201,
    errors: periodCodes,
  },
  preview: {
    summary: "Preview a month's run (nothing written)",
    querystring: monthBody,
    response: Preview,
    errors: ['billing.month-closed'],
  },
  startRun: {
    summary: "Start a month's run (202; refused 409 billing.unbilled-children while a placed child cannot be billed)",
    body: monthBody,
    response: z.object({ runId: z.uuid() }),
    status: 202,
    errors: ['billing.month-closed', 'billing.run-in-progress'],
  },
  runs: { summary: "A municipality's latest runs", querystring: byMunicipality, response: z.array(Run) },
  run: { summary: 'One run and its progress', params: idParam, response: Run, errors: ['billing.run-not-found'] },
  month: { summary: "A month's invoices by status", querystring: monthBody, response: MonthSummary },
  monthWarnings: {
    summary: "The warnings of a month's latest finished run: every child billed, though not as it should be, by name",
    querystring: monthBody,
    response: MonthWarnings,
  },
  sendMonth: {
    summary:
      "Send a month's draft invoices (refused 409 billing.unbilled-children while a placed child cannot be billed)",
    body: monthBody,
    response: z.object({ sent: z.number() }),
  },
  closeMonth: {
    summary: 'Close a month (no more runs for it); refused for a month never billed or with unsent drafts',
    body: monthBody,
    response: z.object({ closed: z.boolean() }),
    errors: ['billing.unsent-invoices', 'billing.month-not-billed'],
  },
  reopenMonth: {
    summary:
      'Reopen a closed month with a reason (audited); refused once its invoices were exported to the debtor system',
    params: z.object({ month: monthQ }),
    body: z.object({
      municipality: muni,
      reason: z.string().trim().min(3, 'Angiv en begrundelse (mindst 3 tegn).').max(500),
    }),
    response: z.object({ closed: z.boolean(), reopenedAt: z.string() }),
    errors: ['billing.month-not-closed', 'billing.month-exported'],
  },
  invoices: {
    summary: 'Invoices of a municipality, a month or a payer',
    querystring: z.object({ municipality: muni, month: monthQ.optional(), payerId: z.uuid().optional() }),
    response: z.array(Invoice),
  },
  account: {
    summary: "A payer's account: incomes, invoices and balance",
    params: idParam,
    response: Account,
    errors: ['billing.payer-not-found'],
  },
  export: {
    summary: "A month's debtor export (JSON, or CSV with format=csv)",
    querystring: z.object({ municipality: muni, month: monthQ, format: z.enum(['csv', 'json']).default('json') }),
    response: z.union([DebtorExport, z.string().describe('text/csv')]),
  },
  setPlaceCost: {
    summary: "A year's §41 place cost of an age band",
    body: z.object({
      municipality: muni,
      year: z.number().int().min(2000).max(2100),
      ageBand,
      netOere: oere('Nettoudgiften'),
      grossOere: oere('Bruttoudgiften'),
      subsidyPercent: z.number().int().min(0).max(100, 'Tilskudsandelen kan højst være 100 %.'),
    }),
    response: z.object({ ok: z.boolean() }),
    status: 201,
  },
  settlement: {
    summary: "A month's §41 settlement statement per home municipality",
    querystring: z.object({ municipality: muni, month: monthQ }),
    response: Settlement,
  },
  lunch: { summary: "Each unit's lunch scheme over time", querystring: byMunicipality, response: z.array(LunchUnit) },
  placeCosts: { summary: 'The §41 place costs', querystring: byMunicipality, response: z.array(PlaceCost) },
  placeTerms: {
    summary: "A placement's billing terms (30-hour leave place)",
    params: placementParam,
    response: PlaceTerms,
  },
  setPlaceTerms: {
    summary: 'Mark a placement as a 30-hour leave place (orlovsplads) or not',
    params: placementParam,
    body: z.object({ leave30: z.boolean() }),
    response: PlaceTerms,
    errors: ['billing.placement-not-found', 'billing.leave30-not-daycare', 'billing.leave30-too-many-hours'],
  },
  apply: {
    summary: 'Apply for økonomisk friplads',
    body: z.object({
      yearlyOere: income,
      childrenUnder18: z.number().int().min(1, 'Husstanden skal have mindst ét barn under 18 år.').max(30),
      singleProvider: z.boolean(),
      wantedFrom: firstOfMonth,
    }),
    response: created,
    status: 201,
    errors: ['billing.friplads-past-month', 'billing.no-address', 'billing.application-open'],
  },
  myApplications: { summary: 'My household’s friplads applications', response: z.array(OwnApplication) },
  applications: {
    summary: 'Friplads applications by status',
    querystring: z.object({ status: applicationStatus.default('submitted') }),
    response: z.array(Application),
    errors: ['billing.no-scale'],
  },
  decide: {
    summary: 'Grant or reject a friplads application (a letter to the household)',
    params: idParam,
    body: z.object({
      grant: z.boolean(),
      start: firstOfMonth.nullable().default(null),
      note: z.string().max(1000).nullable().default(null),
    }),
    response: Decision,
    errors: ['billing.application-not-found', 'billing.application-decided', 'billing.no-scale'],
  },
  regulate: {
    summary: "Regulate a household's income (applies when it moves ≥ 5 steps on the scale)",
    body: z.object({ householdId: z.uuid(), yearlyOere: income, start: firstOfMonth }),
    response: Regulation,
    errors: ['billing.no-income-to-regulate', 'billing.no-scale'],
  },
  trueUp: {
    summary: "True up a past year with the household's final income",
    body: z.object({ householdId: z.uuid(), year: z.number().int().min(2000).max(2100), finalYearlyOere: income }),
    response: z.object({ payPercent: z.number() }),
    errors: ['billing.year-not-over', 'billing.household-not-found', 'billing.no-income-in-year', 'billing.no-scale'],
  },
  myPayment: { summary: 'What I pay this month and why, and my invoices', response: MyPayment },
} as const;
