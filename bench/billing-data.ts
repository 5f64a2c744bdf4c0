// Synthetic municipalities for the billing benchmark, generated set-based in SQL (deterministic ids from md5).
// Per municipality: `children` children in households of one or two children (≈ 0.83 payers per child), 1–2
// guardians per household, units of every kind, placements by age (dagtilbud 0–5, SFO 6–9), incomes for a third.
import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.js';
import { RATES_2025, seedRates2025 } from '../src/modules/billing/rates.js';

export async function generateMunicipality(db: Db, code: string, name: string, children: number, offset = 0) {
  const households = Math.round(children / 1.2),
    units = Math.max(10, Math.round(children / 60));
  const p = `${code}-`; // id prefix per municipality
  // Under 3: integreret (slot 0), vuggestue (1) or dagpleje (3); only the kinds the municipality has a rate for (Fanø,
  // Læsø, Helsingør have no dagpleje, Samsø no vuggestue; integreret under 3 is billed at the vuggestue rate).
  const r = RATES_2025[code];
  const missing = (k: 'dagpleje' | 'vuggestue') => r !== undefined && r[k] == null;
  const under3 = missing('vuggestue') ? [3] : missing('dagpleje') ? [0, 1] : [0, 1, 3];
  await sql`insert into municipality (code, name) values (${code}, ${name}) on conflict do nothing`.execute(db);
  await sql`insert into daginstitution (id, number, name, ejerform, municipality_code)
    select md5(${p} || 'd' || i)::uuid, lpad(upper(to_hex(${offset}::int + i)), 6, '0'), 'Institution ' || i, 'kommunal', ${code}
    from generate_series(1, ${units}::int) i`.execute(db);
  await sql`insert into unit (id, number, daginstitution_id, name, type, street, postal_code, city)
    select md5(${p} || 'u' || i)::uuid, lpad(upper(to_hex(8388608 + ${offset}::int + i)), 6, '0'), md5(${p} || 'd' || i)::uuid, 'Enhed ' || i,
      (array['integreret','vuggestue','boernehave','dagpleje','sfo'])[1 + i % 5]::unit_type, 'Gade ' || i, '1000', ${name}
    from generate_series(1, ${units}::int) i`.execute(db);
  await sql`insert into household (id, street, postal_code, city, municipality_code)
    select md5(${p} || 'h' || i)::uuid, 'Vej ' || i, '1000', ${name}, ${code} from generate_series(1, ${households}::int) i`.execute(
    db,
  );
  // Guardians: one per household, a second in every other household.
  await sql`insert into person (id, first_name, last_name, birth_date, sex)
    select md5(${p} || 'g' || i)::uuid, 'Forælder', 'Nr' || i, date '1985-01-01' + (i % 3000), 'female'::sex from generate_series(1, ${households}::int) i
    union all
    select md5(${p} || 'x' || i)::uuid, 'Forælder', 'To' || i, date '1984-01-01' + (i % 3000), 'male'::sex from generate_series(1, ${households}::int) i where i % 2 = 0`.execute(
    db,
  );
  // Children 0–9 years on 2026-12-01, all placed by then; child i lives in household ((i − 1) mod households) + 1.
  await sql`insert into person (id, first_name, last_name, birth_date, sex)
    select md5(${p} || 'c' || i)::uuid, 'Barn', 'Nr' || i, date '2016-12-15' + ((i * 97) % 3300), 'male'::sex from generate_series(1, ${children}::int) i`.execute(
    db,
  );
  await sql`insert into residence (person_id, household_id, valid)
    select md5(${p} || 'g' || i)::uuid, md5(${p} || 'h' || i)::uuid, '[2010-01-01,)'::daterange from generate_series(1, ${households}::int) i
    union all select md5(${p} || 'x' || i)::uuid, md5(${p} || 'h' || i)::uuid, '[2010-01-01,)'::daterange from generate_series(1, ${households}::int) i where i % 2 = 0
    union all select md5(${p} || 'c' || i)::uuid, md5(${p} || 'h' || ((i - 1) % ${households}::int + 1))::uuid, daterange(date '2016-12-15' + ((i * 97) % 3300), null)
      from generate_series(1, ${children}::int) i`.execute(db);
  await sql`insert into custody (child_id, guardian_id, valid)
    select md5(${p} || 'c' || i)::uuid, md5(${p} || 'g' || ((i - 1) % ${households}::int + 1))::uuid, daterange(date '2016-12-15' + ((i * 97) % 3300), null) from generate_series(1, ${children}::int) i
    union all select md5(${p} || 'c' || i)::uuid, md5(${p} || 'x' || ((i - 1) % ${households}::int + 1))::uuid, daterange(date '2016-12-15' + ((i * 97) % 3300), null)
      from generate_series(1, ${children}::int) i where ((i - 1) % ${households}::int + 1) % 2 = 0`.execute(db);
  // Places: under 3 integreret, vuggestue or dagpleje; 3–5 integreret or børnehave; 6 and over an SFO.
  await sql`with c as (select i, date '2016-12-15' + ((i * 97) % 3300) as born from generate_series(1, ${children}::int) i)
    insert into placement (child_id, unit_id, kind, hours_per_week, valid)
    select md5(${p} || 'c' || i)::uuid,
      md5(${p} || 'u' || (case when born > date '2020-12-01' then (1 + i % (${units}::int / 5 - 1)) * 5 + (case when born > date '2023-12-01' then (${under3}::int[])[1 + i % ${under3.length}::int] else (array[0, 2])[1 + i % 2] end) else (1 + i % (${units}::int / 5 - 1)) * 5 + 4 end))::uuid,
      (case when born > date '2020-12-01' then 'dagtilbud' else 'fritidstilbud' end)::placement_kind, 40,
      daterange(greatest(born + 300, date '2025-01-01'), null)
    from c`.execute(db);
  await sql`insert into household_income (household_id, yearly_oere, valid)
    select md5(${p} || 'h' || i)::uuid, (150000 + (i * 7919) % 550000) * 100, '[2025-01-01,)' from generate_series(1, ${households}::int) i where i % 3 = 0`.execute(
    db,
  );
  await sql`insert into lunch_scheme (unit_id, monthly_oere, valid)
    select md5(${p} || 'u' || i)::uuid, 80000, '[2025-01-01,)' from generate_series(1, ${units}::int) i where i % 5 not in (3, 4)`.execute(
    db,
  );
  await seedRates2025(db, code);
  return { children, households, units };
}
