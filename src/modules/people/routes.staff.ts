// Staff: child and guardian search (name or CPR, sent in the body, never in a URL) and the child page.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LocalDate, maskCpr, parseCpr } from '../../shared/index.js';
import { homeMunicipality, MUNICIPAL_ROLES, type Actor } from '../../platform/auth/actor.js';
import { childSubject, municipalScope } from './tenancy.js';
import { setActor, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { peopleContract as c, peopleError } from './contract.js';
import { peoplePolicy } from './policy.js';
import {
  CHILD_MAX_AGE_YEARS,
  changeFilesApplied,
  childPage,
  lastChangeSequence,
  personIdsByCpr,
  placementsOf,
  registerFactsOf,
  renameChild,
  searchPeople,
  unitIdsOfChild,
} from './queries.js';
import { applyChangeFile, importPerson, lookupOrFail } from './cpr/apply.js';
import { cprRegister } from './cpr/index.js';
import type { ChangeFileReport } from './contract.js';

/** Families per initial-load call: small enough to answer within a second, so the progress moves. */
const INITIAL_LOAD_BATCH = 25;

/** Whether the actor's work needs addresses under navne- og adressebeskyttelse (casework does; units, finance don't). */
const seesProtected = (actor: Actor | null) => peoplePolicy.can(actor, 'people.read-protected-address');

/** A CPR number from a request body: valid, or the people code (the number itself never goes into a message). */
function cprOf(input: string, today: LocalDate): string {
  const r = parseCpr(input, today);
  if (!r.ok) throw peopleError('people.invalid-cpr');
  return r.cpr;
}

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
    const child = await childPage(db, req.params.id, today, { seeProtected: seesProtected(req.ctx.actor) });
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
    return childPage(db, req.params.id, clock.today(), { seeProtected: seesProtected(req.ctx.actor) });
  });

  app.post('/cpr/lookup', { schema: schemaOf('people', c.cprLookup, peopleError.codes) }, async (req) => {
    const actor = peoplePolicy.authorize(req.ctx.actor, 'people.cpr-import');
    const { db, clock } = req.ctx;
    const register = cprRegister(homeMunicipality(actor));
    const p = await lookupOrFail(register, cprOf(req.body.cpr, clock.today()));
    const known = (await personIdsByCpr(db, [p.cpr])).get(p.cpr) ?? null;
    await audit(db, req.ctx, {
      action: 'cpr.lookup',
      subjectType: 'person',
      subjectIds: known ? [known] : [],
      details: { register: register.name, known: !!known },
    });
    const showAddress = p.address && (!p.protected || seesProtected(req.ctx.actor));
    return {
      cprMasked: maskCpr(p.cpr),
      firstName: p.firstName,
      lastName: p.lastName,
      birthDate: p.birthDate.toString(),
      status: p.status,
      addressProtected: p.protected,
      address:
        showAddress && p.address
          ? {
              street: `${p.address.vejnavn} ${p.address.husnummer}`,
              postalCode: p.address.postnummer,
              city: p.address.postdistrikt,
              municipalityCode: p.address.kommunekode,
            }
          : null,
      municipalityCode: p.address?.kommunekode ?? null,
      personId: known,
      children: p.children.map((c) => ({ cprMasked: maskCpr(c) })),
      custodyHolders: p.custodyHolders.map((h) => ({ cprMasked: maskCpr(h.cpr), since: h.since.toString() })),
    };
  });

  app.post('/cpr/import', { schema: schemaOf('people', c.cprImport, peopleError.codes) }, async (req) => {
    const actor = peoplePolicy.authorize(req.ctx.actor, 'people.cpr-import');
    const { db, clock } = req.ctx,
      today = clock.today();
    const register = cprRegister(homeMunicipality(actor));
    const r = await importPerson(db, register, cprOf(req.body.cpr, today), today, actor.userId);
    await audit(db, req.ctx, {
      action: 'cpr.import',
      subjectType: 'person',
      subjectIds: r.people.map((p) => p.id),
      details: { register: register.name, changes: r.changes },
    });
    return r;
  });

  // The initial load of a new installation (SF6002's first delivery): a batch of families per call, so the browser
  // shows progress and a failure stops after the families already loaded (a repeat changes nothing).
  app.post('/cpr/initial-load', { schema: schemaOf('people', c.cprInitialLoad, peopleError.codes) }, async (req) => {
    const actor = peoplePolicy.authorize(req.ctx.actor, 'people.cpr-import');
    const { db, clock } = req.ctx,
      today = clock.today(),
      register = cprRegister();
    if (!register.initialLoad) throw peopleError('people.cpr-no-initial-load');
    const all = await register.initialLoad(homeMunicipality(actor), today);
    const batch = all.slice(req.body.offset, req.body.offset + INITIAL_LOAD_BATCH);
    let created = 0,
      changes = 0;
    const ids = new Set<string>();
    for (const cpr of batch) {
      const r = await importPerson(db, register, cpr, today, actor.userId);
      created += r.people.filter((p) => p.created).length;
      changes += r.changes;
      for (const p of r.people) ids.add(p.id);
    }
    await audit(db, req.ctx, {
      action: 'cpr.import',
      subjectType: 'person',
      subjectIds: [...ids],
      details: { register: register.name, changes, initialLoad: true },
    });
    const done = Math.min(all.length, req.body.offset + batch.length);
    return { total: all.length, done, next: done < all.length ? done : null, created, changes };
  });

  app.post(
    '/children/:id/cpr-refresh',
    { schema: schemaOf('people', c.cprRefreshChild, peopleError.codes) },
    async (req) => {
      const actor = peoplePolicy.authorize(req.ctx.actor, 'people.cpr-import');
      const { db, clock } = req.ctx,
        today = clock.today();
      const [facts] = await registerFactsOf(db, [req.params.id]);
      if (!facts) throw peopleError('people.child-not-found');
      if (!facts.cpr) throw peopleError('people.no-cpr');
      const register = cprRegister(homeMunicipality(actor));
      const r = await importPerson(db, register, facts.cpr, today, actor.userId);
      await audit(db, req.ctx, {
        action: 'cpr.import',
        subjectType: 'child',
        subjectIds: r.people.map((p) => p.id),
        details: { register: register.name, changes: r.changes, refresh: true },
      });
      return r;
    },
  );

  app.post('/cpr/change-files', { schema: schemaOf('people', c.cprApplyFile, peopleError.codes) }, async (req) => {
    const actor = peoplePolicy.authorize(req.ctx.actor, 'people.cpr-changes');
    const { db, clock } = req.ctx;
    const report = await applyChangeFile(
      db,
      req.body.file,
      clock.today(),
      actor.userId,
      await municipalScope(db, actor),
    );
    await auditReport(db, req.ctx, report);
    return report;
  });

  app.post(
    '/cpr/change-files/fetch',
    { schema: schemaOf('people', c.cprFetchFiles, peopleError.codes) },
    async (req) => {
      const actor = peoplePolicy.authorize(req.ctx.actor, 'people.cpr-changes');
      const { db, clock } = req.ctx;
      const scope = await municipalScope(db, actor);
      const files = await cprRegister(scope.code).changeFiles(await lastChangeSequence(db, scope.code));
      const reports: ChangeFileReport[] = [];
      for (const f of files) {
        const report = await applyChangeFile(db, f, clock.today(), actor.userId, scope);
        await auditReport(db, req.ctx, report);
        reports.push(report);
        if (report.status === 'rejected') break;
      }
      return reports;
    },
  );

  app.get('/cpr/change-files', { schema: schemaOf('people', c.cprFiles) }, async (req) => {
    const actor = peoplePolicy.authorize(req.ctx.actor, 'people.cpr-changes');
    const rows = await changeFilesApplied(req.ctx.db, homeMunicipality(actor));
    const files = rows.map((r) => ({
      fileId: r.file_id,
      sequence: r.sequence,
      createdOn: r.created_on,
      appliedOn: r.applied_on,
      report: (typeof r.report === 'string' ? JSON.parse(r.report) : r.report) as ChangeFileReport,
    }));
    await audit(req.ctx.db, req.ctx, {
      action: 'cpr.change-files.read',
      subjectType: 'person',
      subjectIds: [...new Set(files.flatMap((f) => f.report.records.map((r) => r.personId)).filter((x) => x !== null))],
    });
    return files;
  });
};

async function auditReport(db: Db, ctx: Parameters<typeof audit>[1], report: ChangeFileReport) {
  await audit(db, ctx, {
    action: 'cpr.change-file',
    subjectType: 'person',
    subjectIds: [...new Set(report.records.map((r) => r.personId).filter((id): id is string => !!id))],
    details: { fileId: report.fileId, sequence: report.sequence, status: report.status, counts: report.counts },
  });
}
