// The attendance API (staff, citizen and entrance terminal): request and response schemas, refusal codes.
// The web imports these types. The schemas are in contract/ (day, terminal, families), re-exported.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';
import { childDay, childParam, created, date, empty, pickup, span, time, unitParam } from './contract/fields.js';
import { AttendanceEvent, HistoryDay, Overview, Registration } from './contract/day.js';
import { NewTerminal, Terminal, TerminalDay } from './contract/terminal.js';
import {
  ChildAttendance,
  CitizenQuestionnaire,
  ClosingDay,
  Questionnaire,
  UnitQuestionnaire,
} from './contract/families.js';
export * from './contract/day.js';
export * from './contract/terminal.js';
export * from './contract/families.js';

export const attendanceError = domainErrors({
  'attendance.not-your-unit': 'forbidden',
  'attendance.leader-only': 'forbidden',
  'attendance.unit-not-found': 'not-found',
  'attendance.end-before-start': 'invalid',
  'attendance.period-too-long': 'invalid',
  'attendance.invalid-period': 'invalid',
  'attendance.not-enrolled': 'not-found',
  'attendance.enrolled-elsewhere': 'forbidden',
  'attendance.enrolment-changed': 'conflict',
  'attendance.concurrent-change': 'conflict',
  'attendance.already-checked-in': 'conflict',
  'attendance.not-checked-in': 'conflict',
  'attendance.use-check-in-out': 'conflict',
  'attendance.check-in-first': 'conflict',
  'attendance.check-out-first': 'conflict',
  'attendance.check-out-before-check-in': 'conflict',
  'attendance.future-day': 'invalid',
  'attendance.outside-correction-window': 'invalid',
  'attendance.correction-out-without-in': 'invalid',
  'attendance.correction-out-before-in': 'invalid',
  'attendance.correction-present-times': 'invalid',
  'attendance.correction-checked-out-needs-out': 'invalid',
  'attendance.correction-sent-home-needs-out': 'invalid',
  'attendance.correction-not-arrived-times': 'invalid',
  'attendance.terminal-not-found': 'not-found',
  'attendance.terminal-unauthorized': 'unauthenticated',
  'attendance.terminal-revoked': 'unauthenticated',
  'attendance.undo-expired': 'conflict',
  'attendance.closing-day-past': 'invalid',
  'attendance.not-in-custody': 'forbidden',
  'attendance.absence-too-old': 'invalid',
  'attendance.absence-too-long': 'invalid',
  'attendance.sick-only-today': 'invalid',
  'attendance.no-place-in-period': 'invalid',
  'attendance.absence-not-found': 'not-found',
  'attendance.absence-started': 'invalid',
  'attendance.questionnaire-not-found': 'not-found',
  'attendance.questionnaire-not-for-child': 'invalid',
  'attendance.deadline-passed': 'invalid',
  'attendance.day-outside-period': 'invalid',
  'attendance.day-twice': 'invalid',
  'attendance.unit-closed-on-day': 'invalid',
  'attendance.questionnaire-period': 'invalid',
  'attendance.questionnaire-deadline': 'invalid',
});
export type AttendanceCode = keyof typeof attendanceError.codes;

const unitRefusals = ['attendance.not-your-unit', 'attendance.unit-not-found'] as const;
const registerRefusals = [
  'attendance.not-enrolled',
  'attendance.enrolled-elsewhere',
  'attendance.enrolment-changed',
  'attendance.concurrent-change',
  'attendance.already-checked-in',
  'attendance.not-checked-in',
  'attendance.use-check-in-out',
  'attendance.check-in-first',
  'attendance.check-out-first',
  'attendance.check-out-before-check-in',
] as const;
const terminalRefusals = ['attendance.terminal-unauthorized', 'attendance.terminal-revoked'] as const;

export const attendanceContract = {
  overview: {
    summary: 'Who is here on a day, per group and age',
    params: unitParam,
    querystring: z.object({ date: date.optional() }),
    response: Overview,
    errors: unitRefusals,
  },
  live: {
    summary: 'Server-sent events: each registration of the unit today (text/event-stream)',
    params: unitParam,
    response: z.string().describe('text/event-stream'),
    errors: unitRefusals,
  },
  correct: {
    summary: 'Correct a registration (reason required, kept in the trail)',
    params: childDay,
    body: z
      .object({
        status: z.number().int().min(0).max(8),
        checkIn: time.nullable(),
        checkOut: time.nullable(),
        pickupBy: z.string().trim().max(100).nullable().default(null),
        reason: z.string().trim().min(1, 'Angiv en begrundelse.').max(500),
      })
      .strict(),
    response: Registration,
    errors: [
      'attendance.not-your-unit',
      'attendance.not-enrolled',
      'attendance.enrolled-elsewhere',
      'attendance.future-day',
      'attendance.outside-correction-window',
      'attendance.correction-out-without-in',
      'attendance.correction-out-before-in',
      'attendance.correction-present-times',
      'attendance.correction-checked-out-needs-out',
      'attendance.correction-sent-home-needs-out',
      'attendance.correction-not-arrived-times',
    ],
  },
  events: {
    summary: "The trail of a child's day at the unit",
    params: childDay,
    response: z.array(AttendanceEvent),
    errors: ['attendance.not-your-unit', 'attendance.not-enrolled'],
  },
  tap: {
    summary: 'Check a child in or out from the overview (same rules as the terminal)',
    params: unitParam.extend({ childId: z.uuid(), action: z.enum(['check-in', 'check-out']) }),
    body: empty,
    response: Registration,
    errors: ['attendance.not-your-unit', ...registerRefusals],
  },
  history: {
    summary: 'Planned against actual per day',
    params: unitParam,
    querystring: span,
    response: z.array(HistoryDay),
    errors: [...unitRefusals, 'attendance.end-before-start', 'attendance.period-too-long'],
  },
  csv: {
    summary: 'Registrations of a period as CSV (semicolon-separated, for spreadsheets)',
    params: unitParam,
    querystring: span,
    response: z.string().describe('text/csv'),
    errors: [...unitRefusals, 'attendance.end-before-start', 'attendance.period-too-long'],
  },
  terminals: {
    summary: "The unit's entrance terminals",
    params: unitParam,
    response: z.array(Terminal),
    errors: ['attendance.leader-only'],
  },
  createTerminal: {
    summary: 'A new entrance terminal (its token is shown once)',
    params: unitParam,
    body: z.object({ name: z.string().trim().min(1, 'Giv terminalen et navn.').max(100) }).strict(),
    response: NewTerminal,
    status: 201,
    errors: ['attendance.leader-only', 'attendance.unit-not-found'],
  },
  revokeTerminal: {
    summary: 'Revoke an entrance terminal',
    params: unitParam.extend({ id: z.uuid() }),
    body: empty,
    response: z.object({ id: z.uuid(), revokedAt: z.string().nullable() }),
    errors: ['attendance.leader-only', 'attendance.terminal-not-found'],
  },
  closingDays: {
    summary: "A unit's closing days: listed ones and public holidays",
    params: unitParam,
    querystring: span,
    response: z.array(ClosingDay),
    errors: ['attendance.not-your-unit', 'attendance.end-before-start', 'attendance.period-too-long'],
  },
  addUnitClosingDay: {
    summary: "A unit's own closing day",
    params: unitParam,
    body: z.object({ date, name: z.string().trim().min(1).max(100) }).strict(),
    response: created,
    status: 201,
    errors: ['attendance.leader-only', 'attendance.closing-day-past'],
  },
  addMunicipalClosingDay: {
    summary: "A municipality's own closing day",
    body: z
      .object({ municipalityCode: z.string().regex(/^\d{4}$/), date, name: z.string().trim().min(1).max(100) })
      .strict(),
    response: created,
    status: 201,
    errors: ['attendance.closing-day-past'],
  },
  createQuestionnaire: {
    summary: 'Ask parents which days in a closure period they need care',
    body: z
      .object({
        municipalityCode: z.string().regex(/^\d{4}$/),
        unitId: z.uuid().nullable().default(null),
        title: z.string().trim().min(1).max(200),
        question: z.string().trim().min(1).max(500),
        start: date,
        end: date,
        deadline: date,
      })
      .strict(),
    response: created,
    status: 201,
    errors: ['attendance.questionnaire-period', 'attendance.questionnaire-deadline'],
  },
  questionnaires: { summary: 'Every holiday questionnaire, newest period first', response: z.array(Questionnaire) },
  unitQuestionnaires: {
    summary: 'Questionnaires asked of a unit with the expected children per open day',
    params: unitParam,
    response: z.array(UnitQuestionnaire),
    errors: unitRefusals,
  },
  childAttendance: {
    summary: "A child's registrations and absences",
    params: childParam,
    querystring: z.object({ from: date.optional(), to: date.optional() }),
    response: ChildAttendance,
    errors: ['attendance.not-in-custody', 'attendance.invalid-period'],
  },
  reportAbsence: {
    summary: 'Report sickness, a day off or a holiday',
    params: childParam,
    body: z.object({ type: z.enum(['sick', 'day_off', 'holiday']), start: date, end: date }).strict(),
    response: z.object({ id: z.uuid(), type: z.enum(['sick', 'day_off', 'holiday']), start: date, end: date }),
    status: 201,
    errors: [
      'attendance.not-in-custody',
      'attendance.end-before-start',
      'attendance.absence-too-old',
      'attendance.absence-too-long',
      'attendance.sick-only-today',
      'attendance.no-place-in-period',
    ],
  },
  cancelAbsence: {
    summary: 'Withdraw a reported absence that has not begun',
    params: z.object({ id: z.uuid() }),
    body: empty,
    response: created,
    errors: ['attendance.absence-not-found', 'attendance.absence-started'],
  },
  myQuestionnaires: { summary: 'Open holiday questionnaires for my children', response: z.array(CitizenQuestionnaire) },
  answer: {
    summary: "Answer a holiday questionnaire for a child (replaces the child's answers)",
    params: z.object({ id: z.uuid() }),
    body: z
      .object({
        childId: z.uuid(),
        days: z
          .array(z.object({ date, needsCare: z.boolean() }))
          .min(1)
          .max(120),
      })
      .strict(),
    response: z.object({ id: z.uuid(), childId: z.uuid(), days: z.number().int(), needsCare: z.number().int() }),
    errors: [
      'attendance.not-in-custody',
      'attendance.questionnaire-not-found',
      'attendance.questionnaire-not-for-child',
      'attendance.deadline-passed',
      'attendance.day-outside-period',
      'attendance.day-twice',
      'attendance.unit-closed-on-day',
    ],
  },
  terminalChildren: {
    summary: "Today's children of the terminal's unit, by group",
    response: TerminalDay,
    errors: [...terminalRefusals, 'attendance.unit-not-found'],
  },
  terminalCheckIn: {
    summary: 'Check a child in at the entrance',
    params: childParam,
    body: z.object({ pickupBy: pickup.optional() }).strict(),
    response: Registration,
    errors: [...terminalRefusals, ...registerRefusals],
  },
  terminalCheckOut: {
    summary: 'Check a child out at the entrance',
    params: childParam,
    body: empty,
    response: Registration,
    errors: [...terminalRefusals, ...registerRefusals],
  },
  terminalUndoCheckOut: {
    summary: 'Take back this terminal’s check-out of a moment ago (a correction with an audit row)',
    params: childParam,
    body: empty,
    response: Registration,
    errors: [...terminalRefusals, 'attendance.undo-expired', 'attendance.enrolment-changed', 'attendance.not-enrolled'],
  },
  terminalStatus: {
    summary: "Set a child's presence code (Aula 0–8)",
    params: childParam,
    body: z.object({ status: z.number().int().min(0).max(8) }).strict(),
    response: Registration,
    errors: [...terminalRefusals, ...registerRefusals],
  },
  terminalPickup: {
    summary: 'Who picks the child up today',
    params: childParam,
    body: z.object({ pickupBy: pickup }).strict(),
    response: Registration,
    errors: [...terminalRefusals, ...registerRefusals],
  },
} as const;
