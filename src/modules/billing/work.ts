// Finance's work for today on the staff home: where next month's parent payment run stands (billed in advance, the
// month the billing page opens on) (not run, failed, invoices
// waiting to be sent, not closed, not exported to the debtor system) and friplads applications waiting for a decision.
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { WorkItem } from '../../platform/module.js';
import type { LocalDate } from '../../shared/index.js';
import { householdById } from '../people/index.js';
import { billingPolicy } from './policy.js';
import { monthSummary } from './invoices.js';
import { applicationsByStatus, latestRuns, runWarningCount } from './queries.js';

export async function billingWork(db: Db, actor: Actor, today: LocalDate): Promise<WorkItem[]> {
  const municipality = actor.municipalityCode;
  if (!municipality || !billingPolicy.can(actor, 'billing.manage', { municipalityCode: municipality })) return [];
  const month = today.plusMonths(1).firstOfMonth().toString();
  const link = '/staff/opkraevning';
  const [summary, runs, submitted] = await Promise.all([
    monthSummary(db, municipality, month),
    latestRuns(db, municipality),
    applicationsByStatus(db, 'submitted'),
  ]);
  const items: WorkItem[] = [];
  const run = runs.find((r) => r.month === month);
  if (run?.status === 'failed')
    items.push({ key: 'work.billingFailed', count: 1, tone: 'danger', link, params: { month } });
  else if (run?.status === 'running')
    items.push({ key: 'work.billingRunning', count: 1, tone: 'info', link, params: { month } });
  else if (!summary.billed)
    items.push({ key: 'work.billingNotRun', count: 1, tone: 'warning', link, params: { month } });
  else if (summary.draft.count > 0)
    items.push({ key: 'work.billingDrafts', count: summary.draft.count, tone: 'warning', link, params: { month } });
  else if (!summary.closed)
    items.push({ key: 'work.billingNotClosed', count: summary.sent.count, tone: 'info', link, params: { month } });
  else if (!summary.exportedAt)
    items.push({ key: 'work.billingNotExported', count: summary.sent.count, tone: 'warning', link, params: { month } });
  else items.push({ key: 'work.billingDone', count: summary.sent.count, tone: 'info', link, params: { month } });
  // The month's last run billed some children not as they should be (no address, § 41 costs missing): finance looks.
  const lastDone = runs.find((r) => r.month === month && r.status === 'done');
  const warnings = lastDone ? await runWarningCount(db, lastDone.id) : 0;
  if (warnings > 0)
    items.push({ key: 'work.billingWarnings', count: warnings, tone: 'warning', link, params: { month } });
  // Friplads is the home municipality's decision: applications of households living here.
  const homes = await Promise.all(
    [...new Set(submitted.map((a) => a.household_id))].map(async (h) => (await householdById(db, h))?.municipalityCode),
  );
  const own = homes.filter((m) => m === municipality).length;
  items.push({ key: 'work.fripladsSubmitted', count: own, tone: own ? 'warning' : 'info', link });
  return items;
}
