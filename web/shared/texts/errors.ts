// Refusal codes from the API (each module's contract.ts) as text: [da, en]. `satisfies` makes the compiler stop a
// module that adds a code without its texts.
import type { settingsError } from '../../../src/modules/settings/contract.js';
import type { registryError } from '../../../src/modules/registry/contract.js';
import type { peopleError } from '../../../src/modules/people/contract.js';

type Code = keyof typeof settingsError.codes
  | keyof typeof registryError.codes
  | keyof typeof peopleError.codes;

export const errorTexts = {
  'err.settings.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.registry.unit-not-found': ['Enheden findes ikke.', 'The unit does not exist.'],
  'err.registry.nothing-to-change': ['Intet at ændre.', 'Nothing to change.'],
  'err.registry.end-before-start': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'err.registry.capacity-overlap': ['Perioden overlapper en eksisterende kapacitetsperiode for samme aldersgruppe.', 'The period overlaps an existing capacity period for the same age group.'],
  'err.registry.daginstitution-not-found': ['Daginstitutionen findes ikke.', 'The daginstitution does not exist.'],
  'err.registry.daginstitution-closed': ['Daginstitutionen er lukket.', 'The daginstitution is closed.'],
  'err.registry.closed-before-opened': ['Lukkedatoen ligger før åbningsdatoen.', 'The closing date is before the opening date.'],
  'err.registry.children-after-closing': ['Enheden har børn indskrevet efter lukkedatoen. Flyt eller udmeld dem først.', 'Children are enrolled in the unit after the closing date. Move or unenrol them first.'],
  'err.people.invalid-cpr': ['Ugyldigt CPR-nummer: fødselsdatoen findes ikke eller ligger i fremtiden.', 'Invalid CPR number: the date of birth does not exist or is in the future.'],
  'err.people.child-not-found': ['Barnet findes ikke.', 'The child does not exist.'],
} satisfies Record<`err.${Code}`, readonly [string, string]>;
