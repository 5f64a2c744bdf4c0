// Dates of a round as epoch days, parsed once per distinct date (the model reads every applicant's dates).
import { epochDay, LocalDate } from '../../shared/index.js';

/**
 * 'YYYY-MM-DD' → epoch day without Temporal (the polyfill costs ~10 µs a date; a national round has 200,000).
 * Anything that is not a real calendar date goes through LocalDate.parse for its error message.
 */
function parseDay(s: string): { year: number; month: number; day: number } {
  const year = +s.slice(0, 4),
    month = +s.slice(5, 7),
    dd = +s.slice(8, 10);
  const ok =
    s.length === 10 &&
    s[4] === '-' &&
    s[7] === '-' &&
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    dd >= 1 &&
    dd <=
      (month === 2
        ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
          ? 29
          : 28
        : [4, 6, 9, 11].includes(month)
          ? 30
          : 31) &&
    Number.isInteger(year + month + dd);
  if (!ok) {
    LocalDate.parse(s);
    throw new RangeError(`Invalid date ${JSON.stringify(s)}`);
  }
  return { year, month, day: dd };
}
/** A round repeats the same few hundred dates many thousand times: each is parsed once per model. */
export type DayCache = Map<string, number>;
export function dayIn(cache: DayCache, s: string): number {
  let d = cache.get(s);
  if (d === undefined) {
    d = epochDay(parseDay(s));
    cache.set(s, d);
  }
  return d;
}
/** The 1st of the month in which a child born on `birth` is `months` old. */
export function transitionDay(cache: DayCache, birth: string, months: number): number {
  let d = cache.get(birth);
  if (d === undefined) {
    const b = parseDay(birth),
      m = b.year * 12 + (b.month - 1) + months;
    d = epochDay({ year: Math.floor(m / 12), month: (m % 12) + 1, day: 1 });
    cache.set(birth, d);
  }
  return d;
}
