// The monthly payout run of subsidies (the creditor side; like billing's run: preview → approve → export).
// What is due per case and month is computed from the case, the terms and rates valid in that month, and the
// household's other places (søskendetilskud across schemes, § 85); a run writes a line only where the amount due
// differs from what was paid: a first payment, a correction after a change, or a negative correction (recovered
// from the payee) after a back-dated stop. A re-run without changes writes nothing.
import type { Db } from '../../platform/db/database.js';
import { LocalDate, percentOf } from '../../shared/index.js';
import { epochOf } from '../../shared/iso-day.js';
import { namesOf, personsById } from '../people/index.js';
import { addDebtorClaims, placesByGuardian } from '../billing/index.js';
import { casesForMonth, paidInMonth, recoveriesOfRun, schemeData, writeRun, type LineInput } from './queries.js';
import { providerDifferences, providerLineInputs } from './providers.js';
import {
  againstPaid,
  ageInMonthsIso,
  capHousehold,
  privatMonthly,
  prorateDays,
  rateForMonths,
  siblingSubsidyByHousehold,
} from './rules.js';

export interface DueLine {
  caseId: string;
  childId: string;
  payeeId: string;
  dueOere: number;
  siblingOere: number;
  rateId: string | null;
}

/** What each case is due for the month (only cases with terms and a rate; the others are listed as skipped). One
 *  load of cases, terms, rates, birth dates and the households' dagtilbud places, then plain arithmetic on epoch days
 *  (no LocalDate per case: 5,000 cases of Temporal arithmetic cost more than the run's queries). */
type Places = Awaited<ReturnType<typeof placesByGuardian>>;
export async function dueForMonth(db: Db, municipality: string, month: LocalDate, loaded?: Promise<Places>) {
  const first = month.firstOfMonth(),
    last = month.lastOfMonth();
  const [cases, book, places] = await Promise.all([
    casesForMonth(db, municipality, first, last),
    schemeData(db, municipality),
    loaded ?? placesByGuardian(db, municipality, first),
  ]);
  const births = new Map(
    (await personsById(db, [...new Set(cases.map((c) => c.child_id))])).map((p) => [p.id, p.birth_date]),
  );
  const f = first.toString(),
    firstE = epochOf(f),
    inMonth = last.day,
    endE = firstE + inMonth;
  const daysOf = (c: { lo: string; hi: string | null }) =>
    Math.min(c.hi ? epochOf(c.hi) : endE, endE) - Math.max(epochOf(c.lo), firstE);
  const skipped: { caseId: string; reason: string }[] = [];
  const privat = { terms: book.termsOn('privat_pasning', first), rates: book.ratesOn('privat_pasning', first) };
  const egne = { terms: book.termsOn('egne_boern', first), rates: book.ratesOn('egne_boern', first) };

  // The full month's subsidy of every privat pasning case (before søskendetilskud), and its own payment; the basis
  // (the age group's cheapest net operating cost) of every egne børn case.
  const full = new Map<string, { amount: number; rateId: string; own: number }>();
  const egneBasis = new Map<string, { basis: number; rateId: string }>();
  for (const c of cases) {
    const s = c.scheme === 'privat_pasning' ? privat : egne;
    const rate = s.terms ? rateForMonths(s.rates, ageInMonthsIso(births.get(c.child_id)!, f)) : null;
    if (!s.terms || !rate) {
      skipped.push({ caseId: c.id, reason: 'no-rate' });
      continue;
    }
    if (c.scheme === 'egne_boern') {
      egneBasis.set(c.id, { basis: rate.monthlyOere, rateId: rate.id });
      continue;
    }
    const amount = privatMonthly(s.terms, Number(c.expense_oere), rate.monthlyOere);
    full.set(c.id, { amount, rateId: rate.id, own: Number(c.expense_oere) - amount });
  }
  const terms = privat.terms;
  // Søskendetilskud (§ 85) across schemes: the household's privat pasning children and the payee's children in a
  // dagtilbud that month (their own payment: the place's monthly rate; billing's loader, one set of queries).
  const sibling = siblingSubsidyByHousehold(
    cases
      .filter((c) => full.has(c.id))
      .map((c) => ({
        id: c.id,
        householdId: c.household_id,
        childId: c.child_id,
        ownPaymentOere: full.get(c.id)!.own,
        adultIds: [c.applicant_id],
      })),
    'privat_pasning',
    places,
    terms?.siblingPercent ?? 50,
  );

  const lines: DueLine[] = [];
  for (const c of cases) {
    const fu = full.get(c.id);
    if (!fu) continue;
    const days = daysOf(c),
      sib = sibling.get(c.id) ?? 0;
    lines.push({
      caseId: c.id,
      childId: c.child_id,
      payeeId: c.applicant_id,
      dueOere: prorateDays(fu.amount + sib, days, inMonth),
      siblingOere: prorateDays(sib, days, inMonth),
      rateId: fu.rateId,
    });
  }

  // Egne børn (§ 88): each child the share of its basis for the days of the month, and the household's month at most
  // the cap (cut in proportion).
  const egneByHousehold = new Map<string, typeof cases>();
  for (const c of cases)
    if (egneBasis.has(c.id)) egneByHousehold.set(c.household_id, [...(egneByHousehold.get(c.household_id) ?? []), c]);
  for (const group of egneByHousehold.values()) {
    const raw = group.map((c) =>
      prorateDays(percentOf(egneBasis.get(c.id)!.basis, egne.terms!.sharePercent), daysOf(c), inMonth),
    );
    const capped = capHousehold(raw, egne.terms!.householdCapOere);
    group.forEach((c, i) =>
      lines.push({
        caseId: c.id,
        childId: c.child_id,
        payeeId: c.applicant_id,
        dueOere: capped[i]!,
        siblingOere: 0,
        rateId: egneBasis.get(c.id)!.rateId,
      }),
    );
  }
  return { lines, skipped };
}

export interface Difference extends DueLine {
  paidOere: number;
  amountOere: number;
  kind: 'payment' | 'correction' | 'unchanged';
}

/** Due against paid: every case due or paid this month, with the line a run would write. */
export async function differences(db: Db, municipality: string, month: LocalDate, places?: Promise<Places>) {
  const first = month.firstOfMonth();
  const [{ lines, skipped }, paid] = await Promise.all([
    dueForMonth(db, municipality, first, places),
    paidInMonth(db, municipality, first),
  ]);
  const skippedIds = new Set(skipped.map((s) => s.caseId));
  const out: Difference[] = lines.map((l) => ({ ...l, ...againstPaid(l.dueOere, paid.get(l.caseId)?.paid) }));
  const seen = new Set(lines.map((l) => l.caseId));
  // Paid before, nothing due now (refused on complaint, stopped back-dated): the whole amount back. A case reopened
  // for a new decision (a complaint reconsidered as changed) is left as paid until it is decided again.
  for (const [caseId, p] of paid)
    if (p.status === 'applied' && !seen.has(caseId)) skipped.push({ caseId, reason: 'reopened' });
    else if (!seen.has(caseId) && !skippedIds.has(caseId))
      out.push({
        caseId,
        childId: p.childId,
        payeeId: p.payeeId,
        dueOere: 0,
        siblingOere: 0,
        rateId: null,
        paidOere: p.paid,
        amountOere: -p.paid,
        kind: p.paid === 0 ? 'unchanged' : 'correction',
      });
  // A payment line needs due ≥ 0 and a nonzero amount; skip a payment of 0 (a case with nothing due this month).
  return { lines: out.filter((l) => !(l.kind === 'payment' && l.amountOere === 0)), skipped };
}

/** What the finance page asks for: a page of the month's lines (1-based), and all lines or only the changes. */
export interface PreviewPage {
  page: number;
  size: number;
  filter: 'all' | 'changes';
}

/** The month's summary (counts and totals of every line, against what was paid) and one page of its lines: the changes
 *  (first payments and corrections) first, then the unchanged, each by payee and child. Names are read for the
 *  order; only the page's lines are answered (5,000 cases of lines were 1.4 MB of JSON). */
export async function preview(db: Db, municipality: string, month: LocalDate, want: PreviewPage) {
  const { lines, skipped } = await differences(db, municipality, month);
  const names = await namesOf(db, [...new Set(lines.flatMap((l) => [l.childId, l.payeeId]))]);
  const count = (kind: Difference['kind']) => lines.filter((l) => l.kind === kind).length;
  const sum = (f: (l: Difference) => number) => lines.reduce((s, l) => s + f(l), 0);
  const collator = new Intl.Collator('da', { sensitivity: 'base' });
  const name = (id: string) => names.get(id) ?? '';
  const listed = lines
    .filter((l) => want.filter === 'all' || l.kind !== 'unchanged')
    .map((l) => ({ l, payee: name(l.payeeId), child: name(l.childId) }))
    .sort(
      (a, b) =>
        Number(a.l.kind === 'unchanged') - Number(b.l.kind === 'unchanged') ||
        collator.compare(a.payee, b.payee) ||
        collator.compare(a.child, b.child) ||
        (a.l.caseId < b.l.caseId ? -1 : a.l.caseId > b.l.caseId ? 1 : 0),
    );
  const pages = Math.max(1, Math.ceil(listed.length / want.size));
  const page = Math.min(want.page, pages);
  return {
    municipality,
    month: month.firstOfMonth().toString(),
    summary: {
      cases: lines.length,
      changes: lines.length - count('unchanged'),
      new: count('payment'),
      changed: count('correction'),
      unchanged: count('unchanged'),
      totalOere: sum((l) => l.amountOere),
      dueOere: sum((l) => l.dueOere),
      paidOere: sum((l) => l.paidOere),
    },
    skipped,
    filter: want.filter,
    page,
    size: want.size,
    pages,
    total: listed.length,
    lines: listed.slice((page - 1) * want.size, page * want.size).map(({ l, payee, child }) => ({
      caseId: l.caseId,
      childId: l.childId,
      child,
      payeeId: l.payeeId,
      payee,
      dueOere: l.dueOere,
      siblingOere: l.siblingOere,
      paidOere: l.paidOere,
      amountOere: l.amountOere,
      kind: l.kind,
    })),
  };
}

/** Approves the month: writes the differences (and nothing when there are none). Run inside a transaction that has
 *  locked the municipality's month (see routes), so two runs cannot pay the same difference twice. */
export async function runMonth(
  trx: Db,
  municipality: string,
  month: LocalDate,
  userId: string | null,
  /** The debtor export month of recovery claims (the next month billed); default the payout month. */
  claimMonth?: LocalDate,
) {
  // The households' dagtilbud places (søskendetilskud) once for parents and providers: billing's loader is the run's
  // largest read.
  const places = placesByGuardian(trx, municipality, month.firstOfMonth());
  const [{ lines }, providers] = await Promise.all([
    differences(trx, municipality, month, places),
    providerDifferences(trx, municipality, month, places),
  ]);
  const providerLines = providerLineInputs(providers.lines);
  const changed: LineInput[] = lines
    .filter((l) => l.kind !== 'unchanged')
    .map((l) => ({
      caseId: l.caseId,
      kind: l.kind === 'payment' ? 'payment' : 'correction',
      amountOere: l.amountOere,
      dueOere: l.dueOere,
      siblingOere: l.siblingOere,
      rateId: l.rateId,
      payeeId: l.payeeId,
    }));
  if (!changed.length && !providerLines.length)
    return { runId: null, lines: 0, totalOere: 0, recoveries: 0, subjects: [] as string[] };
  const r = await writeRun(trx, { municipality, month: month.firstOfMonth(), userId, lines: changed, providerLines });
  // Amounts paid without right are a claim on the household in billing's debtor export of the next month billed
  // (once per recovery: billing keeps one claim per source row).
  if (r.recoveries) {
    const recovered = await recoveriesOfRun(trx, r.runId);
    await addDebtorClaims(
      trx,
      recovered.map((x) => ({
        municipality: x.municipality_code,
        source: 'subsidy_recovery',
        sourceId: x.id,
        payerId: x.debtor_id,
        householdId: x.household_id,
        month: claimMonth ?? month.firstOfMonth(),
        amountOere: Number(x.amount_oere),
        text: `Tilbagebetaling af ${x.scheme === 'egne_boern' ? 'tilskud til pasning af egne børn' : 'tilskud til privat pasning'} for ${x.months}`,
      })),
    );
  }
  return {
    runId: r.runId,
    lines: changed.length + providerLines.length,
    totalOere: r.total,
    recoveries: r.recoveries,
    subjects: [
      ...new Set([
        ...lines.filter((l) => l.kind !== 'unchanged').flatMap((l) => [l.payeeId, l.childId]),
        ...providers.lines.filter((l) => l.kind !== 'unchanged').map((l) => l.childId),
      ]),
    ],
  };
}
