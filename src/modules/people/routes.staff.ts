// Staff: child and guardian search (name or CPR, sent in the body, never in a URL) and the child page.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { LocalDate, maskCpr, parseCpr } from '../../shared/index.js';
import { MUNICIPAL_ROLES, requireRole, STAFF_ROLES, type Actor } from '../../platform/auth/actor.js';
import { setActor, type Db } from '../../platform/db/database.js';
import { badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { historyOf } from '../../platform/history/history.js';
import { homeOf, placementsOf, unitIdsOfChild } from './queries.js';

const CHILD_MAX_AGE_YEARS = 18;

async function requireChildAccess(db: Db, actor: Actor, childId: string, today: LocalDate) {
  if (MUNICIPAL_ROLES.includes(actor.role)) return;
  const units = await unitIdsOfChild(db, childId, today);
  if (!units.some((u) => actor.unitIds.includes(u))) throw forbidden();
}

export const peopleStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post('/people/search', { schema: { tags: ['people'], body: z.object({ query: z.string().trim().min(2).max(100) }) } }, async (req) => {
    const actor = requireRole(req.ctx.actor, STAFF_ROLES);
    const { db, clock } = req.ctx, today = clock.today();
    const cpr = parseCpr(req.body.query, today);
    if (!cpr.ok && /^\d{6}-?\d{4}$/.test(req.body.query)) throw badRequest('Ugyldigt CPR-nummer: fødselsdatoen findes ikke eller ligger i fremtiden.');
    let q = db.selectFrom('person').select(['person.id', 'person.first_name', 'person.last_name', 'person.birth_date', 'person.cpr']);
    if (cpr.ok) q = q.where('person.cpr', '=', cpr.cpr);
    else {
      const words = req.body.query.toLowerCase().split(/\s+/).map((w) => w.replace(/[%_\\]/g, '\\$&'));
      for (const w of words) q = q.where('person.search_name', 'like', `%${w}%`);
    }
    if (!MUNICIPAL_ROLES.includes(actor.role)) {
      q = q.where((eb) => eb.exists(eb.selectFrom('placement').select(sql`1`.as('x')).whereRef('placement.child_id', '=', 'person.id')
        .where('placement.unit_id', 'in', actor.unitIds.length ? actor.unitIds : ['00000000-0000-0000-0000-000000000000'])
        .where(sql<boolean>`(upper_inf(placement.valid) or upper(placement.valid) > ${today.toString()}::date)`)));
    }
    const people = await q.orderBy('person.last_name').orderBy('person.first_name').limit(50).execute();
    const placements = await placementsOf(db, people.map((p) => p.id), today);
    await audit(db, req.ctx, { action: 'person.search', subjectType: 'person', subjectIds: people.map((p) => p.id), details: { byCpr: cpr.ok } });
    return people.map((p) => ({
      id: p.id, firstName: p.first_name, lastName: p.last_name, birthDate: p.birth_date, cprMasked: p.cpr ? maskCpr(p.cpr) : null,
      isChild: LocalDate.parse(p.birth_date).ageInYears(today) < CHILD_MAX_AGE_YEARS,
      unitName: placements.find((pl) => pl.childId === p.id)?.unitName ?? null,
    }));
  });

  app.get('/children/:id', { schema: { tags: ['people'], params: z.object({ id: z.uuid() }) } }, async (req) => {
    const actor = requireRole(req.ctx.actor, STAFF_ROLES);
    const { db, clock } = req.ctx, today = clock.today();
    await requireChildAccess(db, actor, req.params.id, today);
    const child = await childPage(db, req.params.id, today);
    await audit(db, req.ctx, { action: 'child.read', subjectType: 'child', subjectIds: [req.params.id, ...child.guardians.map((g) => g.id)] });
    return child;
  });

  app.patch('/children/:id', {
    schema: { tags: ['people'], params: z.object({ id: z.uuid() }), body: z.object({ firstName: z.string().trim().min(1).max(100), lastName: z.string().trim().min(1).max(100) }).strict() },
  }, async (req) => {
    const actor = requireRole(req.ctx.actor, ['admin', 'caseworker']);
    const { db, clock } = req.ctx;
    await db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      const r = await trx.updateTable('person').set({ first_name: req.body.firstName, last_name: req.body.lastName }).where('id', '=', req.params.id).executeTakeFirst();
      if (!r.numUpdatedRows) throw notFound('Barnet findes ikke.');
      await audit(trx, req.ctx, { action: 'child.update', subjectType: 'child', subjectIds: [req.params.id], details: { fields: ['firstName', 'lastName'] } });
    });
    return childPage(db, req.params.id, clock.today());
  });
};

async function childPage(db: Db, id: string, today: LocalDate) {
  const c = await db.selectFrom('person').select(['id', 'first_name', 'last_name', 'birth_date', 'sex', 'cpr']).where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('Barnet findes ikke.');
  const d = today.toString();
  const [guardians, home, placements] = await Promise.all([
    db.selectFrom('custody').innerJoin('person as g', 'g.id', 'custody.guardian_id')
      .select(['g.id', 'g.first_name as firstName', 'g.last_name as lastName', 'g.phone', 'g.email'])
      .where('custody.child_id', '=', id).where(sql<boolean>`custody.valid @> ${d}::date`).execute(),
    homeOf(db, id, today),
    placementsOf(db, [id], today),
  ]);
  const siblings = home ? await db.selectFrom('residence').innerJoin('person as s', 's.id', 'residence.person_id')
    .select(['s.id', 's.first_name as firstName', 's.last_name as lastName', 's.birth_date as birthDate'])
    .where('residence.household_id', '=', home.id).where('s.id', '<>', id).where(sql<boolean>`residence.valid @> ${d}::date`)
    .where('s.birth_date', '>', today.plusYears(-CHILD_MAX_AGE_YEARS).toString()).execute() : [];
  return {
    id: c.id, firstName: c.first_name, lastName: c.last_name, birthDate: c.birth_date, ageMonths: LocalDate.parse(c.birth_date).ageInMonths(today),
    sex: c.sex, cprMasked: c.cpr ? maskCpr(c.cpr) : null,
    address: home && { street: home.street, postalCode: home.postalCode, city: home.city },
    guardians, siblings, placements,
    history: await historyOf(db, [{ table: 'person', ids: [id] }]),
  };
}
