// Normering: the municipality's children per adult over 12 months against the minimum, each unit's, and one unit's.
import { useEffect, useId, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DataTable, ErrorMessage, Field, Loading, Page, useApi } from '../shared/components.js';
import { useT } from '../shared/i18n.js';
import { formatDecimal, formatMonth } from '../shared/format.js';
import type { Normering } from '../../src/modules/reporting/contract.js';
import { NormeringChart } from './normering-chart.js';

type Muni = { code: string; name: string };

function Figures({ data }: { data: Normering }) {
  const { t, lang } = useT();
  const num = (v: number | null) => (v === null ? t('norm.none') : formatDecimal(v, lang));
  const meets =
    (data.yearly['0-2'] === null || data.yearly['0-2'] <= data.minimum['0-2']) &&
    (data.yearly['3-5'] === null || data.yearly['3-5'] <= data.minimum['3-5']);
  return (
    <>
      <p>
        {t('norm.yearly', { young: num(data.yearly['0-2']), old: num(data.yearly['3-5']) })}{' '}
        <strong>{meets ? t('norm.meets') : t('norm.misses')}</strong>
      </p>
      <NormeringChart data={data} />
      <DataTable caption={t('norm.months')}>
        <thead>
          <tr>
            <th scope="col">{t('rep.month')}</th>
            <th scope="col">{t('norm.childrenBand', { band: '0–2' })}</th>
            <th scope="col">{t('norm.adults', { band: '0–2' })}</th>
            <th scope="col">{t('rep.ratio.young')}</th>
            <th scope="col">{t('norm.childrenBand', { band: '3–5' })}</th>
            <th scope="col">{t('norm.adults', { band: '3–5' })}</th>
            <th scope="col">{t('rep.ratio.old')}</th>
          </tr>
        </thead>
        <tbody>
          {data.months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{formatMonth(m.month, lang)}</th>
              <td>{formatDecimal(m['0-2'].children, lang)}</td>
              <td>{formatDecimal(m['0-2'].adults, lang)}</td>
              <td>{num(m['0-2'].childrenPerAdult)}</td>
              <td>{formatDecimal(m['3-5'].children, lang)}</td>
              <td>{formatDecimal(m['3-5'].adults, lang)}</td>
              <td>{num(m['3-5'].childrenPerAdult)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}

const lead = (data: Normering, t: ReturnType<typeof useT>['t']) =>
  t('norm.lead', { leader: data.leaderWeightPercent, young: data.minimum['0-2'], old: data.minimum['3-5'] });

export function NormeringPage() {
  const { t, lang } = useT();
  const id = useId();
  const munis = useApi<Muni[]>('/api/staff/reporting/municipalities');
  const [muni, setMuni] = useState('');
  useEffect(() => {
    if (!muni && munis.data?.[0]) setMuni(munis.data[0].code);
  }, [munis.data, muni]);
  const data = useApi<Normering>(muni ? `/api/staff/reporting/${muni}/normering` : null);
  const num = (v: number | null) => (v === null ? t('norm.none') : formatDecimal(v, lang));
  const last = data.data?.months.at(-1)?.month;
  return (
    <Page title={t('norm.title')} lead={data.data ? lead(data.data, t) : undefined}>
      <Field id={id} label={t('rep.municipality')}>
        <select id={id} value={muni} onChange={(e) => setMuni(e.target.value)}>
          {munis.data?.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name} ({m.code})
            </option>
          ))}
        </select>
      </Field>
      {!!(munis.error || data.error) && <ErrorMessage error={munis.error ?? data.error} />}
      {data.loading && !data.data && <Loading />}
      {data.data && (
        <>
          <Figures data={data.data} />
          <DataTable caption={t('norm.units', { month: last ? formatMonth(last, lang) : '' })}>
            <thead>
              <tr>
                <th scope="col">{t('rep.unit')}</th>
                <th scope="col">{t('rep.ratio.young')}</th>
                <th scope="col">{t('rep.ratio.old')}</th>
              </tr>
            </thead>
            <tbody>
              {data.data.units.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    <Link to={`/staff/normering/enhed/${u.id}`}>{u.name}</Link>
                  </th>
                  <td>{num(u['0-2'].childrenPerAdult)}</td>
                  <td>{num(u['3-5'].childrenPerAdult)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </Page>
  );
}

export function UnitNormeringPage() {
  const { t } = useT();
  const { id } = useParams();
  const data = useApi<Normering>(`/api/staff/reporting/units/${id}/normering`);
  if (data.error) return <ErrorMessage error={data.error} />;
  if (!data.data) return <Loading />;
  return (
    <Page title={t('norm.unitTitle', { name: data.data.scope.name })} lead={lead(data.data, t)}>
      <p>
        <Link to="/staff/normering">{t('norm.title')}</Link>
      </p>
      <Figures data={data.data} />
    </Page>
  );
}
