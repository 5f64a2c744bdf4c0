// Finance staff: rates and scales as data, incomes and social friplads.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { setActor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { billingContract as c, billingError } from './contract.js';
import { billingPolicy } from './policy.js';
import { addScale } from './queries.js';
import { childSubject, householdById } from '../people/index.js';
import { municipalitiesWithUnits, unitSubject } from '../registry/index.js';
import type { Subject } from '../../platform/auth/policy.js';
import {
  addCalendar,
  addIncome,
  addLunch,
  addRate,
  addSocialFriplads,
  listCalendar,
  listRates,
  listScales,
} from './rates.js';

const checkPeriod = (b: { start: string; end: string | null }) => {
  if (b.end && b.end < b.start) throw billingError('billing.end-before-start');
};

export const billingStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  // `subject`: the municipality the change is about (finance changes only its own municipality's data).
  const write = async <T>(
    req: any,
    action: string,
    subjectType: string,
    fn: (trx: any) => Promise<{ id: string } & T>,
    subjectIds?: (r: T & { id: string }) => string[],
    subject: Subject = {},
  ) => {
    const actor = billingPolicy.authorize(req.ctx.actor, 'billing.manage', subject);
    return req.ctx.db.transaction().execute(async (trx: any) => {
      await setActor(trx, actor.userId);
      const r = await fn(trx);
      await audit(trx, req.ctx, { action, subjectType, subjectIds: subjectIds ? subjectIds(r) : [r.id] });
      return r;
    });
  };

  app.get(
    '/billing/municipalities',
    { schema: schemaOf('billing', c.municipalities, billingError.codes) },
    async (req) => {
      const actor = billingPolicy.authorize(req.ctx.actor, 'billing.read');
      // The picker offers only the staff user's own municipality.
      return (await municipalitiesWithUnits(req.ctx.db)).filter((m) => m.code === actor.municipalityCode);
    },
  );

  app.get('/billing/rates', { schema: schemaOf('billing', c.rates, billingError.codes) }, async (req) => {
    billingPolicy.authorize(req.ctx.actor, 'billing.read', { municipalityCode: req.query.municipality });
    const [rates, calendar, scales] = await Promise.all([
      listRates(req.ctx.db, req.query.municipality),
      listCalendar(req.ctx.db, req.query.municipality),
      listScales(req.ctx.db),
    ]);
    return { rates, calendar, scales };
  });
  app.post('/billing/rates', { schema: schemaOf('billing', c.addRate, billingError.codes) }, async (req, reply) => {
    checkPeriod(req.body);
    return reply.code(201).send(
      await write(req, 'fee_rate.create', 'fee_rate', (trx) => addRate(trx, req.body), undefined, {
        municipalityCode: req.body.municipality,
      }),
    );
  });
  app.post(
    '/billing/calendar',
    { schema: schemaOf('billing', c.addCalendar, billingError.codes) },
    async (req, reply) => {
      checkPeriod(req.body);
      return reply.code(201).send(
        await write(req, 'fee_calendar.create', 'fee_calendar', (trx) => addCalendar(trx, req.body), undefined, {
          municipalityCode: req.body.municipality,
        }),
      );
    },
  );
  app.post('/billing/lunch', { schema: schemaOf('billing', c.addLunch, billingError.codes) }, async (req, reply) => {
    checkPeriod(req.body);
    return reply
      .code(201)
      .send(
        await write(
          req,
          'lunch_scheme.create',
          'lunch_scheme',
          (trx) => addLunch(trx, req.body),
          undefined,
          await unitSubject(req.ctx.db, req.body.unitId),
        ),
      );
  });
  app.post('/billing/scales', { schema: schemaOf('billing', c.addScale, billingError.codes) }, async (req, reply) => {
    const b = req.body;
    if (b.upperLimit <= b.lowerLimit) throw billingError('billing.upper-below-lower');
    const r = await write(
      req,
      'friplads_scale.create',
      'friplads_scale',
      async (trx) => {
        await addScale(trx, b);
        return { id: String(b.year) };
      },
      () => [],
    );
    return reply.code(201).send(r);
  });
  app.post('/billing/incomes', { schema: schemaOf('billing', c.addIncome, billingError.codes) }, async (req, reply) => {
    checkPeriod(req.body);
    return reply.code(201).send(
      await write(
        req,
        'household_income.create',
        'household',
        (trx) => addIncome(trx, req.body),
        () => [req.body.householdId],
        { municipalityCode: (await householdById(req.ctx.db, req.body.householdId))?.municipalityCode ?? [] },
      ),
    );
  });
  app.post(
    '/billing/social-friplads',
    { schema: schemaOf('billing', c.addSocialFriplads, billingError.codes) },
    async (req, reply) => {
      checkPeriod(req.body);
      const actor = billingPolicy.authorize(
        req.ctx.actor,
        'billing.social-friplads',
        await childSubject(req.ctx.db, req.body.childId, req.ctx.clock.today()),
      );
      const r = await req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const row = await addSocialFriplads(trx, req.body);
        await audit(trx, req.ctx, {
          action: 'social_friplads.create',
          subjectType: 'child',
          subjectIds: [req.body.childId],
        });
        return row;
      });
      return reply.code(201).send(r);
    },
  );
};
