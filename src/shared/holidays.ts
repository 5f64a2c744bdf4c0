import { LocalDate } from './local-date.js';

export interface PublicHoliday {
  date: LocalDate;
  name: string;
}

/** Easter Sunday, anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return LocalDate.of(year, month, day);
}

// Offsets from Easter Sunday. Store bededag was abolished from 2024.
const EASTER_BASED: readonly [number, string][] = [
  [-3, 'Skærtorsdag'],
  [-2, 'Langfredag'],
  [0, 'Påskedag'],
  [1, '2. påskedag'],
  [26, 'Store bededag'],
  [39, 'Kristi himmelfartsdag'],
  [49, 'Pinsedag'],
  [50, '2. pinsedag'],
];

const cache = new Map<number, readonly PublicHoliday[]>();

function holidaysOf(year: number): readonly PublicHoliday[] {
  let list = cache.get(year);
  if (!list) {
    const easter = easterSunday(year);
    list = [
      { date: LocalDate.of(year, 1, 1), name: 'Nytårsdag' },
      ...EASTER_BASED.filter(([offset]) => offset !== 26 || year < 2024).map(([offset, name]) => ({
        date: easter.plusDays(offset),
        name,
      })),
      { date: LocalDate.of(year, 12, 25), name: 'Juledag' },
      { date: LocalDate.of(year, 12, 26), name: '2. juledag' },
    ].sort((x, y) => x.date.compare(y.date));
    cache.set(year, list);
  }
  return list;
}

/** Danish public holidays (helligdage) of a year, sorted by date. */
export function danishPublicHolidays(year: number): { date: LocalDate; name: string }[] {
  return holidaysOf(year).map((h) => ({ ...h }));
}

export function isPublicHoliday(date: LocalDate): boolean {
  return holidaysOf(date.year).some((h) => h.date.isEqual(date));
}

/** Monday–Friday and not a public holiday. */
export function isWorkingDay(date: LocalDate): boolean {
  return !date.isWeekend() && !isPublicHoliday(date);
}

/**
 * A day daycare must be open (pasningsgaranti): a working day that is not
 * Grundlovsdag (5 June) or Juleaftensdag (24 Dec), which are customary closing days.
 */
export function isGuaranteeDay(date: LocalDate): boolean {
  if (date.month === 6 && date.day === 5) return false;
  if (date.month === 12 && date.day === 24) return false;
  return isWorkingDay(date);
}
