// A unit's day on the staff home for its leader and staff: children expected, here, ill or away, and closing days
// coming up in the next two weeks.
import type { Db } from '../../platform/db/database.js';
import { UNIT_ROLES, type Actor } from '../../platform/auth/actor.js';
import type { WorkItem } from '../../platform/module.js';
import type { LocalDate } from '../../shared/index.js';
import { dayOverview } from './overview.js';
import { listedClosingDays, unitOf } from './queries.js';

export async function attendanceWork(db: Db, actor: Actor, today: LocalDate): Promise<WorkItem[]> {
  if (!UNIT_ROLES.includes(actor.role)) return [];
  const items: WorkItem[] = [];
  for (const unitId of actor.unitIds.slice(0, 6)) {
    const [unit, day, closing] = await Promise.all([
      unitOf(db, unitId),
      dayOverview(db, unitId, today, null),
      listedClosingDays(db, unitId, today.plusDays(1), today.plusDays(14)),
    ]);
    if (!unit) continue;
    const link = `/staff/fremmoede/${unitId}`;
    const t = day.totals;
    items.push(
      { key: 'work.unitPlaced', count: t.placed, tone: 'info', link, params: { unit: unit.name, present: t.present } },
      { key: 'work.unitAway', count: t.sick + t.absent, tone: 'info', link, params: { unit: unit.name, sick: t.sick } },
    );
    if (closing.length)
      items.push({
        key: 'work.closingDays',
        count: closing.length,
        tone: 'warning',
        link,
        params: { unit: unit.name, date: closing[0]!.date.toString() },
      });
  }
  return items;
}
