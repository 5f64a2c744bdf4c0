// Subsidies for parents: see which children privat pasning covers, apply with the carer's agreement, follow the case.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { setActor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { childIdsInCustody, homeOf } from '../people/index.js';
import { subsidiesContract as c, subsidiesError } from './contract.js';
import { subsidiesPolicy } from './policy.js';
import { carerById, casesOfChildren, schemeData } from './queries.js';
import { apply, applyEgne, childrenOf, type Application } from './cases.js';
import { ageWindow } from './rules.js';
import { day, orOverlap, period } from './routes.staff.js';

export const subsidiesCitizenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/subsidies', { schema: schemaOf('subsidies', c.mine) }, async (req) => {
    const actor = subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.own');
    const today = req.ctx.clock.today();
    const kids = await childrenOf(req.ctx.db, actor.personId!, today);
    const cases = await casesOfChildren(
      req.ctx.db,
      kids.map((k) => k.id),
    );
    const carers = new Map(
      await Promise.all(
        [...new Set(cases.map((x) => x.carer_id).filter((x): x is string => !!x))].map(
          async (id) => [id, (await carerById(req.ctx.db, id))?.name ?? ''] as const,
        ),
      ),
    );
    const home = await homeOf(req.ctx.db, actor.personId!, today);
    const book = home ? await schemeData(req.ctx.db, home.municipalityCode) : null;
    const terms = book?.termsOn('privat_pasning', today) ?? null;
    const egne = book?.termsOn('egne_boern', today) ?? null;
    await audit(req.ctx.db, req.ctx, {
      action: 'subsidies.read',
      subjectType: 'person',
      subjectIds: kids.map((k) => k.id),
    });
    const names = new Map(kids.map((k) => [k.id, `${k.first_name} ${k.last_name}`]));
    return {
      children: kids.map((k) => {
        const w = terms ? ageWindow(day(k.birth_date), terms) : null;
        return {
          id: k.id,
          name: `${k.first_name} ${k.last_name}`,
          birthDate: k.birth_date,
          eligibleFrom: w?.start.toString() ?? null,
          eligibleUntil: w?.end?.toString() ?? null,
        };
      }),
      egne:
        egne && egne.offered
          ? {
              minWeeks: egne.minWeeks,
              maxMonths: egne.maxMonths,
              maxChildren: egne.maxChildrenPerHousehold,
              sharePercent: egne.sharePercent,
            }
          : null,
      cases: cases.map((x) => ({
        id: x.id,
        scheme: x.scheme,
        childId: x.child_id,
        child: names.get(x.child_id) ?? '',
        status: x.status,
        ...period(x.valid),
        carer: x.carer_id ? (carers.get(x.carer_id) ?? '') : '',
        expenseOere: x.expense_oere === null ? null : Number(x.expense_oere),
        submittedOn: x.submitted_on,
        deadline: x.deadline,
        letterId: x.letter_id,
      })),
    };
  });

  app.post('/subsidies', { schema: schemaOf('subsidies', c.apply, subsidiesError.codes) }, async (req, reply) => {
    const actor = subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.own');
    const today = req.ctx.clock.today();
    if (!(await childIdsInCustody(req.ctx.db, actor.personId!, today)).includes(req.body.childId))
      throw subsidiesError('subsidies.not-your-child');
    const r = await orOverlap(() =>
      req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const r = await apply(trx, req.body as Application, { applicantId: actor.personId!, source: 'citizen', today });
        await audit(trx, req.ctx, {
          action: 'subsidies.apply',
          subjectType: 'person',
          subjectIds: [req.body.childId, actor.personId!],
          details: { caseId: r.id },
        });
        return r;
      }),
    );
    return reply.code(201).send(r);
  });

  app.post(
    '/subsidies/egne-boern',
    { schema: schemaOf('subsidies', c.applyEgne, subsidiesError.codes) },
    async (req, reply) => {
      const actor = subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.own');
      const today = req.ctx.clock.today();
      if (!(await childIdsInCustody(req.ctx.db, actor.personId!, today)).includes(req.body.childId))
        throw subsidiesError('subsidies.not-your-child');
      const r = await orOverlap(() =>
        req.ctx.db.transaction().execute(async (trx) => {
          await setActor(trx, actor.userId);
          const r = await applyEgne(trx, req.body, { applicantId: actor.personId!, source: 'citizen', today });
          await audit(trx, req.ctx, {
            action: 'subsidies.apply',
            subjectType: 'person',
            subjectIds: [req.body.childId, actor.personId!],
            details: { caseId: r.id, scheme: 'egne_boern' },
          });
          return r;
        }),
      );
      return reply.code(201).send(r);
    },
  );
};
