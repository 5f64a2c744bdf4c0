// The entrance terminal: today's children of the terminal's unit by group, and one-tap check-in/out.
// No personal login: the terminal token header authorises the tablet for its one unit (see terminals.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../platform/audit/audit.js';
import { schemaOf } from '../../platform/http/contract.js';
import { attendanceContract as c, attendanceError as fail } from './contract.js';
import { busFor } from './live.js';
import { byGroup, childrenOnDay, closingOn, unitOf } from './queries.js';
import { register, undoCheckOut } from './register.js';
import { requireTerminal } from './terminals.js';
import { IN_CARE } from './rules.js';

export const attendanceTerminalRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const bus = busFor(base.config);

  app.get('/children', { schema: schemaOf('attendance', c.terminalChildren, fail.codes) }, async (req) => {
    const term = await requireTerminal(req);
    const { db, clock } = req.ctx,
      today = clock.today();
    const [unit, children, closed] = await Promise.all([
      unitOf(db, term.unitId),
      childrenOnDay(db, term.unitId, today),
      closingOn(db, term.unitId, today),
    ]);
    await audit(db, req.ctx, {
      action: 'attendance.terminal_read',
      subjectType: 'child',
      subjectIds: children.map((c) => c.id),
      details: { unitId: term.unitId, terminalId: term.terminalId },
    });
    return {
      terminal: { id: term.terminalId, name: term.name },
      unit: { id: unit.id, name: unit.name },
      date: today.toString(),
      closed,
      present: children.filter((c) => IN_CARE.includes(c.status)).length,
      groups: byGroup(
        children.map((c) => ({
          id: c.id,
          initials: c.initials,
          firstName: c.firstName,
          group: c.group,
          status: c.status,
          checkIn: c.checkIn,
          checkOut: c.checkOut,
          pickupBy: c.pickupBy,
        })),
      ),
    };
  });

  const by = (t: { terminalId: string }) => ({ userId: null, terminalId: t.terminalId });
  app.post(
    '/children/:childId/check-in',
    { schema: schemaOf('attendance', c.terminalCheckIn, fail.codes) },
    async (req) => {
      const t = await requireTerminal(req);
      return register(
        req.ctx,
        bus,
        t.unitId,
        req.params.childId,
        { kind: 'check_in', pickupBy: req.body.pickupBy },
        by(t),
      );
    },
  );
  app.post(
    '/children/:childId/check-out',
    { schema: schemaOf('attendance', c.terminalCheckOut, fail.codes) },
    async (req) => {
      const t = await requireTerminal(req);
      return register(req.ctx, bus, t.unitId, req.params.childId, { kind: 'check_out' }, by(t));
    },
  );
  app.post(
    '/children/:childId/undo-check-out',
    { schema: schemaOf('attendance', c.terminalUndoCheckOut, fail.codes) },
    async (req) => {
      const t = await requireTerminal(req);
      return undoCheckOut(req.ctx, bus, t.unitId, req.params.childId, t.terminalId);
    },
  );
  app.post(
    '/children/:childId/status',
    { schema: schemaOf('attendance', c.terminalStatus, fail.codes) },
    async (req) => {
      const t = await requireTerminal(req);
      return register(req.ctx, bus, t.unitId, req.params.childId, { kind: 'status', status: req.body.status }, by(t));
    },
  );
  app.post(
    '/children/:childId/pickup',
    { schema: schemaOf('attendance', c.terminalPickup, fail.codes) },
    async (req) => {
      const t = await requireTerminal(req);
      return register(
        req.ctx,
        bus,
        t.unitId,
        req.params.childId,
        { kind: 'pickup', pickupBy: req.body.pickupBy || null },
        by(t),
      );
    },
  );
};
