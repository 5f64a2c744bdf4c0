// Sletning (GDPR): the rules in force, dry runs, erasing what a confirmed dry run found, and the log of runs.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { homeMunicipality } from '../../platform/auth/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { personsById } from '../people/index.js';
import { settingOn } from '../settings/index.js';
import { retentionContract as c, retentionError } from './contract.js';
import { retentionPolicy } from './policy.js';
import { latestDryRun, listRuns, runPersons } from './queries.js';
import { RETENTION_CATEGORIES, RETENTION_RULES, eraseNightly } from './rules.js';
import { runRetention, toRun } from './run.js';

export const retentionRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/retention', { schema: schemaOf('retention', c.overview) }, async (req) => {
    const actor = retentionPolicy.authorize(req.ctx.actor, 'retention.read');
    const muni = homeMunicipality(actor),
      today = req.ctx.clock.today();
    const rules = [];
    for (const category of RETENTION_CATEGORIES) {
      const { key, years } = RETENTION_RULES[category];
      const v = await settingOn<unknown>(req.ctx.db, muni, key, today);
      const set = typeof v === 'number' && Number.isInteger(v);
      rules.push({ category, key, years: set ? Math.max(1, v) : years, isDefault: !set });
    }
    const latest = await latestDryRun(req.ctx.db, muni);
    return {
      rules,
      eraseNightly: await eraseNightly(req.ctx.db, muni, today),
      latestDryRun: latest ? toRun(latest) : null,
      runs: (await listRuns(req.ctx.db, muni)).map(toRun),
    };
  });

  app.get(
    '/retention/runs/:id/persons',
    { schema: schemaOf('retention', c.persons, retentionError.codes) },
    async (req) => {
      const actor = retentionPolicy.authorize(req.ctx.actor, 'retention.read');
      const persons = await runPersons(req.ctx.db, homeMunicipality(actor), req.params.id);
      if (!persons) throw retentionError('retention.run-not-found');
      const { page, pageSize } = req.query;
      const slice = persons.slice((page - 1) * pageSize, page * pageSize);
      const byId = new Map(
        (
          await personsById(
            req.ctx.db,
            slice.map((p) => p.personId),
          )
        ).map((p) => [p.id, p]),
      );
      const rows = slice.map((p) => {
        const who = byId.get(p.personId);
        return {
          personId: p.personId,
          name: who ? `${who.first_name} ${who.last_name}`.trim() : '',
          birthDate: who ? String(who.birth_date).slice(0, 10) : '1900-01-01',
          category: p.category,
        };
      });
      await audit(req.ctx.db, req.ctx, {
        action: 'retention.persons.read',
        subjectType: 'person',
        subjectIds: rows.map((r) => r.personId),
        details: { run: req.params.id },
      });
      return { total: persons.length, page, pageSize, rows };
    },
  );

  app.post('/retention/dry-run', { schema: schemaOf('retention', c.dryRun) }, async (req, reply) => {
    const actor = retentionPolicy.authorize(req.ctx.actor, 'retention.run');
    const muni = homeMunicipality(actor);
    await runRetention(req.ctx.db, req.ctx, { municipality: muni, today: req.ctx.clock.today(), mode: 'dry_run' });
    return reply.code(201).send(toRun((await listRuns(req.ctx.db, muni, 1))[0]!));
  });

  app.post('/retention/erase', { schema: schemaOf('retention', c.erase, retentionError.codes) }, async (req, reply) => {
    const actor = retentionPolicy.authorize(req.ctx.actor, 'retention.run');
    const muni = homeMunicipality(actor);
    await runRetention(req.ctx.db, req.ctx, {
      municipality: muni,
      today: req.ctx.clock.today(),
      mode: 'erase',
      dryRunId: req.body.dryRunId,
    });
    return reply.code(201).send(toRun((await listRuns(req.ctx.db, muni, 1))[0]!));
  });
};
