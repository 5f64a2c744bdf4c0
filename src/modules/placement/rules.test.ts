import { describe, expect, it } from 'vitest';
import { LocalDate } from '../../shared/index.js';
import {
  guaranteeDate,
  kindFitsAge,
  maxWishes,
  noticeLastDay,
  seniorityDate,
  earliestStart,
  schoolStart,
} from './rules.js';

const d = LocalDate.parse;

describe('garantidato (§23)', () => {
  const birth = d('2026-01-05');
  it('a place wanted at 26 weeks is guaranteed 4 weeks later (26 + 4 weeks)', () => {
    expect(birth.plusWeeks(26).toString()).toBe('2026-07-06');
    expect(guaranteeDate(birth, d('2026-07-06'), d('2026-02-01'), 'dagtilbud')?.toString()).toBe('2026-08-03');
  });
  it('a behovsdato before 26 weeks is guaranteed at 30 weeks', () => {
    expect(guaranteeDate(birth, d('2026-05-01'), d('2026-02-01'), 'dagtilbud')?.toString()).toBe('2026-08-03');
  });
  it('a later behovsdato applied for in time is the garantidato itself', () => {
    expect(guaranteeDate(birth, d('2027-01-04'), d('2026-03-01'), 'dagtilbud')?.toString()).toBe('2027-01-04');
  });
  it('otherwise at most 3 months after the application', () => {
    expect(guaranteeDate(d('2024-05-01'), d('2026-09-15'), d('2026-09-10'), 'dagtilbud')?.toString()).toBe(
      '2026-12-10',
    );
    // applied late for 26 weeks: 3 months after the application beats 30 weeks
    expect(guaranteeDate(birth, d('2026-07-06'), d('2026-05-20'), 'dagtilbud')?.toString()).toBe('2026-08-20');
  });
  it('24 December and 5 June are not guarantee days (nor holidays and weekends)', () => {
    expect(guaranteeDate(d('2024-05-01'), d('2026-10-01'), d('2026-09-24'), 'dagtilbud')?.toString()).toBe(
      '2026-12-28',
    );
    expect(guaranteeDate(d('2024-05-01'), d('2026-03-10'), d('2026-03-05'), 'dagtilbud')?.toString()).toBe(
      '2026-06-08',
    );
  });
  it('only dagtilbud has a statutory guarantee', () => {
    expect(guaranteeDate(d('2020-03-01'), d('2026-08-01'), d('2026-03-01'), 'fritidstilbud')).toBeNull();
  });
});

describe('placement rules', () => {
  it('seniority counts from the application, not before 4 months of age', () => {
    expect(seniorityDate(d('2026-01-05'), d('2026-01-20'), 4).toString()).toBe('2026-05-05');
    expect(seniorityDate(d('2026-01-05'), d('2026-08-01'), 4).toString()).toBe('2026-08-01');
  });
  it('earliest start in weeks (26) or months (Copenhagen: 6)', () => {
    expect(earliestStart(d('2026-01-05'), { weeks: 26 }).toString()).toBe('2026-07-06');
    expect(earliestStart(d('2026-01-05'), { months: 6 }).toString()).toBe('2026-07-05');
  });
  it('notice: one month, to the 15th or the end of a month', () => {
    expect(noticeLastDay(d('2026-11-23'), { months: 1, to: '15_or_month_end' }).toString()).toBe('2026-12-31');
    expect(noticeLastDay(d('2026-11-05'), { months: 1, to: '15_or_month_end' }).toString()).toBe('2026-12-15');
    expect(noticeLastDay(d('2026-11-05'), { months: 1, to: 'month_end' }).toString()).toBe('2026-12-31');
  });
  it('wishes by age band and kinds by age', () => {
    const limits = { '0-2': 2, '3-5': 3 };
    expect(maxWishes(limits, 10)).toBe(2);
    expect(maxWishes(limits, 40)).toBe(3);
    const birth = d('2024-03-01');
    expect(schoolStart(birth).toString()).toBe('2030-08-01');
    expect(kindFitsAge('vuggestue', birth, d('2026-12-01'), 34, 4)).toBe(true);
    expect(kindFitsAge('vuggestue', birth, d('2027-01-01'), 34, 4)).toBe(false);
    expect(kindFitsAge('boernehave', birth, d('2027-01-01'), 34, 4)).toBe(true);
    expect(kindFitsAge('boernehave', birth, d('2030-08-01'), 34, 4)).toBe(false);
    expect(kindFitsAge('sfo', birth, d('2030-04-01'), 34, 4)).toBe(true);
    expect(kindFitsAge('klub', birth, d('2030-08-01'), 34, 4)).toBe(false);
  });
});
