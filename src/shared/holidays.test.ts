import { describe, expect, it } from 'vitest';
import { danishPublicHolidays, easterSunday, isGuaranteeDay, isPublicHoliday, isWorkingDay } from './holidays.js';
import { LocalDate } from './local-date.js';

const d = LocalDate.parse;
const list = (year: number) => danishPublicHolidays(year).map((h) => `${h.date} ${h.name}`);

describe('easterSunday', () => {
  it.each([
    [1818, '1818-03-22'], // earliest possible
    [1943, '1943-04-25'], // latest possible
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i → %s', (year, date) => {
    expect(easterSunday(year).toString()).toBe(date);
    expect(easterSunday(year).dayOfWeek).toBe(7);
  });
});

describe('danishPublicHolidays', () => {
  it('2023 includes Store bededag', () => {
    expect(list(2023)).toEqual([
      '2023-01-01 Nytårsdag',
      '2023-04-06 Skærtorsdag',
      '2023-04-07 Langfredag',
      '2023-04-09 Påskedag',
      '2023-04-10 2. påskedag',
      '2023-05-05 Store bededag',
      '2023-05-18 Kristi himmelfartsdag',
      '2023-05-28 Pinsedag',
      '2023-05-29 2. pinsedag',
      '2023-12-25 Juledag',
      '2023-12-26 2. juledag',
    ]);
  });

  it('2024 (no Store bededag from 2024)', () => {
    expect(list(2024)).toEqual([
      '2024-01-01 Nytårsdag',
      '2024-03-28 Skærtorsdag',
      '2024-03-29 Langfredag',
      '2024-03-31 Påskedag',
      '2024-04-01 2. påskedag',
      '2024-05-09 Kristi himmelfartsdag',
      '2024-05-19 Pinsedag',
      '2024-05-20 2. pinsedag',
      '2024-12-25 Juledag',
      '2024-12-26 2. juledag',
    ]);
  });

  it('2025', () => {
    expect(list(2025)).toEqual([
      '2025-01-01 Nytårsdag',
      '2025-04-17 Skærtorsdag',
      '2025-04-18 Langfredag',
      '2025-04-20 Påskedag',
      '2025-04-21 2. påskedag',
      '2025-05-29 Kristi himmelfartsdag',
      '2025-06-08 Pinsedag',
      '2025-06-09 2. pinsedag',
      '2025-12-25 Juledag',
      '2025-12-26 2. juledag',
    ]);
  });

  it('2026', () => {
    expect(list(2026)).toEqual([
      '2026-01-01 Nytårsdag',
      '2026-04-02 Skærtorsdag',
      '2026-04-03 Langfredag',
      '2026-04-05 Påskedag',
      '2026-04-06 2. påskedag',
      '2026-05-14 Kristi himmelfartsdag',
      '2026-05-24 Pinsedag',
      '2026-05-25 2. pinsedag',
      '2026-12-25 Juledag',
      '2026-12-26 2. juledag',
    ]);
  });

  it('returns copies (callers cannot corrupt the cache)', () => {
    const a = danishPublicHolidays(2025);
    a[0]!.name = 'changed';
    a.pop();
    expect(danishPublicHolidays(2025)).toHaveLength(10);
    expect(danishPublicHolidays(2025)[0]!.name).toBe('Nytårsdag');
  });
});

describe('day classification', () => {
  it('isPublicHoliday', () => {
    expect(isPublicHoliday(d('2023-05-05'))).toBe(true); // Store bededag 2023
    expect(isPublicHoliday(d('2024-04-26'))).toBe(false); // would-be Store bededag 2024
    expect(isPublicHoliday(d('2026-05-14'))).toBe(true);
    expect(isPublicHoliday(d('2025-06-05'))).toBe(false); // Grundlovsdag is not a helligdag
    expect(isPublicHoliday(d('2025-12-24'))).toBe(false);
  });

  it('isWorkingDay', () => {
    expect(isWorkingDay(d('2025-04-17'))).toBe(false); // Skærtorsdag (Thu)
    expect(isWorkingDay(d('2025-04-22'))).toBe(true);
    expect(isWorkingDay(d('2025-04-19'))).toBe(false); // Saturday
    expect(isWorkingDay(d('2025-06-05'))).toBe(true);
    expect(isWorkingDay(d('2025-12-24'))).toBe(true);
  });

  it('isGuaranteeDay excludes 5 June and 24 December', () => {
    expect(isGuaranteeDay(d('2025-06-05'))).toBe(false); // Thursday
    expect(isGuaranteeDay(d('2025-12-24'))).toBe(false); // Wednesday
    expect(isGuaranteeDay(d('2025-06-06'))).toBe(true);
    expect(isGuaranteeDay(d('2025-12-23'))).toBe(true);
    expect(isGuaranteeDay(d('2025-12-25'))).toBe(false);
    expect(isGuaranteeDay(d('2025-05-29'))).toBe(false); // Kristi himmelfart
    expect(isGuaranteeDay(d('2025-05-31'))).toBe(false); // Saturday
  });

  it('2025 has 253 working days', () => {
    let n = 0;
    for (let x = d('2025-01-01'); x.year === 2025; x = x.plusDays(1)) if (isWorkingDay(x)) n++;
    expect(n).toBe(253); // 261 weekdays − 8 holidays on weekdays (Påskedag, Pinsedag fall on Sundays)
  });
});
