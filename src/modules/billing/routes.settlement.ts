// Settlement between municipalities (§ 41): place costs, and the statement each municipality may read.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { setActor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { billingContract as c, billingError } from './contract.js';
import { billingPolicy } from './policy.js';
import { setPlaceCost } from './queries.js';
import { namesOf } from '../people/index.js';
import { municipalityNames } from '../registry/index.js';
import { homeMunicipality } from '../../platform/auth/actor.js';
import { forbidden } from '../../platform/http/errors.js';
import { settlementStatement } from './settlement.js';
import { loadBillingData } from './load.js';
import { addMonths } from '../../shared/iso-day.js';

export const settlementRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/billing/place-costs',
    { schema: schemaOf('billing', c.setPlaceCost, billingError.codes) },
    async (req, reply) => {
      const b = req.body;
      const actor = billingPolicy.authorize(req.ctx.actor, 'billing.manage', { municipalityCode: b.municipality });
      await req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        await setPlaceCost(trx, b);
        await audit(trx, req.ctx, {
          action: 'place_cost.set',
          subjectType: 'place_cost',
          subjectIds: [],
          details: { municipality: b.municipality, year: b.year, ageBand: b.ageBand },
        });
      });
      return reply.code(201).send({ ok: true });
    },
  );
  app.get('/billing/settlement', { schema: schemaOf('billing', c.settlement, billingError.codes) }, async (req) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.read');
    const { municipality, month } = req.query;
    const data = await loadBillingData(req.ctx.db, municipality, month, addMonths(month, 1));
    const all = settlementStatement(data, month);
    // The place municipality reads its whole statement; a paying (home) municipality (§41) only the lines of its own
    // children placed there; anyone else nothing.
    const home = homeMunicipality(actor);
    if (home !== municipality && !all.has(home)) throw forbidden();
    const st = home === municipality ? all : new Map([[home, all.get(home)!]]);
    const codes = [...st.keys()];
    const names = await municipalityNames(req.ctx.db, codes);
    const kids = [...st.values()].flat().map((l) => l.childId);
    const kidNames = await namesOf(req.ctx.db, kids);
    await audit(req.ctx.db, req.ctx, {
      action: 'settlement.read',
      subjectType: 'child',
      subjectIds: kids.slice(0, 1000),
    });
    return {
      municipality,
      month: month.slice(0, 7),
      counterparts: codes.sort().map((c) => ({
        municipality: c,
        name: names.get(c) ?? c,
        children: st.get(c)!.length,
        subsidyOere: st.get(c)!.reduce((s, l) => s + l.subsidy, 0),
        lines: st.get(c)!.map((l) => ({
          childName: kidNames.get(l.childId) ?? '',
          ageBand: l.ageBand,
          subsidyOere: l.subsidy,
          parentExtraOere: l.parentExtra,
          missingCosts: l.missingCosts,
        })),
      })),
    };
  });
};
