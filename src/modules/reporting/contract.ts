// The reporting API (Danmarks Statistik and FLIS extracts, deliveries, normering): request and response schemas and
// refusal codes. The web imports these types.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';

export const reportingError = domainErrors({
  'reporting.no-rules': 'conflict',
  'reporting.month-not-started': 'invalid',
  'reporting.invalid-extract': 'conflict',
  'reporting.unknown-municipality': 'not-found',
  'reporting.unit-not-found': 'not-found',
  'reporting.delivery-not-found': 'not-found',
});

const muni = z.string().regex(/^\d{4}$/);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const kind = z.enum(['ds', 'flis']);
const num = z.number();

export const Figure = z.object({
  children: num.describe('full-time-equivalent children'),
  adults: num.describe('pedagogical full-time persons, leaders weighted'),
  childrenPerAdult: num.nullable(),
});
export type Figure = z.infer<typeof Figure>;

export const Delivery = z.object({
  id: z.uuid(),
  kind,
  month: z.iso.date(),
  version: z.number().int(),
  checksum: z.string(),
  status: z.enum(['delivered', 'failed']),
  correction: z.boolean(),
  receipt: z.string().nullable(),
  createdAt: z.string(),
});
export type Delivery = z.infer<typeof Delivery>;

export const UnitFigures = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  type: z.string(),
  children: z.number().int(),
  fte: num,
  groups: z.array(
    z.object({
      placeType: z.string(),
      rateType: z.enum(['full', 'part', 'leave30']),
      discount: z.enum(['none', 'friplads', 'sibling', 'both']),
      ageYears: z.number().int(),
      ageMonths: z.number().int(),
      children: z.number().int(),
      fte: num,
    }),
  ),
  dagplejere: z.array(z.object({ dagplejerId: z.uuid(), name: z.string(), children: z.number().int() })),
  staff: z.array(z.object({ jobType: z.string(), persons: z.number().int(), fte: num })),
  normering: z.object({ '0-2': Figure, '3-5': Figure }),
});
export type UnitFigures = z.infer<typeof UnitFigures>;

export const ExtractPreview = z.object({
  municipality: z.string(),
  month: z.iso.date(),
  kind,
  totals: z.object({ units: z.number().int(), children: z.number().int(), fte: num, staffFte: num }),
  units: z.array(UnitFigures),
  payload: z.string(),
  checksum: z.string(),
  errors: z.array(z.string()),
  latest: Delivery.nullable(),
  /** The extract differs from the latest delivery (delivering it would be a correction). */
  changedSinceDelivery: z.boolean(),
});
export type ExtractPreview = z.infer<typeof ExtractPreview>;

export const Overview = z.object({
  municipality: z.string(),
  rows: z.array(
    z.object({
      month: z.iso.date(),
      kind,
      status: z.enum(['pending', 'delivered', 'changed']),
      latest: Delivery.nullable(),
    }),
  ),
});
export type Overview = z.infer<typeof Overview>;

export const NormeringMonth = z.object({ month: z.iso.date(), '0-2': Figure, '3-5': Figure });
export const Normering = z.object({
  scope: z.object({ kind: z.enum(['municipality', 'unit']), id: z.string(), name: z.string() }),
  minimum: z.object({ '0-2': num, '3-5': num }),
  leaderWeightPercent: z.number().int(),
  months: z.array(NormeringMonth),
  /** Over the 12 months: all FTE children over all adults. */
  yearly: z.object({ '0-2': num.nullable(), '3-5': num.nullable() }),
  units: z.array(z.object({ id: z.uuid(), number: z.string(), name: z.string(), '0-2': Figure, '3-5': Figure })),
});
export type Normering = z.infer<typeof Normering>;

const MuniParams = z.object({ municipality: muni });

export const reportingContract = {
  municipalities: {
    summary: 'Municipalities with units, for the reporting pages',
    response: z.array(z.object({ code: z.string(), name: z.string() })),
  },
  overview: {
    summary: "This and the two previous months' deliveries to Danmarks Statistik and FLIS, with their status",
    params: MuniParams,
    response: Overview,
    errors: ['reporting.no-rules', 'reporting.unknown-municipality'],
  },
  preview: {
    summary: "A month's extract as it would be delivered (figures per unit, the payload and its validation)",
    params: MuniParams,
    querystring: z.object({ month, kind: kind.default('ds') }),
    response: ExtractPreview,
    errors: ['reporting.no-rules', 'reporting.month-not-started', 'reporting.unknown-municipality'],
  },
  deliver: {
    summary: "Deliver a month's extract: the same payload again is a no-op, a changed one a new version (correction)",
    params: MuniParams,
    body: z.object({ month, kind }),
    response: z.object({ outcome: z.enum(['delivered', 'unchanged']), delivery: Delivery }),
    errors: [
      'reporting.no-rules',
      'reporting.month-not-started',
      'reporting.invalid-extract',
      'reporting.unknown-municipality',
    ],
  },
  deliverKinds: {
    summary:
      "Deliver a month's extracts to several receivers at once (DS and FLIS): the figures computed once, each kind delivered as one by one (unchanged, first or correction); any invalid: none is delivered",
    params: MuniParams,
    body: z.object({
      month,
      kinds: z
        .array(kind)
        .min(1)
        .max(2)
        .refine((k) => new Set(k).size === k.length, 'each kind once'),
    }),
    response: z.object({
      results: z.array(z.object({ outcome: z.enum(['delivered', 'unchanged']), delivery: Delivery })),
    }),
    errors: [
      'reporting.no-rules',
      'reporting.month-not-started',
      'reporting.invalid-extract',
      'reporting.unknown-municipality',
    ],
  },
  deliveries: {
    summary: 'The delivery log of a municipality, newest month first',
    params: MuniParams,
    response: z.array(Delivery),
    errors: ['reporting.unknown-municipality'],
  },
  deliveryPayload: {
    summary: 'The payload of one delivery, as it was sent',
    params: z.object({ municipality: muni, id: z.uuid() }),
    response: z.object({ kind, month: z.iso.date(), version: z.number().int(), payload: z.string() }),
    errors: ['reporting.delivery-not-found'],
  },
  municipalityNormering: {
    summary: "The municipality's normering over the 12 months up to a month, and each unit's in that month",
    params: MuniParams,
    querystring: z.object({ month: month.optional() }),
    response: Normering,
    errors: ['reporting.no-rules', 'reporting.unknown-municipality'],
  },
  unitNormering: {
    summary: "A unit's normering over the 12 months up to a month",
    params: z.object({ unitId: z.uuid() }),
    querystring: z.object({ month: month.optional() }),
    response: Normering,
    errors: ['reporting.no-rules', 'reporting.unit-not-found'],
  },
} as const;
