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
  /** Null when there is none, or when it is protected (navne- og adressebeskyttelse) and the reader does not need it. */
  address: Address.nullable(),
  addressProtected: z.boolean(),
  /** From the CPR register: died or emigrated on (status 90 / 80). */
  diedOn: date.nullable(),
  emigratedOn: date.nullable(),
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
  'people.cpr-file-other-municipality': 'forbidden',
  'people.invalid-cpr': 'invalid',
  'people.child-not-found': 'not-found',
  'people.cpr-unknown': 'not-found',
  'people.cpr-unavailable': 'conflict',
  'people.cpr-file-malformed': 'invalid',
  'people.cpr-file-out-of-order': 'conflict',
  'people.no-cpr': 'invalid',
  'people.cpr-no-initial-load': 'conflict',
});

/** What the register says about one person (the CPR page's look-up; the number only masked). */
export const CprPersonView = z.object({
  cprMasked: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: date,
  status: z.enum(['active', 'emigrated', 'dead', 'inactive']),
  addressProtected: z.boolean(),
  /** "Adressebeskyttet" people: null. */
  address: z
    .object({ street: z.string(), postalCode: z.string(), city: z.string(), municipalityCode: z.string() })
    .nullable(),
  municipalityCode: z.string().nullable(),
  /** Known to Spire already (its id), else null. */
  personId: id.nullable(),
  children: z.array(z.object({ cprMasked: z.string() })),
  custodyHolders: z.array(z.object({ cprMasked: z.string(), since: date })),
});
export type CprPersonView = z.infer<typeof CprPersonView>;

export const ImportResult = z.object({
  personId: id,
  people: z.array(
    z.object({ id, firstName: z.string(), lastName: z.string(), isChild: z.boolean(), created: z.boolean() }),
  ),
  changes: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ChangeRecordOutcome = z.object({
  recordNo: z.number().int().nullable(),
  event: z.string().nullable(),
  outcome: z.enum(['applied', 'unchanged', 'skipped', 'error']),
  /** skipped/error: unknown-person, unknown-holder, invalid (with the field), duplicate-record-no. */
  reason: z.string().nullable(),
  personId: id.nullable(),
});
export const ChangeFileReport = z.object({
  fileId: z.string(),
  sequence: z.number().int(),
  /** applied: in one transaction; already-applied: a second delivery, nothing changed; rejected: malformed, nothing applied. */
  status: z.enum(['applied', 'already-applied', 'rejected']),
  counts: z.object({ applied: z.number(), unchanged: z.number(), skipped: z.number(), error: z.number() }),
  inboxTasks: z.number().int(),
  records: z.array(ChangeRecordOutcome),
});
export type ChangeFileReport = z.infer<typeof ChangeFileReport>;

/** The citizen's insight request (GDPR art. 15): all data about me and my children. Sections owned by other modules
 *  are their own citizen answers, as those modules' contracts describe them. */
export const Insight = z.object({
  generatedOn: date,
  me: z.object({
    id,
    firstName: z.string(),
    lastName: z.string(),
    birthDate: date,
    cprMasked: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: Address.nullable(),
    addressProtected: z.boolean(),
  }),
  children: z.array(
    z.object({
      id,
      firstName: z.string(),
      lastName: z.string(),
      birthDate: date,
      cprMasked: z.string().nullable(),
      /** Null when protected and the child does not live with me. */
      address: Address.nullable(),
      addressProtected: z.boolean(),
      placements: z.array(Placement),
      attendance: z.json().nullable(),
    }),
  ),
  applications: z.json().nullable(),
  bookings: z.json().nullable(),
  payment: z.json().nullable(),
  letters: z.json().nullable(),
  accessLog: z.array(
    z.object({ at: z.string(), role: z.string().nullable(), who: z.string().nullable(), action: z.string() }),
  ),
});
export type Insight = z.infer<typeof Insight>;

const CprBody = z.object({ cpr: z.string().trim().min(10).max(11) }).strict();

const idParams = z.object({ id: z.uuid() });

export const peopleContract = {
  myChildren: { summary: 'The children in my custody, with places', response: z.array(CitizenChild) },
  insight: { summary: 'All data about me and my children (GDPR insight request), as JSON', response: Insight },
  insightPdf: {
    summary: 'All data about me and my children (GDPR insight request), as a readable PDF',
    response: z.string().describe('application/pdf'),
  },
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
  cprLookup: {
    summary: 'Look a person up in the CPR register (SF1520); the number in the body, never in a URL',
    body: CprBody,
    response: CprPersonView,
    errors: ['people.invalid-cpr', 'people.cpr-unknown', 'people.cpr-unavailable'],
  },
  cprImport: {
    summary:
      'Create or update a person and the family (children under 18, custody holders, homes) from the CPR register',
    body: CprBody,
    response: ImportResult,
    errors: ['people.invalid-cpr', 'people.cpr-unknown', 'people.cpr-unavailable'],
  },
  cprRefreshChild: {
    summary: "Fetch a child and the family from the CPR register again ('Hent fra CPR')",
    params: idParams,
    response: ImportResult,
    errors: ['people.child-not-found', 'people.no-cpr', 'people.cpr-unknown', 'people.cpr-unavailable'],
  },
  cprApplyFile: {
    summary:
      'Apply a CPR change file (SF6002 shape, docs/formats/cpr.md) in one transaction; a second delivery changes nothing',
    body: z.object({ file: z.unknown() }).strict(),
    response: ChangeFileReport,
    errors: ['people.cpr-file-malformed', 'people.cpr-file-out-of-order'],
  },
  cprInitialLoad: {
    summary:
      "The CPR initial load of the actor's municipality (children under 18 living there, with their families), one batch of families from `offset`; call again with `next` until it is null",
    body: z.object({ offset: z.number().int().min(0).max(1_000_000) }).strict(),
    response: z.object({
      total: z.number().int(),
      done: z.number().int(),
      next: z.number().int().nullable(),
      created: z.number().int(),
      changes: z.number().int(),
    }),
    errors: ['people.cpr-no-initial-load', 'people.cpr-unknown', 'people.cpr-unavailable'],
  },
  cprFetchFiles: {
    summary: 'Fetch and apply the change files the register has delivered since the last one applied',
    response: z.array(ChangeFileReport),
    errors: ['people.cpr-file-malformed', 'people.cpr-file-out-of-order', 'people.cpr-unavailable'],
  },
  cprFiles: {
    summary: 'The CPR change files applied, newest first',
    response: z.array(
      z.object({
        fileId: z.string(),
        sequence: z.number().int(),
        createdOn: date,
        appliedOn: date,
        report: ChangeFileReport,
      }),
    ),
  },
} as const;
