// The injectable clock. In demo mode an administrator may set "today"; the value lives in system_state.
import { Temporal } from 'temporal-polyfill';
import { LocalDate } from '../shared/index.js';
import type { Db } from './db/database.js';

export interface Clock {
  today(): LocalDate;
  /** Wall-clock instant, for timestamps (sessions, audit). */
  now(): Temporal.Instant;
}

export class AppClock implements Clock {
  private fixed: LocalDate | null = null;
  constructor(private readonly zone = 'Europe/Copenhagen') {}

  today(): LocalDate {
    return this.fixed ?? LocalDate.fromPlainDate(Temporal.Now.plainDateISO(this.zone));
  }
  now(): Temporal.Instant {
    return Temporal.Now.instant();
  }
  async load(db: Db): Promise<void> {
    const row = await db.selectFrom('system_state').select('value').where('key', '=', 'clock.today').executeTakeFirst();
    this.fixed = row ? LocalDate.parse(row.value) : null;
  }
  async setToday(db: Db, today: LocalDate | null): Promise<void> {
    if (today) {
      await db
        .insertInto('system_state')
        .values({ key: 'clock.today', value: JSON.stringify(today.toString()) })
        .onConflict((c) => c.column('key').doUpdateSet({ value: JSON.stringify(today.toString()) }))
        .execute();
    } else {
      await db.deleteFrom('system_state').where('key', '=', 'clock.today').execute();
    }
    this.fixed = today;
  }
}

/** A clock fixed at one date, for tests and batch runs. */
export function fixedClock(today: LocalDate): Clock {
  return { today: () => today, now: () => Temporal.Now.instant() };
}
