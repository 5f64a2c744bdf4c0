import { LocalDate } from './local-date.js';

/** Inclusive date range [start, end]; end === null means open-ended. */
export class DateRange {
  readonly start: LocalDate;
  readonly end: LocalDate | null;

  constructor(start: LocalDate, end: LocalDate | null = null) {
    if (end !== null && end.isBefore(start)) {
      throw new RangeError(`Invalid range: end ${end} is before start ${start}`);
    }
    this.start = start;
    this.end = end;
  }

  static of(start: LocalDate, end: LocalDate | null = null): DateRange {
    return new DateRange(start, end);
  }

  /**
   * Parses PostgreSQL daterange output. PG canonicalises dateranges to '[a,b)'
   * (exclusive upper), which we turn back into an inclusive end; other bracket
   * forms are accepted too. 'empty' and unbounded lower bounds cannot be represented.
   */
  static fromPg(s: string): DateRange {
    const m = /^([[(])(\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2}|infinity)?([\])])$/.exec(s.trim());
    if (!m) throw new RangeError(`Unsupported PostgreSQL daterange: ${JSON.stringify(s)}`);
    const [, lo, startStr, endStr, hi] = m;
    const start = LocalDate.parse(startStr!);
    const first = lo === '(' ? start.plusDays(1) : start;
    if (endStr === undefined || endStr === 'infinity') return new DateRange(first, null);
    const upper = LocalDate.parse(endStr);
    return new DateRange(first, hi === ')' ? upper.minusDays(1) : upper);
  }

  get isOpenEnded(): boolean {
    return this.end === null;
  }

  includes(date: LocalDate): boolean {
    return date.isOnOrAfter(this.start) && (this.end === null || date.isOnOrBefore(this.end));
  }

  overlaps(other: DateRange): boolean {
    return (
      (this.end === null || other.start.isOnOrBefore(this.end)) &&
      (other.end === null || this.start.isOnOrBefore(other.end))
    );
  }

  /** True if every day of `other` lies within this range. */
  contains(other: DateRange): boolean {
    if (other.start.isBefore(this.start)) return false;
    if (this.end === null) return true;
    return other.end !== null && other.end.isOnOrBefore(this.end);
  }

  intersection(other: DateRange): DateRange | null {
    if (!this.overlaps(other)) return null;
    const start = LocalDate.max(this.start, other.start);
    const ends = [this.end, other.end].filter((e): e is LocalDate => e !== null);
    return new DateRange(start, ends.length ? LocalDate.min(...ends) : null);
  }

  /** Number of days, both ends inclusive. */
  days(): number {
    if (this.end === null) throw new RangeError(`Cannot count days of open-ended range ${this}`);
    return this.start.daysUntil(this.end) + 1;
  }

  *daysIterator(): Generator<LocalDate> {
    if (this.end === null) throw new RangeError(`Cannot iterate open-ended range ${this}`);
    for (let d = this.start; d.isOnOrBefore(this.end); d = d.plusDays(1)) yield d;
  }

  /** PostgreSQL literal with exclusive upper bound, e.g. '[2024-01-01,2025-01-01)'. */
  toPgDaterange(): string {
    return `[${this.start},${this.end === null ? '' : this.end.plusDays(1)})`;
  }

  toString(): string {
    return this.end === null ? `[${this.start},)` : `[${this.start},${this.end}]`;
  }

  toJSON(): { start: string; end: string | null } {
    return { start: this.start.toString(), end: this.end?.toString() ?? null };
  }
}
