// Staff: a unit's live attendance overview (with SSE), corrections with their trail, history, planned vs actual,
// CSV export, terminals and closing days.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../platform/audit/audit.js';
import { loadSession, SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { schemaOf } from '../../platform/http/contract.js';
import { danishPublicHolidays, LocalDate } from '../../shared/index.js';
import { attendanceContract as c, attendanceError as fail } from './contract.js';
import { busFor } from './live.js';
import { dayOverview, exportCsv, plannedAgainstActual } from './overview.js';
import { attendancePolicy, authorizeUnit } from './policy.js';
import { addClosingDay, isEnrolled, listedClosingDays, revokeTerminal, terminalsOf, unitOf } from './queries.js';
import { correct, eventsOf, register, timeOfDay } from './register.js';
import { createTerminal, forgetTerminal } from './terminals.js';

function range(q: { from: string; to: string }, maxDays = 366) {
  const from = LocalDate.parse(q.from),
    to = LocalDate.parse(q.to);
  if (to.isBefore(from)) throw fail('attendance.end-before-start');
  if (from.daysUntil(to) > maxDays) throw fail('attendance.period-too-long', { days: maxDays });
  return { from, to };
}

export const attendanceStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const bus = busFor(base.config);

  app.get('/units/:unitId/attendance', { schema: schemaOf('attendance', c.overview, fail.codes) }, async (req) => {
    await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.read', req.params.unitId);
    const { db, clock } = req.ctx,
      today = clock.today();
    const day = req.query.date ? LocalDate.parse(req.query.date) : today;
    const unit = await unitOf(db, req.params.unitId);
    const { childIds, ...o } = await dayOverview(db, unit.id, day, day.isEqual(today) ? timeOfDay(clock) : null);
    await audit(db, req.ctx, {
      action: 'attendance.read',
      subjectType: 'child',
      subjectIds: childIds,
      details: { unitId: unit.id, date: day.toString() },
    });
    return { unit: { id: unit.id, name: unit.name }, today: today.toString(), ...o };
  });

  // Server-sent events: each registration of the unit today, pushed within milliseconds of its commit.
  app.get(
    '/units/:unitId/attendance/live',
    { schema: schemaOf('attendance', c.live, fail.codes) },
    async (req, reply) => {
      await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.read', req.params.unitId);
      await unitOf(req.ctx.db, req.params.unitId);
      await audit(req.ctx.db, req.ctx, {
        action: 'attendance.live_open',
        subjectType: 'unit',
        subjectIds: [req.params.unitId],
      });
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n: connected\n\n');
      // The stream lives only as long as its session: before each event (and each heartbeat) the session is looked up
      // again, so after logout, expiry or losing the unit nothing more is sent and the stream ends.
      const token = req.cookies[SESSION_COOKIE] ?? '',
        unitId = req.params.unitId;
      const stillAllowed = async () => {
        const s = token ? await loadSession(app.config.database.db, app.config.clock, token) : null;
        return !!s && attendancePolicy.can(s.actor, 'attendance.read', { unitId });
      };
      let chain = Promise.resolve(),
        open = true;
      const send = (text: string) => {
        chain = chain.then(async () => {
          if (!open) return;
          if (!(await stillAllowed().catch(() => false))) {
            end();
            return;
          }
          if (open) res.write(text);
        });
      };
      const unsubscribe = bus.subscribe(unitId, (c) =>
        send(`event: change\nid: ${c.seq}\ndata: ${JSON.stringify(c)}\n\n`),
      );
      const beat = setInterval(() => send(': ping\n\n'), 15_000);
      const stop = () => {
        open = false;
        clearInterval(beat);
        unsubscribe();
      };
      const end = () => {
        if (!open) return;
        stop();
        res.end();
      };
      req.raw.on('close', stop);
      res.on('error', stop);
    },
  );

  app.put(
    '/units/:unitId/attendance/:childId/:date',
    { schema: schemaOf('attendance', c.correct, fail.codes) },
    async (req) => {
      await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.register', req.params.unitId);
      return correct(req.ctx, bus, req.params.unitId, req.params.childId, LocalDate.parse(req.params.date), {
        ...req.body,
        pickupBy: req.body.pickupBy || null,
      });
    },
  );

  app.get(
    '/units/:unitId/attendance/:childId/:date/events',
    { schema: schemaOf('attendance', c.events, fail.codes) },
    async (req) => {
      await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.read', req.params.unitId);
      const { db } = req.ctx;
      const day = LocalDate.parse(req.params.date);
      // Placed in this unit on that day (not merely once): other days belong to whichever unit had the child then.
      if (!(await isEnrolled(db, req.params.childId, req.params.unitId, day))) throw fail('attendance.not-enrolled');
      const events = await eventsOf(db, req.params.childId, day, req.params.unitId);
      await audit(db, req.ctx, {
        action: 'attendance.events_read',
        subjectType: 'child',
        subjectIds: [req.params.childId],
      });
      return events;
    },
  );

  // Staff may also check in or out from the overview (same rules as the terminal).
  app.post(
    '/units/:unitId/attendance/:childId/:action',
    { schema: schemaOf('attendance', c.tap, fail.codes) },
    async (req) => {
      const a = await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.register', req.params.unitId);
      const action = req.params.action === 'check-in' ? { kind: 'check_in' as const } : { kind: 'check_out' as const };
      return register(req.ctx, bus, req.params.unitId, req.params.childId, action, {
        userId: a.userId,
        terminalId: null,
      });
    },
  );

  app.get(
    '/units/:unitId/attendance-history',
    { schema: schemaOf('attendance', c.history, fail.codes) },
    async (req) => {
      await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.read', req.params.unitId);
      const { from, to } = range(req.query);
      await unitOf(req.ctx.db, req.params.unitId);
      return plannedAgainstActual(req.ctx.db, req.params.unitId, from, to);
    },
  );

  app.get(
    '/units/:unitId/attendance.csv',
    { schema: schemaOf('attendance', c.csv, fail.codes) },
    async (req, reply) => {
      await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.read', req.params.unitId);
      const { from, to } = range(req.query);
      const unit = await unitOf(req.ctx.db, req.params.unitId);
      const { csv, childIds } = await exportCsv(req.ctx.db, unit.id, from, to);
      await audit(req.ctx.db, req.ctx, {
        action: 'attendance.export',
        subjectType: 'child',
        subjectIds: childIds,
        details: { unitId: unit.id, from: req.query.from, to: req.query.to },
      });
      const file = `fremmoede-${unit.name.replace(/[^\wæøåÆØÅ-]+/g, '-')}-${req.query.from}-${req.query.to}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="fremmoede.csv"; filename*=UTF-8''${encodeURIComponent(file)}`,
        )
        .send(csv);
    },
  );

  // Terminals of a unit.
  app.get('/units/:unitId/terminals', { schema: schemaOf('attendance', c.terminals, fail.codes) }, async (req) => {
    await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.manage-unit', req.params.unitId);
    return terminalsOf(req.ctx.db, req.params.unitId);
  });
  app.post(
    '/units/:unitId/terminals',
    { schema: schemaOf('attendance', c.createTerminal, fail.codes) },
    async (req, reply) => {
      const a = await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.manage-unit', req.params.unitId);
      await unitOf(req.ctx.db, req.params.unitId);
      const t = await req.ctx.db.transaction().execute(async (trx) => {
        const t = await createTerminal(trx, req.params.unitId, req.body.name, a.userId);
        await audit(
          trx,
          { ...req.ctx, db: trx },
          {
            action: 'terminal.create',
            subjectType: 'terminal',
            subjectIds: [t.id],
            details: { unitId: req.params.unitId },
          },
        );
        return t;
      });
      return reply.code(201).send(t);
    },
  );
  app.post(
    '/units/:unitId/terminals/:id/revoke',
    { schema: schemaOf('attendance', c.revokeTerminal, fail.codes) },
    async (req) => {
      await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.manage-unit', req.params.unitId);
      const row = await req.ctx.db.transaction().execute(async (trx) => {
        const row = await revokeTerminal(trx, req.params.unitId, req.params.id);
        if (!row) throw fail('attendance.terminal-not-found');
        await audit(
          trx,
          { ...req.ctx, db: trx },
          { action: 'terminal.revoke', subjectType: 'terminal', subjectIds: [row.id] },
        );
        return row;
      });
      forgetTerminal(req.ctx.db, row.id);
      return { id: row.id, revokedAt: row.revoked_at };
    },
  );

  // Closing days: computed (weekends, public holidays) and listed (the municipality's and the unit's own).
  app.get('/units/:unitId/closing-days', { schema: schemaOf('attendance', c.closingDays, fail.codes) }, async (req) => {
    await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.read', req.params.unitId);
    const { from, to } = range(req.query, 800);
    const listed = await listedClosingDays(req.ctx.db, req.params.unitId, from, to);
    const holidays = [];
    for (let y = from.year; y <= to.year; y++) holidays.push(...danishPublicHolidays(y));
    return [
      ...listed.map((c) => ({ date: c.date.toString(), name: c.name, kind: 'listed' as const })),
      ...holidays
        .filter((h) => h.date.isOnOrAfter(from) && h.date.isOnOrBefore(to))
        .map((h) => ({ date: h.date.toString(), name: h.name, kind: 'public_holiday' as const })),
    ].sort((a, b) => a.date.localeCompare(b.date));
  });
  app.post(
    '/units/:unitId/closing-days',
    { schema: schemaOf('attendance', c.addUnitClosingDay, fail.codes) },
    async (req, reply) => {
      await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.manage-unit', req.params.unitId);
      if (!LocalDate.parse(req.body.date).isAfter(req.ctx.clock.today())) throw fail('attendance.closing-day-past');
      return reply
        .code(201)
        .send(await addClosingDay(req.ctx.db, { unitId: req.params.unitId }, req.body.date, req.body.name));
    },
  );
  app.post(
    '/closing-days',
    { schema: schemaOf('attendance', c.addMunicipalClosingDay, fail.codes) },
    async (req, reply) => {
      attendancePolicy.authorize(req.ctx.actor, 'attendance.municipal-closing-days', {
        municipalityCode: req.body.municipalityCode,
      });
      if (!LocalDate.parse(req.body.date).isAfter(req.ctx.clock.today())) throw fail('attendance.closing-day-past');
      return reply
        .code(201)
        .send(
          await addClosingDay(
            req.ctx.db,
            { municipalityCode: req.body.municipalityCode },
            req.body.date,
            req.body.name,
          ),
        );
    },
  );
};
