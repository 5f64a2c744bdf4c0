// Staff: waitlists, guarantee overview, rounds (preview → approve), manual offers, special needs, inbox, policy.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../platform/audit/audit.js';
import { setActor, type Db } from '../../platform/db/database.js';
import { schemaOf } from '../../platform/http/contract.js';
import { withRetry } from '../booking/index.js';
import { isUnitOpen, municipalitiesOfUnits, unitSubject } from '../registry/index.js';
import { distributionAllows } from './distribution.js';
import { childSubject, municipalScope, peopleOfMunicipality } from '../people/index.js';
import { homeMunicipality } from '../../platform/auth/actor.js';
import { LocalDate } from '../../shared/index.js';
import { guaranteeOverview } from './guarantee.js';
import { placementPolicy } from './policy.js';
import { createOffer } from './offers.js';
import { expireOffers } from './offer-answers.js';
import { POLICY_KEYS, PRIORITY_CLASSES, policyOn } from './placement-policy.js';
import { approveRound, previewRound, roundView } from './round.js';
import { loadWaitlist, type WaitlistEntry } from './waitlist.js';
import { capacityOutlook } from './outlook.js';
import { aarsrulning, continuousAllocation } from './aarsrulning.js';
import { placementContract as c, placementError, type WaitlistSort } from './contract.js';
import {
  childIdsOfApplications,
  inboxTasks,
  markTaskHandled,
  roundMunicipality,
  setApplicationPriority,
  taskChild,
} from './queries.js';

/** Unit names in Danish alphabetical order (one collator: localeCompare(…, 'da') builds one per comparison). */
const byDanishName = new Intl.Collator('da');

/** Each distinct text's place in Danish alphabetical order (texts the collator finds equal share it): a sort then
 *  compares numbers, and the collator runs on the distinct texts only (a city's 22,000 waitlist rows name 450 units). */
function danishRanks(texts: Iterable<string>) {
  const sorted = [...new Set(texts)].sort(byDanishName.compare);
  const rank = new Map<string, number>();
  sorted.forEach((t, i) =>
    rank.set(t, i > 0 && byDanishName.compare(sorted[i - 1]!, t) === 0 ? rank.get(sorted[i - 1]!)! : i),
  );
  return rank;
}

/** A round is its municipality's (one made before rounds had a municipality: nobody's). */
async function roundSubject(db: Db, id: string) {
  const code = await roundMunicipality(db, id);
  return code === undefined ? {} : { municipalityCode: code ?? [] };
}

/** What each waitlist column sorts by. */
const WAITLIST_KEYS: Record<WaitlistSort, (r: WaitlistEntry) => string | number | null> = {
  unit: (r) => r.unitName,
  position: (r) => r.position,
  child: (r) => r.childName,
  rank: (r) => r.rank,
  priority: (r) => PRIORITY_CLASSES[r.priority]?.da ?? r.priority,
  neededFrom: (r) => r.neededFrom,
  guaranteeDate: (r) => r.guaranteeDate,
  km: (r) => r.km,
};

export const placementStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tx = <T>(req: { ctx: { db: Db } }, userId: string, fn: (trx: Db) => Promise<T>) =>
    // Retried on a deadlock: offers and answers lock several units' load (booking's lockUnitLoad).
    withRetry(() =>
      req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, userId);
        return fn(trx);
      }),
    );

  app.get('/waitlist', { schema: schemaOf('placement', c.waitlist, placementError.codes) }, async (req) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.read');
    const today = req.ctx.clock.today();
    const q = req.query;
    // The waitlists of the municipality's own units, ordered by its rules.
    const muni = await municipalScope(req.ctx.db, actor);
    const all = await loadWaitlist(
      req.ctx.db,
      today,
      await policyOn(req.ctx.db, muni.code, today),
      undefined,
      muni.unitIds,
    );
    const band = (birth: string, on: string) => {
      const m = LocalDate.parse(birth).ageInMonths(LocalDate.parse(on));
      return m < 36 ? '0-2' : m < 72 ? '3-5' : m < 120 ? '6-9' : '10-13';
    };
    const rows = all.filter(
      (e) =>
        (!q.unitId || e.unitId === q.unitId) &&
        (!q.areaId || e.areaId === q.areaId) &&
        (!q.priority || e.priority === q.priority) &&
        (!q.startMonth || e.neededFrom.startsWith(q.startMonth)) &&
        (!q.ageBand || band(e.birthDate, e.neededFrom) === q.ageBand),
    );
    const unitRank = danishRanks(rows.map((r) => r.unitName));
    rows.sort((a, b) => unitRank.get(a.unitName)! - unitRank.get(b.unitName)! || a.position - b.position);
    if (q.sort) {
      // Stable on the default order; empty values (no garantidato, no distance) last either way.
      const key = WAITLIST_KEYS[q.sort],
        sign = q.direction === 'descending' ? -1 : 1;
      const textRank = danishRanks(rows.map(key).filter((k): k is string => typeof k === 'string'));
      const value = (r: WaitlistEntry) => {
        const k = key(r);
        return typeof k === 'string' ? textRank.get(k)! : k;
      };
      rows.sort((a, b) => {
        const x = value(a),
          y = value(b);
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        return sign * (x - y);
      });
    }
    const page = rows.slice(q.offset, q.offset + q.limit);
    await audit(req.ctx.db, req.ctx, {
      action: 'waitlist.read',
      subjectType: 'child',
      subjectIds: [...new Set(page.map((r) => r.childId))],
    });
    return {
      total: rows.length,
      offset: q.offset,
      rows: page.map(({ householdId: _h, ...r }) => ({ ...r, priorityText: PRIORITY_CLASSES[r.priority] })),
    };
  });

  app.get('/guarantee', { schema: schemaOf('placement', c.guarantee, placementError.codes) }, async (req) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.read');
    const rows = await guaranteeOverview(req.ctx.db, await municipalScope(req.ctx.db, actor), req.ctx.clock.today());
    await audit(req.ctx.db, req.ctx, {
      action: 'guarantee.read',
      subjectType: 'child',
      subjectIds: rows.map((r) => r.childId).slice(0, 1000),
    });
    return rows;
  });

  app.post('/rounds', { schema: schemaOf('placement', c.previewRound, placementError.codes) }, async (req, reply) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.allocate');
    const today = req.ctx.clock.today();
    const horizon = LocalDate.parse(req.body.horizon);
    if (!horizon.isAfter(today) || horizon.isAfter(today.plusYears(2))) throw placementError('placement.bad-horizon');
    const r = await tx(req, actor.userId, async (trx) => {
      await expireOffers(trx, today);
      const res = await previewRound(trx, homeMunicipality(actor), req.body.kind, horizon, today, actor.userId);
      await audit(trx, req.ctx, { action: 'round.preview', subjectType: 'allocation_round', subjectIds: [res.id] });
      return res;
    });
    return reply.code(201).send(await roundView(req.ctx.db, r.id, r.result));
  });

  app.get('/rounds/:id', { schema: schemaOf('placement', c.round, placementError.codes) }, async (req) => {
    placementPolicy.authorize(req.ctx.actor, 'placement.read', await roundSubject(req.ctx.db, req.params.id));
    const view = await roundView(req.ctx.db, req.params.id);
    const appIds = [...view.offers, ...view.unplaced].map((o) => o.applicationId);
    const children = await childIdsOfApplications(req.ctx.db, appIds);
    await audit(req.ctx.db, req.ctx, {
      action: 'round.read',
      subjectType: 'child',
      subjectIds: children,
      details: { roundId: req.params.id },
    });
    return view;
  });

  app.post(
    '/rounds/:id/approve',
    { schema: schemaOf('placement', c.approveRound, placementError.codes) },
    async (req) => {
      const actor = placementPolicy.authorize(
        req.ctx.actor,
        'placement.allocate',
        await roundSubject(req.ctx.db, req.params.id),
      );
      return tx(req, actor.userId, async (trx) => {
        const r = await approveRound(trx, req.params.id, req.ctx.clock.today(), actor.userId);
        await audit(trx, req.ctx, {
          action: 'round.approve',
          subjectType: 'allocation_round',
          subjectIds: [req.params.id],
          details: r,
        });
        return r;
      });
    },
  );

  app.post('/offers', { schema: schemaOf('placement', c.manualOffer, placementError.codes) }, async (req, reply) => {
    // An offer of a place in one of the caseworker's municipality's units.
    const actor = placementPolicy.authorize(
      req.ctx.actor,
      'placement.allocate',
      await unitSubject(req.ctx.db, req.body.unitId),
    );
    const today = req.ctx.clock.today();
    const offerId = await tx(req, actor.userId, async (trx) => {
      if (!(await isUnitOpen(trx, req.body.unitId))) throw placementError('placement.unit-closed');
      // § 26 a holds for a manual offer as in a round (the check counts the unit's admissions of the start's year).
      const [child] = await childIdsOfApplications(trx, [req.body.applicationId]);
      const [unitMunicipality] = await municipalitiesOfUnits(trx, [req.body.unitId]);
      const start = LocalDate.parse(req.body.start);
      if (
        child &&
        !(await distributionAllows(
          trx,
          await policyOn(trx, unitMunicipality!, today),
          child,
          req.body.unitId,
          start,
          today,
        ))
      )
        throw placementError('placement.distribution-rule');
      const oid = await createOffer(
        trx,
        {
          applicationId: req.body.applicationId,
          unitId: req.body.unitId,
          start,
          roundId: null,
          priority: null,
          explanation: `Manuelt tilbud: ${req.body.reason}`,
          reason: req.body.reason,
          userId: actor.userId,
          guarantee: req.body.guarantee,
        },
        today,
      );
      await audit(trx, req.ctx, {
        action: 'offer.create',
        subjectType: 'child',
        subjectIds: [child!],
        details: { offer: oid, reason: req.body.reason },
      });
      return oid!; // null only when skipping (rounds), never for a manual offer
    });
    return reply.code(201).send({ id: offerId });
  });

  app.patch(
    '/applications/:id',
    { schema: schemaOf('placement', c.setPriority, placementError.codes) },
    async (req) => {
      const [child] = await childIdsOfApplications(req.ctx.db, [req.params.id]);
      const actor = placementPolicy.authorize(
        req.ctx.actor,
        'placement.allocate',
        child ? await childSubject(req.ctx.db, child, req.ctx.clock.today()) : {},
      );
      return tx(req, actor.userId, async (trx) => {
        const childId = await setApplicationPriority(trx, req.params.id, req.body);
        if (!childId) throw placementError('placement.application-not-found');
        await audit(trx, req.ctx, {
          action: 'application.priority',
          subjectType: 'child',
          subjectIds: [childId],
          details: req.body,
        });
        return { ok: true as const };
      });
    },
  );

  app.get('/inbox', { schema: schemaOf('placement', c.inbox, placementError.codes) }, async (req) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.read');
    const all = await inboxTasks(req.ctx.db, !!req.query.all);
    // Tasks about children of the municipality (living there or placed there); tasks about no child are shared.
    const own = await peopleOfMunicipality(
      req.ctx.db,
      all.flatMap((r) => (r.childId ? [r.childId] : [])),
      await municipalScope(req.ctx.db, actor),
      req.ctx.clock.today(),
    );
    const rows = all.filter((r) => !r.childId || own.has(r.childId));
    await audit(req.ctx.db, req.ctx, {
      action: 'inbox.read',
      subjectType: 'child',
      subjectIds: [...new Set(rows.map((r) => r.childId).filter((c): c is string => !!c))],
    });
    return rows;
  });

  app.post('/inbox/:id/handled', { schema: schemaOf('placement', c.handleTask, placementError.codes) }, async (req) => {
    const child = await taskChild(req.ctx.db, req.params.id);
    const actor = placementPolicy.authorize(
      req.ctx.actor,
      'placement.handle-inbox',
      child ? await childSubject(req.ctx.db, child, req.ctx.clock.today()) : {},
    );
    if (!(await markTaskHandled(req.ctx.db, req.params.id, actor.userId)))
      throw placementError('placement.task-not-found');
    return { ok: true as const };
  });

  app.get('/placement-policy', { schema: schemaOf('placement', c.rules, placementError.codes) }, async (req) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.read');
    const p = await policyOn(req.ctx.db, homeMunicipality(actor), req.ctx.clock.today());
    return {
      keys: POLICY_KEYS.map((k) => ({ key: k.key, da: k.da, en: k.en, default: k.default, current: p[k.field] })),
      classes: PRIORITY_CLASSES,
    };
  });

  app.get('/units/:id/outlook', { schema: schemaOf('placement', c.outlook, placementError.codes) }, async (req) => {
    placementPolicy.authorize(req.ctx.actor, 'placement.read', await unitSubject(req.ctx.db, req.params.id));
    return capacityOutlook(req.ctx.db, req.params.id, req.ctx.clock.today());
  });

  app.post('/aarsrulning', { schema: schemaOf('placement', c.aarsrulning, placementError.codes) }, async (req) => {
    const actor = placementPolicy.authorize(req.ctx.actor, 'placement.allocate');
    return tx(req, actor.userId, async (trx) => {
      const created = await aarsrulning(trx, await municipalScope(trx, actor), req.ctx.clock.today());
      await audit(trx, req.ctx, {
        action: 'aarsrulning.run',
        subjectType: 'application',
        subjectIds: [],
        details: { created },
      });
      return { created };
    });
  });

  app.post(
    '/continuous-allocation',
    { schema: schemaOf('placement', c.continuousAllocation, placementError.codes) },
    async (req) => {
      const actor = placementPolicy.authorize(req.ctx.actor, 'placement.allocate');
      return tx(req, actor.userId, async (trx) => {
        await expireOffers(trx, req.ctx.clock.today());
        const offers = await continuousAllocation(
          trx,
          await municipalScope(trx, actor),
          req.ctx.clock.today(),
          actor.userId,
        );
        await audit(trx, req.ctx, {
          action: 'allocation.continuous',
          subjectType: 'allocation_round',
          subjectIds: [],
          details: { offers },
        });
        return { offers };
      });
    },
  );
};
