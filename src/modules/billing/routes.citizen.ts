// Parents: what they pay this month and why (computed by the same engine as the run), and their invoices.
// A parent sees the lines they pay, and the income and friplads of their OWN household only: with separated parents
// each household's income and friplads stay its own, and a child paid by the other household is shown as such.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { billingContract as c, billingError } from './contract.js';
import { billingPolicy } from './policy.js';
import type { Db } from '../../platform/db/database.js';
import { childIdsInCustody, childrenUnder18In, homeOf, personsById } from '../people/index.js';
import type { LocalDate } from '../../shared/index.js';
import { addMonths } from '../../shared/iso-day.js';
import { computeMonth, scaleFor } from './engine.js';
import { fripladsPercent } from './friplads.js';
import { loadBillingData } from './load.js';
import { invoicesWithLines } from './invoices.js';
import { listScales } from './rates.js';
import { incomeOn } from './queries.js';

export const billingCitizenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/billing', { schema: schemaOf('billing', c.myPayment, billingError.codes) }, async (req) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.own');
    const personId = actor.personId!;
    const { db, clock } = req.ctx,
      today = clock.today();
    const month = today.firstOfMonth().toString();
    const kids = await childIdsInCustody(db, personId, today);
    const munis = kids.length
      ? await db
          .selectFrom('placement as p')
          .innerJoin('unit as u', 'u.id', 'p.unit_id')
          .innerJoin('daginstitution as d', 'd.id', 'u.daginstitution_id')
          .select('d.municipality_code')
          .distinct()
          .where('p.child_id', 'in', kids)
          .where(sql<boolean>`p.valid && daterange(${month}::date, ${addMonths(month, 1)}::date)`)
          .execute()
      : [];
    const names = new Map((await personsById(db, kids)).map((p) => [p.id, p.first_name]));
    const children: {
      childId: string;
      name: string;
      paidByOther: boolean;
      lines: { code: string; text: string; amountOere: number }[];
      totalOere: number;
    }[] = [];
    for (const m of munis) {
      const data = await loadBillingData(db, m.municipality_code, month, addMonths(month, 1), kids);
      for (const l of computeMonth(data, month).lines) {
        let c = children.find((x) => x.childId === l.childId);
        if (!c)
          children.push(
            (c = { childId: l.childId, name: names.get(l.childId) ?? '', paidByOther: true, lines: [], totalOere: 0 }),
          );
        // Another guardian's lines (the child lives in the other household) carry that household's friplads: not shown.
        if (l.payerId !== personId) continue;
        c.paidByOther = false;
        c.lines.push({ code: l.code, text: l.text, amountOere: l.amount });
        c.totalOere += l.amount;
      }
    }
    const own = await ownFriplads(db, personId, today, month);
    const invoices = await invoicesWithLines(db, { payerId: personId });
    await audit(db, req.ctx, { action: 'billing.read', subjectType: 'child', subjectIds: kids });
    if (own.householdId)
      await audit(db, req.ctx, {
        action: 'household_income.read',
        subjectType: 'household',
        subjectIds: [own.householdId],
      });
    return {
      month: month.slice(0, 7),
      children,
      totalOere: children.reduce((s, c) => s + c.totalOere, 0),
      friplads: own.friplads,
      household: own.householdId ? { childrenUnder18: own.under18 } : null,
      invoices: invoices.filter((i) => i.status === 'sent'),
    };
  });
};

/** The caller's own household (where they live today): its registered income on the 1st and the pay percent it gives. */
async function ownFriplads(db: Db, personId: string, today: LocalDate, month: string) {
  const home = await homeOf(db, personId, today);
  if (!home) return { householdId: null, friplads: null, under18: 0 };
  const [income, under18, scales] = await Promise.all([
    incomeOn(db, home.id, month),
    childrenUnder18In(db, home.id, month),
    listScales(db),
  ]);
  const scale = scaleFor(scales, Number(month.slice(0, 4)));
  if (!income || !scale) return { householdId: home.id, friplads: null, under18 };
  const yearly = Number(income.yearly_oere);
  const { payPercent } = fripladsPercent(scale, {
    income: yearly,
    childrenUnder18: Math.max(1, under18),
    singleProvider: income.single_provider,
  });
  return { householdId: home.id, friplads: { incomeOere: yearly, payPercent }, under18 };
}
