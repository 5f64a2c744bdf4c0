// Citizens: "my children".
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LocalDate } from '../../shared/index.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { peopleContract as c } from './contract.js';
import { peoplePolicy } from './policy.js';
import { childIdsInCustody, personsById, placementsOf } from './queries.js';

export const peopleCitizenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/children', { schema: schemaOf('people', c.myChildren) }, async (req) => {
    const actor = peoplePolicy.authorize(req.ctx.actor, 'people.own-children');
    const { db, clock } = req.ctx,
      today = clock.today();
    const ids = actor.personId ? await childIdsInCustody(db, actor.personId, today) : [];
    if (!ids.length) return [];
    const [children, placements] = await Promise.all([
      personsById(db, ids).then((cs) => cs.sort((a, b) => a.birth_date.localeCompare(b.birth_date))),
      placementsOf(db, ids, today),
    ]);
    await audit(db, req.ctx, { action: 'child.read', subjectType: 'child', subjectIds: ids });
    return children.map((c) => ({
      id: c.id,
      firstName: c.first_name,
      lastName: c.last_name,
      birthDate: c.birth_date,
      ageMonths: LocalDate.parse(c.birth_date).ageInMonths(today),
      placements: placements.filter((p) => p.childId === c.id),
    }));
  });
};
