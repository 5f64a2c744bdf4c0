// The monthly subsidy payout for finance staff: preview, the idempotent run (one per municipality at a time), the
// runs so far and each run's creditor export.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { setActor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { subsidiesContract as c, subsidiesError } from './contract.js';
import { subsidiesPolicy } from './policy.js';
import { listRuns } from './queries.js';
import { preview, runMonth } from './payout.js';
import { creditorCsv, creditorExport } from './export.js';
import { day, ofMunicipality } from './routes.staff.js';

export const payoutsStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/subsidies/payouts/preview', { schema: schemaOf('subsidies', c.preview) }, async (req) => {
    subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.pay', ofMunicipality(req.query.municipality));
    const { page, size, filter } = req.query;
    const p = await preview(req.ctx.db, req.query.municipality, day(req.query.month), { page, size, filter });
    // The people whose lines are shown (the summary's counts and totals name no one).
    await audit(req.ctx.db, req.ctx, {
      action: 'subsidies.payout_preview',
      subjectType: 'person',
      subjectIds: [...new Set(p.lines.flatMap((l) => [l.payeeId, l.childId]))],
      details: { municipality: req.query.municipality, month: p.month, page: p.page, filter },
    });
    return p;
  });

  app.post('/subsidies/payouts', { schema: schemaOf('subsidies', c.run, subsidiesError.codes) }, async (req) => {
    const actor = subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.pay', ofMunicipality(req.body.municipality));
    const month = day(req.body.month);
    // Paid monthly in advance: a month may be paid from the month before it.
    if (month.isAfter(req.ctx.clock.today().firstOfMonth().plusMonths(1)))
      throw subsidiesError('subsidies.month-not-started');
    return req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      // One run per municipality at a time: the second waits and then finds nothing left to pay.
      await sql`select pg_advisory_xact_lock(hashtext(${'subsidy-payout:' + req.body.municipality}))`.execute(trx);
      // A recovery is claimed in the debtor export of the next month billed (invoices go out monthly in advance).
      const claimMonth = req.ctx.clock.today().firstOfMonth().plusMonths(1);
      const r = await runMonth(trx, req.body.municipality, month, actor.userId, claimMonth);
      await audit(trx, req.ctx, {
        action: 'subsidies.payout_run',
        subjectType: 'person',
        subjectIds: r.subjects,
        details: { municipality: req.body.municipality, month: req.body.month, runId: r.runId, lines: r.lines },
      });
      return { runId: r.runId, lines: r.lines, totalOere: r.totalOere, recoveries: r.recoveries };
    });
  });

  app.get('/subsidies/payouts', { schema: schemaOf('subsidies', c.runs) }, async (req) => {
    subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.pay', ofMunicipality(req.query.municipality));
    const rows = await listRuns(req.ctx.db, req.query.municipality);
    return rows.map((r) => ({
      id: r.id,
      month: r.month,
      lines: r.lines,
      totalOere: Number(r.total_oere),
      createdAt: String(r.created_at),
    }));
  });

  app.get(
    '/subsidies/payouts/:id/export',
    { schema: schemaOf('subsidies', c.export, subsidiesError.codes) },
    async (req, reply) => {
      subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.pay');
      const ex = await creditorExport(req.ctx.db, req.params.id);
      if (!ex) throw subsidiesError('subsidies.not-found');
      subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.pay', ofMunicipality(ex.municipality));
      await audit(req.ctx.db, req.ctx, {
        action: 'subsidies.export',
        subjectType: 'person',
        subjectIds: [
          ...new Set([...ex.lines.flatMap((l) => [l.payeeId, l.childId]), ...ex.providerLines.map((l) => l.childId)]),
        ],
        details: { runId: req.params.id },
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="kreditor-${ex.municipality}-${ex.month.slice(0, 7)}.csv"`)
        .send(creditorCsv(ex));
    },
  );
};
