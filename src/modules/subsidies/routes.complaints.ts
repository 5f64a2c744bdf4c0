// Complaints about a subsidy decision for staff: caseworkers receive a complaint, reconsider the decision (changed in
// the family's favour reopens the case) or forward it with the case file to Ankestyrelsen.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { setActor, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import type { Actor } from '../../platform/auth/actor.js';
import { subsidiesContract as c, subsidiesError } from './contract.js';
import { subsidiesPolicy } from './policy.js';
import { addComplaint, complaintById, forward, lockCase, reconsider, reopenCase, schemeData } from './queries.js';
import { caseFile } from './cases.js';
import { caseFor, day, orOverlap, type Action } from './routes.staff.js';

/** A complaint and its case, the same way as caseFor. */
async function complaintFor(db: Db, actor: Actor | null, id: string, action: Action) {
  subsidiesPolicy.authorize(actor, action);
  const k = await complaintById(db, id);
  if (!k) throw subsidiesError('subsidies.not-found');
  return { k, ...(await caseFor(db, actor, k.case_id, action)) };
}

export const complaintsStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/subsidies/cases/:id/complaints',
    { schema: schemaOf('subsidies', c.complain, subsidiesError.codes) },
    async (req, reply) => {
      const { x, actor } = await caseFor(req.ctx.db, req.ctx.actor, req.params.id, 'subsidies.decide');
      const r = await req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const r = await addComplaint(trx, x.id, day(req.body.receivedOn), req.body.text, actor.userId);
        await audit(trx, req.ctx, { action: 'subsidies.complaint', subjectType: 'subsidy_case', subjectIds: [x.id] });
        return r;
      });
      return reply.code(201).send(r);
    },
  );

  app.post(
    '/subsidies/complaints/:id/reconsider',
    { schema: schemaOf('subsidies', c.reconsider, subsidiesError.codes) },
    async (req) => {
      const { k, actor } = await complaintFor(req.ctx.db, req.ctx.actor, req.params.id, 'subsidies.decide');
      if (k.status !== 'received') throw subsidiesError('subsidies.complaint-state');
      // Changed in the family's favour: the case is open for a new decision (back under consideration), which the
      // caseworker makes as any decision, with a new letter. An application never decided stays as it is.
      const today = req.ctx.clock.today();
      const reopened = await orOverlap(() =>
        req.ctx.db.transaction().execute(async (trx) => {
          await setActor(trx, actor.userId);
          await reconsider(trx, k.id, req.body.outcome, today, req.body.note);
          const x = req.body.outcome === 'changed' ? await lockCase(trx, k.case_id) : undefined;
          const reopen = !!x && x.status !== 'applied';
          if (reopen) {
            const terms = (await schemeData(trx, x.municipality_code)).termsOn(x.scheme, today);
            await reopenCase(trx, x.id, k.id, today, today.plusDays(terms?.decisionDays ?? 30));
          }
          await audit(trx, req.ctx, {
            action: 'subsidies.reconsider',
            subjectType: 'subsidy_case',
            subjectIds: [k.case_id],
            details: { outcome: req.body.outcome },
          });
          if (reopen)
            await audit(trx, req.ctx, {
              action: 'subsidies.reopen',
              subjectType: 'subsidy_case',
              subjectIds: [k.case_id],
              details: { complaintId: k.id, previousStatus: x.status },
            });
          return reopen;
        }),
      );
      return { status: req.body.outcome, reopened };
    },
  );

  app.post(
    '/subsidies/complaints/:id/forward',
    { schema: schemaOf('subsidies', c.forward, subsidiesError.codes) },
    async (req) => {
      const { k, x, actor } = await complaintFor(req.ctx.db, req.ctx.actor, req.params.id, 'subsidies.decide');
      const today = req.ctx.clock.today();
      if (k.status !== 'upheld') throw subsidiesError('subsidies.complaint-state');
      return req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const bundle = { recipient: 'Ankestyrelsen', complaintId: k.id, ...(await caseFile(trx, x, today)) };
        await forward(trx, k.id, today, bundle);
        await audit(trx, req.ctx, {
          action: 'subsidies.forward',
          subjectType: 'person',
          subjectIds: [x.child_id, x.applicant_id],
          details: { complaintId: k.id },
        });
        return { forwardedOn: today.toString(), bundle };
      });
    },
  );

  app.get(
    '/subsidies/complaints/:id/bundle',
    { schema: schemaOf('subsidies', c.bundle, subsidiesError.codes) },
    async (req, reply) => {
      const { k, x } = await complaintFor(req.ctx.db, req.ctx.actor, req.params.id, 'subsidies.read');
      if (!k.bundle) throw subsidiesError('subsidies.not-found');
      await audit(req.ctx.db, req.ctx, {
        action: 'subsidies.read',
        subjectType: 'person',
        subjectIds: [x.child_id, x.applicant_id],
      });
      return reply
        .header('content-disposition', `attachment; filename="sagsakter-${k.id.slice(0, 8)}.json"`)
        .send(k.bundle as Record<string, unknown>);
    },
  );
};
