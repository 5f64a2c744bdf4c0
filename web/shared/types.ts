export type { Me, Persona } from '../../src/platform/auth/contract.js';
// Shapes of the JSON the server sends (see the API contract).
// The register's and people's responses are their contracts' types (src/modules/<m>/contract.ts); re-exported for older pages.
export type {
  Area,
  CapacityPeriod,
  CitizenUnit,
  CitizenUnits,
  Places,
  StaffUnitRow,
  UnitDetail,
} from '../../src/modules/registry/contract.js';
export type { ChildDetail, CitizenChild, PersonHit, Placement } from '../../src/modules/people/contract.js';
export type Role =
  | 'guardian'
  | 'caseworker'
  | 'finance'
  | 'consultant'
  | 'management'
  | 'admin'
  | 'unit_leader'
  | 'unit_staff';
export type UnitType =
  | 'dagpleje'
  | 'vuggestue'
  | 'boernehave'
  | 'integreret'
  | 'landsbyordning'
  | 'fritidshjem'
  | 'sfo'
  | 'klub';
export type Ejerform = 'kommunal' | 'selvejende' | 'privat' | 'udliciteret';
export type AgeBand = '0-2' | '3-5' | '6-9' | '10-13' | '14-17';
export type PlacementKind = 'dagtilbud' | 'fritidstilbud' | 'klub';

export const UNIT_TYPES: UnitType[] = [
  'dagpleje',
  'vuggestue',
  'boernehave',
  'integreret',
  'landsbyordning',
  'fritidshjem',
  'sfo',
  'klub',
];
export const AGE_BANDS: AgeBand[] = ['0-2', '3-5', '6-9', '10-13', '14-17'];

export interface User {
  id: string;
  name: string;
  role: Role;
  personId: string | null;
  unitIds: string[];
  /** The staff user's municipality; null for guardians. */
  municipality: { code: string; name: string } | null;
}
export interface Address {
  street: string;
  postalCode: string;
  city: string;
}

export interface HistoryEntry {
  at: string;
  op: 'I' | 'U' | 'D';
  table: string;
  actorName: string | null;
  changes: { field: string; from: unknown; to: unknown }[];
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
