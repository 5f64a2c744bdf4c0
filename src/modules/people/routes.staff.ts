// Staff: child and guardian search (name or CPR, sent in the body, never in a URL) and the child page.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LocalDate, maskCpr, parseCpr } from '../../shared/index.js';
import { MUNICIPAL_ROLES, type Actor } from '../../platform/auth/actor.js';
import { childSubject, municipalScope } from './tenancy.js';
import { setActor, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { peopleContract as c, peopleError } from './contract.js';
import { peoplePolicy } from './policy.js';
import { CHILD_MAX_AGE_YEARS, childPage, placementsOf, renameChild, searchPeople, unitIdsOfChild } from './queries.js';

/** Unit roles see a child through any unit where it has a current or future place; municipal roles the children of
 *  their municipality (living there or placed there). */
async function authorizeChild(db: Db, actor: Actor | null, childId: string, today: LocalDate) {
  const a = peoplePolicy.authorize(actor, 'people.read-child');
  const subject = await childSubject(db, childId, today);
  if (MUNICIPAL_ROLES.includes(a.role)) return peoplePolicy.authorize(a, 'people.read-child', subject);
  const units = await unitIdsOfChild(db, childId, today);
  return peoplePolicy.authorize(a, 'people.read-child', {
    ...subject,
    unitId: units.find((u) => a.unitIds.includes(u)) ?? '',
  });
}

export const peopleStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post('/people/search', { schema: schemaOf('people', c.search, peopleError.codes) }, async (req) => {
    const actor = peoplePolicy.authorize(req.ctx.actor, 'people.search');
    const { db, clock } = req.ctx,
      today = clock.today();
    const cpr = parseCpr(req.body.query, today);
    if (!cpr.ok && /^\d{6}-?\d{4}$/.test(req.body.query)) throw peopleError('people.invalid-cpr');
    const people = await searchPeople(db, today, {
      ...(cpr.ok ? { cpr: cpr.cpr } : { words: req.body.query.toLowerCase().split(/\s+/) }),
      unitIds: MUNICIPAL_ROLES.includes(actor.role) ? undefined : actor.unitIds,
      municipality: await municipalScope(db, actor),
    });
    const placements = await placementsOf(
      db,
      people.map((p) => p.id),
      today,
    );
    await audit(db, req.ctx, {
      action: 'person.search',
      subjectType: 'person',
      subjectIds: people.map((p) => p.id),
      details: { byCpr: cpr.ok },
    });
    return people.map((p) => ({
      id: p.id,
      firstName: p.first_name,
      lastName: p.last_name,
      birthDate: p.birth_date,
      cprMasked: p.cpr ? maskCpr(p.cpr) : null,
      isChild: LocalDate.parse(p.birth_date).ageInYears(today) < CHILD_MAX_AGE_YEARS,
      unitName: placements.find((pl) => pl.childId === p.id)?.unitName ?? null,
    }));
  });

  app.get('/children/:id', { schema: schemaOf('people', c.child, peopleError.codes) }, async (req) => {
    const { db, clock } = req.ctx,
      today = clock.today();
    await authorizeChild(db, req.ctx.actor, req.params.id, today);
    const child = await childPage(db, req.params.id, today);
    await audit(db, req.ctx, {
      action: 'child.read',
      subjectType: 'child',
      subjectIds: [req.params.id, ...child.guardians.map((g) => g.id)],
    });
    return child;
  });

  app.patch('/children/:id', { schema: schemaOf('people', c.renameChild, peopleError.codes) }, async (req) => {
    const { db, clock } = req.ctx;
    const actor = peoplePolicy.authorize(
      req.ctx.actor,
      'people.update-child',
      await childSubject(db, req.params.id, clock.today()),
    );
    await db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      if (!(await renameChild(trx, req.params.id, req.body.firstName, req.body.lastName)))
        throw peopleError('people.child-not-found');
      await audit(trx, req.ctx, {
        action: 'child.update',
        subjectType: 'child',
        subjectIds: [req.params.id],
        details: { fields: ['firstName', 'lastName'] },
      });
    });
    return childPage(db, req.params.id, clock.today());
  });
};
