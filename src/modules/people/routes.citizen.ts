// Citizens: "my children".
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LocalDate, municipalityByCode } from '../../shared/index.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { peopleContract as c } from './contract.js';
import { peoplePolicy } from './policy.js';
import { childIdsInCustody, homeOf, personsById, placementsOf } from './queries.js';
import { insightOf, insightPdf } from './insight.js';

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

  app.get('/insight', { schema: schemaOf('people', c.insight) }, async (req) => {
    const actor = peoplePolicy.authorize(req.ctx.actor, 'people.insight');
    const insight = await insightOf(req, actor.personId!);
    await audit(req.ctx.db, req.ctx, {
      action: 'insight.read',
      subjectType: 'person',
      subjectIds: [insight.me.id, ...insight.children.map((ch) => ch.id)],
      details: { format: 'json' },
    });
    return insight;
  });

  app.get('/insight.pdf', { schema: schemaOf('people', c.insightPdf) }, async (req, reply) => {
    const actor = peoplePolicy.authorize(req.ctx.actor, 'people.insight');
    const insight = await insightOf(req, actor.personId!);
    const home = await homeOf(req.ctx.db, actor.personId!, req.ctx.clock.today());
    const m = home ? municipalityByCode(home.municipalityCode) : undefined;
    const pdf = await insightPdf(insight, m ? `${m.name} Kommune` : 'Spire');
    await audit(req.ctx.db, req.ctx, {
      action: 'insight.read',
      subjectType: 'person',
      subjectIds: [insight.me.id, ...insight.children.map((ch) => ch.id)],
      details: { format: 'pdf' },
    });
    // A binary body: the route's schema documents it as application/pdf, the typed reply only knows JSON.
    return (reply as FastifyReply)
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="indsigt-${insight.generatedOn}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(pdf));
  });
};
