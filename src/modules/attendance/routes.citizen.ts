// Parents: their children's registrations and absences, reporting sickness, a day off or a holiday,
// and answering the municipality's holiday questionnaires ("fælles pasning").
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../platform/audit/audit.js';
import type { RequestContext } from '../../platform/http/context.js';
import { schemaOf } from '../../platform/http/contract.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import { childIdsInCustody, livesIn, placementsOf } from '../people/index.js';
import { attendanceContract as c, attendanceError as fail } from './contract.js';
import { busFor } from './live.js';
import { authorizeGuardian } from './policy.js';
import {
  absenceById,
  absencesSince,
  correctionWindowDays,
  deleteAbsence,
  firstNames,
  recordAbsence,
  registrationsOfChild,
  unitsPlacedIn,
} from './queries.js';
import { derivedStatus, hhmm, validAbsence } from './rules.js';
import { timeOfDay } from './register.js';
import { answerQuestionnaire, questionnairesForChildren } from './questionnaires.js';

export const attendanceCitizenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const bus = busFor(base.config);

  async function requireChild(req: { ctx: RequestContext }, childId: string) {
    const g = authorizeGuardian(req.ctx.actor);
    const ids = await childIdsInCustody(req.ctx.db, g.personId, req.ctx.clock.today());
    if (!ids.includes(childId)) throw fail('attendance.not-in-custody');
    return g;
  }

  app.get(
    '/attendance/children/:childId',
    { schema: schemaOf('attendance', c.childAttendance, fail.codes) },
    async (req) => {
      await requireChild(req, req.params.childId);
      const { db, clock } = req.ctx,
        today = clock.today();
      const from = req.query.from ? LocalDate.parse(req.query.from) : today.minusDays(30);
      const to = req.query.to ? LocalDate.parse(req.query.to) : today;
      if (to.isBefore(from) || from.daysUntil(to) > 366) throw fail('attendance.invalid-period');
      const [regs, absences, window] = await Promise.all([
        registrationsOfChild(db, req.params.childId, from, to),
        absencesSince(db, req.params.childId, today.minusDays(60)),
        livesIn(db, req.params.childId, today).then((m) => correctionWindowDays(db, m, today)),
      ]);
      await audit(db, req.ctx, { action: 'attendance.read', subjectType: 'child', subjectIds: [req.params.childId] });
      return {
        correctionWindowDays: window,
        registrations: regs.map((r) => ({
          date: r.date,
          status: r.status,
          checkIn: hhmm(r.check_in),
          checkOut: hhmm(r.check_out),
          pickupBy: r.pickup_by,
          unitName: r.unitName,
        })),
        absences: absences.map((a) => {
          const v = DateRange.fromPg(a.valid);
          return {
            id: a.id,
            type: a.type,
            start: v.start.toString(),
            end: v.end!.toString(),
            cancellable: v.start.isAfter(today),
          };
        }),
      };
    },
  );

  app.post(
    '/attendance/children/:childId/absences',
    { schema: schemaOf('attendance', c.reportAbsence, fail.codes) },
    async (req, reply) => {
      const g = await requireChild(req, req.params.childId);
      const { db, clock } = req.ctx,
        today = clock.today();
      const start = LocalDate.parse(req.body.start),
        end = LocalDate.parse(req.body.end);
      const ok = validAbsence(
        start,
        end,
        today,
        await correctionWindowDays(db, await livesIn(db, req.params.childId, today), today),
      );
      if (!ok.ok) throw fail(ok.code, ok.params);
      if (req.body.type === 'sick' && start.isAfter(today.plusDays(1))) throw fail('attendance.sick-only-today');
      const range = DateRange.of(start, end).toPgDaterange();
      const placed = await unitsPlacedIn(db, req.params.childId, range);
      if (!placed.length) throw fail('attendance.no-place-in-period');
      const status = derivedStatus(null, req.body.type);
      const { id, touched } = await db.transaction().execute(async (trx) => {
        const r = await recordAbsence(trx, {
          childId: req.params.childId,
          range,
          type: req.body.type,
          status,
          userId: g.userId,
          now: timeOfDay(clock),
        });
        await audit(trx, req.ctx, {
          action: 'attendance.absence_report',
          subjectType: 'child',
          subjectIds: [req.params.childId],
          details: { type: req.body.type, start: req.body.start, end: req.body.end },
        });
        return r;
      });
      if (start.isOnOrBefore(today) && end.isOnOrAfter(today)) {
        const todays = touched.filter((t) => t.date === today.toString());
        const units = touched.length ? todays.map((t) => t.unit_id) : placed;
        for (const unitId of new Set(units)) {
          const row = todays.find((t) => t.unit_id === unitId);
          bus.publish({
            unitId,
            childId: req.params.childId,
            date: today.toString(),
            status,
            checkIn: hhmm(row?.check_in ?? null),
            checkOut: hhmm(row?.check_out ?? null),
            pickupBy: row?.pickup_by ?? null,
            kind: 'absence',
          });
        }
      }
      return reply.code(201).send({ id, type: req.body.type, start: req.body.start, end: req.body.end });
    },
  );

  app.post(
    '/attendance/absences/:id/cancel',
    { schema: schemaOf('attendance', c.cancelAbsence, fail.codes) },
    async (req) => {
      const g = authorizeGuardian(req.ctx.actor);
      const { db, clock } = req.ctx,
        today = clock.today();
      const row = await absenceById(db, req.params.id);
      const mine = row && (await childIdsInCustody(db, g.personId, today)).includes(row.child_id);
      if (!row || !mine) throw fail('attendance.absence-not-found');
      if (!DateRange.fromPg(row.valid).start.isAfter(today)) throw fail('attendance.absence-started');
      await db.transaction().execute(async (trx) => {
        await deleteAbsence(trx, row.id);
        await audit(trx, req.ctx, {
          action: 'attendance.absence_cancel',
          subjectType: 'child',
          subjectIds: [row.child_id],
        });
      });
      return { id: row.id };
    },
  );

  app.get(
    '/holiday-questionnaires',
    { schema: schemaOf('attendance', c.myQuestionnaires, fail.codes) },
    async (req) => {
      const g = authorizeGuardian(req.ctx.actor);
      const { db, clock } = req.ctx,
        today = clock.today();
      const ids = await childIdsInCustody(db, g.personId, today);
      const [children, placements] = await Promise.all([firstNames(db, ids), placementsOf(db, ids, today)]);
      const list = await questionnairesForChildren(db, placements, today);
      await audit(db, req.ctx, { action: 'attendance.questionnaires_read', subjectType: 'child', subjectIds: ids });
      return list.map((q) => ({
        ...q,
        children: q.children.map((c) => ({
          ...c,
          firstName: children.find((p) => p.id === c.childId)?.first_name ?? '',
        })),
      }));
    },
  );

  app.put(
    '/holiday-questionnaires/:id/answers',
    { schema: schemaOf('attendance', c.answer, fail.codes) },
    async (req) => {
      const g = await requireChild(req, req.body.childId);
      return answerQuestionnaire(req.ctx, g.userId, req.params.id, req.body.childId, req.body.days);
    },
  );
};
