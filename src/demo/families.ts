// Households with guardians and children: addresses, people with CPR numbers, residence and custody.
import type { Insertable } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { LocalDate, makeCpr, type Sex } from '../shared/index.js';
import { streetsFor } from './addresses.js';
import { LAST_NAMES, lastNameWeight } from './last-names.js';
import { ADULT_FIRST_NAMES, CHILD_FIRST_NAMES } from './names.js';
import type { Rng, UuidGen } from './prng.js';
import { byCodeUnit, type Register } from './register.js';

export interface PersonModel {
  id: string;
  firstName: string;
  lastName: string;
  birth: LocalDate;
  sex: Sex;
  cpr: string;
}

export interface Family {
  householdId: string;
  area: string;
  guardians: PersonModel[];
  /** Oldest first. */
  children: PersonModel[];
}

export interface FamilyRows {
  household: Insertable<DB['household']>[];
  person: Insertable<DB['person']>[];
  residence: Insertable<DB['residence']>[];
  custody: Insertable<DB['custody']>[];
}

export interface FamilyOptions {
  municipalityCode: string;
  register: Register;
  today: LocalDate;
  /** Children aged 0–5 and 6–9 (in whole years on `today`). */
  targets: { preschool: number; school: number };
  rng: Rng;
  ids: UuidGen;
  /** CPR numbers already given to people of another municipality of the same demo. */
  takenCprs?: ReadonlySet<string>;
}

const RESIDENCE_FROM = LocalDate.of(2015, 1, 1);
const LAST_NAME_INDEX = LAST_NAMES.map((_, i) => i);

export function buildFamilies({
  municipalityCode,
  register,
  today,
  targets,
  rng,
  ids,
  takenCprs = new Set(),
}: FamilyOptions): {
  families: Family[];
  rows: FamilyRows;
} {
  const rows: FamilyRows = { household: [], person: [], residence: [], custody: [] };
  const families: Family[] = [];
  const cprs = new Set<string>(takenCprs);
  const city = municipalityCode === '0101';

  // Birth dates as "days before today": [0, d6) is aged 0–5, [d6, d10) aged 6–9.
  const d6 = today.plusYears(-6).daysUntil(today);
  const d10 = today.plusYears(-10).daysUntil(today);
  const left = { preschool: targets.preschool, school: targets.school };
  const categoryOf = (k: number) => (k < 0 ? null : k < d6 ? 'preschool' : k < d10 ? 'school' : null);

  const areas = [...register.householdWeight].sort(([a], [b]) => byCodeUnit(a, b));
  const anchorsByArea = new Map(
    areas.map(([a]) => {
      const own = register.units.filter((u) => u.area === a && !u.synthetic && u.type !== 'dagpleje');
      return [a, own.length ? own : register.units.filter((u) => u.area === a)];
    }),
  );
  const lastName = () => LAST_NAMES[rng.weighted(LAST_NAME_INDEX, lastNameWeight)]!;

  const person = (first: string, last: string, birth: LocalDate, sex: Sex): PersonModel => {
    let serial = rng.int(0, 5999);
    let cpr = makeCpr(birth, sex, serial);
    while (cprs.has(cpr)) cpr = makeCpr(birth, sex, ++serial);
    cprs.add(cpr);
    const p: PersonModel = { id: ids.next(), firstName: first, lastName: last, birth, sex, cpr };
    rows.person.push({
      id: p.id,
      cpr,
      first_name: first,
      last_name: last,
      birth_date: birth.toString(),
      sex,
      email: null,
      phone: null,
    });
    return p;
  };

  while (left.preschool > 0 || left.school > 0) {
    // Birth dates of the children (days before today), anchored in a category that still needs children.
    const wantSchool =
      left.preschool <= 0 || (left.school > 0 && rng.next() < left.school / (left.school + left.preschool));
    const anchor = wantSchool ? rng.int(d6, d10 - 1) : rng.int(0, d6 - 1);
    const size = rng.chance(0.42) ? 1 : rng.chance(0.72) ? 2 : 3;
    const ks: number[] = [anchor];
    let older = anchor,
      younger = anchor;
    for (let i = 1; i < size; i++) {
      const gap = rng.int(450, 1500);
      if (rng.chance(0.5)) {
        older += gap;
        ks.push(older);
      } else {
        younger -= gap;
        ks.push(younger);
      }
    }
    const kept = ks
      .filter((k) => {
        const c = categoryOf(k);
        if (!c || left[c] <= 0) return false;
        left[c]--;
        return true;
      })
      .sort((a, b) => b - a);
    if (kept.length === 0) continue;

    // Guardians.
    const eldestBirth = today.minusDays(kept[0]!);
    const single = rng.chance(0.18);
    const fatherLast = lastName();
    const motherLast = rng.chance(0.4) ? fatherLast : lastName();
    const motherBirth = eldestBirth.plusYears(-Math.round(30 + rng.gauss() * 3.5)).minusDays(rng.int(0, 364));
    const guardians: PersonModel[] = [];
    const singleFather = single && rng.chance(0.15);
    if (!single || !singleFather) {
      guardians.push(person(rng.pick(ADULT_FIRST_NAMES.female), motherLast, motherBirth, 'female'));
    }
    if (!single || singleFather) {
      const fatherBirth = motherBirth.minusDays(rng.int(-700, 2500));
      guardians.push(person(rng.pick(ADULT_FIRST_NAMES.male), single ? motherLast : fatherLast, fatherBirth, 'male'));
    }
    const childLast =
      single || fatherLast === motherLast
        ? guardians[0]!.lastName
        : rng.chance(0.6)
          ? fatherLast
          : rng.chance(0.5)
            ? motherLast
            : `${motherLast} ${fatherLast}`;

    // Children.
    const children = kept.map((k) => {
      const sex: Sex = rng.chance(0.51) ? 'male' : 'female';
      return person(rng.pick(CHILD_FIRST_NAMES[sex]), childLast, today.minusDays(k), sex);
    });

    // Household: a street in an area, near one of its institutions.
    const area = rng.weighted(areas, ([, w]) => w)[0];
    const anchorUnit = rng.pick(anchorsByArea.get(area)!);
    const spread = city ? 1 : 2.2;
    const no = rng.int(1, rng.chance(0.7) ? 60 : 180);
    const letter = rng.chance(0.1) ? rng.pick(['A', 'B', 'C']) : '';
    const flat = city ? rng.chance(0.75) : rng.chance(0.08);
    const floor = rng.chance(0.15) ? 'st.' : `${rng.int(1, city ? 5 : 2)}.`;
    const street = `${rng.pick(streetsFor(area))} ${no}${letter}${flat ? `, ${floor} ${rng.pick(['tv', 'th', 'mf'])}` : ''}`;
    const householdId = ids.next();
    rows.household.push({
      id: householdId,
      dar_id: null,
      street,
      postal_code: anchorUnit.postalCode,
      city: anchorUnit.city,
      municipality_code: municipalityCode,
      area_id: register.areaIds.get(area)!,
      lat: round6(anchorUnit.lat + rng.gauss() * 0.005 * spread),
      lon: round6(anchorUnit.lon + rng.gauss() * 0.009 * spread),
    });
    for (const p of [...guardians, ...children]) {
      const from = LocalDate.max(RESIDENCE_FROM, p.birth);
      rows.residence.push({ id: ids.next(), person_id: p.id, household_id: householdId, valid: `[${from},)` });
    }
    for (const c of children) {
      for (const g of guardians)
        rows.custody.push({ id: ids.next(), child_id: c.id, guardian_id: g.id, valid: `[${c.birth},)` });
    }
    families.push({ householdId, area, guardians, children });
  }
  return { families, rows };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
