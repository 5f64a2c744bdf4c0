// Finance staff: the monthly run with its preview, sending and closing months, invoices and the debtor export.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateRange } from '../../shared/index.js';
import { setActor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { billingContract as c, billingError } from './contract.js';
import { billingPolicy } from './policy.js';
import {
  closeMonth,
  draftCount,
  incomesOf,
  invoicesOfPayer,
  latestRuns,
  markExported,
  monthState,
  monthWarnings,
  reopenMonth,
  runById,
  sentPayers,
} from './queries.js';
import { childSubject, personsById } from '../people/index.js';
import { homeMunicipality } from '../../platform/auth/actor.js';
import { assertAllBilled, assertOpenMonth, named, planRun, runProgress, startRun } from './run.js';
import { debtorCsv, debtorExport, invoicesWithLines, monthSummary, sendMonth } from './invoices.js';
import { debtorClaims } from './household-share.js';
import { monthName } from './diff.js';
import { addMonths } from '../../shared/iso-day.js';

export const billingRunRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/billing/preview', { schema: schemaOf('billing', c.preview, billingError.codes) }, async (req) => {
    billingPolicy.authorize(req.ctx.actor, 'billing.manage', { municipalityCode: req.query.municipality });
    const { municipality, month } = req.query;
    await assertOpenMonth(req.ctx.db, municipality, month);
    const plan = await planRun(req.ctx.db, municipality, month);
    const byPayer = new Map<string, number>();
    for (const l of plan.lines) byPayer.set(l.payerId, (byPayer.get(l.payerId) ?? 0) + l.amount);
    const names = await personsById(req.ctx.db, [...byPayer.keys()].slice(0, 20));
    // Subjects: the payers shown in the sample and the children on their lines.
    const shown = new Set(names.map((n) => n.id));
    const subjects = new Set([...shown, ...plan.lines.filter((l) => shown.has(l.payerId)).map((l) => l.childId)]);
    await audit(req.ctx.db, req.ctx, {
      action: 'billing.preview',
      subjectType: 'person',
      subjectIds: [...subjects],
      details: { municipality, month },
    });
    if (plan.unbilled.length)
      await audit(req.ctx.db, req.ctx, {
        action: 'billing.unbilled.read',
        subjectType: 'child',
        subjectIds: plan.unbilled.map((u) => u.childId),
      });
    const warnings = await named(req.ctx.db, plan.warnings);
    if (warnings.length)
      await audit(req.ctx.db, req.ctx, {
        action: 'billing.warnings.read',
        subjectType: 'child',
        subjectIds: [...new Set(warnings.map((w) => w.childId))],
        details: { municipality, month },
      });
    return {
      month: month.slice(0, 7),
      from: plan.from.slice(0, 7),
      children: plan.children,
      payers: byPayer.size,
      lines: plan.lines.length,
      corrections: plan.lines.filter((l) => l.serviceMonth < month).length,
      totalOere: plan.lines.reduce((s, l) => s + l.amount, 0),
      warnings,
      // Every placed child the run cannot bill, by name with a link; while there is one, a run is refused (409).
      unbilledCount: plan.unbilled.length,
      unbilled: plan.unbilled,
      sample: names.map((n) => ({
        payerName: `${n.first_name} ${n.last_name}`,
        totalOere: byPayer.get(n.id)!,
        lines: plan.lines
          .filter((l) => l.payerId === n.id)
          .map((l) => ({ serviceMonth: l.serviceMonth, code: l.code, text: l.text, amountOere: l.amount })),
      })),
    };
  });
  app.post('/billing/runs', { schema: schemaOf('billing', c.startRun, billingError.codes) }, async (req, reply) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.manage', { municipalityCode: req.body.municipality });
    const { runId } = await startRun(req.ctx.db, {
      municipality: req.body.municipality,
      month: req.body.month,
      userId: actor.userId,
    }).catch(async (e) => {
      if (e?.code === 'billing.unbilled-children')
        await audit(req.ctx.db, req.ctx, {
          action: 'billing.unbilled.read',
          subjectType: 'child',
          subjectIds: e.details.children.map((c: { childId: string }) => c.childId),
        });
      throw e;
    });
    await audit(req.ctx.db, req.ctx, {
      action: 'billing.run',
      subjectType: 'billing_run',
      subjectIds: [runId],
      details: { municipality: req.body.municipality, month: req.body.month },
    });
    return reply.code(202).send({ runId });
  });
  app.get('/billing/runs', { schema: schemaOf('billing', c.runs, billingError.codes) }, async (req) => {
    billingPolicy.authorize(req.ctx.actor, 'billing.read', { municipalityCode: req.query.municipality });
    const rows = await latestRuns(req.ctx.db, req.query.municipality);
    return rows.map(runView);
  });
  app.get('/billing/runs/:id', { schema: schemaOf('billing', c.run, billingError.codes) }, async (req) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.read');
    const r = await runById(req.ctx.db, req.params.id);
    // Another municipality's run is not found (its existence is not told).
    if (!r || r.municipality_code !== actor.municipalityCode) throw billingError('billing.run-not-found');
    return runView(r);
  });
  app.get('/billing/months', { schema: schemaOf('billing', c.month, billingError.codes) }, async (req) => {
    billingPolicy.authorize(req.ctx.actor, 'billing.read', { municipalityCode: req.query.municipality });
    return monthSummary(req.ctx.db, req.query.municipality, req.query.month);
  });
  app.get(
    '/billing/months/warnings',
    { schema: schemaOf('billing', c.monthWarnings, billingError.codes) },
    async (req) => {
      billingPolicy.authorize(req.ctx.actor, 'billing.read', { municipalityCode: req.query.municipality });
      const { municipality, month } = req.query;
      const found = await monthWarnings(req.ctx.db, municipality, month);
      const warnings = found ? await named(req.ctx.db, found.rows) : [];
      // Logged even when it names nobody: the children warned about, else the run read, else the month without a run.
      await audit(req.ctx.db, req.ctx, {
        action: 'billing.warnings.read',
        subjectType: warnings.length ? 'child' : 'billing_run',
        subjectIds: warnings.length ? [...new Set(warnings.map((w) => w.childId))] : found ? [found.runId] : [],
        details: { municipality, month },
      });
      if (!found) return { runId: null, finishedAt: null, total: 0, warnings: [] };
      return { runId: found.runId, finishedAt: found.finishedAt, total: warnings.length, warnings };
    },
  );
  app.post('/billing/months/send', { schema: schemaOf('billing', c.sendMonth, billingError.codes) }, async (req) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.manage', { municipalityCode: req.body.municipality });
    const { municipality, month } = req.body;
    await assertAllBilled(req.ctx.db, municipality, month);
    const ids = await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const ids = await sendMonth(trx, municipality, month, req.ctx.clock.today());
      await audit(trx, req.ctx, {
        action: 'invoice.send',
        subjectType: 'invoice',
        subjectIds: ids.slice(0, 1000),
        details: { municipality, month, count: ids.length },
      });
      return ids;
    });
    return { sent: ids.length };
  });
  app.post('/billing/months/close', { schema: schemaOf('billing', c.closeMonth, billingError.codes) }, async (req) => {
    billingPolicy.authorize(req.ctx.actor, 'billing.manage', { municipalityCode: req.body.municipality });
    const { municipality, month } = req.body;
    const state = await monthState(req.ctx.db, municipality, month);
    if (!state.billed) throw billingError('billing.month-not-billed', { month: monthName(month) });
    const drafts = await draftCount(req.ctx.db, municipality, month);
    if (drafts) throw billingError('billing.unsent-invoices', { count: drafts, month: monthName(month) });
    await req.ctx.db.transaction().execute(async (trx) => {
      await closeMonth(trx, municipality, month);
      await audit(trx, req.ctx, {
        action: 'billing.month.close',
        subjectType: 'billing_month',
        subjectIds: [],
        details: { municipality, month },
      });
    });
    return { closed: true };
  });
  app.post(
    '/billing/months/:month/reopen',
    { schema: schemaOf('billing', c.reopenMonth, billingError.codes) },
    async (req) => {
      const actor = billingPolicy.authorize(req.ctx.actor, 'billing.manage');
      const { month } = req.params;
      const { municipality, reason } = req.body;
      return req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const r = await reopenMonth(trx, municipality, month, reason);
        if (!r.closed) throw billingError('billing.month-not-closed', { month: monthName(month) });
        if (!r.reopenedAt)
          throw billingError('billing.month-exported', {
            month: monthName(month),
            next: monthName(addMonths(month, 1)),
          });
        await audit(trx, req.ctx, {
          action: 'billing.month.reopen',
          subjectType: 'billing_month',
          subjectIds: [],
          details: { municipality, month, reason },
        });
        return { closed: false, reopenedAt: r.reopenedAt };
      });
    },
  );
  app.get('/billing/invoices', { schema: schemaOf('billing', c.invoices, billingError.codes) }, async (req) => {
    billingPolicy.authorize(req.ctx.actor, 'billing.read', { municipalityCode: req.query.municipality });
    const list = await invoicesWithLines(req.ctx.db, {
      municipality: req.query.municipality,
      month: req.query.month,
      payerId: req.query.payerId,
    });
    await audit(req.ctx.db, req.ctx, {
      action: 'invoice.read',
      subjectType: 'invoice',
      subjectIds: list.slice(0, 500).map((i) => i.id),
    });
    return list;
  });
  app.get(
    '/billing/payers/:id/account',
    { schema: schemaOf('billing', c.account, billingError.codes) },
    async (req) => {
      const db = req.ctx.db;
      // A payer of the municipality (living there, or with a child placed there); only its invoices from here.
      const actor = billingPolicy.authorize(
        req.ctx.actor,
        'billing.read',
        await childSubject(db, req.params.id, req.ctx.clock.today()),
      );
      const [payer] = await personsById(db, [req.params.id]);
      if (!payer) throw billingError('billing.payer-not-found');
      const inv = await invoicesOfPayer(db, req.params.id, homeMunicipality(actor));
      const households = [...new Set(inv.map((i) => i.household_id).filter((h): h is string => !!h))];
      const incomes = await incomesOf(db, households);
      const invoices = await invoicesWithLines(db, { ids: inv.map((i) => i.id) });
      await audit(db, req.ctx, {
        action: 'billing.account.read',
        subjectType: 'person',
        subjectIds: [req.params.id, ...households],
      });
      return {
        payer: { id: payer.id, name: `${payer.first_name} ${payer.last_name}` },
        households,
        incomes: incomes.map((i) => ({
          id: i.id,
          householdId: i.household_id,
          yearlyOere: Number(i.yearly_oere),
          singleProvider: i.single_provider,
          source: i.source,
          ...periodOf(i.valid),
        })),
        invoices,
        balanceOere: invoices.filter((i) => i.status === 'sent').reduce((s, i) => s + i.totalOere, 0),
      };
    },
  );
  app.get('/billing/export', { schema: schemaOf('billing', c.export, billingError.codes) }, async (req, reply) => {
    billingPolicy.authorize(req.ctx.actor, 'billing.manage', { municipalityCode: req.query.municipality });
    const [rows, claims] = await Promise.all([
      debtorExport(req.ctx.db, req.query.municipality, req.query.month),
      debtorClaims(req.ctx.db, req.query.municipality, req.query.month),
    ]);
    // The invoices have now left for the debtor system: the month can no longer be reopened.
    if (rows.length) await markExported(req.ctx.db, req.query.municipality, req.query.month);
    // The export carries full CPR numbers: every payer and every child on a line is a subject.
    const payers = await sentPayers(req.ctx.db, req.query.municipality, req.query.month);
    const subjects = new Set([
      ...payers,
      ...rows.flatMap((r) => r.lines.map((l: { childId: string }) => l.childId)),
      ...claims.map((c) => c.payerId),
    ]);
    await audit(req.ctx.db, req.ctx, {
      action: 'billing.export',
      subjectType: 'person',
      subjectIds: [...subjects],
      details: { municipality: req.query.municipality, month: req.query.month, count: rows.length },
    });
    const name = `debitor-${req.query.municipality}-${req.query.month.slice(0, 7)}`;
    if (req.query.format === 'csv')
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(debtorCsv(rows));
    return {
      formatVersion: 1,
      municipality: req.query.municipality,
      month: req.query.month.slice(0, 7),
      invoices: rows,
      claims: claims.map((c) => ({ ...c, payerId: undefined })),
    };
  });
};

const periodOf = (valid: string) => {
  const r = DateRange.fromPg(valid);
  return { start: r.start.toString(), end: r.end?.toString() ?? null };
};

function runView(r: any) {
  const p = runProgress(r.id);
  // 'running' with no progress in this process: the process that ran it stopped; at most whole payers were written.
  const lost = r.status === 'running' && !p;
  return {
    id: r.id,
    month: String(r.month).slice(0, 7),
    status: lost ? 'failed' : r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    children: r.children,
    invoicesWritten: r.invoices_written,
    linesWritten: r.lines_written,
    error: lost ? 'Afbrudt før den var færdig. Start kørslen igen; den skriver resten.' : r.error,
    progress: r.status === 'running' && p ? { phase: p.phase, done: p.done, total: p.total } : null,
  };
}
