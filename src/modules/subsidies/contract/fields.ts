// The field schemas every part of the subsidies contract uses.
import { z } from 'zod';

export const id = z.uuid();
export const date = z.iso.date();
export const muni = z.string().regex(/^\d{4}$/);
export const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .transform((m) => m + '-01');
/** An amount in øre; the messages are shown at the form's field (a 400 names it). */
export const oere = z
  .number({ error: 'Skriv et beløb i kroner, fx 1.234,50.' })
  .int('Beløbet kan højst have to decimaler (øre).')
  .min(0, 'Beløbet kan ikke være negativt.')
  .max(100_000_000_000, 'Beløbet kan højst være 1.000.000.000 kr.');
export const text = (max: number) =>
  z.string().trim().min(1, 'Feltet skal udfyldes.').max(max, `Skriv højst ${max} tegn.`);
export const status = z.enum(['applied', 'approved', 'refused', 'stopped']);
export const caseParams = z.object({ id });
export const municipalityMonth = z.object({ municipality: muni, month });
