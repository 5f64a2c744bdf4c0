// Friplads casework over HTTP: parents apply; caseworkers and finance decide, regulate and true up.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { setActor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { billingContract as c, billingError } from './contract.js';
import { billingPolicy } from './policy.js';
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
      const open = await trx.selectFrom('friplads_application').select('id').where('household_id', '=', home.id).where('status', '=', 'submitted').executeTakeFirst();
      if (open) throw billingError('billing.application-open');
      const r = await trx.insertInto('friplads_application').values({ household_id: home.id, applicant_id: actor.personId!, yearly_oere: req.body.yearlyOere,
        children_under18: req.body.childrenUnder18, single_provider: req.body.singleProvider, wanted_from: req.body.wantedFrom }).returning('id').executeTakeFirstOrThrow();
      await audit(trx, req.ctx, { action: 'friplads.apply', subjectType: 'household', subjectIds: [home.id, r.id] });
      return r;
    });
    return reply.code(201).send(row);
  });
  app.get('/billing/friplads', { schema: schemaOf('billing', c.myApplications, billingError.codes) }, async (req) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.own');
    const home = await householdOf(req.ctx.db, actor.personId!, req.ctx.clock.today().toString());
    if (!home) return [];
    const rows = await req.ctx.db.selectFrom('friplads_application').select(['id', 'yearly_oere', 'wanted_from', 'status', 'pay_percent', 'submitted_at', 'letter_id'])
      .where('household_id', '=', home.id).orderBy('submitted_at', 'desc').execute();
    await audit(req.ctx.db, req.ctx, { action: 'friplads.read', subjectType: 'household', subjectIds: [home.id] });
    return rows.map((r) => ({ id: r.id, yearlyOere: Number(r.yearly_oere), wantedFrom: r.wanted_from, status: r.status, payPercent: r.pay_percent, letterId: r.letter_id }));
  });
};

export const fripladsStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/billing/friplads', { schema: schemaOf('billing', c.applications, billingError.codes) }, async (req) => {
    billingPolicy.authorize(req.ctx.actor, 'billing.friplads-cases');
    const rows = await req.ctx.db.selectFrom('friplads_application as a').innerJoin('person as p', 'p.id', 'a.applicant_id')
      .select(['a.id', 'a.household_id', 'a.yearly_oere', 'a.children_under18', 'a.single_provider', 'a.wanted_from', 'a.status', 'a.pay_percent', 'p.first_name', 'p.last_name'])
      .where('a.status', '=', req.query.status).orderBy('a.submitted_at').limit(200).execute();
    const out = await Promise.all(rows.map(async (r) => ({
      id: r.id, householdId: r.household_id, applicant: `${r.first_name} ${r.last_name}`, yearlyOere: Number(r.yearly_oere), childrenUnder18: r.children_under18,
      singleProvider: r.single_provider, wantedFrom: r.wanted_from, status: r.status,
      payPercent: r.pay_percent ?? (await payPercentOf(req.ctx.db, r.wanted_from, { income: Number(r.yearly_oere), childrenUnder18: r.children_under18, singleProvider: r.single_provider })).payPercent,
    })));
    await audit(req.ctx.db, req.ctx, { action: 'friplads.read', subjectType: 'household', subjectIds: rows.map((r) => r.household_id) });
    return out;
  });
  app.post('/billing/friplads/:id/decision', { schema: schemaOf('billing', c.decide, billingError.codes) }, async (req) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.friplads-cases');
    return req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const r = await decideApplication(trx, req.params.id, { ...req.body, userId: actor.userId, today: req.ctx.clock.today() });
      await audit(trx, req.ctx, { action: 'friplads.decide', subjectType: 'friplads_application', subjectIds: [req.params.id], details: { grant: req.body.grant } });
      return r;
    });
  });
  app.post('/billing/incomes/regulate', { schema: schemaOf('billing', c.regulate, billingError.codes) }, async (req) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.friplads-cases');
    return req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const r = await regulate(trx, req.body.householdId, req.body.yearlyOere, req.body.start, req.ctx.clock.today());
      await audit(trx, req.ctx, { action: 'friplads.regulate', subjectType: 'household', subjectIds: [req.body.householdId], details: { applied: r.applied } });
      return r;
    });
  });
  app.post('/billing/incomes/true-up', { schema: schemaOf('billing', c.trueUp, billingError.codes) }, async (req) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.friplads-cases');
    if (req.body.year >= req.ctx.clock.today().year) throw billingError('billing.year-not-over');
    return req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const r = await trueUp(trx, req.body.householdId, req.body.year, req.body.finalYearlyOere, req.ctx.clock.today());
      await audit(trx, req.ctx, { action: 'friplads.true_up', subjectType: 'household', subjectIds: [req.body.householdId], details: { year: req.body.year } });
      return r;
    });
  });
};
