// A unit's employees: list with full-time equivalents, add, change hours, end; the dagplejer a child is placed with
// (contract.ts, policy.ts, queries.ts). Every read and change is audited.
import { homeMunicipality } from '../../platform/auth/actor.js';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocalDate } from '../../shared/index.js';
import { setActor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { unitSubject, unitTypeOf } from '../registry/index.js';
import { defineSettingSchemas, settingOn } from '../settings/index.js';
import { namesOf, personsById } from '../people/index.js';
import { placementsInUnitOn, placementUnit, setDagplejer } from '../placement/index.js';
import { employeesContract as c, employeesError as fail } from './contract.js';
import { employeesPolicy } from './policy.js';
import { addEmployee, employeeById, endEmployee, isDagplejerOf, setWeeklyMinutes, unitEmployeesOn } from './queries.js';

/** 37 hours a week unless the municipality's setting says otherwise. */
const FULL_TIME_DEFAULT = 37 * 60;
defineSettingSchemas({
  'employees.full_time_minutes': z
    .number()
    .int()
    .min(60)
    .max(48 * 60 + 59),
});
const MAX_WEEKLY_MINUTES = 48 * 60;

function weeklyMinutes(w: { hours: number; minutes: number }) {
  const m = w.hours * 60 + w.minutes;
  if (m <= 0 || m > MAX_WEEKLY_MINUTES) throw fail('employees.hours-out-of-range', { max: 48 });
  return m;
}

function withoutUnit<E extends { unitId: string }>(e: E): Omit<E, 'unitId'> {
  const { unitId: _, ...rest } = e;
  return rest;
}

export const employeesRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const dateOf = (s: string | undefined, today: LocalDate) => (s ? LocalDate.parse(s) : today);
  const existing = async (db: Parameters<typeof employeeById>[0], id: string) => {
    const e = await employeeById(db, id);
    if (!e) throw fail('employees.not-found');
    return e;
  };

  app.get('/units/:unitId/employees', { schema: schemaOf('employees', c.list, fail.codes) }, async (req) => {
    const { unitId } = req.params;
    const actor = employeesPolicy.authorize(req.ctx.actor, 'employees.read', await unitSubject(req.ctx.db, unitId));
    if (!(await unitTypeOf(req.ctx.db, unitId))) throw fail('employees.unit-not-found');
    const date = dateOf(req.query.date, req.ctx.clock.today());
    const employees = await unitEmployeesOn(req.ctx.db, unitId, date);
    const fullTime =
      (await settingOn<number>(req.ctx.db, homeMunicipality(actor), 'employees.full_time_minutes', date)) ??
      FULL_TIME_DEFAULT;
    await audit(req.ctx.db, req.ctx, {
      action: 'employee.list',
      subjectType: 'employee',
      subjectIds: employees.map((e) => e.id),
      details: { unitId, date: date.toString() },
    });
    const total = employees.reduce((n, e) => n + e.weeklyMinutes, 0);
    return {
      date: date.toString(),
      employees: employees.map(withoutUnit),
      fte: Math.round((total / fullTime) * 100) / 100,
      fullTimeMinutes: fullTime,
    };
  });

  app.post('/units/:unitId/employees', { schema: schemaOf('employees', c.create, fail.codes) }, async (req, reply) => {
    const { unitId } = req.params;
    const actor = employeesPolicy.authorize(req.ctx.actor, 'employees.manage', await unitSubject(req.ctx.db, unitId));
    const b = req.body;
    const minutes = weeklyMinutes(b.weekly);
    if (b.end && b.end < b.start) throw fail('employees.end-before-start');
    const type = await unitTypeOf(req.ctx.db, unitId);
    if (!type) throw fail('employees.unit-not-found');
    if (b.jobType === 'dagplejer' && type !== 'dagpleje') throw fail('employees.dagplejer-only-in-dagpleje');
    const row = await req.ctx.db
      .transaction()
      .execute(async (trx) => {
        await setActor(trx, actor.userId);
        const r = await addEmployee(trx, { ...b, unitId, weeklyMinutes: minutes });
        await audit(trx, req.ctx, {
          action: 'employee.create',
          subjectType: 'employee',
          subjectIds: [r.id],
          details: { unitId, jobType: b.jobType, weeklyMinutes: minutes, start: b.start, end: b.end },
        });
        return r;
      })
      .catch((e) => {
        if (e?.code === '23503' && String(e.constraint ?? e.message).includes('user'))
          throw fail('employees.user-not-found');
        throw e;
      });
    return reply.code(201).send(row);
  });

  app.patch('/employees/:id', { schema: schemaOf('employees', c.changeHours, fail.codes) }, async (req) => {
    const e = await existing(req.ctx.db, req.params.id);
    const actor = employeesPolicy.authorize(req.ctx.actor, 'employees.manage', await unitSubject(req.ctx.db, e.unitId));
    const minutes = weeklyMinutes(req.body.weekly);
    await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      await setWeeklyMinutes(trx, e.id, minutes);
      await audit(trx, req.ctx, {
        action: 'employee.hours',
        subjectType: 'employee',
        subjectIds: [e.id],
        details: { unitId: e.unitId, from: e.weeklyMinutes, to: minutes },
      });
    });
    return withoutUnit(await existing(req.ctx.db, e.id));
  });

  app.post('/employees/:id/end', { schema: schemaOf('employees', c.end, fail.codes) }, async (req) => {
    const e = await existing(req.ctx.db, req.params.id);
    const actor = employeesPolicy.authorize(req.ctx.actor, 'employees.manage', await unitSubject(req.ctx.db, e.unitId));
    if (req.body.lastDay < e.start) throw fail('employees.end-before-start');
    await req.ctx.db.transaction().execute(async (trx) => {
      await setActor(trx, actor.userId);
      await endEmployee(trx, e.id, req.body.lastDay);
      await audit(trx, req.ctx, {
        action: 'employee.end',
        subjectType: 'employee',
        subjectIds: [e.id],
        details: { unitId: e.unitId, lastDay: req.body.lastDay },
      });
    });
    return withoutUnit(await existing(req.ctx.db, e.id));
  });

  app.get('/units/:unitId/dagpleje-children', { schema: schemaOf('employees', c.dagplejeChildren) }, async (req) => {
    const { unitId } = req.params;
    employeesPolicy.authorize(req.ctx.actor, 'employees.read', await unitSubject(req.ctx.db, unitId));
    const date = dateOf(req.query.date, req.ctx.clock.today());
    const placements = await placementsInUnitOn(req.ctx.db, unitId, date.toString());
    const childIds = placements.map((p) => p.childId);
    const [names, persons] = await Promise.all([namesOf(req.ctx.db, childIds), personsById(req.ctx.db, childIds)]);
    const births = new Map(persons.map((p) => [p.id, String(p.birth_date).slice(0, 10)]));
    await audit(req.ctx.db, req.ctx, {
      action: 'employee.dagpleje_children',
      subjectType: 'child',
      subjectIds: childIds,
      details: { unitId, date: date.toString() },
    });
    return placements
      .map((p) => ({
        placementId: p.id,
        childId: p.childId,
        name: names.get(p.childId) ?? '',
        birthDate: births.get(p.childId) ?? '',
        dagplejerId: p.dagplejerId,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  });

  app.put(
    '/placements/:placementId/dagplejer',
    { schema: schemaOf('employees', c.setDagplejer, fail.codes) },
    async (req) => {
      employeesPolicy.authorize(req.ctx.actor, 'employees.assign-dagplejer');
      const { placementId } = req.params,
        { employeeId } = req.body;
      const p = await placementUnit(req.ctx.db, placementId);
      if (!p) throw fail('employees.placement-not-found');
      const actor = employeesPolicy.authorize(req.ctx.actor, 'employees.assign-dagplejer', {
        municipalityCode: (await unitSubject(req.ctx.db, p.unitId)).municipalityCode ?? [],
      });
      if (employeeId && !(await isDagplejerOf(req.ctx.db, employeeId, p.unitId, p.start)))
        throw fail('employees.not-a-dagplejer-of-unit');
      await req.ctx.db.transaction().execute(async (trx) => {
        await setActor(trx, actor.userId);
        await setDagplejer(trx, placementId, employeeId);
        await audit(trx, req.ctx, {
          action: 'placement.dagplejer',
          subjectType: 'child',
          subjectIds: [p.childId],
          details: { placementId, employeeId },
        });
      });
      return { placementId, dagplejerId: employeeId };
    },
  );
};
