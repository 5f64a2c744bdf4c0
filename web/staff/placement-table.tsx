// A table of a child's places (current ones marked), newest first; sortable like every staff table.
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
  return (
    <DataTable
      caption={t('child.placementsCaption')}
      rows={items}
      rowKey={(p) => p.id}
      initialSort={{ column: 'start', direction: 'descending' }}
      rowClassName={(p) => (isCurrent(p, today) ? 'is-current' : undefined)}
      columns={[
        {
          id: 'unit',
          header: t('col.unit'),
          rowHeader: true,
          sort: (p) => p.unitName,
          cell: (p) => (
            <>
              <Link to={`/staff/institutioner/${encodeURIComponent(p.unitId)}`}>{p.unitName}</Link>
              {isCurrent(p, today) && (
                <>
                  {' '}
                  <span className="tag">{t('placement.current')}</span>
                </>
              )}
            </>
          ),
        },
        {
          id: 'type',
          header: t('col.type'),
          sort: (p) => t(`type.${p.unitType}`),
          cell: (p) => t(`type.${p.unitType}`),
        },
        { id: 'kind', header: t('col.kind'), sort: (p) => t(`kind.${p.kind}`), cell: (p) => t(`kind.${p.kind}`) },
        {
          id: 'start',
          header: t('col.start'),
          sort: (p) => p.start,
          text: (p) => formatDate(p.start, lang),
          cell: (p) => formatDate(p.start, lang),
        },
        {
          id: 'end',
          header: t('col.end'),
          sort: (p) => p.end,
          text: (p) => (p.end ? formatDate(p.end, lang) : ''),
          cell: (p) => (p.end ? formatDate(p.end, lang) : '—'),
        },
        {
          id: 'hours',
          header: t('col.hours'),
          numeric: true,
          sort: (p) => p.hoursPerWeek,
          cell: (p) => p.hoursPerWeek,
        },
      ]}
    />
  );
}
