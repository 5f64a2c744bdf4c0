// Closing days, holiday questionnaires and a child's attendance as the family sees it.
import { z } from 'zod';
import { date, hhmm } from './fields.js';

export const ClosingDay = z.object({ date, name: z.string(), kind: z.enum(['listed', 'public_holiday']) });
export type ClosingDay = z.infer<typeof ClosingDay>;

export const Questionnaire = z.object({
  id: z.uuid(),
  municipalityCode: z.string(),
  unitId: z.uuid().nullable(),
  title: z.string(),
  question: z.string(),
  start: date,
  end: date,
  deadline: date,
});
export type Questionnaire = z.infer<typeof Questionnaire>;
export const UnitQuestionnaire = Questionnaire.extend({
  days: z.array(
    z.object({ day: date, placed: z.number().int(), answered: z.number().int(), expected: z.number().int() }),
  ),
});
export type UnitQuestionnaire = z.infer<typeof UnitQuestionnaire>;
export const CitizenQuestionnaire = Questionnaire.extend({
  open: z.boolean(),
  children: z.array(
    z.object({
      childId: z.uuid(),
      unitId: z.uuid(),
      unitName: z.string(),
      firstName: z.string(),
      days: z.array(date),
      answers: z.array(z.object({ date, needsCare: z.boolean() })),
    }),
  ),
});
export type CitizenQuestionnaire = z.infer<typeof CitizenQuestionnaire>;

export const ChildAttendance = z.object({
  correctionWindowDays: z.number().int(),
  registrations: z.array(
    z.object({
      date,
      status: z.number().int(),
      checkIn: hhmm,
      checkOut: hhmm,
      pickupBy: z.string().nullable(),
      unitName: z.string(),
    }),
  ),
  absences: z.array(
    z.object({
      id: z.uuid(),
      type: z.enum(['sick', 'day_off', 'holiday']),
      start: date,
      end: date,
      cancellable: z.boolean(),
    }),
  ),
});
export type ChildAttendance = z.infer<typeof ChildAttendance>;
