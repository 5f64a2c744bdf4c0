// Parents: their children's registrations and absences, reporting sickness, a day off or a holiday,
// and answering the municipality's holiday questionnaires ("fælles pasning").
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import { requireGuardian } from '../../platform/auth/actor.js';
import { badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import { childIdsInCustody, placementsOf } from '../people/index.js';
import { busFor } from './live.js';
import { correctionWindowDays } from './queries.js';
import { derivedStatus, hhmm, IN_CARE, STATUS, validAbsence } from './rules.js';
import { timeOfDay } from './register.js';
import { answerQuestionnaire, questionnairesForChildren } from './questionnaires.js';

const date = z.iso.date();
const childParam = z.object({ childId: z.uuid() });

export const attendanceCitizenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const bus = busFor(base.config);

  async function requireChild(req: { ctx: any }, childId: string) {
    const g = requireGuardian(req.ctx.actor);
    const ids = await childIdsInCustody(req.ctx.db, g.personId, req.ctx.clock.today());
    if (!ids.includes(childId)) throw forbidden('Barnet er ikke i din forældremyndighed.');
    return g;
  }

  app.get('/attendance/children/:childId', {
    schema: { tags: ['attendance'], summary: "A child's registrations and absences", params: childParam, querystring: z.object({ from: date.optional(), to: date.optional() }) },
  }, async (req) => {
    await requireChild(req, req.params.childId);
    const { db, clock } = req.ctx, today = clock.today();
    const from = req.query.from ? LocalDate.parse(req.query.from) : today.minusDays(30);
    const to = req.query.to ? LocalDate.parse(req.query.to) : today;
    if (to.isBefore(from) || from.daysUntil(to) > 366) throw badRequest('Ugyldig periode.');
    const [regs, absences, window] = await Promise.all([
      db.selectFrom('attendance as a').innerJoin('unit', 'unit.id', 'a.unit_id')
        .select(['a.date', 'a.status', 'a.check_in', 'a.check_out', 'a.pickup_by', 'unit.name as unitName'])
        .where('a.child_id', '=', req.params.childId).where('a.date', '>=', from.toString()).where('a.date', '<=', to.toString())
        .orderBy('a.date', 'desc').execute(),
      db.selectFrom('absence').select(['id', 'type', 'valid', 'created_at']).where('child_id', '=', req.params.childId)
        .where(sql<boolean>`upper(valid) > ${today.minusDays(60).toString()}::date`).orderBy(sql`lower(valid)`, 'desc').execute(),
      correctionWindowDays(db, today),
    ]);
    await audit(db, req.ctx, { action: 'attendance.read', subjectType: 'child', subjectIds: [req.params.childId] });
    return {
      correctionWindowDays: window,
      registrations: regs.map((r) => ({ date: r.date, status: r.status, checkIn: hhmm(r.check_in), checkOut: hhmm(r.check_out), pickupBy: r.pickup_by, unitName: r.unitName })),
      absences: absences.map((a) => {
        const v = DateRange.fromPg(a.valid);
        return { id: a.id, type: a.type, start: v.start.toString(), end: v.end!.toString(), cancellable: v.start.isAfter(today) };
      }),
    };
  });

  app.post('/attendance/children/:childId/absences', {
    schema: {
      tags: ['attendance'], summary: 'Report sickness, a day off or a holiday', params: childParam,
      body: z.object({ type: z.enum(['sick', 'day_off', 'holiday']), start: date, end: date }).strict(),
    },
  }, async (req, reply) => {
    const g = await requireChild(req, req.params.childId);
    const { db, clock } = req.ctx, today = clock.today();
    const start = LocalDate.parse(req.body.start), end = LocalDate.parse(req.body.end);
    const ok = validAbsence(start, end, today, await correctionWindowDays(db, today));
    if (!ok.ok) throw badRequest(ok.message);
    if (req.body.type === 'sick' && start.isAfter(today.plusDays(1))) throw badRequest('Sygdom kan kun meldes for i dag eller i morgen.');
    const range = DateRange.of(start, end).toPgDaterange();
    const placed = await db.selectFrom('placement').select('unit_id').where('child_id', '=', req.params.childId)
      .where(sql<boolean>`valid && ${range}::daterange`).execute();
    if (!placed.length) throw badRequest('Barnet har ingen plads i perioden.');
    const status = derivedStatus(null, req.body.type);
    const { id, touched } = await db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('absence').values({ child_id: req.params.childId, valid: range, type: req.body.type, reported_by: g.userId, reported_by_role: 'guardian' })
        .returning('id').executeTakeFirstOrThrow();
      // Days without an arrival yet take the reported status, so the overview shows it at once.
      const touched = await trx.updateTable('attendance').set({ status, updated_at: sql`now()`, version: sql`version + 1` }).where('child_id', '=', req.params.childId)
        .where('status', 'in', [STATUS.notArrived, STATUS.sick, STATUS.absent]).where(sql<boolean>`${range}::daterange @> date`)
        .returning(['id', 'unit_id', 'date', sql<string | null>`check_in::text`.as('check_in'), sql<string | null>`check_out::text`.as('check_out'), 'pickup_by']).execute();
      for (const t of touched) await trx.insertInto('attendance_event').values({ attendance_id: t.id, kind: 'status', status, user_id: g.userId, reason: 'Meldt af forælder' }).execute();
      // Sick after arriving: the child is sent home sick. Shown as sick (and counted so), checked out now if still in
      // care; the check-in stays on the row and in the trail.
      if (req.body.type === 'sick') {
        const sentHome = await trx.updateTable('attendance')
          .set({ status, check_out: sql`coalesce(check_out, greatest(check_in, ${timeOfDay(clock)}::time))`, updated_at: sql`now()`, version: sql`version + 1` })
          .where('child_id', '=', req.params.childId).where('status', 'in', [...IN_CARE, STATUS.checkedOut]).where('check_in', 'is not', null)
          .where(sql<boolean>`${range}::daterange @> date`)
          .returning(['id', 'unit_id', 'date', sql<string | null>`check_in::text`.as('check_in'), sql<string | null>`check_out::text`.as('check_out'), 'pickup_by']).execute();
        for (const t of sentHome) {
          await trx.insertInto('attendance_event').values({ attendance_id: t.id, kind: 'status', status, check_in: t.check_in, check_out: t.check_out, pickup_by: t.pickup_by, user_id: g.userId, reason: 'Meldt syg af forælder efter indtjek: sendt hjem' }).execute();
        }
        touched.push(...sentHome);
      }
      await audit(trx, req.ctx, { action: 'attendance.absence_report', subjectType: 'child', subjectIds: [req.params.childId], details: { type: req.body.type, start: req.body.start, end: req.body.end } });
      return { id: row.id, touched };
    });
    if (start.isOnOrBefore(today) && end.isOnOrAfter(today)) {
      const todays = touched.filter((t) => t.date === today.toString());
      const units = touched.length ? todays.map((t) => t.unit_id) : placed.map((p) => p.unit_id);
      for (const unitId of new Set(units)) {
        const row = todays.find((t) => t.unit_id === unitId);
        bus.publish({ unitId, childId: req.params.childId, date: today.toString(), status, checkIn: hhmm(row?.check_in ?? null), checkOut: hhmm(row?.check_out ?? null), pickupBy: row?.pickup_by ?? null, kind: 'absence' });
      }
    }
    return reply.code(201).send({ id, type: req.body.type, start: req.body.start, end: req.body.end });
  });

  app.post('/attendance/absences/:id/cancel', { schema: { tags: ['attendance'], params: z.object({ id: z.uuid() }), body: z.object({}).strict() } }, async (req) => {
    const g = requireGuardian(req.ctx.actor);
    const { db, clock } = req.ctx, today = clock.today();
    const row = await db.selectFrom('absence').select(['id', 'child_id', 'valid']).where('id', '=', req.params.id).executeTakeFirst();
    const mine = row && (await childIdsInCustody(db, g.personId, today)).includes(row.child_id);
    if (!row || !mine) throw notFound('Fraværet findes ikke.');
    if (!DateRange.fromPg(row.valid).start.isAfter(today)) throw badRequest('Fravær, der er begyndt, kan ikke trækkes tilbage. Kontakt institutionen.');
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('absence').where('id', '=', row.id).execute();
      await audit(trx, req.ctx, { action: 'attendance.absence_cancel', subjectType: 'child', subjectIds: [row.child_id] });
    });
    return { id: row.id };
  });

  app.get('/holiday-questionnaires', { schema: { tags: ['attendance'], summary: 'Open holiday questionnaires for my children' } }, async (req) => {
    const g = requireGuardian(req.ctx.actor);
    const { db, clock } = req.ctx, today = clock.today();
    const ids = await childIdsInCustody(db, g.personId, today);
    const [children, placements] = await Promise.all([
      ids.length ? db.selectFrom('person').select(['id', 'first_name']).where('id', 'in', ids).execute() : [],
      placementsOf(db, ids, today),
    ]);
    const list = await questionnairesForChildren(db, placements, today);
    await audit(db, req.ctx, { action: 'attendance.questionnaires_read', subjectType: 'child', subjectIds: ids });
    return list.map((q) => ({ ...q, children: q.children.map((c) => ({ ...c, firstName: children.find((p) => p.id === c.childId)?.first_name ?? '' })) }));
  });

  app.put('/holiday-questionnaires/:id/answers', {
    schema: {
      tags: ['attendance'], params: z.object({ id: z.uuid() }),
      body: z.object({ childId: z.uuid(), days: z.array(z.object({ date, needsCare: z.boolean() })).min(1).max(120) }).strict(),
    },
  }, async (req) => {
    const g = await requireChild(req, req.body.childId);
    return answerQuestionnaire(req.ctx, g.userId, req.params.id, req.body.childId, req.body.days);
  });
};
