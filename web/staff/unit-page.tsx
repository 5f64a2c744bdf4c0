// A unit's page: facts, edit form, capacity (chart, table, add) and history.
import { useId } from 'react';
import { useParams } from 'react-router-dom';
import { BackLink, DataTable, ErrorMessage, Facts, Loading, Page, useApi } from '../shared/components.js';
import { HistoryList } from '../shared/history.js';
import { useT } from '../shared/i18n.js';
import { WEEKDAYS } from '../shared/types.js';
import type { UnitDetail } from '../../src/modules/registry/contract.js';
import { UnitCapacity } from './unit-capacity.js';
import { OutlookChart } from './placement-pages.js';
import { UnitEditForm } from './unit-edit-form.js';
import { UnitEmployeesSection } from './unit-employees.js';
import { useCan } from '../shared/session.js';

export function UnitPage() {
  const { t } = useT();
  const { id = '' } = useParams();
  const { data: u, error, loading, reload, setData } = useApi<UnitDetail>(`/api/staff/units/${encodeURIComponent(id)}`);
  const hid = useId();
  const can = useCan();
  const back = <BackLink to="/staff/institutioner">{t('unit.back')}</BackLink>;
  if (!u || u.id !== id) {
    return (
      <>
        {back}
        <Page title={t('col.unit')}>
          {loading && <Loading />}
          <ErrorMessage error={error} onRetry={reload} />
        </Page>
      </>
    );
  }
  const section = (key: string, title: string) => ({
    'aria-labelledby': hid + key,
    heading: <h2 id={hid + key}>{title}</h2>,
  });
  const facts = section('facts', t('unit.facts'));
  const edit = section('edit', t('unit.edit'));
  const cap = section('cap', t('cap.title'));
  const hist = section('hist', t('history.title'));
  const d = u.daginstitution;

  return (
    <>
      {back}
      <Page title={u.name} lead={`${t(`type.${u.type}`)} · ${t(`ejerform.${u.ejerform}`)} · ${u.number}`}>
        <div className={can('registry.update-unit') ? 'two-col' : undefined}>
          <section aria-labelledby={facts['aria-labelledby']} className="panel">
            {facts.heading}
            <Facts
              items={[
                [t('unit.number'), u.number],
                [t('unit.daginst'), `${d.isCluster ? t('unit.cluster', { name: d.name }) : d.name} (${d.number})`],
                [t('unit.address'), `${u.street}, ${u.postalCode} ${u.city}`],
                [t('col.area'), u.areaName],
                [t('col.email'), u.email ? <a href={`mailto:${u.email}`}>{u.email}</a> : null],
                [t('col.phone'), u.phone],
              ]}
            />
            <OpeningHours unit={u} />
            {u.sections.length > 0 && (
              <>
                <h3>{t('unit.sections')}</h3>
                <ul className="plain-list">
                  {u.sections.map((s) => (
                    <li key={s.id}>
                      {s.name}{' '}
                      <span className="muted">
                        ({t('unit.sectionAges', { min: s.minAgeMonths, max: s.maxAgeMonths })})
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {u.alternativeAddresses.length > 0 && (
              <>
                <h3>{t('unit.altAddresses')}</h3>
                <ul className="plain-list">
                  {u.alternativeAddresses.map((a) => (
                    <li key={a.id}>
                      {a.street}, {a.postalCode} {a.city}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          {can('registry.update-unit') && (
            <section aria-labelledby={edit['aria-labelledby']} className="panel">
              {edit.heading}
              <UnitEditForm key={u.id} unit={u} onSaved={setData} />
            </section>
          )}
        </div>
        <section aria-labelledby={cap['aria-labelledby']} className="panel">
          {cap.heading}
          <UnitCapacity unit={u} onChanged={reload} />
          {can('placement.read') && <OutlookChart unitId={u.id} />}
        </section>
        {can('employees.read') && <UnitEmployeesSection unit={u} />}
        <section aria-labelledby={hist['aria-labelledby']} className="panel">
          {hist.heading}
          <HistoryList items={u.history} />
        </section>
      </Page>
    </>
  );
}

function OpeningHours({ unit }: { unit: UnitDetail }) {
  const { t } = useT();
  const days = WEEKDAYS.filter((d) => unit.openingHours[d] || (d !== 'sat' && d !== 'sun'));
  return (
    <DataTable caption={t('unit.hours')} className="compact">
      <thead>
        <tr>
          <th scope="col">{t('col.day')}</th>
          <th scope="col">{t('col.hoursOpen')}</th>
        </tr>
      </thead>
      <tbody>
        {days.map((d) => {
          const h = unit.openingHours[d];
          return (
            <tr key={d}>
              <th scope="row">{t(`day.${d}`)}</th>
              <td>{h ? `${h[0]}–${h[1]}` : t('unit.closed')}</td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
