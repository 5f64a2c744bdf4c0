// The field schemas every part of the subsidies contract uses.
import { z } from 'zod';

export const id = z.uuid();
export const date = z.iso.date();
export const muni = z.string().regex(/^\d{4}$/);
export const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .transform((m) => m + '-01');
export const oere = z.number().int().min(0).max(100_000_000_000);
export const text = (max: number) => z.string().trim().min(1).max(max);
export const status = z.enum(['applied', 'approved', 'refused', 'stopped']);
export const caseParams = z.object({ id });
export const municipalityMonth = z.object({ municipality: muni, month });
