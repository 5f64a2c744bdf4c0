// Friplads casework: applications, decisions with a letter, monthly regulation (≥ 5 steps) and the yearly true-up.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { sendLetters, type LetterDraft } from '../../platform/letters/index.js';
import { billingError } from './contract.js';
import { formatDkk, LocalDate, type Oere } from '../../shared/index.js';
import { guardiansLivingIn, homeOf, householdById, residentBirthDates } from '../people/index.js';
import { ageInYears } from '../../shared/iso-day.js';
import { scaleFor } from './engine.js';
import { fripladsPercent } from './friplads.js';
import { listScales, addIncome } from './rates.js';

/** Steps a household must move on the scale before a new income changes the fee (the monthly regulation rule). */
export const REGULATION_STEPS = 5;

export async function householdOf(
  db: Db,
  personId: string,
  on: string,
): Promise<{ id: string; municipality: string } | null> {
  const h = await homeOf(db, personId, LocalDate.parse(on));
  return h ? { id: h.id, municipality: h.municipalityCode } : null;
}

/** Guardians living at the household on the day: the recipients of its letters. */
const guardiansAt = guardiansLivingIn;
async function under18At(db: Db, householdId: string, on: string): Promise<number> {
  const births = await residentBirthDates(db, householdId, on);
  return Math.max(1, births.filter((b) => ageInYears(b, on) < 18).length);
}

export async function payPercentOf(
  db: Db,
  on: string,
  h: { income: Oere; childrenUnder18: number; singleProvider: boolean },
) {
  const scale = scaleFor(await listScales(db), Number(on.slice(0, 4)));
  if (!scale) throw billingError('billing.no-scale');
  return fripladsPercent(scale, {
    income: h.income,
    childrenUnder18: h.childrenUnder18,
    singleProvider: h.singleProvider,
  });
}

export function decisionLetter(o: {
  recipients: string[];
  granted: boolean;
  payPercent: number;
  income: Oere;
  from: string;
  note: string | null;
  kind: 'decision' | 'regulation' | 'true-up';
}): LetterDraft {
  const title =
    o.kind === 'regulation'
      ? 'Ændring af økonomisk friplads'
      : o.kind === 'true-up'
        ? 'Efterregulering af økonomisk friplads'
        : 'Afgørelse om økonomisk friplads';
  const body = !o.granted
    ? 'Vi har behandlet jeres ansøgning om økonomisk friplads og kan ikke imødekomme den.'
    : o.payPercent === 0
      ? `I får hel økonomisk friplads fra ${o.from}: I betaler ikke for pladsen (frokostordning indgår).`
      : o.payPercent === 100
        ? `Jeres indkomst ligger over den øvre grænse, så I betaler fuld takst fra ${o.from}.`
        : `I betaler ${o.payPercent} % af taksten fra ${o.from}.`;
  return {
    kind: 'friplads',
    subject: title,
    recipients: o.recipients,
    blocks: [
      { heading: title },
      { text: body },
      {
        table: {
          columns: ['Grundlag', 'Værdi'],
          alignRight: [1],
          rows: [
            ['Husstandsindkomst pr. år', formatDkk(o.income)],
            ['Betaling af takst', `${o.payPercent} %`],
            ['Gælder fra', o.from],
          ],
        },
      },
      ...(o.note ? [{ text: o.note }] : []),
      {
        text: 'Afgørelsen er truffet efter dagtilbudslovens § 43 og bekendtgørelsen om økonomisk friplads. Ændres jeres indkomst, skal I give kommunen besked. Den endelige indkomst efterreguleres, når årsopgørelsen foreligger.',
      },
      {
        text: 'Klagevejledning: Afgørelsen kan ikke påklages til anden administrativ myndighed, men I kan bede kommunen genoverveje den.',
      },
    ],
  };
}

export async function decideApplication(
  trx: Db,
  id: string,
  d: { grant: boolean; start: string | null; note: string | null; userId: string; today: LocalDate },
) {
  const a = await trx
    .selectFrom('friplads_application')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!a) throw billingError('billing.application-not-found');
  if (a.status !== 'submitted') throw billingError('billing.application-decided');
  const from = d.start ?? a.wanted_from;
  const pct = (
    await payPercentOf(trx, from, {
      income: Number(a.yearly_oere),
      childrenUnder18: a.children_under18,
      singleProvider: a.single_provider,
    })
  ).payPercent;
  if (d.grant)
    await addIncome(trx, {
      householdId: a.household_id,
      yearlyOere: Number(a.yearly_oere),
      singleProvider: a.single_provider,
      source: 'application',
      start: from,
      end: null,
    });
  const recipients = [...new Set([a.applicant_id, ...(await guardiansAt(trx, a.household_id, d.today.toString()))])];
  const [letter] = await sendLetters(
    trx,
    [
      decisionLetter({
        recipients,
        granted: d.grant,
        payPercent: pct,
        income: Number(a.yearly_oere),
        from,
        note: d.note,
        kind: 'decision',
      }),
    ],
    d.today,
  );
  await trx
    .updateTable('friplads_application')
    .set({
      status: d.grant ? 'granted' : 'rejected',
      decided_by: d.userId,
      decided_at: sql`now()`,
      pay_percent: d.grant ? pct : null,
      note: d.note,
      letter_id: letter ?? null,
    })
    .where('id', '=', id)
    .execute();
  return {
    status: d.grant ? ('granted' as const) : ('rejected' as const),
    payPercent: d.grant ? pct : null,
    letterId: letter,
  };
}

/** A new income applies only when it moves the household ≥ 5 steps on the scale (up or down). */
export async function regulate(trx: Db, householdId: string, yearlyOere: Oere, start: string, today: LocalDate) {
  const cur = await trx
    .selectFrom('household_income')
    .selectAll()
    .where('household_id', '=', householdId)
    .where(sql<boolean>`valid @> ${start}::date`)
    .executeTakeFirst();
  if (!cur) throw billingError('billing.no-income-to-regulate');
  const n = await under18At(trx, householdId, start);
  const before = await payPercentOf(trx, start, {
    income: Number(cur.yearly_oere),
    childrenUnder18: n,
    singleProvider: cur.single_provider,
  });
  const after = await payPercentOf(trx, start, {
    income: yearlyOere,
    childrenUnder18: n,
    singleProvider: cur.single_provider,
  });
  const moved = Math.abs(after.step - before.step);
  if (moved < REGULATION_STEPS) return { applied: false, stepsMoved: moved, payPercent: before.payPercent };
  await addIncome(trx, {
    householdId,
    yearlyOere,
    singleProvider: cur.single_provider,
    source: 'regulation',
    start,
    end: null,
  });
  const recipients = await guardiansAt(trx, householdId, today.toString());
  if (recipients.length)
    await sendLetters(
      trx,
      [
        decisionLetter({
          recipients,
          granted: true,
          payPercent: after.payPercent,
          income: yearlyOere,
          from: start,
          note: null,
          kind: 'regulation',
        }),
      ],
      today,
    );
  return { applied: true, stepsMoved: moved, payPercent: after.payPercent };
}

/** The yearly true-up: the final income replaces every income row of the year; the next run corrects the months billed. */
export async function trueUp(trx: Db, householdId: string, year: number, finalOere: Oere, today: LocalDate) {
  const y0 = `${year}-01-01`,
    y1 = `${year + 1}-01-01`;
  const h = await householdById(trx, householdId);
  if (!h) throw billingError('billing.household-not-found');
  const rows = await trx
    .selectFrom('household_income')
    .selectAll()
    .select([sql<string>`lower(valid)::text`.as('lo'), sql<string | null>`upper(valid)::text`.as('hi')])
    .where('household_id', '=', householdId)
    .where(sql<boolean>`valid && daterange(${y0}::date, ${y1}::date)`)
    .execute();
  if (!rows.length) throw billingError('billing.no-income-in-year', { year });
  const single = rows[rows.length - 1]!.single_provider;
  for (const r of rows) {
    await trx.deleteFrom('household_income').where('id', '=', r.id).execute();
    if (r.lo < y0)
      await trx
        .insertInto('household_income')
        .values({
          household_id: householdId,
          yearly_oere: r.yearly_oere,
          single_provider: r.single_provider,
          source: r.source,
          valid: sql`daterange(${r.lo}::date, ${y0}::date)`,
        })
        .execute();
    if (r.hi === null || r.hi > y1)
      await trx
        .insertInto('household_income')
        .values({
          household_id: householdId,
          yearly_oere: r.yearly_oere,
          single_provider: r.single_provider,
          source: r.source,
          valid: sql`daterange(${y1}::date, ${r.hi}::date)`,
        })
        .execute();
  }
  await trx
    .insertInto('household_income')
    .values({
      household_id: householdId,
      yearly_oere: finalOere,
      single_provider: single,
      source: 'final',
      valid: sql`daterange(${y0}::date, ${y1}::date)`,
    })
    .execute();
  await trx
    .insertInto('billing_recheck')
    .values({ municipality_code: h.municipalityCode, from_month: y0, reason: `efterregulering ${year}` })
    .execute();
  const n = await under18At(trx, householdId, y0);
  const pct = (await payPercentOf(trx, y0, { income: finalOere, childrenUnder18: n, singleProvider: single }))
    .payPercent;
  const recipients = await guardiansAt(trx, householdId, today.toString());
  if (recipients.length)
    await sendLetters(
      trx,
      [
        decisionLetter({
          recipients,
          granted: true,
          payPercent: pct,
          income: finalOere,
          from: y0,
          note: `Efterregulering af ${year} efter den endelige indkomst. Forskellen kommer som regulering på en kommende opkrævning.`,
          kind: 'true-up',
        }),
      ],
      today,
    );
  return { payPercent: pct };
}
