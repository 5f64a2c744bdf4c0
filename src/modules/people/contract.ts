// The people API: request and response schemas, refusal codes. The web imports these types.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';
import { HistoryEntry } from '../../platform/history/contract.js';

const id = z.guid();
const date = z.iso.date();
const Address = z.object({ street: z.string(), postalCode: z.string(), city: z.string() });

/** A child's current or future place. */
export const Placement = z.object({
  id,
  childId: id,
  unitId: id,
  unitName: z.string(),
  unitType: z.enum([
    'dagpleje',
    'vuggestue',
    'boernehave',
    'integreret',
    'landsbyordning',
    'fritidshjem',
    'sfo',
    'klub',
  ]),
  kind: z.enum(['dagtilbud', 'fritidstilbud', 'klub']),
  start: date,
  end: date.nullable(),
  hoursPerWeek: z.number(),
});
export type Placement = z.infer<typeof Placement>;

export const CitizenChild = z.object({
  id,
  firstName: z.string(),
  lastName: z.string(),
  birthDate: date,
  ageMonths: z.number(),
  placements: z.array(Placement),
});
export type CitizenChild = z.infer<typeof CitizenChild>;

/** A search hit: the CPR number only masked. */
export const PersonHit = z.object({
  id,
  firstName: z.string(),
  lastName: z.string(),
  birthDate: date,
  cprMasked: z.string().nullable(),
  isChild: z.boolean(),
  unitName: z.string().nullable(),
});
export type PersonHit = z.infer<typeof PersonHit>;

export const ChildDetail = z.object({
  id,
  firstName: z.string(),
  lastName: z.string(),
  birthDate: date,
  ageMonths: z.number(),
  sex: z.enum(['female', 'male']),
  cprMasked: z.string().nullable(),
  address: Address.nullable(),
  guardians: z.array(
    z.object({
      id,
      firstName: z.string(),
      lastName: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
  ),
  siblings: z.array(z.object({ id, firstName: z.string(), lastName: z.string(), birthDate: date })),
  placements: z.array(Placement),
  history: z.array(HistoryEntry),
});
export type ChildDetail = z.infer<typeof ChildDetail>;

export const peopleError = domainErrors({
  'people.invalid-cpr': 'invalid',
  'people.child-not-found': 'not-found',
});

const idParams = z.object({ id: z.uuid() });

export const peopleContract = {
  myChildren: { summary: 'The children in my custody, with places', response: z.array(CitizenChild) },
  search: {
    summary:
      'Find children and guardians by name or CPR number (in the body, never in a URL); unit roles: children of their units',
    body: z.object({ query: z.string().trim().min(2).max(100) }),
    response: z.array(PersonHit),
    errors: ['people.invalid-cpr'],
  },
  child: {
    summary: "A child's page: facts, guardians, siblings, places and history",
    params: idParams,
    response: ChildDetail,
    errors: ['people.child-not-found'],
  },
  renameChild: {
    summary: "Correct a child's name",
    params: idParams,
    body: z
      .object({ firstName: z.string().trim().min(1).max(100), lastName: z.string().trim().min(1).max(100) })
      .strict(),
    response: ChildDetail,
    errors: ['people.child-not-found'],
  },
} as const;
