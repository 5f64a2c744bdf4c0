// The employees API: who works at a unit, in which job and for how many hours a week. The web imports these types.
import { z } from 'zod';
import { domainErrors } from '../../platform/http/errors.js';

export const JOB_TYPES = ['leder', 'paedagog', 'paedagogisk_assistent', 'medhjaelper', 'dagplejer'] as const;
export const JobType = z.enum(JOB_TYPES);

export const Employee = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  jobType: JobType,
  /** Contracted minutes a week (37 hours = 2220). */
  weeklyMinutes: z.number().int(),
  start: z.iso.date(),
  end: z.iso.date().nullable(),
  /** The staff login of this employee, if linked. */
  userId: z.uuid().nullable(),
});
export type Employee = z.infer<typeof Employee>;

export const UnitEmployees = z.object({
  date: z.iso.date(),
  employees: z.array(Employee),
  /** Full-time equivalents on the date: the weekly minutes over a full-time week (setting employees.full_time_minutes). */
  fte: z.number(),
  fullTimeMinutes: z.number().int(),
});
export type UnitEmployees = z.infer<typeof UnitEmployees>;

export const DagplejeChild = z.object({
  placementId: z.uuid(),
  childId: z.uuid(),
  name: z.string(),
  birthDate: z.iso.date(),
  dagplejerId: z.uuid().nullable(),
});
export type DagplejeChild = z.infer<typeof DagplejeChild>;

export const employeesError = domainErrors({
  'employees.unit-not-found': 'not-found',
  'employees.not-found': 'not-found',
  'employees.hours-out-of-range': 'invalid',
  'employees.end-before-start': 'invalid',
  'employees.dagplejer-only-in-dagpleje': 'invalid',
  'employees.user-not-found': 'invalid',
  'employees.placement-not-found': 'not-found',
  'employees.not-a-dagplejer-of-unit': 'invalid',
});

/** Weekly hours as the form asks: whole hours and minutes. */
const Hours = z.object({
  hours: z.number().int().min(0).max(48),
  minutes: z.number().int().min(0).max(59),
});
const unitParams = z.object({ unitId: z.uuid() });
const byId = z.object({ id: z.uuid() });

export const employeesContract = {
  list: {
    summary: "A unit's employees on a date (default today) and their full-time equivalents",
    params: unitParams,
    querystring: z.object({ date: z.iso.date().optional() }),
    response: UnitEmployees,
    errors: ['employees.unit-not-found'],
  },
  create: {
    summary: 'Add an employee to a unit: name, job type, weekly hours and period, optionally their staff login',
    params: unitParams,
    body: z.object({
      firstName: z.string().trim().min(1).max(100),
      lastName: z.string().trim().min(1).max(100),
      jobType: JobType,
      weekly: Hours,
      start: z.iso.date(),
      end: z.iso.date().nullable().default(null),
      userId: z.uuid().nullable().default(null),
    }),
    response: z.object({ id: z.uuid() }),
    status: 201,
    errors: [
      'employees.unit-not-found',
      'employees.hours-out-of-range',
      'employees.end-before-start',
      'employees.dagplejer-only-in-dagpleje',
      'employees.user-not-found',
    ],
  },
  changeHours: {
    summary: "Change an employee's weekly hours",
    params: byId,
    body: z.object({ weekly: Hours }),
    response: Employee,
    errors: ['employees.not-found', 'employees.hours-out-of-range'],
  },
  end: {
    summary: "End an employee's employment after the last working day",
    params: byId,
    body: z.object({ lastDay: z.iso.date() }),
    response: Employee,
    errors: ['employees.not-found', 'employees.end-before-start'],
  },
  dagplejeChildren: {
    summary: 'The children placed in a unit on a date (default today) and the dagplejer each is placed with',
    params: unitParams,
    querystring: z.object({ date: z.iso.date().optional() }),
    response: z.array(DagplejeChild),
  },
  setDagplejer: {
    summary: 'Name the dagplejer a child in dagpleje is placed with (null: none)',
    params: z.object({ placementId: z.uuid() }),
    body: z.object({ employeeId: z.uuid().nullable() }),
    response: z.object({ placementId: z.uuid(), dagplejerId: z.uuid().nullable() }),
    errors: ['employees.placement-not-found', 'employees.not-a-dagplejer-of-unit'],
  },
} as const;
