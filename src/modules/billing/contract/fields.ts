// Request and response pieces the billing contract's schemas share.
import { z } from 'zod';

export const muni = z.string().regex(/^\d{4}$/, 'Kommunekode skal være 4 cifre.');
export const monthQ = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Måned skal skrives ÅÅÅÅ-MM.')
  .transform((m) => m + '-01');
export const date = z.iso.date();
export const period = { start: date, end: date.nullable().default(null) };
export const oere = (what: string) =>
  z.number().int(`${what} skal angives i hele øre.`).min(0, `${what} kan ikke være negativ.`).max(100_000_000_000);
export const kind = z.enum(['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'sfo', 'fritidshjem', 'klub']);
export const ageBand = z.enum(['0-2', '3-5', '6-9', '10-13', '14-17']);
export const hours = z.enum(['full', 'part', 'leave30']);
export const incomeSource = z.enum(['application', 'regulation', 'final', 'estimate']);
export const income = z
  .number()
  .int('Indkomsten skal angives i hele øre.')
  .min(0, 'Indkomsten kan ikke være negativ.')
  .max(100_000_000_000, 'Indkomsten kan højst være 1.000.000.000 kr. om året. Tjek beløbet.');
export const firstOfMonth = z.iso.date().refine((d) => d.endsWith('-01'), 'Ændringer gælder fra den 1. i en måned.');
export const byMunicipality = z.object({ municipality: muni });
export const monthBody = z.object({ municipality: muni, month: monthQ });
export const idParam = z.object({ id: z.uuid() });
export const placementParam = z.object({ placementId: z.uuid() });
export const isoDate = z.string();
export const periodOut = { start: isoDate, end: isoDate.nullable() };
export const created = z.object({ id: z.string() });
