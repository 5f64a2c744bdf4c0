// "Mine børn": a card per child with age and current and future places.
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading, Page, useApi } from '../shared/components.js';
import { formatAge, formatDate, formatPeriod, isCurrent, isFuture } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { LoginRequired } from '../shared/layout.js';
import { useCan, useSession } from '../shared/session.js';
import type { CitizenChild, Placement } from '../../src/modules/people/contract.js';

export function MyChildrenPage() {
  const { t } = useT();
  const { me, loading } = useSession();
  const can = useCan();
  if (loading) return <Loading />;
  if (!me?.user) return <LoginRequired />;
  if (!can('people.own-children')) return <Page title={t('children.title')} lead={t('children.staffUser')} />;
  return <ChildrenList today={me.today} userId={me.user.id} />;
}

function ChildrenList({ today, userId }: { today: string; userId: string }) {
  const { t } = useT();
  const { data, error, loading, reload } = useApi<CitizenChild[]>('/api/citizen/children', userId);
  return (
    <Page title={t('children.title')}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && data.length === 0 && <p>{t('children.none')}</p>}
      {data && data.length > 0 && (
        <ul className="card-grid child-cards">
          {data.map((c) => (
            <ChildCard key={c.id} child={c} today={today} />
          ))}
        </ul>
      )}
      <section className="panel" aria-labelledby="insight-h">
        <h2 id="insight-h">{t('insight.title')}</h2>
        <p>{t('insight.lead')}</p>
        <p className="form-actions">
          <a className="button secondary" href="/api/citizen/insight.pdf" download>
            {t('insight.pdf')}
          </a>
          <a className="button secondary" href="/api/citizen/insight" download="indsigt.json">
            {t('insight.json')}
          </a>
        </p>
      </section>
    </Page>
  );
}

function ChildCard({ child, today }: { child: CitizenChild; today: string }) {
  const { t, lang } = useT();
  const current = child.placements.filter((p) => isCurrent(p, today));
  const future = child.placements.filter((p) => isFuture(p, today)).sort((a, b) => a.start.localeCompare(b.start));
  return (
    <li className="card child-card">
      <h2>
        {child.firstName} {child.lastName}
      </h2>
      <p className="child-age">{formatAge(child.ageMonths, t)}</p>
      <p className="muted">{t('children.born', { date: formatDate(child.birthDate, lang) })}</p>
      <h3>{t('children.current')}</h3>
      {current.length ? <PlacementList items={current} /> : <p className="muted">{t('children.noCurrent')}</p>}
      <h3>{t('children.future')}</h3>
      {future.length ? <PlacementList items={future} /> : <p className="muted">{t('children.noFuture')}</p>}
    </li>
  );
}

function PlacementList({ items }: { items: Placement[] }) {
  const { t, lang } = useT();
  return (
    <ul className="placement-list">
      {items.map((p) => (
        <li key={p.id}>
          <strong>
            <Link to={`/institutioner?unit=${encodeURIComponent(p.unitId)}`}>{p.unitName}</Link>
          </strong>
          <span className="muted">
            {' '}
            · {t(`type.${p.unitType}`)} · {t(`kind.${p.kind}`)}
          </span>
          <br />
          {formatPeriod(p.start, p.end, t, lang)} · {t('placement.hours', { n: p.hoursPerWeek })}
        </li>
      ))}
    </ul>
  );
}
