// Staff: a unit's live attendance overview (with SSE), corrections with their trail, history, planned vs actual,
// CSV export, terminals and closing days.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import { MUNICIPAL_ROLES, requireRole, STAFF_ROLES } from '../../platform/auth/actor.js';
import { loadSession, SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { danishPublicHolidays, LocalDate } from '../../shared/index.js';
import { requireUnitLeader, requireUnitRead, requireUnitWrite } from './access.js';
import { busFor } from './live.js';
import { dayOverview, exportCsv, plannedAgainstActual } from './overview.js';
import { listedClosingDays, unitOf } from './queries.js';
import { correct, eventsOf, register, timeOfDay } from './register.js';
import { createTerminal, forgetTerminal } from './terminals.js';

const unitParam = z.object({ unitId: z.uuid() });
const date = z.iso.date();
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Tid skal skrives TT:MM.');
const span = z.object({ from: date, to: date });

function range(q: { from: string; to: string }, maxDays = 366) {
  const from = LocalDate.parse(q.from), to = LocalDate.parse(q.to);
  if (to.isBefore(from)) throw badRequest('Slutdatoen ligger før startdatoen.');
  if (from.daysUntil(to) > maxDays) throw badRequest(`Perioden må højst være ${maxDays} dage.`);
  return { from, to };
}

export const attendanceStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const bus = busFor(base.config);

  app.get('/units/:unitId/attendance', {
    schema: { tags: ['attendance'], summary: 'Who is here on a day, per group and age', params: unitParam, querystring: z.object({ date: date.optional() }) },
  }, async (req) => {
    requireUnitRead(req.ctx.actor, req.params.unitId);
    const { db, clock } = req.ctx, today = clock.today();
    const day = req.query.date ? LocalDate.parse(req.query.date) : today;
    const unit = await unitOf(db, req.params.unitId);
    const { childIds, ...o } = await dayOverview(db, unit.id, day, day.isEqual(today) ? timeOfDay(clock) : null);
    await audit(db, req.ctx, { action: 'attendance.read', subjectType: 'child', subjectIds: childIds, details: { unitId: unit.id, date: day.toString() } });
    return { unit: { id: unit.id, name: unit.name }, today: today.toString(), ...o };
  });

  // Server-sent events: each registration of the unit today, pushed within milliseconds of its commit.
  app.get('/units/:unitId/attendance/live', { schema: { tags: ['attendance'], params: unitParam } }, async (req, reply) => {
    requireUnitRead(req.ctx.actor, req.params.unitId);
    await unitOf(req.ctx.db, req.params.unitId);
    await audit(req.ctx.db, req.ctx, { action: 'attendance.live_open', subjectType: 'unit', subjectIds: [req.params.unitId] });
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 3000\n: connected\n\n');
    // The stream lives only as long as its session: before each event (and each heartbeat) the session is looked up
    // again, so after logout, expiry or losing the unit nothing more is sent and the stream ends.
    const token = req.cookies[SESSION_COOKIE] ?? '', unitId = req.params.unitId;
    const stillAllowed = async () => {
      const s = token ? await loadSession(app.config.database.db, app.config.clock, token) : null;
      return !!s && (MUNICIPAL_ROLES.includes(s.actor.role) || s.actor.unitIds.includes(unitId)) && STAFF_ROLES.includes(s.actor.role);
    };
    let chain = Promise.resolve(), open = true;
    const send = (text: string) => {
      chain = chain.then(async () => {
        if (!open) return;
        if (!(await stillAllowed().catch(() => false))) { end(); return; }
        if (open) res.write(text);
      });
    };
    const unsubscribe = bus.subscribe(unitId, (c) => send(`event: change\nid: ${c.seq}\ndata: ${JSON.stringify(c)}\n\n`));
    const beat = setInterval(() => send(': ping\n\n'), 15_000);
    const stop = () => { open = false; clearInterval(beat); unsubscribe(); };
    const end = () => { if (!open) return; stop(); res.end(); };
    req.raw.on('close', stop);
    res.on('error', stop);
  });

  const childDay = unitParam.extend({ childId: z.uuid(), date });
  app.put('/units/:unitId/attendance/:childId/:date', {
    schema: {
      tags: ['attendance'], summary: 'Correct a registration (reason required, kept in the trail)', params: childDay,
      body: z.object({
        status: z.number().int().min(0).max(8), checkIn: time.nullable(), checkOut: time.nullable(),
        pickupBy: z.string().trim().max(100).nullable().default(null), reason: z.string().trim().min(1, 'Angiv en begrundelse.').max(500),
      }).strict(),
    },
  }, async (req) => {
    requireUnitWrite(req.ctx.actor, req.params.unitId);
    return correct(req.ctx, bus, req.params.unitId, req.params.childId, LocalDate.parse(req.params.date), { ...req.body, pickupBy: req.body.pickupBy || null });
  });

  app.get('/units/:unitId/attendance/:childId/:date/events', { schema: { tags: ['attendance'], params: childDay } }, async (req) => {
    requireUnitRead(req.ctx.actor, req.params.unitId);
    const { db } = req.ctx;
    const day = LocalDate.parse(req.params.date);
    // Placed in this unit on that day (not merely once): other days belong to whichever unit had the child then.
    const placed = await db.selectFrom('placement').select('id').where('child_id', '=', req.params.childId).where('unit_id', '=', req.params.unitId)
      .where(sql<boolean>`valid @> ${day.toString()}::date`).executeTakeFirst();
    if (!placed) throw notFound('Barnet er ikke indskrevet i enheden.');
    const events = await eventsOf(db, req.params.childId, day, req.params.unitId);
    await audit(db, req.ctx, { action: 'attendance.events_read', subjectType: 'child', subjectIds: [req.params.childId] });
    return events;
  });

  // Staff may also check in or out from the overview (same rules as the terminal).
  const tap = unitParam.extend({ childId: z.uuid(), action: z.enum(['check-in', 'check-out']) });
  app.post('/units/:unitId/attendance/:childId/:action', { schema: { tags: ['attendance'], params: tap, body: z.object({}).strict() } }, async (req) => {
    const a = requireUnitWrite(req.ctx.actor, req.params.unitId);
    const action = req.params.action === 'check-in' ? { kind: 'check_in' as const } : { kind: 'check_out' as const };
    return register(req.ctx, bus, req.params.unitId, req.params.childId, action, { userId: a.userId, terminalId: null });
  });

  app.get('/units/:unitId/attendance-history', {
    schema: { tags: ['attendance'], summary: 'Planned against actual per day', params: unitParam, querystring: span },
  }, async (req) => {
    requireUnitRead(req.ctx.actor, req.params.unitId);
    const { from, to } = range(req.query);
    await unitOf(req.ctx.db, req.params.unitId);
    return plannedAgainstActual(req.ctx.db, req.params.unitId, from, to);
  });

  app.get('/units/:unitId/attendance.csv', { schema: { tags: ['attendance'], params: unitParam, querystring: span } }, async (req, reply) => {
    requireUnitRead(req.ctx.actor, req.params.unitId);
    const { from, to } = range(req.query);
    const unit = await unitOf(req.ctx.db, req.params.unitId);
    const { csv, childIds } = await exportCsv(req.ctx.db, unit.id, from, to);
    await audit(req.ctx.db, req.ctx, { action: 'attendance.export', subjectType: 'child', subjectIds: childIds, details: { unitId: unit.id, from: req.query.from, to: req.query.to } });
    const file = `fremmoede-${unit.name.replace(/[^\wæøåÆØÅ-]+/g, '-')}-${req.query.from}-${req.query.to}.csv`;
    return reply.header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="fremmoede.csv"; filename*=UTF-8''${encodeURIComponent(file)}`).send(csv);
  });

  // Terminals of a unit.
  app.get('/units/:unitId/terminals', { schema: { tags: ['attendance'], params: unitParam } }, async (req) => {
    requireUnitLeader(req.ctx.actor, req.params.unitId);
    const rows = await req.ctx.db.selectFrom('terminal').select(['id', 'name', 'created_at', 'revoked_at'])
      .where('unit_id', '=', req.params.unitId).orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at }));
  });
  app.post('/units/:unitId/terminals', {
    schema: { tags: ['attendance'], params: unitParam, body: z.object({ name: z.string().trim().min(1, 'Giv terminalen et navn.').max(100) }).strict() },
  }, async (req, reply) => {
    const a = requireUnitLeader(req.ctx.actor, req.params.unitId);
    await unitOf(req.ctx.db, req.params.unitId);
    const t = await req.ctx.db.transaction().execute(async (trx) => {
      const t = await createTerminal(trx, req.params.unitId, req.body.name, a.userId);
      await audit(trx, { ...req.ctx, db: trx }, { action: 'terminal.create', subjectType: 'terminal', subjectIds: [t.id], details: { unitId: req.params.unitId } });
      return t;
    });
    return reply.code(201).send(t);
  });
  app.post('/units/:unitId/terminals/:id/revoke', { schema: { tags: ['attendance'], params: unitParam.extend({ id: z.uuid() }), body: z.object({}).strict() } }, async (req) => {
    requireUnitLeader(req.ctx.actor, req.params.unitId);
    const row = await req.ctx.db.transaction().execute(async (trx) => {
      const row = await trx.updateTable('terminal').set({ revoked_at: sql`coalesce(revoked_at, now())` })
        .where('id', '=', req.params.id).where('unit_id', '=', req.params.unitId).returning(['id', 'revoked_at']).executeTakeFirst();
      if (!row) throw notFound('Terminalen findes ikke.');
      await audit(trx, { ...req.ctx, db: trx }, { action: 'terminal.revoke', subjectType: 'terminal', subjectIds: [row.id] });
      return row;
    });
    forgetTerminal(req.ctx.db, row.id);
    return { id: row.id, revokedAt: row.revoked_at };
  });

  // Closing days: computed (weekends, public holidays) and listed (the municipality's and the unit's own).
  app.get('/units/:unitId/closing-days', { schema: { tags: ['attendance'], params: unitParam, querystring: span } }, async (req) => {
    requireUnitRead(req.ctx.actor, req.params.unitId);
    const { from, to } = range(req.query, 800);
    const listed = await listedClosingDays(req.ctx.db, req.params.unitId, from, to);
    const holidays = [];
    for (let y = from.year; y <= to.year; y++) holidays.push(...danishPublicHolidays(y));
    return [
      ...listed.map((c) => ({ date: c.date.toString(), name: c.name, kind: 'listed' as const })),
      ...holidays.filter((h) => h.date.isOnOrAfter(from) && h.date.isOnOrBefore(to)).map((h) => ({ date: h.date.toString(), name: h.name, kind: 'public_holiday' as const })),
    ].sort((a, b) => a.date.localeCompare(b.date));
  });
  app.post('/units/:unitId/closing-days', {
    schema: { tags: ['attendance'], params: unitParam, body: z.object({ date, name: z.string().trim().min(1).max(100) }).strict() },
  }, async (req, reply) => {
    requireUnitLeader(req.ctx.actor, req.params.unitId);
    if (!LocalDate.parse(req.body.date).isAfter(req.ctx.clock.today())) throw badRequest('En lukkedag skal ligge i fremtiden.');
    const row = await req.ctx.db.insertInto('closing_day').values({ unit_id: req.params.unitId, date: req.body.date, name: req.body.name }).returning('id').executeTakeFirstOrThrow();
    return reply.code(201).send({ id: row.id });
  });
  app.post('/closing-days', {
    schema: { tags: ['attendance'], summary: "A municipality's own closing day", body: z.object({ municipalityCode: z.string().regex(/^\d{4}$/), date, name: z.string().trim().min(1).max(100) }).strict() },
  }, async (req, reply) => {
    requireRole(req.ctx.actor, ['admin', 'management']);
    if (!LocalDate.parse(req.body.date).isAfter(req.ctx.clock.today())) throw badRequest('En lukkedag skal ligge i fremtiden.');
    const row = await req.ctx.db.insertInto('closing_day').values({ municipality_code: req.body.municipalityCode, date: req.body.date, name: req.body.name }).returning('id').executeTakeFirstOrThrow();
    return reply.code(201).send({ id: row.id });
  });
};
