// "Find institution": filters, a list (nearest first when the home is known) and a drawn plan.
import { useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { query } from '../shared/api.js';
import { ErrorMessage, Field, Page, useApi } from '../shared/components.js';
import { formatKm } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { TypeAndAreaFields } from '../shared/unit-filters.js';
import { useSession } from '../shared/session.js';
import { AGE_BANDS } from '../shared/types.js';
import type { Area, CitizenUnit, CitizenUnits } from '../../src/modules/registry/contract.js';
import { LocationPlan } from './location-plan.js';

const AGES = Array.from({ length: 14 }, (_, i) => i);

export function InstitutionBrowserPage() {
  const { t } = useT();
  const { me } = useSession();
  const [params] = useSearchParams();
  const [type, setType] = useState('');
  const [areaId, setAreaId] = useState('');
  const [age, setAge] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(params.get('unit'));
  const id = useId();
  const areas = useApi<Area[]>('/api/citizen/areas');
  const path = '/api/citizen/units' + query({ type, areaId, ageMonths: age === '' ? '' : Number(age) * 12 });
  const { data, error, loading, reload } = useApi<CitizenUnits>(path, me?.user?.id ?? null);

  const units = useMemo(() => {
    const list = [...(data?.units ?? [])];
    if (data?.home)
      list.sort(
        (a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.name.localeCompare(b.name, 'da'),
      );
    else list.sort((a, b) => a.name.localeCompare(b.name, 'da'));
    return list;
  }, [data]);

  function selectFromPlan(unitId: string) {
    setSelectedId(unitId);
    const card = document.getElementById('unit-' + unitId);
    card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    card?.focus({ preventScroll: true });
  }
  function selectFromList(unitId: string) {
    setSelectedId(unitId);
    document.getElementById(id + 'plan')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  const home = data?.home;
  return (
    <Page title={t('inst.title')}>
      <section className="filters" aria-labelledby={id + 'f'}>
        <h2 id={id + 'f'} className="h-small">
          {t('inst.filters')}
        </h2>
        <form className="filter-row" onSubmit={(e) => e.preventDefault()}>
          <TypeAndAreaFields id={id} type={type} setType={setType} areaId={areaId} setAreaId={setAreaId} />
          <Field id={id + 'age'} label={t('inst.age')}>
            <select id={id + 'age'} value={age} onChange={(e) => setAge(e.target.value)}>
              <option value="">{t('inst.anyAge')}</option>
              {AGES.map((a) => (
                <option key={a} value={a}>
                  {a === 1 ? t('age.year') : t('age.years', { n: a })}
                </option>
              ))}
            </select>
          </Field>
        </form>
        <p className="muted">
          {home ? t('inst.home', { address: `${home.street}, ${home.postalCode} ${home.city}` }) : t('inst.noHome')}
        </p>
      </section>
      <ErrorMessage error={areas.error} />
      <ErrorMessage error={error} onRetry={reload} />
      <div role="status" className="result-count">
        {loading ? (
          <p className="loading">{t('loading')}</p>
        ) : (
          data && <p>{units.length === 1 ? t('inst.countOne') : t('inst.count', { n: units.length })}</p>
        )}
      </div>
      {data && (
        <div className="browser">
          <section aria-labelledby={id + 'list'} className="browser-list">
            <h2 id={id + 'list'}>{t('inst.list')}</h2>
            {units.length === 0 ? (
              <p>{t('inst.none')}</p>
            ) : (
              <ul className="unit-list">
                {units.map((u) => (
                  <UnitCard key={u.id} unit={u} selected={u.id === selectedId} onSelect={selectFromList} />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby={id + 'plan'} className="browser-plan">
            <h2 id={id + 'plan'}>{t('plan.title')}</h2>
            <LocationPlan data={{ home: data.home, units }} selectedId={selectedId} onSelect={selectFromPlan} />
          </section>
        </div>
      )}
    </Page>
  );
}

function UnitCard({
  unit: u,
  selected,
  onSelect,
}: {
  unit: CitizenUnit;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const { t, lang } = useT();
  const bands = AGE_BANDS.filter((b) => u.places[b] !== undefined);
  return (
    <li id={'unit-' + u.id} tabIndex={-1} className={'card unit-card' + (selected ? ' is-selected' : '')}>
      <h3 id={'unit-name-' + u.id}>{u.name}</h3>
      <p className="unit-meta">
        <span className="tag">{t(`type.${u.type}`)}</span> {t(`ejerform.${u.ejerform}`)}
        {u.areaName && ` · ${u.areaName}`}
      </p>
      <p>
        {u.street}, {u.postalCode} {u.city}
      </p>
      {u.distanceKm !== null && <p className="distance">{t('inst.distance', { km: formatKm(u.distanceKm, lang) })}</p>}
      <p className="places">
        <span className="muted">{t('inst.places')}: </span>
        {bands.length === 0
          ? t('inst.noPlaces')
          : bands.map((b) => `${t('band', { band: b.replace('-', '–') })}: ${u.places[b]}`).join(' · ')}
      </p>
      <button
        type="button"
        className="button-secondary button-small"
        aria-pressed={selected}
        aria-describedby={'unit-name-' + u.id}
        onClick={() => onSelect(u.id)}
      >
        {t('inst.show')}
      </button>
    </li>
  );
}
