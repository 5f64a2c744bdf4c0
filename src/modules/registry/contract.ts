// The register API: request and response schemas, refusal codes. The web imports these types.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';
import { HistoryEntry } from '../../platform/history/contract.js';
import {
  Delivery,
  DeliveryLog,
  DeliveryStatus,
  ImportPreview,
  PlanAction,
  PlanCounts,
  Scope,
} from './contract/register.js';
export * from './contract/register.js';

export const UNIT_TYPES = [
  'dagpleje',
  'vuggestue',
  'boernehave',
  'integreret',
  'landsbyordning',
  'fritidshjem',
  'sfo',
  'klub',
] as const;
const AGE_BAND = ['0-2', '3-5', '6-9', '10-13', '14-17'] as const;
const WEEKDAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const id = z.guid();
const date = z.iso.date();
export const UnitType = z.enum(UNIT_TYPES);
export const Ejerform = z.enum(['kommunal', 'selvejende', 'privat', 'udliciteret']);
export const Lovgrundlag = z.enum([
  'dtl_19_2',
  'dtl_19_3',
  'dtl_19_4',
  'dtl_19_5',
  'dtl_21',
  'dtl_52',
  'dtl_66',
  'fsl_3_4',
]);
export const AgeBand = z.enum(AGE_BAND);
/** Places or children per age band (bands without any are left out). */
export const Places = z.partialRecord(AgeBand, z.number());
export type Places = z.infer<typeof Places>;
const Address = z.object({ street: z.string(), postalCode: z.string(), city: z.string() });

export const Area = z.object({ id, name: z.string() });
export type Area = z.infer<typeof Area>;

export const StaffUnitRow = z.object({
  id,
  number: z.string(),
  name: z.string(),
  type: UnitType,
  ejerform: Ejerform,
  daginstitutionName: z.string(),
  areaName: z.string().nullable(),
  city: z.string(),
  places: z.number(),
  enrolled: z.number(),
});
export type StaffUnitRow = z.infer<typeof StaffUnitRow>;

export const CapacityPeriod = z.object({ id, ageBand: AgeBand, places: z.number(), start: date, end: date.nullable() });
export type CapacityPeriod = z.infer<typeof CapacityPeriod>;

export const UnitDetail = Address.extend({
  id,
  number: z.string(),
  name: z.string(),
  type: UnitType,
  ejerform: Ejerform,
  areaId: id.nullable(),
  areaName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  openingHours: z.partialRecord(z.enum(WEEKDAY), z.tuple([z.string(), z.string()])),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  instType3: z.number(),
  cvr: z.string().nullable(),
  pNumber: z.string().nullable(),
  darId: z.string().nullable(),
  closedOn: date.nullable(),
  daginstitution: z.object({
    id,
    number: z.string(),
    name: z.string(),
    isCluster: z.boolean(),
    lovgrundlag: Lovgrundlag,
    closedOn: date.nullable(),
  }),
  sections: z.array(z.object({ id, name: z.string(), minAgeMonths: z.number(), maxAgeMonths: z.number() })),
  /** Alternative addresses valid today or later. */
  alternativeAddresses: z.array(
    Address.extend({
      id,
      number: z.string().nullable(),
      darId: z.string().nullable(),
      start: date,
      end: date.nullable(),
    }),
  ),
  capacity: z.array(CapacityPeriod),
  enrolled: Places,
  history: z.array(HistoryEntry),
});
export type UnitDetail = z.infer<typeof UnitDetail>;

export const CitizenUnit = Address.extend({
  id,
  number: z.string(),
  name: z.string(),
  type: UnitType,
  ejerform: Ejerform,
  areaId: id.nullable(),
  areaName: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  distanceKm: z.number().nullable(),
  places: Places,
});
export type CitizenUnit = z.infer<typeof CitizenUnit>;
/** The logged-in guardian's home (for distances), or null. */
export const Home = Address.extend({
  id,
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  municipalityCode: z.string(),
});
export const CitizenUnits = z.object({ home: Home.nullable(), units: z.array(CitizenUnit) });
export type CitizenUnits = z.infer<typeof CitizenUnits>;

export const Daginstitution = z.object({
  id,
  number: z.string(),
  name: z.string(),
  ejerform: Ejerform,
  isCluster: z.boolean(),
});
export type Daginstitution = z.infer<typeof Daginstitution>;

export const registryError = domainErrors({
  'registry.unit-not-found': 'not-found',
  'registry.nothing-to-change': 'invalid',
  'registry.end-before-start': 'invalid',
  'registry.capacity-overlap': 'conflict',
  'registry.daginstitution-not-found': 'invalid',
  'registry.daginstitution-closed': 'invalid',
  'registry.closed-before-opened': 'invalid',
  'registry.children-after-closing': 'invalid',
  'registry.number-taken': 'conflict',
  'registry.daginstitution-has-open-units': 'invalid',
  'registry.alternative-address-not-found': 'not-found',
  'registry.import-has-errors': 'invalid',
  'registry.import-stale': 'conflict',
  'registry.register-unavailable': 'conflict',
  'registry.delivery-not-found': 'not-found',
  'registry.delivery-not-refused': 'conflict',
});

const registerNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{6}$/, 'Nummeret skal være 6 tegn (A–Z, 0–9).');
const idParams = z.object({ id: z.uuid() });

export const registryContract = {
  staffUnits: {
    summary: 'Open units with their daginstitution, places and children enrolled today (unit roles: their own units)',
    querystring: z.object({
      q: z.string().max(100).optional(),
      type: UnitType.optional(),
      areaId: z.uuid().optional(),
    }),
    response: z.array(StaffUnitRow),
  },
  unit: {
    summary: 'A unit: register facts, sections, capacity periods, enrolled children per band and history',
    params: idParams,
    response: UnitDetail,
    errors: ['registry.unit-not-found'],
  },
  updateUnit: {
    summary: "Change a unit's name, contact details or address",
    params: idParams,
    body: z
      .object({
        name: z.string().trim().min(1).max(132).optional(),
        email: z.email().nullable().optional(),
        phone: z.string().max(30).nullable().optional(),
        street: z.string().trim().min(1).max(200).optional(),
        postalCode: z
          .string()
          .regex(/^\d{4}$/)
          .optional(),
        city: z.string().trim().min(1).max(100).optional(),
        areaId: z.uuid().nullable().optional(),
        cvr: z
          .string()
          .regex(/^\d{8}$/, 'CVR-nummeret er 8 cifre.')
          .nullable()
          .optional(),
        pNumber: z
          .string()
          .regex(/^\d{10}$/, 'P-nummeret er 10 cifre.')
          .nullable()
          .optional(),
        darId: z.uuid().nullable().optional(),
      })
      .strict(),
    response: UnitDetail,
    errors: ['registry.nothing-to-change', 'registry.unit-not-found'],
  },
  addCapacity: {
    summary: 'A new capacity period for an age band (an open-ended earlier period of the band ends the day before)',
    params: idParams,
    body: z.object({ ageBand: AgeBand, places: z.number().int().min(0).max(2000), start: date, end: date.nullable() }),
    response: z.object({ id }),
    status: 201,
    errors: ['registry.end-before-start', 'registry.unit-not-found', 'registry.capacity-overlap'],
  },
  daginstitutions: { summary: 'Open daginstitutioner', response: z.array(Daginstitution) },
  createDaginstitution: {
    summary: 'A new daginstitution in the register',
    body: z
      .object({
        number: registerNumber,
        name: z.string().trim().min(1).max(132),
        ejerform: Ejerform,
        lovgrundlag: Lovgrundlag.optional(),
        isCluster: z.boolean().default(false),
      })
      .strict(),
    response: z.object({ id }),
    status: 201,
    errors: ['registry.number-taken'],
  },
  closeDaginstitution: {
    summary: 'Close a daginstitution from a date (bottom-up: its units must be closed by then)',
    params: idParams,
    body: z.object({ closedOn: date }).strict(),
    response: z.object({ id }),
    errors: ['registry.daginstitution-not-found', 'registry.daginstitution-has-open-units'],
  },
  addAlternativeAddress: {
    summary: 'A new alternative address of a unit from a date',
    params: idParams,
    body: z
      .object({
        street: z.string().trim().min(1).max(200),
        postalCode: z.string().regex(/^\d{4}$/),
        city: z.string().trim().min(1).max(100),
        darId: z.uuid().nullable().default(null),
        start: date,
      })
      .strict(),
    response: UnitDetail,
    status: 201,
    errors: ['registry.unit-not-found'],
  },
  endAlternativeAddress: {
    summary: 'End an alternative address after a day',
    params: idParams,
    body: z.object({ lastDay: date }).strict(),
    response: UnitDetail,
    errors: ['registry.alternative-address-not-found'],
  },
  importPreview: {
    summary:
      'What importing the register export would change, for one municipality or all (counts, errors, a page of rows)',
    querystring: z.object({
      municipality: Scope,
      action: PlanAction.optional(),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(500).default(50),
    }),
    response: ImportPreview,
    errors: ['registry.register-unavailable'],
  },
  importApply: {
    summary:
      'Import the register export in one transaction; refused when it has errors or no longer matches the preview',
    body: z.object({ municipality: Scope, expected: PlanCounts }).strict(),
    response: z.object({ counts: PlanCounts }),
    errors: ['registry.import-has-errors', 'registry.import-stale', 'registry.register-unavailable'],
  },
  deliveries: {
    summary: "Deliveries of register changes to STIL, newest first, with the register's errors",
    querystring: z.object({
      status: DeliveryStatus.optional(),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: DeliveryLog,
  },
  retryDelivery: {
    summary: 'Send a refused delivery again, built from the entry as it is now',
    params: idParams,
    response: Delivery,
    errors: ['registry.delivery-not-found', 'registry.delivery-not-refused'],
  },
  sendDeliveries: {
    summary: 'Send the queued deliveries now (the job does it every minute)',
    response: z.object({ accepted: z.number(), refused: z.number(), unreachable: z.number() }),
  },
  createUnit: {
    summary: 'A new anvisningsenhed under an open daginstitution',
    body: z
      .object({
        daginstitutionId: z.uuid(),
        number: registerNumber,
        name: z.string().trim().min(1).max(132),
        type: UnitType,
        street: z.string().trim().min(1).max(200),
        postalCode: z.string().regex(/^\d{4}$/),
        city: z.string().trim().min(1).max(100),
        areaId: z.uuid().nullable().default(null),
        openedOn: date.nullable().default(null),
        cvr: z
          .string()
          .regex(/^\d{8}$/)
          .nullable()
          .default(null),
        pNumber: z
          .string()
          .regex(/^\d{10}$/)
          .nullable()
          .default(null),
      })
      .strict(),
    response: UnitDetail,
    status: 201,
    errors: ['registry.daginstitution-not-found', 'registry.daginstitution-closed', 'registry.number-taken'],
  },
  closeUnit: {
    summary: 'Close a unit from a date (refused while children hold places after it)',
    params: idParams,
    body: z.object({ closedOn: date }).strict(),
    response: UnitDetail,
    errors: ['registry.unit-not-found', 'registry.closed-before-opened', 'registry.children-after-closing'],
  },
  areas: { summary: 'Areas that have units', response: z.array(Area) },
  citizenUnits: {
    summary:
      'Open units to browse, nearest first for a logged-in guardian; by type, area or the age (months) they have places for',
    querystring: z.object({
      type: UnitType.optional(),
      areaId: z.uuid().optional(),
      ageMonths: z.coerce.number().int().min(0).max(216).optional(),
    }),
    response: CitizenUnits,
  },
} as const;
