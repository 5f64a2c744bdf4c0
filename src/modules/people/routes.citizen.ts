// Citizens: "my children".
import type { FastifyPluginAsync } from 'fastify';
import { LocalDate } from '../../shared/index.js';
import { requireGuardian } from '../../platform/auth/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { childIdsInCustody, placementsOf } from './queries.js';

export const peopleCitizenRoutes: FastifyPluginAsync = async (app) => {
  app.get('/children', { schema: { tags: ['people'], summary: 'The children in my custody, with places' } }, async (req) => {
    const actor = requireGuardian(req.ctx.actor);
    const { db, clock } = req.ctx, today = clock.today();
    const ids = await childIdsInCustody(db, actor.personId, today);
    if (!ids.length) return [];
    const [children, placements] = await Promise.all([
      db.selectFrom('person').select(['id', 'first_name', 'last_name', 'birth_date']).where('id', 'in', ids).orderBy('birth_date').execute(),
      placementsOf(db, ids, today),
    ]);
    await audit(db, req.ctx, { action: 'child.read', subjectType: 'child', subjectIds: ids });
    return children.map((c) => ({
      id: c.id, firstName: c.first_name, lastName: c.last_name, birthDate: c.birth_date,
      ageMonths: LocalDate.parse(c.birth_date).ageInMonths(today),
      placements: placements.filter((p) => p.childId === c.id),
    }));
  });
};
