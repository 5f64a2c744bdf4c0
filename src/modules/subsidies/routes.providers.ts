// Private providers for staff: caseworkers register providers and enrol children; finance enters their approved
// budgets and the subsidy rates (new periods only) and reads the monthly statements.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { setActor, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { homeMunicipality, type Actor } from '../../platform/auth/actor.js';
import { DateRange, LocalDate, parseCpr } from '../../shared/index.js';
import { homeOf, municipalScope, namesOf, personsById, searchPeople } from '../people/index.js';
import { providersContract as c, subsidiesError, type ProviderDetail } from './contract.js';
import { subsidiesPolicy } from './policy.js';
import {
  addBudget,
  addEnrolment,
  addOwnRate,
  addOwnTerms,
  addProvider,
  budgetsOf,
  endEnrolment,
  enrolmentById,
  enrolmentsOf,
  providerById,
  providerLinesOf,
  providersOf,
  ratesAndTermsOf,
  schemeData,
} from './queries.js';
import { checkEnrolment } from './providers.js';
import { orOverlap } from './routes.staff.js';

const day = (s: string) => LocalDate.parse(s);
const pgPeriod = (valid: string) => {
  const r = DateRange.fromPg(valid);
  return { start: r.start.toString(), end: r.end?.toString() ?? null };
};
/** A new period that meets one already there is refused with the rule that a past period is never changed. */
async function orPeriodOverlap<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e: any) {
    if (e?.code === '23P01' || /conflicting key value/.test(String(e?.message)))
      throw subsidiesError('subsidies.period-overlap');
    throw e;
  }
}

async function providerFor(
  db: Db,
  actor: Actor | null,
  id: string,
  action: 'subsidies.read' | 'subsidies.providers' | 'subsidies.rates',
) {
  subsidiesPolicy.authorize(actor, action);
  const p = await providerById(db, id);
  if (!p) throw subsidiesError('subsidies.not-found');
  return { p, actor: subsidiesPolicy.authorize(actor, action, { municipalityCode: p.municipality_code }) };
}

export const providersStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/subsidies/providers', { schema: schemaOf('subsidies', c.providers) }, async (req) => {
    const own = homeMunicipality(subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.read'));
    return (await providersOf(req.ctx.db, own)).map((p) => {
      const a = pgPeriod(p.approved);
      return {
        id: p.id,
        kind: p.kind,
        name: p.name,
        cvr: p.cvr,
        address: p.address,
        approvedFrom: a.start,
        approvedTo: a.end,
        enrolments: Number(p.enrolments ?? 0),
      };
    });
  });

  app.post(
    '/subsidies/providers',
    { schema: schemaOf('subsidies', c.addProvider, subsidiesError.codes) },
    async (req, reply) => {
      const actor = subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.providers');
      const b = req.body;
      if (b.approvedTo && b.approvedTo < b.approvedFrom) throw subsidiesError('subsidies.end-before-start');
      const r = await req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        try {
          return await addProvider(trx, {
            municipality: homeMunicipality(actor),
            kind: b.kind,
            name: b.name,
            cvr: b.cvr,
            address: b.address,
            approved: DateRange.of(day(b.approvedFrom), b.approvedTo ? day(b.approvedTo) : null),
          });
        } catch (e: any) {
          if (e?.code === '23505') throw subsidiesError('subsidies.provider-exists');
          throw e;
        }
      });
      return reply.code(201).send({ id: r.id });
    },
  );

  app.get(
    '/subsidies/providers/:id',
    { schema: schemaOf('subsidies', c.provider, subsidiesError.codes) },
    async (req): Promise<ProviderDetail> => {
      const { db } = req.ctx;
      const { p } = await providerFor(db, req.ctx.actor, req.params.id, 'subsidies.read');
      const [budgets, enrolments, lines] = await Promise.all([
        budgetsOf(db, [p.id]),
        enrolmentsOf(db, p.id),
        providerLinesOf(db, p.id),
      ]);
      const childIds = [...new Set([...enrolments.map((e) => e.child_id), ...lines.map((l) => l.child_id)])];
      const [names, persons] = await Promise.all([namesOf(db, childIds), personsById(db, childIds)]);
      const births = new Map(persons.map((x) => [x.id, x.birth_date]));
      await audit(db, req.ctx, {
        action: 'subsidies.provider_read',
        subjectType: 'person',
        subjectIds: childIds,
        details: { providerId: p.id },
      });
      const statements = new Map<string, ProviderDetail['statements'][number]>();
      for (const l of lines) {
        const key = `${l.run_id}|${l.month}`;
        let s = statements.get(key);
        if (!s)
          statements.set(
            key,
            (s = { runId: l.run_id, month: l.month, paidOn: l.created_at.slice(0, 10), lines: [], totalOere: 0 }),
          );
        s.lines.push({
          enrolmentId: l.enrolment_id,
          childId: l.child_id,
          child: names.get(l.child_id) ?? '',
          kind: l.kind,
          grantOere: Number(l.grant_oere),
          fripladsOere: Number(l.friplads_oere),
          siblingOere: Number(l.sibling_oere),
          dueOere: Number(l.due_oere),
          amountOere: Number(l.amount_oere),
        });
        s.totalOere += Number(l.amount_oere);
      }
      const a = pgPeriod(p.approved);
      return {
        id: p.id,
        kind: p.kind,
        name: p.name,
        cvr: p.cvr,
        address: p.address,
        approvedFrom: a.start,
        approvedTo: a.end,
        enrolments: enrolments.length,
        budgets: budgets.map((b) => ({
          id: b.id,
          fromMonths: b.from_months,
          toMonths: b.to_months,
          grantOere: Number(b.grant_oere),
          buildingOere: Number(b.building_oere),
          adminOere: Number(b.admin_oere),
          parentPaymentOere: Number(b.parent_payment_oere),
          start: b.lo,
          end: b.hi ? day(b.hi).minusDays(1).toString() : null,
        })),
        enrolmentList: enrolments.map((e) => ({
          id: e.id,
          childId: e.child_id,
          child: names.get(e.child_id) ?? '',
          birthDate: births.get(e.child_id) ?? '',
          ...pgPeriod(e.valid),
        })),
        statements: [...statements.values()],
      };
    },
  );

  app.post(
    '/subsidies/providers/:id/budgets',
    { schema: schemaOf('subsidies', c.addBudget, subsidiesError.codes) },
    async (req, reply) => {
      const { p, actor } = await providerFor(req.ctx.db, req.ctx.actor, req.params.id, 'subsidies.rates');
      const b = req.body;
      if (b.toMonths <= b.fromMonths) throw subsidiesError('subsidies.end-before-start');
      if (p.kind !== 'privatinstitution' && (b.buildingOere > 0 || b.adminOere > 0))
        throw subsidiesError('subsidies.supplement-not-allowed', { rule: 'dagtilbudsloven § 36 og § 37' });
      const r = await orPeriodOverlap(() =>
        req.ctx.db.transaction().execute(async (trx) => {
          await setActor(trx, actor.userId);
          const r = await addBudget(trx, {
            providerId: p.id,
            kind: p.kind,
            fromMonths: b.fromMonths,
            toMonths: b.toMonths,
            grantOere: b.grantOere,
            buildingOere: b.buildingOere,
            adminOere: b.adminOere,
            parentPaymentOere: b.parentPaymentOere,
            from: day(b.from),
            userId: actor.userId,
          });
          await audit(trx, req.ctx, {
            action: 'subsidies.budget_add',
            subjectType: 'provider',
            subjectIds: [p.id],
            details: { ...b },
          });
          return r;
        }),
      );
      return reply.code(201).send({ id: r.id });
    },
  );

  app.post(
    '/subsidies/providers/:id/enrolments',
    { schema: schemaOf('subsidies', c.enrol, subsidiesError.codes) },
    async (req, reply) => {
      const { db } = req.ctx;
      const today = req.ctx.clock.today();
      const { p, actor } = await providerFor(db, req.ctx.actor, req.params.id, 'subsidies.providers');
      const start = day(req.body.start),
        end = req.body.end ? day(req.body.end) : null;
      if (end && end.isBefore(start)) throw subsidiesError('subsidies.end-before-start');
      const period = DateRange.of(start, end);
      const approved = DateRange.fromPg(p.approved);
      if (!approved.includes(start) || (approved.end && (!end || end.isAfter(approved.end))))
        throw subsidiesError('subsidies.outside-approval', { rule: 'dagtilbudsloven § 19, stk. 4' });
      const cpr = parseCpr(req.body.cpr, today);
      const child = cpr.ok
        ? (await searchPeople(db, today, { cpr: cpr.cpr, municipality: await municipalScope(db, actor) }))[0]
        : undefined;
      if (!child) throw subsidiesError('subsidies.no-child');
      const home = await homeOf(db, child.id, LocalDate.max(start, today));
      if (!home || home.municipalityCode !== p.municipality_code)
        throw subsidiesError('subsidies.not-child-of-household');
      await checkEnrolment(db, child.id, period, today);
      const r = await orOverlap(() =>
        db.transaction().execute(async (trx) => {
          await setActor(trx, actor.userId);
          const r = await addEnrolment(trx, {
            providerId: p.id,
            childId: child.id,
            householdId: home.id,
            period,
            userId: actor.userId,
          });
          await audit(trx, req.ctx, {
            action: 'subsidies.enrol',
            subjectType: 'person',
            subjectIds: [child.id],
            details: { providerId: p.id, enrolmentId: r.id },
          });
          return r;
        }),
      );
      return reply.code(201).send({ id: r.id });
    },
  );

  app.post(
    '/subsidies/enrolments/:id/end',
    { schema: schemaOf('subsidies', c.endEnrolment, subsidiesError.codes) },
    async (req) => {
      const { db } = req.ctx;
      subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.providers');
      const e = await enrolmentById(db, req.params.id);
      if (!e) throw subsidiesError('subsidies.not-found');
      const { actor } = await providerFor(db, req.ctx.actor, e.provider_id, 'subsidies.providers');
      const lastDay = day(req.body.lastDay);
      const v = DateRange.fromPg(e.valid);
      if (lastDay.isBefore(v.start) || !v.includes(lastDay)) throw subsidiesError('subsidies.stop-outside-period');
      await db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        await endEnrolment(trx, e.id, lastDay);
        await audit(trx, req.ctx, {
          action: 'subsidies.unenrol',
          subjectType: 'person',
          subjectIds: [e.child_id],
          details: { providerId: e.provider_id, enrolmentId: e.id, lastDay: lastDay.toString() },
        });
      });
      return { lastDay: lastDay.toString() };
    },
  );

  app.get('/subsidies/rates', { schema: schemaOf('subsidies', c.rates) }, async (req) => {
    const own = homeMunicipality(subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.rates'));
    const { rates, terms } = await ratesAndTermsOf(req.ctx.db, own);
    const end = (hi: string | null) => (hi ? day(hi).minusDays(1).toString() : null);
    return {
      rates: rates.map((r) => ({
        id: r.id,
        scheme: r.scheme,
        own: r.municipality_code !== null,
        fromMonths: r.from_months,
        toMonths: r.to_months,
        monthlyOere: Number(r.monthly_oere),
        start: r.lo,
        end: end(r.hi),
      })),
      terms: terms.map((t) => ({
        id: t.id,
        scheme: t.scheme,
        own: t.municipality_code !== null,
        sharePercent: Number(t.share_percent),
        householdCapOere: t.household_cap_oere === null ? null : Number(t.household_cap_oere),
        siblingPercent: t.sibling_percent,
        start: t.lo,
        end: end(t.hi),
      })),
    };
  });

  app.post(
    '/subsidies/rates',
    { schema: schemaOf('subsidies', c.addRate, subsidiesError.codes) },
    async (req, reply) => {
      const actor = subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.rates');
      const b = req.body;
      if (b.toMonths <= b.fromMonths) throw subsidiesError('subsidies.end-before-start');
      const from = day(b.from);
      // A rate period starts at the earliest in the current month: months already paid are not changed by it.
      if (from.isBefore(req.ctx.clock.today().firstOfMonth())) throw subsidiesError('subsidies.start-in-past');
      const r = await orPeriodOverlap(() =>
        req.ctx.db.transaction().execute(async (trx) => {
          await setActor(trx, actor.userId);
          const r = await addOwnRate(trx, { municipality: homeMunicipality(actor), ...b, from, userId: actor.userId });
          await audit(trx, req.ctx, {
            action: 'subsidies.rate_add',
            subjectType: 'rate',
            subjectIds: [r.id],
            details: { ...b },
          });
          return r;
        }),
      );
      return reply.code(201).send({ id: r.id });
    },
  );

  app.post(
    '/subsidies/terms',
    { schema: schemaOf('subsidies', c.addTerms, subsidiesError.codes) },
    async (req, reply) => {
      const actor = subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.rates');
      const municipality = homeMunicipality(actor);
      const b = req.body;
      const from = day(b.from);
      if (from.isBefore(req.ctx.clock.today().firstOfMonth())) throw subsidiesError('subsidies.start-in-past');
      const base = (await schemeData(req.ctx.db, municipality)).termsOn(b.scheme, from);
      if (!base) throw subsidiesError('subsidies.no-terms');
      const r = await orPeriodOverlap(() =>
        req.ctx.db.transaction().execute(async (trx) => {
          await setActor(trx, actor.userId);
          const r = await addOwnTerms(trx, {
            municipality,
            base,
            sharePercent: b.sharePercent,
            householdCapOere: b.householdCapOere,
            from,
            userId: actor.userId,
          });
          await audit(trx, req.ctx, {
            action: 'subsidies.terms_add',
            subjectType: 'rate',
            subjectIds: [r.id],
            details: { ...b },
          });
          return r;
        }),
      );
      return reply.code(201).send({ id: r.id });
    },
  );
};
