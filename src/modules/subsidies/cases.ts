// Subsidy casework: decisions with a letter and klagevejledning, stops (of a case or of a carer), and complaints:
// reconsidered, and forwarded to Ankestyrelsen. Applications and the caseworker's checks are in applications.ts and
// checks.ts (re-exported here).
import type { Db } from '../../platform/db/database.js';
import { sendLetters, type LetterBlock } from '../../platform/letters/index.js';
import { DateRange, formatDkk, LocalDate } from '../../shared/index.js';
import { personsById } from '../people/index.js';
import { danishDate } from '../../platform/letters/index.js';
import { subsidiesError } from './contract.js';
import {
  approveCarer,
  carerById,
  casesOfCarerAfter,
  complaintsOf,
  endCase,
  linesOfCase,
  lockCase,
  setDecision,
  setLetter,
  stopCarer,
  type CaseRow,
} from './queries.js';
import type { EndReason } from './rules.js';
import { checksOf } from './checks.js';
export * from './applications.js';
export * from './checks.js';

const END_TEXT: Record<EndReason | 'stop', string> = {
  school_start: 'barnets skolestart',
  max_age: 'kommunens aldersgrænse for ordningen',
  dagtilbud: 'barnets start i et dagtilbud',
  carer_stop: 'den private pasningsordnings ophør',
  period_end: 'den ansøgte slutdato',
  stop: 'kommunens stop af tilskuddet',
};

const KLAGEVEJLEDNING: LetterBlock[] = [
  { heading: 'Klagevejledning' },
  {
    text:
      'I kan klage over afgørelsen. Klagen sendes til kommunen inden 4 uger efter, at I har modtaget afgørelsen. ' +
      'Kommunen genvurderer afgørelsen. Giver vi jer ikke fuldt ud medhold, sender vi klagen og sagens akter videre ' +
      'til Ankestyrelsen (retssikkerhedslovens §§ 66–67). Kommunens godkendelse af pasningsaftalen og tilsynet med ' +
      'ordningen kan ikke indbringes for anden administrativ myndighed (dagtilbudslovens § 81, stk. 1).',
  },
];

/** Approve or refuse an application: checks again, fixes the period's end, approves the carer, sends the letter. */
export async function decide(
  trx: Db,
  id: string,
  d: { approve: boolean; reason: string | null; userId: string; today: LocalDate },
) {
  const c = await lockCase(trx, id);
  if (!c) throw subsidiesError('subsidies.not-found');
  if (c.status !== 'applied') throw subsidiesError('subsidies.already-decided');
  const r = await checksOf(trx, c, d.today);
  const failed = r.checks.find((x) => !x.ok && (x.code !== 'carer-approved' || x.detail === 'stopped'));
  if (d.approve && failed) throw subsidiesError('subsidies.check-failed', { rule: failed.rule, check: failed.code });
  if (!d.approve && !d.reason) throw subsidiesError('subsidies.reason-required');
  const period = DateRange.fromPg(c.valid);
  const decided = d.approve && r.end ? DateRange.of(period.start, r.end) : null;
  await setDecision(trx, id, {
    status: d.approve ? 'approved' : 'refused',
    period: decided,
    endReason: d.approve ? r.endReason : null,
    on: d.today,
    by: d.userId,
    reason: d.reason,
    rule: d.approve ? null : (failed?.rule ?? null),
  });
  if (d.approve && c.carer_id) await approveCarer(trx, c.carer_id, d.today);
  const [child] = await personsById(trx, [c.child_id]);
  const name = `${child!.first_name} ${child!.last_name}`;
  const egne = c.scheme === 'egne_boern';
  const title = egne ? 'Afgørelse om tilskud til pasning af egne børn' : 'Afgørelse om tilskud til privat pasning';
  const blocks: LetterBlock[] = !d.approve
    ? [
        { heading: title },
        {
          text: `Vi har behandlet jeres ansøgning om tilskud til ${egne ? 'pasning af egne børn' : 'privat pasning'} af ${name} og kan ikke imødekomme den.`,
        },
        { text: `Begrundelse: ${d.reason}${failed ? ` (${failed.rule})` : ''}` },
        ...KLAGEVEJLEDNING,
      ]
    : egne
      ? [
          { heading: title },
          {
            text: `Vi har bevilget tilskud til pasning af egne børn for ${name} fra ${danishDate(period.start.toString())} til og med ${danishDate(decided!.end!.toString())} (${END_TEXT[r.endReason ?? 'period_end']}).`,
          },
          {
            table: {
              columns: ['Grundlag', 'Beløb'],
              alignRight: [1],
              rows: [
                ['Kommunens billigste nettodriftsudgift for aldersgruppen pr. måned', formatDkk(r.ceilingOere ?? 0)],
                ['Tilskud pr. måned (højst 85 % af nettodriftsudgiften)', formatDkk(r.monthlyOere ?? 0)],
              ],
            },
          },
          {
            text: 'Tilskuddet gives efter dagtilbudslovens §§ 86–88 og udbetales månedsvis. Husstandens samlede tilskud kan højst udgøre den maksimale dagpengesats; er der flere børn med tilskud, nedsættes beløbene forholdsmæssigt. I har erklæret, at betingelserne om ophold, danskkundskaber og anden indtægt er opfyldt; I skal give kommunen besked, hvis det ændrer sig. Tilskuddet bortfalder, hvis barnet begynder i et dagtilbud.',
          },
          ...(d.reason ? [{ text: d.reason }] : []),
          ...KLAGEVEJLEDNING,
        ]
      : [
          { heading: title },
          {
            text: `Vi har godkendt jeres pasningsaftale og bevilget tilskud til privat pasning af ${name} fra ${danishDate(period.start.toString())} til og med ${danishDate(decided!.end!.toString())} (${END_TEXT[r.endReason ?? 'school_start']}).`,
          },
          {
            table: {
              columns: ['Grundlag', 'Beløb'],
              alignRight: [1],
              rows: [
                ['Jeres dokumenterede udgift pr. måned', formatDkk(Number(c.expense_oere))],
                ['Kommunens loft for aldersgruppen pr. måned', formatDkk(r.ceilingOere ?? 0)],
                ['Tilskud pr. måned (højst 75 % af udgiften og højst loftet)', formatDkk(r.monthlyOere ?? 0)],
              ],
            },
          },
          {
            text: 'Tilskuddet gives efter dagtilbudslovens §§ 80–85 og udbetales månedsvis. Tilskuddet bortfalder ved skolestart, hvis barnet begynder i et dagtilbud, eller hvis pasningsordningen ophører. Kommunen fører tilsyn med ordningen. I skal give kommunen besked om ændringer.',
          },
          ...(d.reason ? [{ text: d.reason }] : []),
          ...KLAGEVEJLEDNING,
        ];
  const [letterId] = await sendLetters(
    trx,
    [
      {
        kind: 'subsidy',
        subject: title,
        recipients: [c.applicant_id],
        childId: c.child_id,
        blocks,
      },
    ],
    d.today,
  );
  await setLetter(trx, id, letterId!);
  return {
    status: d.approve ? ('approved' as const) : ('refused' as const),
    letterId: letterId!,
    end: decided?.end?.toString() ?? null,
  };
}

/** Stops an approved case: `lastDay` is the last day with subsidy (may lie in the past: the next run recovers). */
export async function stop(trx: Db, id: string, lastDay: LocalDate, reason: string, today: LocalDate) {
  const c = await lockCase(trx, id);
  if (!c) throw subsidiesError('subsidies.not-found');
  if (c.status !== 'approved') throw subsidiesError('subsidies.not-approved');
  const period = DateRange.fromPg(c.valid);
  if (lastDay.isBefore(period.start.minusDays(0)) || (period.end && lastDay.isAfter(period.end)))
    throw subsidiesError('subsidies.stop-outside-period');
  await endCase(trx, id, lastDay, 'stop', 'stopped');
  const stopTitle =
    c.scheme === 'egne_boern' ? 'Tilskud til pasning af egne børn stopper' : 'Tilskud til privat pasning stopper';
  const [letterId] = await sendLetters(
    trx,
    [
      {
        kind: 'subsidy',
        subject: stopTitle,
        recipients: [c.applicant_id],
        childId: c.child_id,
        blocks: [
          { heading: stopTitle },
          { text: `Tilskuddet stopper. Sidste dag med tilskud er ${danishDate(lastDay.toString())}.` },
          { text: `Begrundelse: ${reason}` },
          {
            text: 'Er der udbetalt tilskud for tiden efter denne dato, skal det betales tilbage; I får en særskilt opkrævning.',
          },
          ...KLAGEVEJLEDNING,
        ],
      },
    ],
    today,
  );
  return { lastDay: lastDay.toString(), letterId: letterId! };
}

/** A carer stops (or its approval is withdrawn, § 81, stk. 3): every approved case there ends the day before. */
export async function stopCarerFrom(trx: Db, carerId: string, from: LocalDate) {
  const carer = await carerById(trx, carerId);
  if (!carer) throw subsidiesError('subsidies.not-found');
  await stopCarer(trx, carerId, from);
  const cases = await casesOfCarerAfter(trx, carerId, from.minusDays(1));
  for (const c of cases) {
    const start = DateRange.fromPg(c.valid).start;
    if (start.isOnOrAfter(from)) throw subsidiesError('subsidies.stop-outside-period');
    await endCase(trx, c.id, from.minusDays(1), 'carer_stop', 'approved');
  }
  return cases.map((c) => c.id);
}

/** The case file for Ankestyrelsen: the case, its checks, decision, letters, payouts and the complaint. */
export async function caseFile(db: Db, c: CaseRow, today: LocalDate) {
  const [checks, lines, complaints, carer] = await Promise.all([
    checksOf(db, c, today),
    linesOfCase(db, c.id),
    complaintsOf(db, [c.id]),
    c.carer_id ? carerById(db, c.carer_id) : undefined,
  ]);
  const period = DateRange.fromPg(c.valid);
  return {
    formatVersion: 1,
    kind: c.scheme === 'egne_boern' ? 'tilskud-til-pasning-af-egne-boern' : 'tilskud-til-privat-pasning',
    caseId: c.id,
    municipality: c.municipality_code,
    childId: c.child_id,
    applicantId: c.applicant_id,
    submittedOn: c.submitted_on,
    decision: {
      status: c.status,
      decidedOn: c.decided_on,
      reason: c.reason,
      rule: c.refusal_rule,
      start: period.start.toString(),
      end: period.end?.toString() ?? null,
      endReason: c.end_reason,
      letterId: c.letter_id,
    },
    agreement: {
      carer: carer
        ? { name: carer.name, cvr: carer.cvr, address: `${carer.street}, ${carer.postal_code} ${carer.city}` }
        : null,
      expenseOere: c.expense_oere,
      hoursPerWeek: c.hours_per_week,
      childrenInCare: c.children_in_care,
      declarations: c.declarations,
    },
    checks: checks.checks,
    payouts: lines.map((l) => ({ month: l.month, kind: l.kind, amountOere: Number(l.amount_oere) })),
    complaints: complaints.map((k) => ({
      id: k.id,
      receivedOn: k.received_on,
      text: k.text,
      status: k.status,
      reconsideredOn: k.reconsidered_on,
      reconsideredNote: k.reconsidered_note,
    })),
  };
}
