// Demo attendance: an entrance terminal for each demo unit leader's first unit (token `demo-terminal-<unit number>`,
// open /terminal#token=… to use it), two weeks of registrations in those units, some children already in today,
// and a Christmas questionnaire on pooled care ("fælles pasning"). Set-based SQL, deterministic, fast.
import { sql } from 'kysely';
import type { Database } from '../platform/db/database.js';
import { DateRange, LocalDate } from '../shared/index.js';
import { hashToken } from '../modules/attendance/terminals.js';

export const DEMO_TERMINAL_PREFIX = 'demo-terminal-';
export const demoTerminalToken = (unitNumber: string) => `${DEMO_TERMINAL_PREFIX}${unitNumber.toLowerCase()}`;

export async function seedAttendance({ db }: Database, today: LocalDate, municipalityCode: string): Promise<void> {
  const units = await db
    .selectFrom('user_unit')
    .innerJoin('app_user as u', 'u.id', 'user_unit.user_id')
    .innerJoin('unit', 'unit.id', 'user_unit.unit_id')
    .select(['unit.id', 'unit.number', 'u.id as leaderId'])
    .where('u.role', '=', 'unit_leader')
    .where('u.demo_persona', '=', true)
    .orderBy('u.name')
    .orderBy('unit.number')
    .execute();
  const first = [...new Map(units.map((u) => [u.leaderId, u])).values()];
  if (!first.length) return;
  await db
    .insertInto('terminal')
    .values(
      first.map((u) => ({
        unit_id: u.id,
        name: 'Indgang (demo)',
        token_hash: hashToken(demoTerminalToken(u.number)),
        created_by: u.leaderId,
      })),
    )
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
  const ids = first.map((u) => u.id);
  const t = today.toString();
  // Past weekdays: nine in ten children came, arriving 06:30–09:00 and leaving 14:00–17:00.
  await sql`
    insert into attendance (child_id, unit_id, date, status, check_in, check_out)
    select p.child_id, p.unit_id, d::date, 8,
      time '06:30' + (abs(hashtext(p.child_id::text || d::text)) % 150) * interval '1 minute',
      time '14:00' + (abs(hashtext(d::text || p.child_id::text)) % 180) * interval '1 minute'
    from generate_series(${t}::date - 14, ${t}::date - 1, interval '1 day') d
    join placement p on p.unit_id = any(${ids}::uuid[]) and p.valid @> d::date
    where extract(isodow from d) < 6 and abs(hashtext(p.child_id::text || d::text)) % 10 <> 0
    on conflict do nothing`.execute(db);
  // Today: a third are already here (on a weekday), the rest are still to come through the terminal.
  await sql`
    insert into attendance (child_id, unit_id, date, status, check_in)
    select p.child_id, p.unit_id, ${t}::date, 3, time '06:30' + (abs(hashtext(p.child_id::text)) % 90) * interval '1 minute'
    from placement p where p.unit_id = any(${ids}::uuid[]) and p.valid @> ${t}::date
      and extract(isodow from ${t}::date) < 6 and abs(hashtext(p.child_id::text || ${t})) % 3 = 0
    on conflict do nothing`.execute(db);
  // Christmas with pooled care, asked of the whole municipality.
  const year = today.month === 12 && today.day > 20 ? today.year + 1 : today.year;
  const period = DateRange.of(LocalDate.of(year, 12, 22), LocalDate.of(year, 12, 31));
  const deadline = period.start.minusDays(14).isAfter(today) ? period.start.minusDays(14) : today.plusDays(1);
  await db
    .insertInto('holiday_questionnaire')
    .values({
      municipality_code: municipalityCode,
      title: `Jul ${year}: fælles pasning`,
      question: 'Institutionerne holder juleferie med fælles pasning. Hvilke dage har dit barn brug for pasning?',
      period: period.toPgDaterange(),
      deadline: deadline.toString(),
    })
    .execute();
}
