// Subsidy casework: applications (citizen or caseworker), the checks a caseworker sees, decisions with a letter and
// klagevejledning, stops (of a case or of a carer), and complaints: reconsidered, and forwarded to Ankestyrelsen.
import type { Db } from '../../platform/db/database.js';
import { sendLetters, type LetterBlock } from '../../platform/letters/index.js';
import { DateRange, formatDkk, LocalDate, percentOf } from '../../shared/index.js';
import { childIdsInCustody, homeOf, personsById, placementsOf } from '../people/index.js';
import { danishDate } from '../../platform/letters/index.js';
import { subsidiesError } from './contract.js';
import {
  addCase,
  approveCarer,
  carerById,
  casesOfCarerAfter,
  childrenAtCarer,
  complaintsOf,
  egneChildrenInHousehold,
  enrolmentOverlapping,
  endCase,
  findOrAddCarer,
  linesOfCase,
  lockCase,
  schemeData,
  setDecision,
  setLetter,
  stopCarer,
  type CaseRow,
  type Declarations,
} from './queries.js';
import {
  capHousehold,
  checkAge,
  checkCarer,
  checkEgnePeriod,
  checkExpense,
  checkHousehold,
  endOf,
  privatMonthly,
  rateFor,
  type Breach,
  type EndReason,
} from './rules.js';

export interface Application {
  childId: string;
  start: string;
  end: string | null;
  carer: { name: string; cvr: string | null; street: string; postalCode: string; city: string; carers: number };
  expenseOere: number;
  hoursPerWeek: number;
  childrenInCare: number;
}

const fail = (b: Breach) => subsidiesError(b.code, { rule: b.rule });

/** The first dagtilbud place of the child overlapping the period (§ 2, stk. 3: one place per child). */
async function dagtilbudOverlap(db: Db, childId: string, period: DateRange, today: LocalDate) {
  const places = await placementsOf(db, [childId], LocalDate.min(today, period.start));
  return (
    places.find(
      (p) =>
        p.kind === 'dagtilbud' &&
        DateRange.of(LocalDate.parse(p.start), p.end ? LocalDate.parse(p.end) : null).overlaps(period),
    ) ?? null
  );
}

/** Everything a privat pasning application must meet before it is stored: refusals name the rule. */
async function validate(
  db: Db,
  o: { municipality: string; birth: LocalDate; period: DateRange; a: Application; today: LocalDate },
) {
  const book = await schemeData(db, o.municipality);
  const terms = book.termsOn('privat_pasning', o.period.start);
  if (!terms || !terms.offered) throw subsidiesError('subsidies.no-terms', { rule: 'dagtilbudsloven § 80' });
  const breaches = [
    ...checkAge(o.birth, o.period, terms),
    ...checkExpense(o.a.expenseOere),
    ...checkCarer(terms, { carers: o.a.carer.carers, extraConsent: false }, o.a.childrenInCare),
  ];
  if (breaches.length) throw fail(breaches[0]!);
  const rate = rateFor(book.ratesOn('privat_pasning', o.period.start), o.birth, o.period.start);
  if (!rate) throw subsidiesError('subsidies.no-rate', { rule: 'dagtilbudsloven § 83' });
  const place = await dagtilbudOverlap(db, o.a.childId, o.period, o.today);
  if (place)
    throw subsidiesError('subsidies.dagtilbud-overlap', { rule: 'dagtilbudsloven § 2, stk. 3', from: place.start });
  const enrolled = await enrolmentOverlapping(db, o.a.childId, o.period);
  if (enrolled)
    throw subsidiesError('subsidies.enrolled-with-provider', {
      rule: 'dagtilbudsloven § 2, stk. 3',
      from: enrolled.lo,
    });
  return { terms, monthly: privatMonthly(terms, o.a.expenseOere, rate.monthlyOere), ceiling: rate.monthlyOere };
}

/** A guardian's (or a caseworker's, for the guardian) application for tilskud til privat pasning. */
export async function apply(
  trx: Db,
  a: Application,
  by: { applicantId: string; source: 'citizen' | 'caseworker'; today: LocalDate },
) {
  const home = await homeOf(trx, by.applicantId, by.today);
  if (!home) throw subsidiesError('subsidies.no-address');
  const [child] = await personsById(trx, [a.childId]);
  if (!child) throw subsidiesError('subsidies.not-found');
  const start = LocalDate.parse(a.start),
    end = a.end ? LocalDate.parse(a.end) : null;
  if (end && end.isBefore(start)) throw subsidiesError('subsidies.end-before-start');
  if (start.isBefore(by.today.firstOfMonth())) throw subsidiesError('subsidies.start-in-past');
  const period = DateRange.of(start, end);
  const birth = LocalDate.parse(child.birth_date);
  const v = await validate(trx, { municipality: home.municipalityCode, birth, period, a, today: by.today });
  const carerId = await findOrAddCarer(trx, { municipality: home.municipalityCode, ...a.carer });
  const r = await addCase(trx, {
    municipality: home.municipalityCode,
    scheme: 'privat_pasning',
    childId: a.childId,
    householdId: home.id,
    applicantId: by.applicantId,
    carerId,
    expenseOere: a.expenseOere,
    hoursPerWeek: a.hoursPerWeek,
    childrenInCare: a.childrenInCare,
    period,
    source: by.source,
    submittedOn: by.today,
    deadline: by.today.plusDays(v.terms.decisionDays),
  });
  return { id: r.id, deadline: by.today.plusDays(v.terms.decisionDays).toString(), estimateOere: v.monthly };
}

export interface EgneApplication {
  childId: string;
  start: string;
  end: string;
  declarations: Declarations;
}

/** A guardian's application for tilskud til pasning af egne børn (§§ 86–88), where the municipality offers it. The
 *  declarations are stored as given: the caseworker checks them, and approval needs all three. */
export async function applyEgne(
  trx: Db,
  a: EgneApplication,
  by: { applicantId: string; source: 'citizen' | 'caseworker'; today: LocalDate },
) {
  const home = await homeOf(trx, by.applicantId, by.today);
  if (!home) throw subsidiesError('subsidies.no-address');
  const [child] = await personsById(trx, [a.childId]);
  if (!child) throw subsidiesError('subsidies.not-found');
  const start = LocalDate.parse(a.start),
    end = LocalDate.parse(a.end);
  if (end.isBefore(start)) throw subsidiesError('subsidies.end-before-start');
  if (start.isBefore(by.today.firstOfMonth())) throw subsidiesError('subsidies.start-in-past');
  const period = DateRange.of(start, end);
  const birth = LocalDate.parse(child.birth_date);
  const book = await schemeData(trx, home.municipalityCode);
  const terms = book.termsOn('egne_boern', start);
  if (!terms || !terms.offered) throw subsidiesError('subsidies.not-offered', { rule: 'dagtilbudsloven § 86, stk. 1' });
  const others = await egneChildrenInHousehold(trx, home.id, period, null);
  const breaches = [
    ...checkAge(birth, period, terms),
    ...checkEgnePeriod(terms, period),
    ...checkHousehold(terms, others + 1),
  ];
  if (breaches.length) throw fail(breaches[0]!);
  const rate = rateFor(book.ratesOn('egne_boern', start), birth, start);
  if (!rate) throw subsidiesError('subsidies.no-rate', { rule: 'dagtilbudsloven § 88' });
  const place = await dagtilbudOverlap(trx, a.childId, period, by.today);
  if (place)
    throw subsidiesError('subsidies.dagtilbud-overlap', { rule: 'dagtilbudsloven § 2, stk. 3', from: place.start });
  const enrolled = await enrolmentOverlapping(trx, a.childId, period);
  if (enrolled)
    throw subsidiesError('subsidies.enrolled-with-provider', {
      rule: 'dagtilbudsloven § 2, stk. 3',
      from: enrolled.lo,
    });
  const deadline = by.today.plusDays(terms.decisionDays);
  const r = await addCase(trx, {
    municipality: home.municipalityCode,
    scheme: 'egne_boern',
    childId: a.childId,
    householdId: home.id,
    applicantId: by.applicantId,
    carerId: null,
    expenseOere: null,
    hoursPerWeek: null,
    childrenInCare: null,
    period,
    source: by.source,
    submittedOn: by.today,
    deadline,
    declarations: a.declarations,
  });
  return {
    id: r.id,
    deadline: deadline.toString(),
    estimateOere: capHousehold([percentOf(rate.monthlyOere, terms.sharePercent)], terms.householdCapOere)[0]!,
  };
}

export interface Check {
  code:
    | 'age'
    | 'dagtilbud'
    | 'carer-limit'
    | 'expense'
    | 'carer-approved'
    | 'rate'
    | 'period'
    | 'household'
    | 'residence'
    | 'language'
    | 'other-income';
  ok: boolean;
  rule: string;
  detail: string;
}

/** The checks a caseworker sees before deciding, and what the decision would be (period end, monthly amount). */
export async function checksOf(db: Db, c: CaseRow, today: LocalDate) {
  const [child] = await personsById(db, [c.child_id]);
  const birth = LocalDate.parse(child!.birth_date);
  const period = DateRange.fromPg(c.valid);
  const book = await schemeData(db, c.municipality_code);
  const terms = book.termsOn(c.scheme, period.start);
  const carer = c.carer_id ? await carerById(db, c.carer_id) : undefined;
  const checks: Check[] = [];
  if (!terms) return { checks, end: null, endReason: null, monthlyOere: null, ceilingOere: null, birth };
  const age = checkAge(birth, period, terms);
  checks.push({
    code: 'age',
    ok: !age.length,
    rule: age[0]?.rule ?? (c.scheme === 'egne_boern' ? 'dagtilbudsloven § 86, stk. 1' : 'dagtilbudsloven § 80, stk. 1'),
    detail: `${birth.toString()}`,
  });
  const place = await dagtilbudOverlap(db, c.child_id, period, today);
  checks.push({ code: 'dagtilbud', ok: !place, rule: 'dagtilbudsloven § 2, stk. 3', detail: place?.unitName ?? '' });
  if (c.scheme === 'egne_boern') return { ...(await egneChecks(db, c, terms, book, birth, period, checks)), birth };
  const others = c.carer_id ? await childrenAtCarer(db, c.carer_id, period.start, c.id) : 0;
  const inCare = Math.max(c.children_in_care ?? 0, others + 1);
  const carerBreach = carer
    ? checkCarer(terms, { carers: carer.carers, extraConsent: carer.extra_consent }, inCare)
    : [];
  checks.push({ code: 'carer-limit', ok: !carerBreach.length, rule: 'dagtilbudsloven § 78', detail: String(inCare) });
  checks.push({
    code: 'expense',
    ok: !checkExpense(Number(c.expense_oere ?? 0)).length,
    rule: 'dagtilbudsloven § 83',
    detail: String(c.expense_oere ?? 0),
  });
  // The carer and the agreement are approved with the decision (§ 81); a stopped carer cannot be.
  checks.push({
    code: 'carer-approved',
    ok: !!carer?.approved_on && !carer.stopped_on,
    rule: 'dagtilbudsloven § 81',
    detail: carer?.stopped_on ? 'stopped' : (carer?.approved_on ?? ''),
  });
  const rate = rateFor(book.ratesOn(c.scheme, period.start), birth, period.start);
  checks.push({ code: 'rate', ok: !!rate, rule: 'dagtilbudsloven § 83', detail: rate ? String(rate.monthlyOere) : '' });
  const e = endOf({
    birth,
    terms,
    wantedEnd: period.end,
    placementStart: null,
    carerStop: carer?.stopped_on ? LocalDate.parse(carer.stopped_on) : null,
  });
  return {
    checks,
    end: e.end,
    endReason: e.reason,
    monthlyOere: rate ? privatMonthly(terms, Number(c.expense_oere ?? 0), rate.monthlyOere) : null,
    ceilingOere: rate?.monthlyOere ?? null,
    birth,
  };
}

/** The checks of an egne børn case (§§ 86–88): period, household, the declarations, the rate; the amount is the share
 *  of the age group's basis (before the household cap, which the payout run applies to the household's month). */
async function egneChecks(
  db: Db,
  c: CaseRow,
  terms: NonNullable<ReturnType<Awaited<ReturnType<typeof schemeData>>['termsOn']>>,
  book: Awaited<ReturnType<typeof schemeData>>,
  birth: LocalDate,
  period: DateRange,
  checks: Check[],
) {
  const p = checkEgnePeriod(terms, period);
  checks.push({ code: 'period', ok: !p.length, rule: 'dagtilbudsloven § 87', detail: p[0]?.code ?? '' });
  const others = await egneChildrenInHousehold(db, c.household_id, period, c.id);
  const h = checkHousehold(terms, others + 1);
  checks.push({ code: 'household', ok: !h.length, rule: 'dagtilbudsloven § 87', detail: String(others + 1) });
  const decl = (c.declarations ?? {}) as Partial<Declarations>;
  checks.push({ code: 'residence', ok: decl.residence === true, rule: 'dagtilbudsloven § 86', detail: '' });
  checks.push({ code: 'language', ok: decl.language === true, rule: 'dagtilbudsloven § 86', detail: '' });
  checks.push({ code: 'other-income', ok: decl.noOtherIncome === true, rule: 'dagtilbudsloven § 87', detail: '' });
  const rate = rateFor(book.ratesOn('egne_boern', period.start), birth, period.start);
  checks.push({ code: 'rate', ok: !!rate, rule: 'dagtilbudsloven § 88', detail: rate ? String(rate.monthlyOere) : '' });
  const e = endOf({ birth, terms, wantedEnd: period.end, placementStart: null, carerStop: null });
  return {
    checks,
    end: e.end,
    endReason: e.reason,
    monthlyOere: rate ? percentOf(rate.monthlyOere, terms.sharePercent) : null,
    ceilingOere: rate?.monthlyOere ?? null,
  };
}

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

/** Children in the guardian's custody with their birth dates (the citizen's choices). */
export async function childrenOf(db: Db, guardianId: string, today: LocalDate) {
  const ids = await childIdsInCustody(db, guardianId, today);
  return personsById(db, ids);
}
