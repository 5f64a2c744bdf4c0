// Demo parent payment: the municipality's real 2025 rates (Danmarks Statistik, 11 paying months), a lunch scheme in
// most daginstitutioner (a few boards opted out), and a registered household income for about 40 % of the families.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { seedRates2025 } from '../modules/billing/rates.js';

export async function seedBilling(trx: Kysely<DB>, municipalityCode: string): Promise<void> {
  await seedRates2025(trx, municipalityCode);
  // Club rates are not in the national statistics: a demo assumption of 600 kr. a month (12 paying months).
  await trx
    .insertInto('fee_rate')
    .values(
      (['6-9', '10-13', '14-17'] as const).map((band) => ({
        municipality_code: municipalityCode,
        kind: 'klub' as const,
        age_band: band,
        hours: 'full' as const,
        monthly_oere: 60000,
        valid: '[2025-01-01,)',
      })),
    )
    .execute();
  // Lunch 750 kr. a month from 2025; every seventh board opted out (deterministic by unit number).
  await sql`insert into lunch_scheme (unit_id, monthly_oere, opted_out, valid)
    select u.id, case when abs(hashtext(u.number)) % 7 = 0 then 0 else 75000 end, abs(hashtext(u.number)) % 7 = 0, '[2025-01-01,)'
    from unit u join daginstitution d on d.id = u.daginstitution_id
    where d.municipality_code = ${municipalityCode} and u.type in ('vuggestue', 'boernehave', 'integreret', 'landsbyordning')`.execute(
    trx,
  );
  // Incomes between 150,000 and 700,000 kr. for about 40 % of households with children; single providers where one adult lives.
  // One pass over the adults (a join, not a count per household: the freshly loaded tables have no statistics yet).
  await sql`insert into household_income (household_id, yearly_oere, single_provider, valid)
    select h.id, (150000 + abs(hashtext(h.id::text)) % 550000) * 100, coalesce(a.adults, 0) = 1, '[2025-01-01,)'
    from household h
    left join (select r.household_id, count(*) as adults from residence r join person p on p.id = r.person_id
      where p.birth_date < current_date - interval '18 years' group by r.household_id) a on a.household_id = h.id
    where h.municipality_code = ${municipalityCode} and abs(hashtext(h.id::text)) % 5 < 2`.execute(trx);
}
