// Pure attendance rules: Aula presence codes and their transitions, FLIS full-time equivalents,
// planned against actual, the correction window and which days are closing days.
import { danishPublicHolidays, LocalDate } from '../../shared/index.js';
import type { AttendanceCode } from './contract.js';

/** Aula presence codes. */
export const STATUS = {
  notArrived: 0,
  sick: 1,
  absent: 2,
  present: 3,
  trip: 4,
  sleeping: 5,
  activity: 6,
  physicalPlacement: 7,
  checkedOut: 8,
} as const;
export type Status = (typeof STATUS)[keyof typeof STATUS];
export const STATUS_CODES = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;

/** Statuses of a child who is in the unit's care right now (checked in and not out). */
export const IN_CARE: readonly number[] = [
  STATUS.present,
  STATUS.trip,
  STATUS.sleeping,
  STATUS.activity,
  STATUS.physicalPlacement,
];
const NOT_IN_YET: readonly number[] = [STATUS.notArrived, STATUS.sick, STATUS.absent];

/** A refusal is a code of the module's catalogue (contract.ts); the web words it. */
export type Refusal = { ok: false; code: AttendanceCode; params?: Record<string, number> };
export type Transition = { ok: true; status: Status } | Refusal;

export function checkInFrom(status: number): Transition {
  if (IN_CARE.includes(status)) return { ok: false, code: 'attendance.already-checked-in' };
  return { ok: true, status: STATUS.present }; // from not arrived, sick, absent or checked out (came back)
}

export function checkOutFrom(status: number): Transition {
  if (!IN_CARE.includes(status)) return { ok: false, code: 'attendance.not-checked-in' };
  return { ok: true, status: STATUS.checkedOut };
}

/** Status changes from the terminal or staff: in-care statuses need a checked-in child, sick/absent one who is not. */
export function setStatusFrom(current: number, target: number): Transition {
  if (target === STATUS.notArrived || target === STATUS.checkedOut) {
    return { ok: false, code: 'attendance.use-check-in-out' };
  }
  if (IN_CARE.includes(target)) {
    return IN_CARE.includes(current)
      ? { ok: true, status: target as Status }
      : { ok: false, code: 'attendance.check-in-first' };
  }
  if (!NOT_IN_YET.includes(current)) return { ok: false, code: 'attendance.check-out-first' };
  return { ok: true, status: target as Status };
}

/** The status shown when there is no registration yet: a reported absence counts, otherwise not arrived. */
export function derivedStatus(registered: number | null, absence: 'sick' | 'day_off' | 'holiday' | null): number {
  if (registered !== null) return registered;
  if (absence === 'sick') return STATUS.sick;
  if (absence) return STATUS.absent;
  return STATUS.notArrived;
}

/** FLIS full-time equivalent of a child from the weekly hours of the place: >36 h = 1, 25–36 h = 0.75, <25 h = 0.5. */
export function fullTimeEquivalent(hoursPerWeek: number): number {
  if (hoursPerWeek > 36) return 1;
  if (hoursPerWeek >= 25) return 0.75;
  return 0.5;
}

/** Planned (placed, not closed, not reported absent) against actual (checked in at any time that day). */
export function plannedVsActual(
  children: { placed: boolean; absent: boolean; checkedIn: boolean }[],
  closed: boolean,
): { planned: number; actual: number; difference: number } {
  const planned = closed ? 0 : children.filter((c) => c.placed && !c.absent).length;
  const actual = children.filter((c) => c.checkedIn).length;
  return { planned, actual, difference: actual - planned };
}

export const DEFAULT_CORRECTION_WINDOW_DAYS = 7;

/** A date may be corrected or reported for when it is no more than `windowDays` before today. */
export function withinCorrectionWindow(date: LocalDate, today: LocalDate, windowDays: number): boolean {
  return date.isOnOrAfter(today.minusDays(windowDays));
}

export interface ClosingDay {
  date: LocalDate;
  name: string;
}

/** Why a unit is closed on a date (weekend, public holiday, a listed closing day), or null when it is open. */
export function closingReason(date: LocalDate, listed: readonly ClosingDay[]): string | null {
  const own = listed.find((c) => c.date.isEqual(date));
  if (own) return own.name;
  const holiday = danishPublicHolidays(date.year).find((h) => h.date.isEqual(date));
  if (holiday) return holiday.name;
  if (date.isWeekend()) return date.dayOfWeek === 6 ? 'Lørdag' : 'Søndag';
  return null;
}

/** The days in [from, to] the unit is open: weekdays that are neither public holidays nor listed closing days. */
export function openDays(from: LocalDate, to: LocalDate, listed: readonly ClosingDay[]): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; d.isOnOrBefore(to); d = d.plusDays(1)) if (closingReason(d, listed) === null) out.push(d);
  return out;
}

/** Children present in each hour [h:00, h+1:00) from their check-in/out times ('HH:MM[:SS]'); out = null is still here. */
export function presentPerHour(
  rows: { checkIn: string | null; checkOut: string | null }[],
  now: string | null,
  hours: readonly number[],
) {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const end = now === null ? 24 * 60 : minutes(now);
  return hours.map((h) => ({
    hour: h,
    present: rows.filter(
      (r) =>
        r.checkIn !== null &&
        minutes(r.checkIn) < (h + 1) * 60 &&
        (r.checkOut !== null ? minutes(r.checkOut) : end) > h * 60,
    ).length,
  }));
}

/** "Ida Marie Holm" → "IH". */
export function initials(firstName: string, lastName: string): string {
  return (firstName.trim().charAt(0) + lastName.trim().charAt(0)).toUpperCase();
}

/** Seconds dropped: 'HH:MM:SS' → 'HH:MM'. */
export const hhmm = (t: string | null) => (t === null ? null : t.slice(0, 5));

export type Check = { ok: true } | Refusal;

/** A staff correction must describe a possible day: out after in, times that fit the status. */
export function validCorrection(c: { status: number; checkIn: string | null; checkOut: string | null }): Check {
  if (c.checkOut !== null && c.checkIn === null) return { ok: false, code: 'attendance.correction-out-without-in' };
  if (c.checkIn !== null && c.checkOut !== null && c.checkOut < c.checkIn)
    return { ok: false, code: 'attendance.correction-out-before-in' };
  if (IN_CARE.includes(c.status) && (c.checkIn === null || c.checkOut !== null)) {
    return { ok: false, code: 'attendance.correction-present-times' };
  }
  if (c.status === STATUS.checkedOut && c.checkOut === null)
    return { ok: false, code: 'attendance.correction-checked-out-needs-out' };
  // Sick after arriving: sent home sick, with both the check-in and the check-out kept.
  if (c.status === STATUS.sick && c.checkIn !== null && c.checkOut === null)
    return { ok: false, code: 'attendance.correction-sent-home-needs-out' };
  if (NOT_IN_YET.includes(c.status) && c.status !== STATUS.sick && (c.checkIn !== null || c.checkOut !== null)) {
    return { ok: false, code: 'attendance.correction-not-arrived-times' };
  }
  return { ok: true };
}

/** A parent's report of sickness, a day off or a holiday: a real period, not too far back. */
export function validAbsence(start: LocalDate, end: LocalDate, today: LocalDate, windowDays: number): Check {
  if (end.isBefore(start)) return { ok: false, code: 'attendance.end-before-start' };
  if (!withinCorrectionWindow(start, today, windowDays)) {
    return { ok: false, code: 'attendance.absence-too-old', params: { days: windowDays } };
  }
  if (start.daysUntil(end) > 366) return { ok: false, code: 'attendance.absence-too-long' };
  return { ok: true };
}

/** FLIS full-time equivalents summed over children's weekly hours. */
export const totalFte = (hours: readonly number[]) => hours.reduce((s, h) => s + fullTimeEquivalent(h), 0);
