// Refusal codes from the API (each module's contract.ts) as text: [da, en]. `satisfies` makes the compiler stop a
// module that adds a code without its texts.
import type { settingsError } from '../../../src/modules/settings/contract.js';

type Code = keyof typeof settingsError.codes;

export const errorTexts = {
  'err.settings.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
} satisfies Record<`err.${Code}`, readonly [string, string]>;
