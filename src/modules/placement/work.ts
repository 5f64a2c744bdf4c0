// The pladsanvisning's work for today on the staff home: open inbox tasks, guarantees at risk or breached, offers
// awaiting the family's answer.
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { WorkItem } from '../../platform/module.js';
import type { LocalDate } from '../../shared/index.js';
import { guaranteeOverview } from './guarantee.js';
import { placementPolicy } from './policy.js';
import { municipalScope, peopleOfMunicipality } from '../people/index.js';
import { inboxTasks, pendingOfferSummary } from './queries.js';

export async function placementWork(db: Db, actor: Actor, today: LocalDate): Promise<WorkItem[]> {
  if (!placementPolicy.can(actor, 'placement.read')) return [];
  const scope = await municipalScope(db, actor);
  const [open, guarantee, offers] = await Promise.all([
    inboxTasks(db, false),
    guaranteeOverview(db, scope, today),
    pendingOfferSummary(db, scope.unitIds),
  ]);
  // As the inbox page: tasks about the municipality's children, and tasks about no child.
  const own = await peopleOfMunicipality(
    db,
    open.flatMap((r) => (r.childId ? [r.childId] : [])),
    scope,
    today,
  );
  const inbox = open.filter((r) => !r.childId || own.has(r.childId)).length;
  const breached = guarantee.filter((g) => g.breached).length;
  const items: WorkItem[] = [
    { key: 'work.inbox', count: inbox, tone: inbox ? 'warning' : 'info', link: '/staff/indbakke' },
    {
      key: 'work.guaranteeRisk',
      count: guarantee.length - breached,
      tone: guarantee.length - breached ? 'warning' : 'info',
      link: '/staff/garanti',
    },
    {
      key: 'work.offersPending',
      count: offers.n,
      tone: 'info',
      link: '/staff/venteliste',
      ...(offers.firstDeadline ? { params: { date: offers.firstDeadline } } : {}),
    },
  ];
  if (breached)
    items.splice(1, 0, { key: 'work.guaranteeBreached', count: breached, tone: 'danger', link: '/staff/garanti' });
  return items;
}
