// Subsidies for staff: caseworkers enter, decide and stop cases and supervise carers. Complaints are in
// routes.complaints.ts, the monthly payout in routes.payouts.ts, private providers in routes.providers.ts; they share
// the access helpers here (a case, once the actor may act on it; a municipality's data is its own).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { setActor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import { childIdsInCustody, livesIn, namesOf } from '../people/index.js';
import { homeMunicipality, type Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { subsidiesContract as c, subsidiesError, type CaseDetail } from './contract.js';
import { subsidiesPolicy } from './policy.js';
import {
  addSupervision,
  carerById,
  caseById,
  complaintsOf,
  linesOfCase,
  listCases,
  recoveriesOf,
  type CaseRow,
} from './queries.js';
import { apply, checksOf, decide, stop, stopCarerFrom, type Application } from './cases.js';

export const day = (s: string) => LocalDate.parse(s);
export const period = (valid: string) => {
  const r = DateRange.fromPg(valid);
  return { start: r.start.toString(), end: r.end?.toString() ?? null };
};
/** A second live case for the child in an overlapping period is refused by the database's exclusion constraint. */
export async function orOverlap<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e: any) {
    if (e?.code === '23P01' || /subsidy_case_child_id_valid_excl|conflicting key value/.test(String(e?.message)))
      throw subsidiesError('subsidies.overlap', { rule: 'dagtilbudsloven § 2, stk. 3' });
    throw e;
  }
}

export type Action = 'subsidies.read' | 'subsidies.decide' | 'subsidies.pay';
/** A municipality's subsidy data (cases, carers, complaints, payouts) is its own: staff of another are refused. */
export const ofMunicipality = (municipalityCode: string) => ({ municipalityCode });

/** The case, once the actor may act on it: role first, then 404 for an unknown case, then its municipality (403). */
export async function caseFor(db: Db, actor: Actor | null, id: string, action: Action) {
  subsidiesPolicy.authorize(actor, action);
  const x = await caseById(db, id);
  if (!x) throw subsidiesError('subsidies.not-found');
  return { x, actor: subsidiesPolicy.authorize(actor, action, ofMunicipality(x.municipality_code)) };
}

/** A carer, the same way. */
async function carerFor(db: Db, actor: Actor | null, id: string) {
  subsidiesPolicy.authorize(actor, 'subsidies.decide');
  const carer = await carerById(db, id);
  if (!carer) throw subsidiesError('subsidies.not-found');
  return subsidiesPolicy.authorize(actor, 'subsidies.decide', ofMunicipality(carer.municipality_code));
}

export const subsidiesStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/subsidies/cases',
    { schema: schemaOf('subsidies', c.applyFor, subsidiesError.codes) },
    async (req, reply) => {
      subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.decide');
      const today = req.ctx.clock.today();
      // The case belongs to the municipality the applicant lives in (none: refused below as subsidies.no-address).
      const home = await livesIn(req.ctx.db, req.body.applicantId, today);
      const actor = subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.decide', home ? ofMunicipality(home) : {});
      if (!(await childIdsInCustody(req.ctx.db, req.body.applicantId, today)).includes(req.body.childId))
        throw subsidiesError('subsidies.not-your-child');
      const r = await orOverlap(() =>
        req.ctx.db.transaction().execute(async (trx) => {
          await setActor(trx, actor.userId);
          const r = await apply(trx, req.body as Application, {
            applicantId: req.body.applicantId,
            source: 'caseworker',
            today,
          });
          await audit(trx, req.ctx, {
            action: 'subsidies.apply',
            subjectType: 'person',
            subjectIds: [req.body.childId, req.body.applicantId],
            details: { caseId: r.id },
          });
          return r;
        }),
      );
      return reply.code(201).send(r);
    },
  );

  app.get('/subsidies/cases', { schema: schemaOf('subsidies', c.cases) }, async (req) => {
    const own = homeMunicipality(subsidiesPolicy.authorize(req.ctx.actor, 'subsidies.read'));
    const today = req.ctx.clock.today();
    const rows = (await listCases(req.ctx.db, req.query.status)).filter((r) => r.municipality_code === own);
    const names = await namesOf(req.ctx.db, [...new Set(rows.flatMap((r) => [r.child_id, r.applicant_id]))]);
    const complaints = await complaintsOf(
      req.ctx.db,
      rows.map((r) => r.id),
    );
    await audit(req.ctx.db, req.ctx, {
      action: 'subsidies.read',
      subjectType: 'person',
      subjectIds: [...new Set(rows.map((r) => r.child_id))],
    });
    return rows.map((r) => ({
      id: r.id,
      scheme: r.scheme,
      childId: r.child_id,
      child: names.get(r.child_id) ?? '',
      applicant: names.get(r.applicant_id) ?? '',
      status: r.status,
      ...period(r.valid),
      submittedOn: r.submitted_on,
      deadline: r.deadline,
      overdue: r.status === 'applied' && day(r.deadline).isBefore(today),
      openComplaints: complaints.filter((k) => k.case_id === r.id && (k.status === 'received' || k.status === 'upheld'))
        .length,
    }));
  });

  app.get('/subsidies/cases/:id', { schema: schemaOf('subsidies', c.case, subsidiesError.codes) }, async (req) => {
    const { x } = await caseFor(req.ctx.db, req.ctx.actor, req.params.id, 'subsidies.read');
    const today = req.ctx.clock.today();
    return detail(req.ctx.db, x, today, async (subjects) =>
      audit(req.ctx.db, req.ctx, { action: 'subsidies.read', subjectType: 'person', subjectIds: subjects }),
    );
  });

  app.post(
    '/subsidies/cases/:id/decision',
    { schema: schemaOf('subsidies', c.decide, subsidiesError.codes) },
    async (req) => {
      const { actor } = await caseFor(req.ctx.db, req.ctx.actor, req.params.id, 'subsidies.decide');
      return req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const r = await decide(trx, req.params.id, { ...req.body, userId: actor.userId, today: req.ctx.clock.today() });
        await audit(trx, req.ctx, {
          action: 'subsidies.decide',
          subjectType: 'subsidy_case',
          subjectIds: [req.params.id],
          details: { approve: req.body.approve },
        });
        return r;
      });
    },
  );

  app.post(
    '/subsidies/cases/:id/stop',
    { schema: schemaOf('subsidies', c.stop, subsidiesError.codes) },
    async (req) => {
      const { actor } = await caseFor(req.ctx.db, req.ctx.actor, req.params.id, 'subsidies.decide');
      return req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const r = await stop(trx, req.params.id, day(req.body.lastDay), req.body.reason, req.ctx.clock.today());
        await audit(trx, req.ctx, {
          action: 'subsidies.stop',
          subjectType: 'subsidy_case',
          subjectIds: [req.params.id],
        });
        return r;
      });
    },
  );

  app.post(
    '/subsidies/carers/:id/stop',
    { schema: schemaOf('subsidies', c.stopCarer, subsidiesError.codes) },
    async (req) => {
      const actor = await carerFor(req.ctx.db, req.ctx.actor, req.params.id);
      return req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const ended = await stopCarerFrom(trx, req.params.id, day(req.body.from));
        await audit(trx, req.ctx, {
          action: 'subsidies.carer_stop',
          subjectType: 'subsidy_case',
          subjectIds: ended,
          details: { carerId: req.params.id },
        });
        return { endedCases: ended };
      });
    },
  );

  app.post(
    '/subsidies/carers/:id/supervision',
    { schema: schemaOf('subsidies', c.supervise, subsidiesError.codes) },
    async (req, reply) => {
      const actor = await carerFor(req.ctx.db, req.ctx.actor, req.params.id);
      const r = await req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        const r = await addSupervision(trx, req.params.id, day(req.body.visitDate), req.body.note, actor.userId);
        await audit(trx, req.ctx, {
          action: 'subsidies.supervision',
          subjectType: 'subsidy_carer',
          subjectIds: [req.params.id],
        });
        return r;
      });
      return reply.code(201).send(r);
    },
  );
};

async function detail(
  db: Parameters<typeof caseById>[0],
  x: CaseRow,
  today: LocalDate,
  auditIt: (subjects: string[]) => Promise<void>,
) {
  const [r, names, carer, complaints, lines, recoveries] = await Promise.all([
    checksOf(db, x, today),
    namesOf(db, [x.child_id, x.applicant_id]),
    x.carer_id ? carerById(db, x.carer_id) : undefined,
    complaintsOf(db, [x.id]),
    linesOfCase(db, x.id),
    recoveriesOf(db, x.id),
  ]);
  await auditIt([x.child_id, x.applicant_id]);
  return {
    id: x.id,
    scheme: x.scheme,
    municipality: x.municipality_code,
    childId: x.child_id,
    child: names.get(x.child_id) ?? '',
    applicant: names.get(x.applicant_id) ?? '',
    birthDate: r.birth.toString(),
    status: x.status,
    ...period(x.valid),
    submittedOn: x.submitted_on,
    deadline: x.deadline,
    overdue: x.status === 'applied' && day(x.deadline).isBefore(today),
    openComplaints: complaints.filter((k) => k.status === 'received' || k.status === 'upheld').length,
    carer: carer
      ? {
          id: carer.id,
          name: carer.name,
          cvr: carer.cvr,
          address: `${carer.street}, ${carer.postal_code} ${carer.city}`,
          carers: carer.carers,
          approvedOn: carer.approved_on,
          stoppedOn: carer.stopped_on,
        }
      : null,
    expenseOere: x.expense_oere === null ? null : Number(x.expense_oere),
    hoursPerWeek: x.hours_per_week,
    childrenInCare: x.children_in_care,
    declarations: (x.declarations as CaseDetail['declarations']) ?? null,
    reopenedOn: x.reopened_on,
    checks: r.checks,
    proposedEnd: r.end?.toString() ?? null,
    proposedEndReason: r.endReason,
    monthlyOere: r.monthlyOere,
    ceilingOere: r.ceilingOere,
    decidedOn: x.decided_on,
    reason: x.reason,
    refusalRule: x.refusal_rule,
    endReason: x.end_reason,
    letterId: x.letter_id,
    payouts: lines.map((l) => ({ month: l.month, kind: l.kind, amountOere: Number(l.amount_oere) })),
    recoveries: recoveries.map((k) => ({
      id: k.id,
      amountOere: Number(k.amount_oere),
      months: k.months,
      status: k.status,
    })),
    complaints: complaints.map((k) => ({
      id: k.id,
      receivedOn: k.received_on,
      text: k.text,
      status: k.status,
      reconsideredOn: k.reconsidered_on,
      reconsideredNote: k.reconsidered_note,
      forwardedOn: k.forwarded_on,
    })),
  };
}
