// The register's import (preview and apply) and the deliveries of Spire's changes to STIL's Dagtilbudsregister.
import { z } from 'zod';

const id = z.guid();
export const RegisterLevel = z.enum(['daginstitution', 'anvisningsenhed', 'alternativ_adresse']);

export const PlanAction = z.enum(['create', 'update', 'unchanged', 'close']);
export const PlanCounts = z.object({
  create: z.number(),
  update: z.number(),
  unchanged: z.number(),
  close: z.number(),
});
export const ImportRowError = z.object({
  level: z.enum(['daginstitution', 'anvisningsenhed', 'alternativ_adresse', 'fil']),
  row: z.number().nullable(),
  number: z.string().nullable(),
  code: z.enum([
    'invalid-field',
    'unknown-code',
    'duplicate-number',
    'missing-parent',
    'other-municipality',
    'number-taken',
    'children-after-closing',
    'unknown-format',
  ]),
  field: z.string().nullable(),
  value: z.string().nullable(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;
export const ImportPlanRow = z.object({
  level: RegisterLevel,
  number: z.string(),
  name: z.string(),
  municipalityCode: z.string(),
  action: PlanAction,
  changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
});
export type ImportPlanRow = z.infer<typeof ImportPlanRow>;
export const ImportPreview = z.object({
  municipalityCode: z.string().nullable(),
  source: z.string(),
  counts: PlanCounts,
  errors: z.array(ImportRowError),
  /** Rows matching the filter; `rows` is one page of them. */
  total: z.number(),
  rows: z.array(ImportPlanRow),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
export const Scope = z.string().regex(/^(\d{4}|all)$/, 'En kommunekode (4 cifre) eller all.');

export const DeliveryStatus = z.enum(['queued', 'sent', 'accepted', 'refused']);
export const Delivery = z.object({
  id,
  seq: z.number(),
  municipalityCode: z.string(),
  level: RegisterLevel,
  operation: z.enum(['create', 'update', 'close']),
  number: z.string(),
  status: DeliveryStatus,
  errors: z.array(z.object({ field: z.string().nullable(), code: z.string(), text: z.string() })),
  attempts: z.number(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  payload: z.json(),
});
export type Delivery = z.infer<typeof Delivery>;
export const DeliveryLog = z.object({
  counts: z.partialRecord(DeliveryStatus, z.number()),
  total: z.number(),
  rows: z.array(Delivery),
});
export type DeliveryLog = z.infer<typeof DeliveryLog>;
