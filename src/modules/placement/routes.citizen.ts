// Citizen self-service: apply, see waitlist positions and garantidato, change, withdraw, answer offers, udmeldelse.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../platform/audit/audit.js';
import { setActor } from '../../platform/db/database.js';
import { schemaOf } from '../../platform/http/contract.js';
import { withRetry } from '../booking/index.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import type { Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { childIdsInCustody, livesIn, personsById, placementsOf, scopeOfUnit } from '../people/index.js';
import {
  apply,
  changeApplication,
  loadApplication,
  requireCustody,
  siblingsAt,
  withdrawApplication,
} from './applications.js';
import { continuousAllocation } from './aarsrulning.js';
import { acceptOffer, declineOffer, expireOffers, loadOffer } from './offer-answers.js';
import { withdrawPlacement } from './withdrawal.js';
import { PRIORITY_CLASSES, policyOn } from './placement-policy.js';
import {
  earliestStart,
  guaranteeExplained,
  kindFitsAge,
  maxWishes,
  noticeLastDay,
  placementKindOf,
  PLACE_KINDS,
  seniorityDate,
  suggestedKind,
} from './rules.js';
import { loadWaitlist } from './waitlist.js';
import { placementPolicy } from './policy.js';
import { activeApplicationsOf, pendingOffersOf, placementToWithdraw } from './queries.js';
import { placementContract as c, placementError, type Overview } from './contract.js';

async function overview(db: Db, guardianId: string, today: LocalDate): Promise<Overview> {
  const ids = await childIdsInCustody(db, guardianId, today);
  if (!ids.length) return { children: [], noticeLastDay: null };
  // The family's home municipality's rules (notice period …).
  const p = await policyOn(db, await livesIn(db, guardianId, today), today);
  const [children, apps, offers, placements, waitlist] = await Promise.all([
    personsById(db, ids).then((cs) => cs.sort((a, b) => a.birth_date.localeCompare(b.birth_date))),
    activeApplicationsOf(db, ids),
    pendingOffersOf(db, ids),
    placementsOf(db, ids, today),
    loadWaitlist(db, today, p),
  ]);
  const mine = waitlist.filter((w) => ids.includes(w.childId));
  const waiting = new Map<string, number>();
  for (const w of waitlist) waiting.set(w.unitId, (waiting.get(w.unitId) ?? 0) + 1);
  return {
    noticeLastDay: noticeLastDay(today, p.notice).toString(),
    children: await Promise.all(
      children.map(async (c) => ({
        id: c.id,
        name: `${c.first_name} ${c.last_name}`,
        birthDate: c.birth_date,
        placements: placements.filter((pl) => pl.childId === c.id),
        offers: offers
          .filter((o) => o.child_id === c.id)
          .map((o) => ({
            id: o.id,
            unitId: o.unit_id,
            unitName: o.unitName,
            start: o.start_date,
            hoursPerWeek: o.hours_per_week,
            deadline: o.deadline,
            explanation: o.explanation,
            guarantee: o.guarantee,
          })),
        applications: await Promise.all(
          apps
            .filter((a) => a.child_id === c.id)
            .map(async (a) => {
              const ws = mine.filter((w) => w.applicationId === a.id).sort((x, y) => x.rank - y.rank);
              const sibs = await siblingsAt(
                db,
                c.id,
                ws.map((w) => w.unitId),
                DateRange.fromPg(`[${a.needed_from},)`).start,
                today,
              );
              return {
                id: a.id,
                placeKind: a.place_kind,
                neededFrom: a.needed_from,
                hoursPerWeek: a.hours_per_week,
                appliedOn: a.applied_on,
                seniorityDate: a.seniority_date,
                guaranteeDate: a.guarantee_date,
                wishes: ws.map((w) => ({
                  unitId: w.unitId,
                  unitName: w.unitName,
                  rank: w.rank,
                  position: w.position,
                  waiting: waiting.get(w.unitId) ?? 0,
                  priority: w.priority,
                  priorityText: PRIORITY_CLASSES[w.priority],
                  siblings: sibs.filter((s) => s.unitId === w.unitId).map((s) => s.firstName),
                })),
              };
            }),
        ),
      })),
    ),
  };
}

export const placementCitizenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tx = <T>(req: { ctx: { db: Db } }, userId: string, fn: (trx: Db) => Promise<T>) =>
    // Retried on a deadlock: offers and answers lock several units' load (booking's lockUnitLoad).
    withRetry(() =>
      req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, userId);
        return fn(trx);
      }),
    );

  app.get('/placement', { schema: schemaOf('placement', c.overview, placementError.codes) }, async (req) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.read-own');
    const today = req.ctx.clock.today();
    await req.ctx.db.transaction().execute((trx) => expireOffers(trx, today));
    const res = await overview(req.ctx.db, actor.personId!, today);
    await audit(req.ctx.db, req.ctx, {
      action: 'application.read',
      subjectType: 'child',
      subjectIds: res.children.map((c) => c.id),
    });
    return res;
  });

  app.get(
    '/application-rules',
    { schema: schemaOf('placement', c.applicationRules, placementError.codes) },
    async (req) => {
      const actor = placementPolicy.authorize(req.ctx.actor, 'placement.read-own');
      const { db, clock } = req.ctx,
        today = clock.today();
      await requireCustody(db, actor.personId!, req.query.childId, today);
      const [child] = await personsById(db, [req.query.childId]);
      if (!child) throw placementError('placement.child-not-found');
      // The family's home municipality's rules, as for the application itself.
      const p = await policyOn(db, await livesIn(db, actor.personId!, today), today);
      const birth = LocalDate.parse(child.birth_date);
      const earliest = earliestStart(birth, p.earliestStart);
      const neededFrom = req.query.neededFrom
        ? LocalDate.parse(req.query.neededFrom)
        : LocalDate.max(today.plusDays(1), earliest);
      const kinds = PLACE_KINDS.map((kind) => ({
        kind,
        fits: kindFitsAge(kind, birth, neededFrom, p.transitionAgeMonths, p.clubFromGrade),
      }));
      const suggested = suggestedKind(birth, neededFrom, p.transitionAgeMonths, p.clubFromGrade);
      const kind = req.query.placeKind ?? suggested;
      const g = kind ? guaranteeExplained(birth, neededFrom, today, placementKindOf(kind)) : null;
      await audit(db, req.ctx, { action: 'application.rules.read', subjectType: 'child', subjectIds: [child.id] });
      return {
        childId: child.id,
        birthDate: child.birth_date,
        neededFrom: neededFrom.toString(),
        earliestStart: earliest.toString(),
        earliestRule: p.earliestStart,
        kinds,
        suggestedKind: suggested,
        ageMonths: birth.ageInMonths(neededFrom),
        maxWishes: maxWishes(p.maxWishes, birth.ageInMonths(neededFrom)),
        guaranteeDate: g?.date.toString() ?? null,
        guaranteeReason: g?.reason ?? null,
        seniorityDate: seniorityDate(birth, today, p.seniorityFromMonths).toString(),
        offerDeadlineDays: p.offerDeadlineDays,
      };
    },
  );

  app.post('/applications', { schema: schemaOf('placement', c.apply, placementError.codes) }, async (req, reply) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.apply');
    const today = req.ctx.clock.today();
    const res = await tx(req, actor.userId, async (trx) => {
      await requireCustody(trx, actor.personId!, req.body.childId, today);
      const r = await apply(trx, actor.userId, req.body, today);
      await audit(trx, req.ctx, {
        action: 'application.create',
        subjectType: 'child',
        subjectIds: [req.body.childId],
        details: { application: r.id },
      });
      return r;
    });
    return reply.code(201).send(res);
  });

  app.patch('/applications/:id', { schema: schemaOf('placement', c.change, placementError.codes) }, async (req) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.apply');
    const today = req.ctx.clock.today();
    return tx(req, actor.userId, async (trx) => {
      const a = await loadApplication(trx, req.params.id);
      await requireCustody(trx, actor.personId!, a.child_id, today);
      const r = await changeApplication(trx, a.id, req.body, today);
      await audit(trx, req.ctx, {
        action: 'application.update',
        subjectType: 'child',
        subjectIds: [a.child_id],
        details: { application: a.id },
      });
      return r;
    });
  });

  app.post(
    '/applications/:id/withdraw',
    { schema: schemaOf('placement', c.withdrawApplication, placementError.codes) },
    async (req) => {
      const actor = placementPolicy.authorize(req.ctx.actor, 'placement.apply');
      const today = req.ctx.clock.today();
      return tx(req, actor.userId, async (trx) => {
        const a = await loadApplication(trx, req.params.id);
        await requireCustody(trx, actor.personId!, a.child_id, today);
        await withdrawApplication(trx, a.id, today);
        await audit(trx, req.ctx, {
          action: 'application.withdraw',
          subjectType: 'child',
          subjectIds: [a.child_id],
          details: { application: a.id },
        });
        return { ok: true as const };
      });
    },
  );

  /** Answers the guardian's offer: `fn` accepts or declines it (in the transaction), then the answer is audited. */
  const answerOffer = <T>(
    req: { ctx: RequestContext; params: { id: string } },
    answer: 'accept' | 'decline',
    fn: (trx: Db, offerId: string, today: LocalDate) => Promise<T>,
  ) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.apply');
    const today = req.ctx.clock.today();
    return tx(req, actor.userId, async (trx) => {
      const o = await loadOffer(trx, req.params.id);
      await requireCustody(trx, actor.personId!, o.child_id, today);
      const r = await fn(trx, o.id, today);
      await audit(trx, req.ctx, {
        action: `offer.${answer}`,
        subjectType: 'child',
        subjectIds: [o.child_id],
        details: { offer: o.id },
      });
      // A declined place is free again: the next child by the rules gets it now (continuous allocation).
      const scope = answer === 'decline' ? await scopeOfUnit(trx, o.unit_id) : null;
      if (scope) await continuousAllocation(trx, scope, today, null, [o.placement_kind]);
      return r;
    });
  };

  app.post('/offers/:id/accept', { schema: schemaOf('placement', c.accept, placementError.codes) }, async (req) =>
    answerOffer(req, 'accept', (trx, offerId, today) => acceptOffer(trx, offerId, today)),
  );

  app.post('/offers/:id/decline', { schema: schemaOf('placement', c.decline, placementError.codes) }, async (req) =>
    answerOffer(req, 'decline', async (trx, offerId, today) => {
      await declineOffer(trx, offerId, today);
      return { ok: true as const };
    }),
  );

  app.post(
    '/placements/:id/withdraw',
    { schema: schemaOf('placement', c.withdrawPlacement, placementError.codes) },
    async (req) => {
      const actor = placementPolicy.authorize(req.ctx.actor, 'placement.apply');
      const today = req.ctx.clock.today();
      return tx(req, actor.userId, async (trx) => {
        const p = await placementToWithdraw(trx, req.params.id);
        if (!p) throw placementError('placement.place-not-yours');
        await requireCustody(trx, actor.personId!, p.child_id, today);
        const r = await withdrawPlacement(trx, p.id, today, actor.userId);
        await audit(trx, req.ctx, {
          action: 'placement.withdraw',
          subjectType: 'child',
          subjectIds: [p.child_id],
          details: { placement: p.id },
        });
        // The freed place goes to the next child by the rules of the unit's municipality.
        const scope = await scopeOfUnit(trx, p.unit_id);
        if (scope) await continuousAllocation(trx, scope, today, null, [p.kind]);
        return r;
      });
    },
  );
};
