// The unit register: search and filters, a table with occupancy.
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { query } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Page, useApi } from '../shared/components.js';
import { formatNumber } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useCan } from '../shared/session.js';
import { TypeAndAreaFields } from '../shared/unit-filters.js';
import type { StaffUnitRow } from '../../src/modules/registry/contract.js';

export function UnitRegisterPage() {
  const { t } = useT();
  const id = useId();
  const [q, setQ] = useState('');
  const [appliedQ, setAppliedQ] = useState('');
  const canCreate = useCan()('registry.create');
  const [type, setType] = useState('');
  const [areaId, setAreaId] = useState('');
  const { data, error, loading, reload } = useApi<StaffUnitRow[]>(
    '/api/staff/units' + query({ q: appliedQ, type, areaId }),
  );

  return (
    <Page
      title={t('units.title')}
      lead={canCreate ? <Link to="/staff/institutioner/ny">{t('newUnit.link')}</Link> : undefined}
    >
      <form
        className="filter-row"
        role="search"
        aria-label={t('units.title')}
        onSubmit={(e) => {
          e.preventDefault();
          setAppliedQ(q.trim());
        }}
      >
        <Field id={id + 'q'} label={t('units.q')}>
          <input id={id + 'q'} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </Field>
        <TypeAndAreaFields id={id} type={type} setType={setType} areaId={areaId} setAreaId={setAreaId} />
        <div className="field field-button">
          <button type="submit" className="button">
            {t('search')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} onRetry={reload} />
      {loading && <Loading />}
      {data && data.length === 0 && <p>{t('units.none')}</p>}
      {data && data.length > 0 && (
        <DataTable
          caption={t('units.caption', { n: data.length })}
          rows={data}
          rowKey={(u) => u.id}
          columns={[
            { id: 'number', header: t('col.number'), sort: (u) => u.number, cell: (u) => u.number },
            {
              id: 'name',
              header: t('col.name'),
              rowHeader: true,
              sort: (u) => u.name,
              cell: (u) => <Link to={`/staff/institutioner/${encodeURIComponent(u.id)}`}>{u.name}</Link>,
            },
            {
              id: 'type',
              header: t('col.type'),
              sort: (u) => t(`type.${u.type}`),
              cell: (u) => t(`type.${u.type}`),
            },
            {
              id: 'ejerform',
              header: t('col.ejerform'),
              sort: (u) => t(`ejerform.${u.ejerform}`),
              cell: (u) => t(`ejerform.${u.ejerform}`),
            },
            {
              id: 'daginst',
              header: t('col.daginst'),
              sort: (u) => u.daginstitutionName,
              cell: (u) => u.daginstitutionName,
            },
            { id: 'area', header: t('col.area'), sort: (u) => u.areaName, cell: (u) => u.areaName ?? '—' },
            { id: 'city', header: t('col.city'), sort: (u) => u.city, cell: (u) => u.city },
            {
              id: 'occupancy',
              header: t('col.occupancy'),
              numeric: true,
              sort: (u) => (u.places > 0 ? u.enrolled / u.places : null),
              cell: (u) => <Occupancy enrolled={u.enrolled} places={u.places} />,
            },
          ]}
        />
      )}
    </Page>
  );
}

function Occupancy({ enrolled, places }: { enrolled: number; places: number }) {
  const { t, lang } = useT();
  const pct = places > 0 ? Math.round((enrolled / places) * 100) : null;
  const level = pct === null ? '' : pct > 100 ? ' over' : pct >= 90 ? ' high' : '';
  return (
    <span className="occupancy">
      <span>
        {t('units.occupancy', { enrolled: formatNumber(enrolled, lang), places: formatNumber(places, lang) })}
        {pct !== null && <span className="muted"> ({pct} %)</span>}
      </span>
      <span className={'meter' + level} aria-hidden="true">
        <span style={{ width: `${Math.min(pct ?? 0, 100)}%` }} />
      </span>
    </span>
  );
}
