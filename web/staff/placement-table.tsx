// A table of a child's places (current ones marked).
import { Link } from 'react-router-dom';
import { DataTable } from '../shared/components.js';
import { formatDate, isCurrent } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useSession } from '../shared/session.js';
import type { Placement } from '../shared/types.js';

export function PlacementTable({ items }: { items: Placement[] }) {
  const { t, lang } = useT();
  const today = useSession().me?.today ?? '';
  if (items.length === 0) return <p className="muted">{t('child.noPlacements')}</p>;
  const sorted = [...items].sort((a, b) => b.start.localeCompare(a.start));
  return (
    <DataTable caption={t('child.placementsCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('col.unit')}</th>
          <th scope="col">{t('col.type')}</th>
          <th scope="col">{t('col.kind')}</th>
          <th scope="col">{t('col.start')}</th>
          <th scope="col">{t('col.end')}</th>
          <th scope="col" className="num">
            {t('col.hours')}
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((p) => (
          <tr key={p.id} className={isCurrent(p, today) ? 'is-current' : undefined}>
            <th scope="row">
              <Link to={`/staff/institutioner/${encodeURIComponent(p.unitId)}`}>{p.unitName}</Link>
              {isCurrent(p, today) && (
                <>
                  {' '}
                  <span className="tag">{t('placement.current')}</span>
                </>
              )}
            </th>
            <td>{t(`type.${p.unitType}`)}</td>
            <td>{t(`kind.${p.kind}`)}</td>
            <td>{formatDate(p.start, lang)}</td>
            <td>{p.end ? formatDate(p.end, lang) : '—'}</td>
            <td className="num">{p.hoursPerWeek}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
