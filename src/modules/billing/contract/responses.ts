// The billing API's responses (the web imports these types).
import { z } from 'zod';
import { kind, ageBand, hours, incomeSource, isoDate, periodOut } from './fields.js';

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

export const applicationStatus = z.enum(['submitted', 'granted', 'rejected']);
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
