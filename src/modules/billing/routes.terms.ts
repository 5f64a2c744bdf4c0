// Finance marks a placement as a 30-hour leave place (orlovsplads): the run then charges the 'leave30' rate.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateRange } from '../../shared/index.js';
import { setActor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { billingContract as c, billingError } from './contract.js';
import { billingPolicy } from './policy.js';
import { lunchSchemes, placeCosts, placeTermsOf, setPlaceTerms } from './queries.js';
import { unitsOfMunicipality, unitSubject } from '../registry/index.js';

export const placeTermsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/billing/place-terms/:placementId',
    { schema: schemaOf('billing', c.placeTerms, billingError.codes) },
    async (req) => {
      const placement = await req.ctx.db
        .selectFrom('placement')
        .select(['child_id', 'unit_id'])
        .where('id', '=', req.params.placementId)
        .executeTakeFirst();
      // A place in one of the municipality's units.
      billingPolicy.authorize(
        req.ctx.actor,
        'billing.place-terms.read',
        placement
          ? { municipalityCode: (await unitSubject(req.ctx.db, placement.unit_id)).municipalityCode ?? [] }
          : {},
      );
      const row = await placeTermsOf(req.ctx.db, req.params.placementId);
      await audit(req.ctx.db, req.ctx, {
        action: 'billing.place_terms.read',
        subjectType: 'child',
        subjectIds: placement ? [placement.child_id] : [],
        details: { placementId: req.params.placementId },
      });
      return { placementId: req.params.placementId, leave30: row?.leave30 ?? false };
    },
  );
  app.put(
    '/billing/place-terms/:placementId',
    { schema: schemaOf('billing', c.setPlaceTerms, billingError.codes) },
    async (req) => {
      const { placementId } = req.params;
      return req.ctx.db.transaction().execute(async (trx) => {
        const p = await trx
          .selectFrom('placement')
          .select(['child_id', 'kind', 'hours_per_week', 'unit_id'])
          .where('id', '=', placementId)
          .executeTakeFirst();
        const actor = billingPolicy.authorize(
          req.ctx.actor,
          'billing.place-terms',
          p ? { municipalityCode: (await unitSubject(trx, p.unit_id)).municipalityCode ?? [] } : {},
        );
        if (!p) throw billingError('billing.placement-not-found');
        if (req.body.leave30 && p.kind !== 'dagtilbud') throw billingError('billing.leave30-not-daycare');
        if (req.body.leave30 && p.hours_per_week > 30) throw billingError('billing.leave30-too-many-hours');
        await setActor(trx, actor.userId);
        await setPlaceTerms(trx, placementId, req.body.leave30);
        await audit(trx, req.ctx, {
          action: 'billing.place_terms.set',
          subjectType: 'child',
          subjectIds: [p.child_id],
          details: { placementId, leave30: req.body.leave30 },
        });
        return { placementId, leave30: req.body.leave30 };
      });
    },
  );
};

/** What the finance setup pages list: each unit's lunch scheme over time, and the §41 place costs. */
export const billingSetupRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/billing/lunch', { schema: schemaOf('billing', c.lunch, billingError.codes) }, async (req) => {
    billingPolicy.authorize(req.ctx.actor, 'billing.read', { municipalityCode: req.query.municipality });
    const units = (await unitsOfMunicipality(req.ctx.db, req.query.municipality)).filter((u) => u.type !== 'dagpleje');
    const schemes = await lunchSchemes(
      req.ctx.db,
      units.map((u) => u.id),
    );
    return units.map((u) => ({
      id: u.id,
      name: u.name,
      schemes: schemes
        .filter((s) => s.unit_id === u.id)
        .map((s) => {
          const r = DateRange.fromPg(s.valid);
          return {
            id: s.id,
            optedOut: s.opted_out,
            monthlyOere: Number(s.monthly_oere),
            start: r.start.toString(),
            end: r.end?.toString() ?? null,
          };
        }),
    }));
  });
  app.get('/billing/place-costs', { schema: schemaOf('billing', c.placeCosts, billingError.codes) }, async (req) => {
    billingPolicy.authorize(req.ctx.actor, 'billing.read', { municipalityCode: req.query.municipality });
    const rows = await placeCosts(req.ctx.db, req.query.municipality);
    return rows.map((r) => ({
      year: r.year,
      ageBand: r.age_band,
      netOere: Number(r.net_oere),
      grossOere: Number(r.gross_oere),
      subsidyPercent: r.subsidy_percent,
    }));
  });
};
