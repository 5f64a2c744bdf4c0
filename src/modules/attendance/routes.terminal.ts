// The entrance terminal: today's children of the terminal's unit by group, and one-tap check-in/out.
// No personal login: the terminal token header authorises the tablet for its one unit (see terminals.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import { busFor } from './live.js';
import { byGroup, childrenOnDay, closingOn, unitOf } from './queries.js';
import { register } from './register.js';
import { requireTerminal } from './terminals.js';
import { IN_CARE } from './rules.js';

const childParam = z.object({ childId: z.uuid() });
const pickup = z.string().trim().max(100).nullable();

export const attendanceTerminalRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const bus = busFor(base.config);

  app.get('/children', { schema: { tags: ['attendance'], summary: "Today's children of the terminal's unit, by group" } }, async (req) => {
    const term = await requireTerminal(req);
    const { db, clock } = req.ctx, today = clock.today();
    const [unit, children, closed] = await Promise.all([unitOf(db, term.unitId), childrenOnDay(db, term.unitId, today), closingOn(db, term.unitId, today)]);
    await audit(db, req.ctx, { action: 'attendance.terminal_read', subjectType: 'child', subjectIds: children.map((c) => c.id), details: { unitId: term.unitId, terminalId: term.terminalId } });
    return {
      terminal: { id: term.terminalId, name: term.name }, unit: { id: unit.id, name: unit.name }, date: today.toString(), closed,
      present: children.filter((c) => IN_CARE.includes(c.status)).length,
      groups: byGroup(children.map((c) => ({ id: c.id, initials: c.initials, firstName: c.firstName, group: c.group, status: c.status, checkIn: c.checkIn, checkOut: c.checkOut, pickupBy: c.pickupBy }))),
    };
  });

  const by = (t: { terminalId: string }) => ({ userId: null, terminalId: t.terminalId });
  app.post('/children/:childId/check-in', { schema: { tags: ['attendance'], params: childParam, body: z.object({ pickupBy: pickup.optional() }).strict() } }, async (req) => {
    const t = await requireTerminal(req);
    return register(req.ctx, bus, t.unitId, req.params.childId, { kind: 'check_in', pickupBy: req.body.pickupBy }, by(t));
  });
  app.post('/children/:childId/check-out', { schema: { tags: ['attendance'], params: childParam, body: z.object({}).strict() } }, async (req) => {
    const t = await requireTerminal(req);
    return register(req.ctx, bus, t.unitId, req.params.childId, { kind: 'check_out' }, by(t));
  });
  app.post('/children/:childId/status', { schema: { tags: ['attendance'], params: childParam, body: z.object({ status: z.number().int().min(0).max(8) }).strict() } }, async (req) => {
    const t = await requireTerminal(req);
    return register(req.ctx, bus, t.unitId, req.params.childId, { kind: 'status', status: req.body.status }, by(t));
  });
  app.post('/children/:childId/pickup', { schema: { tags: ['attendance'], params: childParam, body: z.object({ pickupBy: pickup }).strict() } }, async (req) => {
    const t = await requireTerminal(req);
    return register(req.ctx, bus, t.unitId, req.params.childId, { kind: 'pickup', pickupBy: req.body.pickupBy || null }, by(t));
  });
};
