// Expected occupancy per unit and month for cluster leaders: children by age group, bookings starting, and the
// staff minimum staffing implies (1 adult per 3 children aged 0–2, per 6 aged 3–5).
import type { UnitOccupancy } from './store.js';
import { epochOf } from '../../shared/iso-day.js';
import { freeAt, segmentAt } from './timeline.js';
import type { LocalDate } from '../../shared/index.js';

export interface MonthFigures {
  month: string;
  capacity: number;
  load: number;
  nursery: number;
  kindergarten: number;
  bookingsStarting: number;
  staff: number;
}

export function monthlyOutlook(
  o: UnitOccupancy,
  firstMonth: LocalDate,
  months: number,
  bookingStarts: number[],
): MonthFigures[] {
  const out: MonthFigures[] = [];
  for (let k = 0; k < months; k++) {
    const m = firstMonth.plusMonths(k),
      d = epochOf(m.toString()),
      next = epochOf(m.plusMonths(1).toString());
    let nursery = 0,
      kindergarten = 0;
    for (const it of o.items) {
      if (it.from > d || it.to <= d || it.schoolStart <= d) continue;
      if (d < it.transition) nursery++;
      else kindergarten++;
    }
    const free = freeAt(o.timeline, d);
    const capacity = o.timeline.cap[segmentAt(o.timeline, d)]!;
    out.push({
      month: m.toString().slice(0, 7),
      capacity,
      load: Math.round((capacity - free) * 10) / 10,
      nursery,
      kindergarten,
      bookingsStarting: bookingStarts.filter((s) => s >= d && s < next).length,
      staff: Math.round((nursery / 3 + kindergarten / 6) * 10) / 10,
    });
  }
  return out;
}
