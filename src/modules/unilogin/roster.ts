// The Unilogin roster of a municipality on a date, pure: who is affiliated to which anvisningsenhed (by its register
// number), the message to STIL's import interface (full or delta), the diff against the last accepted roster and
// Spire's own validation before anything is sent. Format: docs/formats/unilogin.md.
import { createHash } from 'node:crypto';
import type { JobType } from '../../platform/db/schema.js';

/** The Unilogin role of each job type (STIL's employee roles for dagtilbud; docs/formats/unilogin.md). */
export const ROLE_OF_JOB: Record<JobType, EmployeeRole> = {
  leder: 'Leder',
  paedagog: 'Pædagog',
  paedagogisk_assistent: 'Pædagogisk assistent',
  medhjaelper: 'Medhjælper',
  dagplejer: 'Dagplejer',
};
export type EmployeeRole = 'Leder' | 'Pædagog' | 'Pædagogisk assistent' | 'Medhjælper' | 'Dagplejer';
export type PersonType = 'child' | 'guardian' | 'employee';

export interface Address {
  street: string;
  postalCode: string;
  city: string;
}

/** One person as delivered: LocalPersonId (Spire's id, stable), names, role and institution affiliations. */
export interface RosterPerson {
  id: string;
  type: PersonType;
  role: 'Barn' | 'Forælder' | EmployeeRole;
  firstName: string;
  lastName: string;
  /** Children and guardians only (Spire keeps no CPR of employees). */
  cpr: string | null;
  birthDate: string | null;
  /** Name and address protection: the address is never delivered and Aula hides the person's details. */
  protected: boolean;
  address: Address | null;
  /** Register numbers of the anvisningsenheder the person is affiliated to, sorted. */
  institutions: string[];
  /** A guardian's children in custody (ids), sorted. */
  custodyOf?: string[];
  /** A dagpleje child's dagplejer (employee id). */
  dagplejerId?: string | null;
}

export interface RosterInstitution {
  number: string;
  name: string;
}

export interface Roster {
  municipality: string;
  date: string;
  institutions: RosterInstitution[];
  persons: RosterPerson[];
}

/** What the owners' queries give for a municipality on a date. */
export interface RosterFacts {
  units: { id: string; number: string; name: string }[];
  placements: { childId: string; unitId: string; dagplejerId: string | null }[];
  custody: Map<string, string[]>;
  people: {
    id: string;
    cpr: string | null;
    first_name: string;
    last_name: string;
    birth_date: string;
    street: string | null;
    postal_code: string | null;
    city: string | null;
    protected: boolean;
  }[];
  employees: { id: string; unit_id: string; first_name: string; last_name: string; job_type: JobType }[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort(byText);

/** Builds the roster: children with their places' numbers, guardians with custody affiliated through their children,
 *  employees (dagplejere included) at their unit's number. Units without anyone are left out. */
export function buildRoster(municipality: string, date: string, f: RosterFacts): Roster {
  const unitById = new Map(f.units.map((u) => [u.id, u]));
  const person = new Map(f.people.map((p) => [p.id, p]));
  const address = (p: RosterFacts['people'][number]): Address | null =>
    p.protected || !p.street ? null : { street: p.street, postalCode: p.postal_code ?? '', city: p.city ?? '' };
  const childPlaces = new Map<string, { numbers: string[]; dagplejerId: string | null }>();
  for (const pl of f.placements) {
    const u = unitById.get(pl.unitId);
    if (!u) continue;
    const c = childPlaces.get(pl.childId) ?? { numbers: [], dagplejerId: null };
    c.numbers.push(u.number);
    c.dagplejerId ??= pl.dagplejerId;
    childPlaces.set(pl.childId, c);
  }
  const persons: RosterPerson[] = [];
  const guardianOf = new Map<string, { children: string[]; numbers: string[] }>();
  for (const [childId, place] of childPlaces) {
    const p = person.get(childId);
    if (!p) continue;
    persons.push({
      id: childId,
      type: 'child',
      role: 'Barn',
      firstName: p.first_name,
      lastName: p.last_name,
      cpr: p.cpr,
      birthDate: p.birth_date,
      protected: p.protected,
      address: address(p),
      institutions: sorted(place.numbers),
      dagplejerId: place.dagplejerId,
    });
    for (const g of f.custody.get(childId) ?? []) {
      const e = guardianOf.get(g) ?? { children: [], numbers: [] };
      e.children.push(childId);
      e.numbers.push(...place.numbers);
      guardianOf.set(g, e);
    }
  }
  for (const [id, g] of guardianOf) {
    const p = person.get(id);
    if (!p) continue;
    persons.push({
      id,
      type: 'guardian',
      role: 'Forælder',
      firstName: p.first_name,
      lastName: p.last_name,
      cpr: p.cpr,
      birthDate: p.birth_date,
      protected: p.protected,
      address: address(p),
      institutions: sorted(g.numbers),
      custodyOf: sorted(g.children),
    });
  }
  for (const e of f.employees) {
    const u = unitById.get(e.unit_id);
    if (!u) continue;
    persons.push({
      id: e.id,
      type: 'employee',
      role: ROLE_OF_JOB[e.job_type],
      firstName: e.first_name,
      lastName: e.last_name,
      cpr: null,
      birthDate: null,
      protected: false,
      address: null,
      institutions: [u.number],
    });
  }
  persons.sort((a, b) => byText(a.id, b.id));
  const used = new Set(persons.flatMap((p) => p.institutions));
  const institutions = f.units
    .filter((u) => used.has(u.number))
    .map((u) => ({ number: u.number, name: u.name }))
    .sort((a, b) => byText(a.number, b.number));
  return { municipality, date, institutions, persons };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** One person's comparable digest, "type:hash": any delivered field changing makes the person "changed". */
export const digestOf = (p: RosterPerson) => `${p.type}:${sha256(JSON.stringify(p)).slice(0, 32)}`;
/** The person type a stored digest was of. */
export const typeOfDigest = (d: string) => d.split(':')[0] as PersonType;

/** The roster as { id: digest } (what a delivery stores to diff the next one against). */
export function digests(r: Roster): Record<string, string> {
  return Object.fromEntries(r.persons.map((p) => [p.id, digestOf(p)]));
}

/** The checksum of a roster state: the same people with the same facts at the same institutions. */
export function rosterChecksum(r: Roster): string {
  return sha256(JSON.stringify([r.institutions, Object.entries(digests(r))]));
}

export type Change = 'added' | 'changed' | 'removed';
export interface RosterDiff {
  added: RosterPerson[];
  changed: RosterPerson[];
  /** Ids of persons in the last accepted roster who are no longer in it. */
  removed: string[];
}

/** The roster against the last accepted one ({ id: digest }; null: nothing accepted yet, everyone is added). */
export function diffRoster(r: Roster, before: Record<string, string> | null): RosterDiff {
  const prev = before ?? {};
  const now = new Set<string>();
  const out: RosterDiff = { added: [], changed: [], removed: [] };
  for (const p of r.persons) {
    now.add(p.id);
    const d = prev[p.id];
    if (d === undefined) out.added.push(p);
    else if (d !== digestOf(p)) out.changed.push(p);
  }
  out.removed = Object.keys(prev)
    .filter((id) => !now.has(id))
    .sort(byText);
  return out;
}

export interface UniloginError {
  field: string | null;
  code: string;
  text: string;
  /** The person the error is about (never a CPR number). */
  personId?: string | null;
}

/** The message to the import interface (JSON rendering; the SOAP client renders it as XML). */
export interface UniloginMessage {
  deliveryId: string;
  municipality: string;
  kind: 'full' | 'delta';
  date: string;
  institutions: RosterInstitution[];
  /** full: every person; delta: the added and changed persons. */
  persons: RosterPerson[];
  /** delta only: LocalPersonIds to end the affiliations of. */
  removed: string[];
}

export function messageOf(deliveryId: string, kind: 'full' | 'delta', r: Roster, diff: RosterDiff): UniloginMessage {
  return {
    deliveryId,
    municipality: r.municipality,
    kind,
    date: r.date,
    institutions: r.institutions,
    persons: kind === 'full' ? r.persons : [...diff.added, ...diff.changed].sort((a, b) => byText(a.id, b.id)),
    removed: kind === 'full' ? [] : diff.removed,
  };
}

const NUMBER = /^[A-Z0-9]{6}$/;
const who = (p: RosterPerson) => `${p.firstName} ${p.lastName}`.trim() || p.id;

/** Spire's own check before sending: what the import interface requires (docs/formats/unilogin.md). */
export function validateMessage(m: UniloginMessage): UniloginError[] {
  const e: UniloginError[] = [];
  if (!/^\d{4}$/.test(m.municipality))
    e.push({ field: 'municipality', code: 'format', text: 'Kommunekoden skal være 4 cifre.' });
  const known = new Set(m.institutions.map((i) => i.number));
  for (const i of m.institutions)
    if (!NUMBER.test(i.number))
      e.push({
        field: 'institutionNumber',
        code: 'number-format',
        text: `Institutionsnummeret ${i.number} er ugyldigt.`,
      });
  const ids = new Set(m.persons.map((p) => p.id));
  for (const p of m.persons) {
    const at = { personId: p.id };
    if (!p.firstName.trim() || !p.lastName.trim())
      e.push({ field: 'name', code: 'mandatory', text: `${who(p)}: fornavn og efternavn skal udfyldes.`, ...at });
    if (!p.institutions.length)
      e.push({ field: 'institutions', code: 'mandatory', text: `${who(p)} er ikke tilknyttet en institution.`, ...at });
    for (const n of p.institutions)
      if (!known.has(n))
        e.push({
          field: 'institutions',
          code: 'unknown-institution',
          text: `${who(p)}: ukendt institution ${n}.`,
          ...at,
        });
    if (p.type !== 'employee' && (!p.cpr || !/^\d{10}$/.test(p.cpr)))
      e.push({ field: 'cpr', code: 'cpr-missing', text: `${who(p)} mangler et CPR-nummer.`, ...at });
    if (p.protected && p.address)
      e.push({ field: 'address', code: 'protected-address', text: `${who(p)} har adressebeskyttelse.`, ...at });
    if (p.type === 'guardian' && !p.custodyOf?.length)
      e.push({ field: 'custodyOf', code: 'no-child', text: `${who(p)} har ingen børn i forældremyndighed.`, ...at });
    if (m.kind === 'full')
      for (const c of p.custodyOf ?? [])
        if (!ids.has(c))
          e.push({ field: 'custodyOf', code: 'unknown-child', text: `${who(p)}: barnet er ikke i leverancen.`, ...at });
  }
  return e;
}
