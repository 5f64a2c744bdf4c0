// Holiday questionnaires ("fælles pasning"): the municipality asks which days in a closure period a child needs care;
// institutions see the answers as the number of children expected per day.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { schemaOf } from '../../platform/http/contract.js';
import { DateRange, LocalDate } from '../../shared/index.js';
import { attendanceContract as c, attendanceError as fail } from './contract.js';
import { attendancePolicy, authorizeUnit } from './policy.js';
import { unitSubject } from '../registry/index.js';
import { homeMunicipality } from '../../platform/auth/actor.js';
import {
  allQuestionnaires,
  answersOf,
  expectedPerDay,
  insertQuestionnaire,
  listedClosingDays,
  placementsOfChild,
  questionnaireById,
  questionnaireRowsForChildren,
  questionnairesOfUnit,
  replaceAnswers,
  unitOf,
} from './queries.js';
import { openDays } from './rules.js';

type Q = {
  id: string;
  municipality_code: string;
  unit_id: string | null;
  title: string;
  question: string;
  period: string;
  deadline: string;
};
const shape = (q: Q) => {
  const p = DateRange.fromPg(q.period);
  return {
    id: q.id,
    municipalityCode: q.municipality_code,
    unitId: q.unit_id,
    title: q.title,
    question: q.question,
    start: p.start.toString(),
    end: p.end!.toString(),
    deadline: q.deadline,
  };
};

/** Questionnaires whose period is not over, asked of the units where the children have a place in that period. */
export async function questionnairesForChildren(
  db: Db,
  placements: { childId: string; unitId: string }[],
  today: LocalDate,
) {
  if (!placements.length) return [];
  const childIds = [...new Set(placements.map((p) => p.childId))];
  const rows = await questionnaireRowsForChildren(db, childIds, today);
  const answers = await answersOf(db, childIds, [...new Set(rows.map((r) => r.id))]);
  // Only the days the child's unit is open are asked about (no weekends, public holidays or closing days).
  const open = new Map<string, string[]>();
  for (const r of rows) {
    const key = `${r.id} ${r.childUnitId}`;
    if (open.has(key)) continue;
    const q = shape(r),
      from = LocalDate.parse(q.start),
      to = LocalDate.parse(q.end);
    open.set(
      key,
      openDays(from, to, await listedClosingDays(db, r.childUnitId, from, to)).map((d) => d.toString()),
    );
  }
  const byId = new Map<
    string,
    ReturnType<typeof shape> & {
      open: boolean;
      children: {
        childId: string;
        unitId: string;
        unitName: string;
        days: string[];
        answers: { date: string; needsCare: boolean }[];
      }[];
    }
  >();
  for (const r of rows) {
    const q = byId.get(r.id) ?? { ...shape(r), open: !LocalDate.parse(r.deadline).isBefore(today), children: [] };
    byId.set(r.id, q);
    if (q.children.some((c) => c.childId === r.child_id)) continue;
    q.children.push({
      childId: r.child_id,
      unitId: r.childUnitId,
      unitName: r.unitName,
      days: open.get(`${r.id} ${r.childUnitId}`)!,
      answers: answers
        .filter((a) => a.questionnaire_id === r.id && a.child_id === r.child_id)
        .map((a) => ({ date: a.date, needsCare: a.needs_care })),
    });
  }
  return [...byId.values()];
}

/** Replaces a child's answers. Refused after the deadline, for days outside the period or for a child not asked. */
export async function answerQuestionnaire(
  ctx: RequestContext,
  userId: string,
  id: string,
  childId: string,
  days: { date: string; needsCare: boolean }[],
) {
  const { db, clock } = ctx,
    today = clock.today();
  const q = await questionnaireById(db, id);
  if (!q) throw fail('attendance.questionnaire-not-found');
  const asked = await questionnairesForChildren(db, await placementsOfChild(db, childId), today);
  const mine = asked.find((a) => a.id === id)?.children.find((c) => c.childId === childId);
  if (!mine) throw fail('attendance.questionnaire-not-for-child');
  if (LocalDate.parse(q.deadline).isBefore(today)) throw fail('attendance.deadline-passed');
  const period = DateRange.fromPg(q.period);
  if (days.some((d) => !period.includes(LocalDate.parse(d.date)))) throw fail('attendance.day-outside-period');
  if (new Set(days.map((d) => d.date)).size !== days.length) throw fail('attendance.day-twice');
  const closed = days.find((d) => !mine.days.includes(LocalDate.parse(d.date).toString()));
  if (closed) throw fail('attendance.unit-closed-on-day', { date: closed.date });
  await db.transaction().execute(async (trx) => {
    await replaceAnswers(trx, id, childId, days, userId);
    await audit(trx, ctx, {
      action: 'attendance.holiday_answer',
      subjectType: 'child',
      subjectIds: [childId],
      details: { questionnaireId: id },
    });
  });
  return { id, childId, days: days.length, needsCare: days.filter((d) => d.needsCare).length };
}

export const questionnaireStaffRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/holiday-questionnaires',
    { schema: schemaOf('attendance', c.createQuestionnaire, fail.codes) },
    async (req, reply) => {
      const b = req.body;
      // Only for the actor's own municipality, or a unit of it.
      const a = attendancePolicy.authorize(req.ctx.actor, 'attendance.create-questionnaire', {
        municipalityCode: b.unitId
          ? ((await unitSubject(req.ctx.db, b.unitId)).municipalityCode ?? [])
          : b.municipalityCode,
      });
      const today = req.ctx.clock.today();
      const start = LocalDate.parse(b.start),
        end = LocalDate.parse(b.end),
        deadline = LocalDate.parse(b.deadline);
      if (end.isBefore(start) || start.daysUntil(end) > 92) throw fail('attendance.questionnaire-period');
      if (deadline.isBefore(today) || deadline.isAfter(end)) throw fail('attendance.questionnaire-deadline');
      const row = await insertQuestionnaire(req.ctx.db, {
        municipality_code: b.municipalityCode,
        unit_id: b.unitId,
        title: b.title,
        question: b.question,
        period: DateRange.of(start, end).toPgDaterange(),
        deadline: b.deadline,
        created_by: a.userId,
      });
      return reply.code(201).send({ id: row.id });
    },
  );

  app.get('/holiday-questionnaires', { schema: schemaOf('attendance', c.questionnaires, fail.codes) }, async (req) => {
    const actor = attendancePolicy.authorize(req.ctx.actor, 'attendance.list-questionnaires');
    return (await allQuestionnaires(req.ctx.db, homeMunicipality(actor))).map(shape);
  });

  app.get(
    '/units/:unitId/holiday-questionnaires',
    { schema: schemaOf('attendance', c.unitQuestionnaires, fail.codes) },
    async (req) => {
      await authorizeUnit(req.ctx.db, req.ctx.actor, 'attendance.read', req.params.unitId);
      const { db, clock } = req.ctx;
      const unit = await unitOf(db, req.params.unitId);
      const rows = await questionnairesOfUnit(db, unit, clock.today().minusDays(30));
      return Promise.all(
        rows.map(async (r) => {
          const q = shape(r),
            from = LocalDate.parse(q.start),
            to = LocalDate.parse(q.end);
          const open = new Set(
            openDays(from, to, await listedClosingDays(db, unit.id, from, to)).map((d) => d.toString()),
          );
          return {
            ...q,
            days: (await expectedPerDay(db, q.id, q.start, q.end, unit.id)).filter((d) => open.has(d.day)),
          };
        }),
      );
    },
  );
};
