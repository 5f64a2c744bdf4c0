// The creditor export of one payout run (docs/formats/creditor-export.md): one row per payout line.
import type { Db } from '../../platform/db/database.js';
import { namesOf } from '../people/index.js';
import { providerLinesOfRun, runWithLines } from './queries.js';

export async function creditorExport(db: Db, runId: string) {
  const r = await runWithLines(db, runId);
  if (!r) return null;
  const providers = await providerLinesOfRun(db, runId);
  const names = await namesOf(db, [
    ...new Set([...r.lines.flatMap((l) => [l.payee_id, l.child_id]), ...providers.map((l) => l.child_id)]),
  ]);
  return {
    formatVersion: 1,
    runId: r.run.id,
    municipality: r.run.municipality_code,
    month: r.run.month,
    lines: r.lines.map((l) => ({
      payeeId: l.payee_id,
      payeeName: names.get(l.payee_id) ?? '',
      caseId: l.case_id,
      childId: l.child_id,
      scheme: l.scheme,
      kind: Number(l.amount_oere) < 0 ? 'recovery' : l.kind,
      amountOere: Number(l.amount_oere),
      dueOere: Number(l.due_oere),
      siblingOere: Number(l.sibling_oere),
      payeeCvr: '',
      grantOere: 0,
      fripladsOere: 0,
    })),
    // One statement per provider: a line per enrolled child (the case column holds the enrolment).
    providerLines: providers.map((l) => ({
      payeeId: l.provider_id,
      payeeName: l.name,
      caseId: l.enrolment_id,
      childId: l.child_id,
      scheme: l.kind as string,
      kind: Number(l.amount_oere) < 0 ? 'recovery' : l.line_kind,
      amountOere: Number(l.amount_oere),
      dueOere: Number(l.due_oere),
      siblingOere: Number(l.sibling_oere),
      payeeCvr: l.cvr,
      grantOere: Number(l.grant_oere),
      fripladsOere: Number(l.friplads_oere),
    })),
  };
}

const cell = (v: string | number) => {
  const s = String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
export function creditorCsv(ex: NonNullable<Awaited<ReturnType<typeof creditorExport>>>): string {
  const head = [
    'format_version',
    'run_id',
    'municipality',
    'month',
    'payee_id',
    'payee_name',
    'case_id',
    'child_id',
    'scheme',
    'kind',
    'amount_oere',
    'due_oere',
    'sibling_oere',
    'payee_cvr',
    'grant_oere',
    'friplads_oere',
  ];
  const rows = [...ex.lines, ...ex.providerLines].map((l) =>
    [
      ex.formatVersion,
      ex.runId,
      ex.municipality,
      ex.month.slice(0, 7),
      l.payeeId,
      l.payeeName,
      l.caseId,
      l.childId,
      l.scheme,
      l.kind,
      l.amountOere,
      l.dueOere,
      l.siblingOere,
      l.payeeCvr,
      l.grantOere,
      l.fripladsOere,
    ]
      .map(cell)
      .join(';'),
  );
  return [head.join(';'), ...rows].join('\r\n') + '\r\n';
}
