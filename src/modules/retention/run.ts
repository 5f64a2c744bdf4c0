// One retention run in one transaction: plan, (erase,) log the run, one audit row.
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { setActor } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import type { LocalDate } from '../../shared/index.js';
import type { RetentionRun } from './contract.js';
import { retentionError } from './contract.js';
import { eraseByPlan, planRetention, type RetentionPlan } from './plan.js';
import { insertRun, latestDryRun, listRuns } from './queries.js';

type RunRow = Awaited<ReturnType<typeof listRuns>>[number];
export const toRun = (r: RunRow): RetentionRun => ({
  id: r.id,
  mode: r.mode,
  trigger: r.trigger,
  runOn: String(r.run_on).slice(0, 10),
  startedBy: r.started_by,
  createdAt: String(r.created_at),
  counts: r.counts,
  rules: r.rules,
});

const sameCounts = (a: RetentionPlan['counts'], b: RetentionPlan['counts']) =>
  (['childCase', 'applications', 'attendance', 'invoices', 'auditLog', 'persons'] as const).every((k) => a[k] === b[k]);

/** A dry run, or an erase (staff: confirming `dryRunId`, which must be the latest dry run and still find the same). */
export async function runRetention(
  db: Db,
  ctx: RequestContext,
  o: { municipality: string; today: LocalDate; mode: 'dry_run' | 'erase'; dryRunId?: string },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const userId = ctx.actor?.userId ?? null;
    if (userId) await setActor(trx, userId);
    const plan = await planRetention(trx, o.municipality, o.today);
    let erased: Awaited<ReturnType<typeof eraseByPlan>> | null = null;
    if (o.mode === 'erase') {
      if (o.dryRunId !== undefined) {
        const latest = await latestDryRun(trx, o.municipality);
        if (!latest || latest.id !== o.dryRunId) throw retentionError('retention.dry-run-not-latest');
        if (!sameCounts(latest.counts, plan.counts)) throw retentionError('retention.dry-run-stale');
      }
      erased = await eraseByPlan(trx, plan, o.today);
    }
    const run = await insertRun(trx, {
      municipality: o.municipality,
      mode: o.mode,
      trigger: userId ? 'staff' : 'nightly',
      today: o.today,
      startedBy: userId,
      plan,
      dryRunId: o.mode === 'erase' ? (o.dryRunId ?? null) : null,
    });
    await audit(trx, ctx, {
      action: o.mode === 'erase' ? 'retention.erase' : 'retention.dry-run',
      subjectType: 'retention_run',
      subjectIds: [run.id],
      details: { municipality: o.municipality, counts: plan.counts, ...(erased && { erased }) },
    });
    return run.id;
  });
}
