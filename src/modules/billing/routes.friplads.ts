// Friplads casework over HTTP: parents apply; caseworkers and finance decide, regulate and true up.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { setActor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { billingContract as c, billingError } from './contract.js';
import { billingPolicy } from './policy.js';
import {
  addApplication,
  applicationsByStatus,
  applicationsOfHousehold,
  householdOfApplication,
  openApplicationOf,
} from './queries.js';
import { householdById, namesOf } from '../people/index.js';
import type { Db } from '../../platform/db/database.js';

/** A household is its municipality's (unknown household: none, then the case code refuses it). */
async function householdSubject(db: Db, householdId: string) {
  const h = await householdById(db, householdId);
  return h ? { municipalityCode: h.municipalityCode } : {};
}
import { decideApplication, householdOf, payPercentOf, regulate, trueUp } from './friplads-cases.js';

export const fripladsCitizenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post('/billing/friplads', { schema: schemaOf('billing', c.apply, billingError.codes) }, async (req, reply) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.own');
    const today = req.ctx.clock.today();
    if (req.body.wantedFrom < today.firstOfMonth().toString()) throw billingError('billing.friplads-past-month');
    const home = await householdOf(req.ctx.db, actor.personId!, today.toString());
    if (!home) throw billingError('billing.no-address');
    const row = await req.ctx.db.transaction().execute(async (trx) => {
      const open = await openApplicationOf(trx, home.id);
      if (open) throw billingError('billing.application-open');
      const r = await addApplication(trx, { householdId: home.id, applicantId: actor.personId!, ...req.body });
      await audit(trx, req.ctx, { action: 'friplads.apply', subjectType: 'household', subjectIds: [home.id, r.id] });
      return r;
    });
    return reply.code(201).send(row);
  });
  app.get('/billing/friplads', { schema: schemaOf('billing', c.myApplications, billingError.codes) }, async (req) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.own');
    const home = await householdOf(req.ctx.db, actor.personId!, req.ctx.clock.today().toString());
    if (!home) return [];
    const rows = await applicationsOfHousehold(req.ctx.db, home.id);
    await audit(req.ctx.db, req.ctx, { action: 'friplads.read', subjectType: 'household', subjectIds: [home.id] });
    return rows.map((r) => ({
      id: r.id,
      yearlyOere: Number(r.yearly_oere),
      wantedFrom: r.wanted_from,
      status: r.status,
      payPercent: r.pay_percent,
      letterId: r.letter_id,
    }));
  });
};

export const fripladsStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/billing/friplads', { schema: schemaOf('billing', c.applications, billingError.codes) }, async (req) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.friplads-cases');
    // The cases of households living in the municipality (friplads is the home municipality's decision).
    const all = await applicationsByStatus(req.ctx.db, req.query.status);
    const homes = new Map(
      await Promise.all(
        [...new Set(all.map((r) => r.household_id))].map(
          async (h) => [h, (await householdById(req.ctx.db, h))?.municipalityCode] as const,
        ),
      ),
    );
    const rows = all.filter((r) => homes.get(r.household_id) === actor.municipalityCode);
    const names = await namesOf(req.ctx.db, [...new Set(rows.map((r) => r.applicant_id))]);
    const out = await Promise.all(
      rows.map(async (r) => ({
        id: r.id,
        householdId: r.household_id,
        applicant: names.get(r.applicant_id) ?? '',
        yearlyOere: Number(r.yearly_oere),
        childrenUnder18: r.children_under18,
        singleProvider: r.single_provider,
        wantedFrom: r.wanted_from,
        status: r.status,
        payPercent:
          r.pay_percent ??
          (
            await payPercentOf(req.ctx.db, r.wanted_from, {
              income: Number(r.yearly_oere),
              childrenUnder18: r.children_under18,
              singleProvider: r.single_provider,
            })
          ).payPercent,
      })),
    );
    await audit(req.ctx.db, req.ctx, {
      action: 'friplads.read',
      subjectType: 'household',
      subjectIds: rows.map((r) => r.household_id),
    });
    return out;
  });
  app.post(
    '/billing/friplads/:id/decision',
    { schema: schemaOf('billing', c.decide, billingError.codes) },
    async (req) => {
      const household = await householdOfApplication(req.ctx.db, req.params.id);
      const actor = billingPolicy.authorize(
        req.ctx.actor,
        'billing.friplads-cases',
        household ? await householdSubject(req.ctx.db, household) : {},
      );
      return req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const r = await decideApplication(trx, req.params.id, {
          ...req.body,
          userId: actor.userId,
          today: req.ctx.clock.today(),
        });
        await audit(trx, req.ctx, {
          action: 'friplads.decide',
          subjectType: 'friplads_application',
          subjectIds: [req.params.id],
          details: { grant: req.body.grant },
        });
        return r;
      });
    },
  );
  app.post(
    '/billing/incomes/regulate',
    { schema: schemaOf('billing', c.regulate, billingError.codes) },
    async (req) => {
      const actor = billingPolicy.authorize(
        req.ctx.actor,
        'billing.friplads-cases',
        await householdSubject(req.ctx.db, req.body.householdId),
      );
      return req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const r = await regulate(trx, req.body.householdId, req.body.yearlyOere, req.body.start, req.ctx.clock.today());
        await audit(trx, req.ctx, {
          action: 'friplads.regulate',
          subjectType: 'household',
          subjectIds: [req.body.householdId],
          details: { applied: r.applied },
        });
        return r;
      });
    },
  );
  app.post('/billing/incomes/true-up', { schema: schemaOf('billing', c.trueUp, billingError.codes) }, async (req) => {
    const actor = billingPolicy.authorize(
      req.ctx.actor,
      'billing.friplads-cases',
      await householdSubject(req.ctx.db, req.body.householdId),
    );
    if (req.body.year >= req.ctx.clock.today().year) throw billingError('billing.year-not-over');
    return req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const r = await trueUp(trx, req.body.householdId, req.body.year, req.body.finalYearlyOere, req.ctx.clock.today());
      await audit(trx, req.ctx, {
        action: 'friplads.true_up',
        subjectType: 'household',
        subjectIds: [req.body.householdId],
        details: { year: req.body.year },
      });
      return r;
    });
  });
};
