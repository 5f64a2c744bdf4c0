import { Temporal } from 'temporal-polyfill';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Dates parsed lately (a LocalDate is immutable, so one may be shared): requests and rows repeat the same few. */
const parsed = new Map<string, LocalDate>();
const PARSED_HELD = 4096;

/** A calendar date without time or zone (ISO calendar). Immutable. */
export class LocalDate {
  readonly date: Temporal.PlainDate;

  private constructor(date: Temporal.PlainDate) {
    this.date = date;
  }

  static of(year: number, month: number, day: number): LocalDate {
    if (![year, month, day].every(Number.isInteger)) {
      throw new RangeError(`Invalid date: ${year}-${month}-${day} (integers required)`);
    }
    try {
      return new LocalDate(Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' }));
    } catch {
      throw new RangeError(`Invalid date: ${year}-${month}-${day} is not a calendar date`);
    }
  }

  /** Strict 'YYYY-MM-DD' only; no times, offsets, week dates or expanded years. */
  static parse(s: string): LocalDate {
    const held = parsed.get(s);
    if (held) return held;
    const m = typeof s === 'string' ? ISO_DATE.exec(s) : null;
    if (!m) throw new RangeError(`Invalid date ${JSON.stringify(s)}: expected format YYYY-MM-DD`);
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    let date: LocalDate;
    try {
      date = LocalDate.of(y, mo, d);
    } catch {
      throw new RangeError(`Invalid date ${JSON.stringify(s)}: not a real calendar date`);
    }
    if (parsed.size >= PARSED_HELD) parsed.clear();
    parsed.set(s, date);
    return date;
  }

  static tryParse(s: string): LocalDate | null {
    try {
      return LocalDate.parse(s);
    } catch {
      return null;
    }
  }

  static fromPlainDate(d: Temporal.PlainDate): LocalDate {
    return new LocalDate(d);
  }

  static min(...dates: LocalDate[]): LocalDate {
    if (dates.length === 0) throw new RangeError('LocalDate.min requires at least one date');
    return dates.reduce((a, b) => (b.isBefore(a) ? b : a));
  }

  static max(...dates: LocalDate[]): LocalDate {
    if (dates.length === 0) throw new RangeError('LocalDate.max requires at least one date');
    return dates.reduce((a, b) => (b.isAfter(a) ? b : a));
  }

  get year(): number {
    return this.date.year;
  }
  get month(): number {
    return this.date.month;
  }
  get day(): number {
    return this.date.day;
  }
  /** 1 = Monday … 7 = Sunday. */
  get dayOfWeek(): number {
    return this.date.dayOfWeek;
  }

  // Temporal's default overflow is 'constrain': 31 Jan + 1 month = 28/29 Feb.
  plusDays(n: number): LocalDate {
    return new LocalDate(this.date.add({ days: n }));
  }
  plusWeeks(n: number): LocalDate {
    return new LocalDate(this.date.add({ weeks: n }));
  }
  plusMonths(n: number): LocalDate {
    return new LocalDate(this.date.add({ months: n }));
  }
  plusYears(n: number): LocalDate {
    return new LocalDate(this.date.add({ years: n }));
  }
  minusDays(n: number): LocalDate {
    return this.plusDays(-n);
  }
  firstOfMonth(): LocalDate {
    return new LocalDate(this.date.with({ day: 1 }));
  }
  lastOfMonth(): LocalDate {
    return new LocalDate(this.date.with({ day: this.date.daysInMonth }));
  }

  compare(other: LocalDate): -1 | 0 | 1 {
    return Math.sign(Temporal.PlainDate.compare(this.date, other.date)) as -1 | 0 | 1;
  }
  isBefore(other: LocalDate): boolean {
    return this.compare(other) < 0;
  }
  isAfter(other: LocalDate): boolean {
    return this.compare(other) > 0;
  }
  isEqual(other: LocalDate): boolean {
    return this.compare(other) === 0;
  }
  isOnOrBefore(other: LocalDate): boolean {
    return this.compare(other) <= 0;
  }
  isOnOrAfter(other: LocalDate): boolean {
    return this.compare(other) >= 0;
  }

  /** other − this, in days (negative if other is earlier). */
  daysUntil(other: LocalDate): number {
    return this.date.until(other.date, { largestUnit: 'days' }).days;
  }

  /**
   * Whole completed months from this (a birth date) to `on`: the largest m with
   * this.plusMonths(m) <= on. Because plusMonths constrains to month end, a child
   * born 31 Jan is 1 month old on 28/29 Feb. (Temporal's own `until` would say
   * P29D/P28D there, so we count explicitly.) Negative (floored) if `on` is
   * before this date.
   */
  ageInMonths(on: LocalDate): number {
    const m = (on.year - this.year) * 12 + (on.month - this.month);
    return this.plusMonths(m).isAfter(on) ? m - 1 : m;
  }

  /** Same rule in years: born 29 Feb 2020 is 1 year old on 28 Feb 2021. */
  ageInYears(on: LocalDate): number {
    const y = on.year - this.year;
    return this.plusYears(y).isAfter(on) ? y - 1 : y;
  }

  isWeekend(): boolean {
    return this.dayOfWeek >= 6;
  }

  toString(): string {
    return this.date.toString();
  }
  /** "1. marts 2026": how a date reads in a Danish text written by the server (inbox tasks, reasons). */
  toDanish(): string {
    return `${this.day}. ${DANISH_MONTHS[this.month - 1]} ${this.year}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

const DANISH_MONTHS = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];

/** Days since 1970-01-01 (proleptic Gregorian), without Temporal: for hot loops over dates. */
export function epochDay(d: { year: number; month: number; day: number }): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5) + d.day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}
export const fromEpochDay = (n: number): LocalDate => LocalDate.of(1970, 1, 1).plusDays(n);
