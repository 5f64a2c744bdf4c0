// `spire fees --in household.json`: one household's monthly fee breakdown per child, from the same rules
// the billing run uses. Format: docs/formats/fees.md.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { kroner, type Oere } from '../../shared/index.js';
import { monthlyFees } from './fees.js';
import { fripladsPercent, type FripladsScale } from './friplads.js';
import { FRIPLADS_SCALES } from './scales.js';

const kr = z
  .number()
  .nonnegative()
  .refine(
    (n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6,
    'at most 2 decimals',
  );
const input = z
  .object({
    year: z.number().int().min(2000).max(2100),
    scale: z.object({ lowerLimit: kr, upperLimit: kr, perExtraChild: kr, singleProviderSupplement: kr }).optional(),
    household: z.object({
      income: kr,
      childrenUnder18: z.number().int().min(1).max(30),
      singleProvider: z.boolean().default(false),
    }),
    children: z
      .array(
        z.object({
          id: z.string().min(1),
          kind: z.enum(['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'sfo', 'fritidshjem', 'klub']),
          rate: kr,
          lunch: kr.default(0),
          socialFripladsPercent: z.number().min(0).max(100).default(0),
        }),
      )
      .min(1),
  })
  .strict();

const out = (o: Oere) => ({ kr: o / 100, oere: o });

export function feesFromJson(json: unknown) {
  const i = input.parse(json);
  const scale: FripladsScale | undefined = i.scale
    ? {
        year: i.year,
        steps: 95,
        firstStepPercent: 5,
        lowerLimit: kroner(i.scale.lowerLimit),
        upperLimit: kroner(i.scale.upperLimit),
        perExtraChild: kroner(i.scale.perExtraChild),
        singleProviderSupplement: kroner(i.scale.singleProviderSupplement),
      }
    : FRIPLADS_SCALES[i.year];
  if (!scale)
    throw new Error(
      `no friplads scale for ${i.year}: give "scale" in the input (known years: ${Object.keys(FRIPLADS_SCALES).join(', ')})`,
    );
  const household = {
    income: kroner(i.household.income),
    childrenUnder18: i.household.childrenUnder18,
    singleProvider: i.household.singleProvider,
  };
  const limits = fripladsPercent(scale, household);
  const fees = monthlyFees(
    scale,
    household,
    i.children.map((c) => ({
      childId: c.id,
      kind: c.kind,
      rate: kroner(c.rate),
      lunch: kroner(c.lunch),
      socialFripladsPercent: c.socialFripladsPercent,
    })),
  );
  return {
    year: i.year,
    payPercent: fees.payPercent,
    fripladsStep: fees.fripladsStep,
    limits: { lower: out(limits.lowerLimit), upper: out(limits.upperLimit) },
    children: fees.children.map((c) => ({
      id: c.childId,
      lines: c.lines.map((l) => ({ code: l.code, text: l.text, amount: out(l.amount) })),
      total: out(c.total),
    })),
    total: out(fees.total),
  };
}

export function feesCli(args: string[]): number {
  const at = args.indexOf('--in');
  if (at < 0 || !args[at + 1]) {
    console.error('usage: spire fees --in household.json');
    return 2;
  }
  try {
    console.log(JSON.stringify(feesFromJson(JSON.parse(readFileSync(args[at + 1]!, 'utf8'))), null, 2));
    return 0;
  } catch (e: any) {
    console.error(e instanceof z.ZodError ? z.prettifyError(e) : e.message);
    return 2;
  }
}
