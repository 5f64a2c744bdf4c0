// Cluster leaders: the next 12 months per unit: bookings, expected occupancy and the staff minimum staffing implies.
import { useState } from 'react';
import { DataTable, ErrorMessage, Loading, Page, Pager, useApi } from '../shared/components.js';
import { formatNumber } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import type { Outlook } from '../../src/modules/booking/contract.js';

/** Units a page shows; each unit is folded to one line until opened. */
const OUTLOOK_PAGE = 20;

export function BookingOutlookPage() {
  const { t } = useT();
  const { data, error, loading } = useApi<Outlook>('/api/staff/booking/outlook?months=12');
  const [offset, setOffset] = useState(0);
  return (
    <Page title={t('outlook.title')} lead={t('outlook.lead')}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && data.units.length === 0 && <p>{t('outlook.none')}</p>}
      {data && data.units.length > 0 && <p>{t('outlook.count', { n: data.units.length })}</p>}
      {data?.units.slice(offset, offset + OUTLOOK_PAGE).map((u) => (
        <UnitOutlook key={u.id} unit={u} />
      ))}
      {data && <Pager offset={offset} size={OUTLOOK_PAGE} total={data.units.length} onChange={setOffset} />}
    </Page>
  );
}

function UnitOutlook({ unit }: { unit: Outlook['units'][number] }) {
  const { t, lang } = useT();
  const max = Math.max(1, ...unit.months.map((m) => Math.max(m.capacity, m.load)));
  const W = 640,
    H = 160,
    bw = W / unit.months.length;
  const monthName = (m: string) =>
    new Date(m + '-01T12:00:00Z').toLocaleDateString(lang === 'da' ? 'da-DK' : 'en-GB', {
      month: 'short',
      year: '2-digit',
      timeZone: 'UTC',
    });
  const peak = unit.months.reduce((a, m) => (m.load - m.capacity > a.load - a.capacity ? m : a), unit.months[0]!);
  const over = unit.months.filter((m) => m.load > m.capacity).length;
  return (
    <details className="card outlook-unit">
      <summary>
        <h2 id={`u-${unit.id}`}>
          {unit.name} <span className="muted">· {t(`type.${unit.type}` as any)}</span>
        </h2>
        <span className={over ? 'outlook-over' : 'muted'}>
          {over
            ? t('outlook.over', { n: over, month: monthName(peak.month) })
            : t('outlook.within', { load: formatNumber(peak.load, lang), capacity: formatNumber(peak.capacity, lang) })}
        </span>
      </summary>
      <svg
        role="img"
        aria-label={t('outlook.chart', { unit: unit.name })}
        viewBox={`0 0 ${W} ${H + 20}`}
        style={{ width: '100%', maxWidth: W }}
      >
        {unit.months.map((m, k) => {
          const h = (m.load / max) * H,
            c = (m.capacity / max) * H;
          return (
            <g key={m.month}>
              <rect
                x={k * bw + 6}
                y={H - h}
                width={bw - 12}
                height={h}
                fill={m.load > m.capacity ? '#b91c1c' : '#1f4e79'}
              />
              <line x1={k * bw + 2} x2={(k + 1) * bw - 2} y1={H - c} y2={H - c} stroke="#14532d" strokeWidth={3} />
              <text x={k * bw + bw / 2} y={H + 15} textAnchor="middle" fontSize="11" fill="#374151">
                {monthName(m.month)}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable
        caption={t('outlook.tableCaption', { unit: unit.name })}
        rows={unit.months}
        rowKey={(m) => m.month}
        pageSize={0}
        filter={false}
        columns={[
          {
            id: 'month',
            header: t('outlook.month'),
            rowHeader: true,
            sort: (m) => m.month,
            text: (m) => monthName(m.month),
            cell: (m) => monthName(m.month),
          },
          {
            id: 'nursery',
            header: t('outlook.nursery'),
            numeric: true,
            sort: (m) => m.nursery,
            cell: (m) => m.nursery,
          },
          {
            id: 'kindergarten',
            header: t('outlook.kindergarten'),
            numeric: true,
            sort: (m) => m.kindergarten,
            cell: (m) => m.kindergarten,
          },
          {
            id: 'load',
            header: t('outlook.load'),
            numeric: true,
            sort: (m) => m.load,
            text: (m) => formatNumber(m.load, lang),
            cell: (m) => formatNumber(m.load, lang),
          },
          {
            id: 'capacity',
            header: t('outlook.capacity'),
            numeric: true,
            sort: (m) => m.capacity,
            text: (m) => formatNumber(m.capacity, lang),
            cell: (m) => formatNumber(m.capacity, lang),
          },
          {
            id: 'bookings',
            header: t('outlook.bookings'),
            numeric: true,
            sort: (m) => m.bookingsStarting,
            cell: (m) => m.bookingsStarting,
          },
          {
            id: 'staff',
            header: t('outlook.staff'),
            numeric: true,
            sort: (m) => m.staff,
            text: (m) => formatNumber(m.staff, lang),
            cell: (m) => formatNumber(m.staff, lang),
          },
        ]}
      />
    </details>
  );
}
