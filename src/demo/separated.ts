// Separated families for the demo (issue 11 item 4): parents in two households with shared custody. Fixed names and
// ages relative to "today", their own id stream and CPR serials, so the rest of the demo is exactly as before.
//  - Winther/Dahl: Oliver (4) lives with his mother Louise; his father Kasper lives alone. Only Louise pays.
//  - Lind/Skov: Ella (1) lives with her mother Sara, Noah (5) with his father Mikkel. Both pay, each for one child.
// Both parents have custody of their children; each household has its own registered income.
import type { Insertable } from 'kysely';
import type { AgeBand, DB, UnitType } from '../platform/db/schema.js';
import { LocalDate, makeCpr, type Sex } from '../shared/index.js';
import type { FamilyRows } from './families.js';
import { ageBand, type PlacementResult } from './placements.js';
import type { UuidGen } from './prng.js';
import type { Register } from './register.js';

export interface SeparatedRows extends FamilyRows {
  placement: Insertable<DB['placement']>[];
  household_income: Insertable<DB['household_income']>[];
  app_user: Insertable<DB['app_user']>[];
}

interface Spec {
  adults: { key: string; first: string; last: string; sex: Sex; age: number; home: number }[];
  children: { key: string; first: string; last: string; sex: Sex; ageDays: number; home: number; types: UnitType[] }[];
  /** Yearly income (kr) and single provider, per household. */
  incomes: { kr: number; single: boolean }[];
}

export const SEPARATED_FAMILIES: Spec[] = [
  {
    adults: [
      { key: 'louise', first: 'Louise', last: 'Winther', sex: 'female', age: 34, home: 0 },
      { key: 'kasper', first: 'Kasper', last: 'Dahl', sex: 'male', age: 36, home: 1 },
    ],
    children: [
      {
        key: 'oliver',
        first: 'Oliver',
        last: 'Dahl',
        sex: 'male',
        ageDays: 4 * 365 + 100,
        home: 0,
        types: ['boernehave', 'integreret'],
      },
    ],
    incomes: [
      { kr: 310_000, single: true },
      { kr: 585_000, single: false },
    ],
  },
  {
    adults: [
      { key: 'sara', first: 'Sara', last: 'Lind', sex: 'female', age: 31, home: 0 },
      { key: 'mikkel', first: 'Mikkel', last: 'Skov', sex: 'male', age: 33, home: 1 },
    ],
    children: [
      {
        key: 'ella',
        first: 'Ella',
        last: 'Skov',
        sex: 'female',
        ageDays: 365 + 75,
        home: 0,
        types: ['vuggestue', 'integreret'],
      },
      {
        key: 'noah',
        first: 'Noah',
        last: 'Skov',
        sex: 'male',
        ageDays: 5 * 365 + 40,
        home: 1,
        types: ['integreret', 'boernehave'],
      },
    ],
    incomes: [
      { kr: 255_000, single: true },
      { kr: 470_000, single: true },
    ],
  },
];

/**
 * Rows for the separated families. Households sit on the streets of the first real unit's area; each child gets a
 * place from 10 months of age in the first real unit of its kind with a spare place in the child's age band today.
 */
export function buildSeparatedFamilies(o: {
  municipalityCode: string;
  register: Register;
  placements: PlacementResult;
  birthOf: ReadonlyMap<string, LocalDate>;
  takenCprs: ReadonlySet<string>;
  today: LocalDate;
  ids: UuidGen;
}): SeparatedRows {
  const { today, ids } = o;
  const rows: SeparatedRows = {
    household: [],
    person: [],
    residence: [],
    custody: [],
    placement: [],
    household_income: [],
    app_user: [],
  };
  const cprs = new Set(o.takenCprs);
  const person = (first: string, last: string, birth: LocalDate, sex: Sex) => {
    let serial = 9000;
    let cpr = makeCpr(birth, sex, serial);
    while (cprs.has(cpr)) cpr = makeCpr(birth, sex, ++serial);
    cprs.add(cpr);
    const id = ids.next();
    rows.person.push({
      id,
      cpr,
      first_name: first,
      last_name: last,
      birth_date: birth.toString(),
      sex,
      email: null,
      phone: null,
    });
    return id;
  };
  // Spare places per unit and age band today: capacity minus the generated children placed there now.
  const spare = new Map<string, number>();
  for (const c of o.placements.rows.capacity)
    spare.set(`${c.unit_id}|${c.age_band}`, (spare.get(`${c.unit_id}|${c.age_band}`) ?? 0) + c.places);
  for (const [childId, p] of o.placements.current) {
    const key = `${p.unit.id}|${ageBand(o.birthOf.get(childId)!, today)}`;
    spare.set(key, (spare.get(key) ?? 0) - 1);
  }
  const real = [...o.register.units].filter((x) => !x.synthetic).sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const unitOf = (types: UnitType[], band: AgeBand) => {
    // The first type the municipality has (Hjørring has no vuggestue), the first unit by name with a spare place.
    const u = types
      .map((type) => real.find((x) => x.type === type && (spare.get(`${x.id}|${band}`) ?? 0) > 0))
      .find((x) => x);
    if (!u) throw new Error(`demo seed: no ${types.join('/')} unit with a spare ${band} place for a separated family`);
    spare.set(`${u.id}|${band}`, spare.get(`${u.id}|${band}`)! - 1);
    return u;
  };

  const area = [...o.register.units].filter((u) => !u.synthetic).sort((a, b) => a.name.localeCompare(b.name, 'da'))[0]!;
  let no = 2;
  for (const fam of SEPARATED_FAMILIES) {
    const homes = fam.incomes.map(() => {
      const id = ids.next();
      rows.household.push({
        id,
        dar_id: null,
        street: `${area.street.replace(/\s*\d.*$/, '')} ${(no += 2)}`,
        postal_code: area.postalCode,
        city: area.city,
        municipality_code: o.municipalityCode,
        area_id: o.register.areaIds.get(area.area)!,
        lat: area.lat,
        lon: area.lon,
      });
      return id;
    });
    fam.incomes.forEach((inc, i) =>
      rows.household_income.push({
        household_id: homes[i]!,
        yearly_oere: inc.kr * 100,
        single_provider: inc.single,
        source: 'application',
        valid: `[${today.firstOfMonth().plusMonths(-6)},)`,
      }),
    );
    const adults = fam.adults.map((a) => {
      const birth = today.plusYears(-a.age).minusDays(40);
      const id = person(a.first, a.last, birth, a.sex);
      rows.residence.push({
        id: ids.next(),
        person_id: id,
        household_id: homes[a.home]!,
        valid: `[${LocalDate.of(2015, 1, 1)},)`,
      });
      rows.app_user.push({
        id: ids.next(),
        role: 'guardian',
        name: `${a.first} ${a.last}`,
        email: null,
        person_id: id,
        oidc_subject: null,
        demo_persona: true,
      });
      return id;
    });
    for (const c of fam.children) {
      const birth = today.minusDays(c.ageDays);
      const id = person(c.first, c.last, birth, c.sex);
      rows.residence.push({ id: ids.next(), person_id: id, household_id: homes[c.home]!, valid: `[${birth},)` });
      for (const g of adults) rows.custody.push({ id: ids.next(), child_id: id, guardian_id: g, valid: `[${birth},)` });
      const start = birth.plusMonths(10).firstOfMonth().plusMonths(1);
      rows.placement.push({
        id: ids.next(),
        child_id: id,
        unit_id: unitOf(c.types, ageBand(birth, today)).id,
        kind: 'dagtilbud',
        hours_per_week: 40,
        valid: `[${start},)`,
      });
    }
  }
  return rows;
}
