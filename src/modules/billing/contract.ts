// The billing API (finance staff, friplads casework, parents): request and response schemas, refusal codes.
// The web imports these types.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';
import {
  muni,
  monthQ,
  period,
  oere,
  kind,
  ageBand,
  hours,
  incomeSource,
  income,
  firstOfMonth,
  byMunicipality,
  monthBody,
  idParam,
  placementParam,
  created,
} from './contract/fields.js';
import {
  Municipality,
  Rates,
  Invoice,
  MonthWarnings,
  Preview,
  Run,
  MonthSummary,
  Account,
  DebtorExport,
  Settlement,
  PlaceCost,
  LunchUnit,
  PlaceTerms,
  applicationStatus,
  OwnApplication,
  Application,
  Decision,
  Regulation,
  MyPayment,
} from './contract/responses.js';

export * from './contract/responses.js';

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
