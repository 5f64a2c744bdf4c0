import { describe, expect, it } from 'vitest';
import { LocalDate } from '../../shared/index.js';
import {
  checkInFrom,
  checkOutFrom,
  closingReason,
  derivedStatus,
  fullTimeEquivalent,
  initials,
  openDays,
  plannedVsActual,
  presentPerHour,
  setStatusFrom,
  STATUS,
  totalFte,
  validAbsence,
  validCorrection,
  withinCorrectionWindow,
} from './rules.js';

describe('Aula status transitions', () => {
  it('checks in from not arrived, sick, absent and checked out, not twice', () => {
    for (const s of [0, 1, 2, 8]) expect(checkInFrom(s)).toEqual({ ok: true, status: STATUS.present });
    for (const s of [3, 4, 5, 6, 7]) expect(checkInFrom(s).ok).toBe(false);
  });
  it('checks out only a child in care', () => {
    for (const s of [3, 4, 5, 6, 7]) expect(checkOutFrom(s)).toEqual({ ok: true, status: STATUS.checkedOut });
    for (const s of [0, 1, 2, 8]) expect(checkOutFrom(s)).toEqual({ ok: false, code: 'attendance.not-checked-in' });
  });
  it('sets in-care statuses only on a checked-in child and sick/absent only before arrival', () => {
    expect(setStatusFrom(3, 5)).toEqual({ ok: true, status: 5 });
    expect(setStatusFrom(0, 5).ok).toBe(false);
    expect(setStatusFrom(0, 1)).toEqual({ ok: true, status: 1 });
    expect(setStatusFrom(3, 1).ok).toBe(false);
    expect(setStatusFrom(3, 8).ok).toBe(false);
    expect(setStatusFrom(1, 0).ok).toBe(false);
  });
  it('derives the status from a reported absence when nothing is registered', () => {
    expect(derivedStatus(null, 'sick')).toBe(1);
    expect(derivedStatus(null, 'holiday')).toBe(2);
    expect(derivedStatus(null, 'day_off')).toBe(2);
    expect(derivedStatus(null, null)).toBe(0);
    expect(derivedStatus(3, 'sick')).toBe(3);
  });
});

describe('FLIS full-time equivalents', () => {
  it('uses the 36 and 25 hour limits', () => {
    expect([40, 36.5, 36, 30, 25, 24.5, 10].map(fullTimeEquivalent)).toEqual([1, 1, 0.75, 0.75, 0.75, 0.5, 0.5]);
    expect(totalFte([40, 30, 20])).toBe(2.25);
  });
});

describe('corrections and absences', () => {
  const today = LocalDate.of(2026, 11, 23);
  it('keeps the correction window inclusive', () => {
    expect(withinCorrectionWindow(LocalDate.of(2026, 11, 16), today, 7)).toBe(true);
    expect(withinCorrectionWindow(LocalDate.of(2026, 11, 15), today, 7)).toBe(false);
  });
  it('refuses a check-out before the check-in and times that contradict the status', () => {
    expect(validCorrection({ status: 8, checkIn: '08:00', checkOut: '15:00' }).ok).toBe(true);
    expect(validCorrection({ status: 8, checkIn: '15:00', checkOut: '08:00' })).toEqual({
      ok: false,
      code: 'attendance.correction-out-before-in',
    });
    expect(validCorrection({ status: 8, checkIn: null, checkOut: '08:00' }).ok).toBe(false);
    expect(validCorrection({ status: 3, checkIn: '08:00', checkOut: '09:00' }).ok).toBe(false);
    expect(validCorrection({ status: 1, checkIn: '08:00', checkOut: null }).ok).toBe(false);
    expect(validCorrection({ status: 1, checkIn: null, checkOut: null }).ok).toBe(true);
  });
  it('refuses an absence ending before it starts or starting beyond the window', () => {
    expect(validAbsence(today, today.plusDays(2), today, 7).ok).toBe(true);
    expect(validAbsence(today.minusDays(7), today, today, 7).ok).toBe(true);
    expect(validAbsence(today.minusDays(8), today, today, 7)).toEqual({
      ok: false,
      code: 'attendance.absence-too-old',
      params: { days: 7 },
    });
    expect(validAbsence(today, today.minusDays(1), today, 7).ok).toBe(false);
  });
});

describe('closing days, planned against actual, hours', () => {
  it('names listed closing days, public holidays and weekends', () => {
    const listed = [{ date: LocalDate.of(2026, 12, 28), name: 'Juleluk' }];
    expect(closingReason(LocalDate.of(2026, 12, 28), listed)).toBe('Juleluk');
    expect(closingReason(LocalDate.of(2026, 12, 25), listed)).toMatch(/jul/i);
    expect(closingReason(LocalDate.of(2026, 11, 28), listed)).toBe('Lørdag');
    expect(closingReason(LocalDate.of(2026, 11, 23), listed)).toBeNull();
  });
  it('lists only open days: no weekends, no public holidays (25–26 December), no listed closing days', () => {
    const listed = [{ date: LocalDate.of(2026, 12, 28), name: 'Juleluk' }];
    expect(openDays(LocalDate.of(2026, 12, 21), LocalDate.of(2027, 1, 3), listed).map(String)).toEqual([
      '2026-12-21',
      '2026-12-22',
      '2026-12-23',
      '2026-12-24',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
    ]);
  });
  it('lets a correction keep the check-in of a child sent home sick, with its check-out', () => {
    expect(validCorrection({ status: 1, checkIn: '08:00', checkOut: '10:00' })).toEqual({ ok: true });
    expect(validCorrection({ status: 1, checkIn: '08:00', checkOut: null }).ok).toBe(false);
    expect(validCorrection({ status: 2, checkIn: '08:00', checkOut: '10:00' }).ok).toBe(false);
  });
  it('plans placed children who are not absent, and nobody on a closing day', () => {
    const kids = [
      { placed: true, absent: false, checkedIn: true },
      { placed: true, absent: true, checkedIn: false },
      { placed: true, absent: false, checkedIn: false },
    ];
    expect(plannedVsActual(kids, false)).toEqual({ planned: 2, actual: 1, difference: -1 });
    expect(plannedVsActual(kids, true).planned).toBe(0);
  });
  it('counts a child in every hour it overlaps, until now when not yet out', () => {
    const rows = [
      { checkIn: '07:30', checkOut: '09:00' },
      { checkIn: '08:10:00', checkOut: null },
      { checkIn: null, checkOut: null },
    ];
    expect(presentPerHour(rows, '10:15', [7, 8, 9, 10, 11])).toEqual([
      { hour: 7, present: 1 },
      { hour: 8, present: 2 },
      { hour: 9, present: 1 },
      { hour: 10, present: 1 },
      { hour: 11, present: 0 },
    ]);
    expect(initials(' ida marie', 'holm')).toBe('IH');
  });
});
