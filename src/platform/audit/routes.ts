// Administrators search the audit trail by the names of the people concerned and of the staff who acted.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { homeMunicipality } from '../auth/actor.js';
import { definePolicy } from '../auth/policy.js';
import { schemaOf } from '../http/contract.js';
import { municipalScope, namesOf, searchPeople } from '../../modules/people/index.js';
import { audit } from './audit.js';
import { AUDIT_COUNT_CAP, AUDIT_PAGE_SIZE, auditContract as c } from './contract.js';

export const auditPolicy = definePolicy('audit', {
  'audit.search': { summary: 'Search the audit log', roles: ['admin'] },
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const words = (s: string) => s.toLowerCase().split(/\s+/).filter(Boolean);

export const auditRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/audit', { schema: schemaOf('audit', c.search) }, async (req) => {
    const actor = auditPolicy.authorize(req.ctx.actor, 'audit.search');
    const q = req.query,
      { db } = req.ctx;
    const people = !q.person
      ? []
      : UUID.test(q.person)
        ? [
            {
              id: q.person.toLowerCase(),
              name: (await namesOf(db, [q.person])).get(q.person.toLowerCase()) ?? q.person,
            },
          ]
        : (
            await searchPeople(db, req.ctx.clock.today(), {
              words: words(q.person),
              municipality: await municipalScope(db, actor),
            })
          ).map((p) => ({
            id: p.id,
            name: `${p.first_name} ${p.last_name}`,
          }));
    let s = db
      .selectFrom('audit_log')
      .leftJoin('app_user', 'app_user.id', 'audit_log.user_id')
      // An administrator reads the trail of the staff of their own municipality only.
      .where('app_user.municipality_code', '=', homeMunicipality(actor));
    if (q.person) {
      const ids = people.length ? people.map((p) => p.id) : ['00000000-0000-0000-0000-000000000000'];
      s = s.where(sql<boolean>`audit_log.subject_ids && ${sql.val(ids)}::uuid[]`);
    }
    for (const w of q.user ? words(q.user) : [])
      s = s.where(sql<boolean>`lower(app_user.name) like ${'%' + w.replace(/[%_\\]/g, '\\$&') + '%'}`);
    if (q.action) s = s.where('audit_log.action', 'like', `${q.action.replace(/[%_\\]/g, '\\$&')}%`);
    if (q.from) s = s.where('audit_log.at', '>=', q.from);
    if (q.to) s = s.where('audit_log.at', '<', q.to + 'T24:00:00');
    const [rows, count] = await Promise.all([
      s
        .select([
          'audit_log.id',
          'audit_log.at',
          'app_user.name as userName',
          'audit_log.user_role as role',
          'audit_log.action',
          'audit_log.subject_type as subjectType',
          'audit_log.subject_ids as subjectIds',
          'audit_log.ip',
          'audit_log.details',
        ])
        .orderBy('audit_log.id', 'desc')
        .limit(AUDIT_PAGE_SIZE)
        .offset((q.page - 1) * AUDIT_PAGE_SIZE)
        .execute(),
      db
        .selectFrom(
          s
            .select('audit_log.id')
            .limit(AUDIT_COUNT_CAP + 1)
            .as('m'),
        )
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const names = await namesOf(db, [...new Set(rows.flatMap((r) => r.subjectIds))]);
    await audit(db, req.ctx, {
      action: 'audit.search',
      subjectType: 'audit_log',
      subjectIds: people.map((p) => p.id).slice(0, 50),
      details: { ...q },
    });
    return {
      rows: rows.map((r) => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        user: r.userName ? { name: r.userName, role: r.role } : null,
        action: r.action,
        subjectType: r.subjectType,
        subjects: r.subjectIds.map((id) => ({ id, name: names.get(id) ?? null })),
        ip: r.ip,
        details: r.details as never,
      })),
      page: q.page,
      pageSize: AUDIT_PAGE_SIZE,
      total: Number(count.n),
      people,
    };
  });
};
