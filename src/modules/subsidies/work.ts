// Subsidies on the staff home: for finance, whether next month's payout (the month the payout page opens on) has been
// approved and for how many cases; for caseworkers, the
// applications waiting for a decision (the first deadline named).
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { WorkItem } from '../../platform/module.js';
import type { LocalDate } from '../../shared/index.js';
import { subsidiesPolicy } from './policy.js';
import { casesForMonth, listCases, listRuns } from './queries.js';

export async function subsidiesWork(db: Db, actor: Actor, today: LocalDate): Promise<WorkItem[]> {
  const municipality = actor.municipalityCode;
  if (!municipality) return [];
  const subject = { municipalityCode: municipality };
  const items: WorkItem[] = [];
  if (subsidiesPolicy.can(actor, 'subsidies.decide', subject)) {
    const open = (await listCases(db, 'applied')).filter((c) => c.municipality_code === municipality);
    const deadlines = open.map((c) => String(c.deadline)).sort();
    items.push({
      key: 'work.subsidyCases',
      count: open.length,
      tone: deadlines[0] && deadlines[0] <= today.plusDays(7).toString() ? 'warning' : 'info',
      link: '/staff/tilskud',
      ...(deadlines[0] ? { params: { date: deadlines[0] } } : {}),
    });
  }
  if (subsidiesPolicy.can(actor, 'subsidies.pay', subject)) {
    const first = today.plusMonths(1).firstOfMonth();
    const month = first.toString();
    const run = (await listRuns(db, municipality)).find((r) => String(r.month) === month);
    const link = '/staff/tilskud-udbetaling';
    if (run) items.push({ key: 'work.payoutApproved', count: run.lines, tone: 'info', link, params: { month } });
    else {
      const due = await casesForMonth(db, municipality, first, first.plusMonths(1).minusDays(1));
      items.push({ key: 'work.payoutNotApproved', count: due.length, tone: 'warning', link, params: { month } });
    }
  }
  return items;
}
