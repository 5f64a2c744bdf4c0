// The Unilogin / Aula API: preview of a roster delivery, delivery (full, delta, komme/gå), the log and "Send igen".
// The web imports these types.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';

export const uniloginError = domainErrors({
  'unilogin.unknown-municipality': 'not-found',
  'unilogin.delivery-not-found': 'not-found',
  'unilogin.not-retryable': 'conflict',
  'unilogin.superseded': 'conflict',
  'unilogin.future-day': 'invalid',
});

const muni = z.string().regex(/^\d{4}$/);
const MuniParams = z.object({ municipality: muni });
const kind = z.enum(['full', 'delta', 'presence']);
const status = z.enum(['sent', 'accepted', 'refused', 'failed']);
const outcome = z.enum(['accepted', 'refused', 'failed', 'unchanged']);

export const UniloginProblem = z.object({
  field: z.string().nullable(),
  code: z.string(),
  text: z.string(),
  personId: z.string().nullable().optional(),
});

export const UniloginDelivery = z.object({
  id: z.uuid(),
  kind,
  date: z.iso.date(),
  status,
  persons: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  errors: z.array(UniloginProblem),
  attempts: z.number().int(),
  receipt: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type UniloginDelivery = z.infer<typeof UniloginDelivery>;

export const UniloginPreview = z.object({
  municipality: z.string(),
  date: z.iso.date(),
  unchanged: z.boolean().describe('the roster is the same as the last accepted delivery: sending is a no-op'),
  lastAccepted: z.uuid().nullable(),
  counts: z.object({
    persons: z.number().int(),
    children: z.number().int(),
    guardians: z.number().int(),
    employees: z.number().int(),
    institutions: z.number().int(),
    added: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
  }),
  errors: z.array(UniloginProblem),
  changes: z.array(
    z.object({
      id: z.uuid(),
      type: z.enum(['child', 'guardian', 'employee']),
      role: z.string(),
      name: z.string(),
      change: z.enum(['added', 'changed', 'removed']),
      institutions: z.array(z.string()),
      protected: z.boolean(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type UniloginPreview = z.infer<typeof UniloginPreview>;

export const UniloginLog = z.object({ rows: z.array(UniloginDelivery), total: z.number().int() });
export type UniloginLog = z.infer<typeof UniloginLog>;

export const UniloginResult = z.object({ outcome, delivery: UniloginDelivery.nullable() });
export type UniloginResult = z.infer<typeof UniloginResult>;

const page = z.coerce.number().int().min(1).max(100000).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(50);

export const uniloginContract = {
  preview: {
    summary: "The municipality's roster today against the last accepted Unilogin delivery (counts, errors, a page)",
    params: MuniParams,
    querystring: z.object({ page, pageSize }),
    response: UniloginPreview,
    errors: ['unilogin.unknown-municipality'],
  },
  deliver: {
    summary: 'Deliver the roster (full or delta) to Unilogin, or a day of komme/gå to Aula; unchanged is a no-op',
    params: MuniParams,
    body: z.object({ kind, date: z.iso.date().optional() }),
    response: UniloginResult,
    errors: ['unilogin.unknown-municipality', 'unilogin.future-day'],
  },
  deliveries: {
    summary: 'The Unilogin / Aula delivery log of a municipality, newest first, with the answers',
    params: MuniParams,
    querystring: z.object({ page, pageSize }),
    response: UniloginLog,
    errors: ['unilogin.unknown-municipality'],
  },
  retry: {
    summary: 'Send a refused or failed delivery again, built anew from the data as it is now',
    params: z.object({ municipality: muni, id: z.uuid() }),
    response: UniloginResult,
    errors: ['unilogin.delivery-not-found', 'unilogin.not-retryable', 'unilogin.superseded'],
  },
} as const;
