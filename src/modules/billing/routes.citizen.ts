// Parents: what they pay this month and why (computed by the same engine as the run), and their invoices.
import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import { requireGuardian } from '../../platform/auth/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { childIdsInCustody } from '../people/index.js';
import { addMonths, computeMonth, scaleFor } from './engine.js';
import { fripladsPercent } from './friplads.js';
import { loadBillingData } from './load.js';
import { invoicesWithLines } from './invoices.js';

export const billingCitizenRoutes: FastifyPluginAsync = async (app) => {
  app.get('/billing', { schema: { tags: ['billing'], summary: 'What I pay this month and why, and my invoices' } }, async (req) => {
    const actor = requireGuardian(req.ctx.actor);
    const { db, clock } = req.ctx, today = clock.today();
    const month = today.firstOfMonth().toString();
    const kids = await childIdsInCustody(db, actor.personId, today);
    const munis = kids.length ? await db.selectFrom('placement as p').innerJoin('unit as u', 'u.id', 'p.unit_id').innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
      .select('d.municipality_code').distinct().where('p.child_id', 'in', kids).where(sql<boolean>`p.valid && daterange(${month}::date, ${addMonths(month, 1)}::date)`).execute() : [];
    const names = kids.length ? new Map((await db.selectFrom('person').select(['id', 'first_name']).where('id', 'in', kids).execute()).map((p) => [p.id, p.first_name])) : new Map();
    const children: { childId: string; name: string; lines: { code: string; text: string; amountOere: number }[]; totalOere: number }[] = [];
    let friplads: { payPercent: number; incomeOere: number } | null = null;
    for (const m of munis) {
      const data = await loadBillingData(db, m.municipality_code, month, addMonths(month, 1), kids);
      for (const l of computeMonth(data, month).lines) {
        let c = children.find((x) => x.childId === l.childId);
        if (!c) children.push(c = { childId: l.childId, name: names.get(l.childId) ?? '', lines: [], totalOere: 0 });
        c.lines.push({ code: l.code, text: l.text, amountOere: l.amount });
        c.totalOere += l.amount;
      }
      const hh = [...data.incomes.entries()][0];
      const inc = hh?.[1].find((i) => i.lo <= month && (i.hi === null || month < i.hi));
      const scale = scaleFor(data.scales, Number(month.slice(0, 4)));
      if (inc && scale) friplads = { incomeOere: inc.yearly, payPercent: fripladsPercent(scale, { income: inc.yearly, childrenUnder18: Math.max(1, kids.length), singleProvider: inc.singleProvider }).payPercent };
    }
    const invoices = await invoicesWithLines(db, { payerId: actor.personId });
    await audit(db, req.ctx, { action: 'billing.read', subjectType: 'child', subjectIds: kids });
    return { month: month.slice(0, 7), children, totalOere: children.reduce((s, c) => s + c.totalOere, 0), friplads, invoices: invoices.filter((i) => i.status === 'sent') };
  });
};
