// History: planned against actual per day (chart and table), CSV export, holiday answers, and the unit's terminals.
import { useId, useState } from 'react';
import { api } from '../../shared/api.js';
import { DataTable, ErrorMessage, Loading, useApi } from '../../shared/components.js';
import { formatDate, plusDays } from '../../shared/format.js';
import { useT } from '../../shared/i18n.js';
import { PlannedChart } from './hour-chart.js';

import type {
  HistoryDay as Day,
  Terminal,
  UnitQuestionnaire as Questionnaire,
} from '../../../src/modules/attendance/contract.js';

export function AttendanceReports({ unitId, today }: { unitId: string; today: string }) {
  const { t, lang } = useT();
  const id = useId();
  const [from, setFrom] = useState(plusDays(today, -13));
  const [to, setTo] = useState(today);
  const base = `/api/staff/units/${encodeURIComponent(unitId)}`;
  const { data: days, error, loading } = useApi<Day[]>(`${base}/attendance-history?from=${from}&to=${to}`);
  const { data: qs } = useApi<Questionnaire[]>(`${base}/holiday-questionnaires`);
  return (
    <>
      <section className="panel" aria-labelledby={id + 'h'}>
        <h2 id={id + 'h'}>{t('att.plannedTitle')}</h2>
        <div className="filter-row">
          <div className="field">
            <label htmlFor={id + 'f'}>{t('att.from')}</label>
            <input id={id + 'f'} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={id + 't'}>{t('att.to')}</label>
            <input id={id + 't'} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <p>
            <a className="button-secondary" href={`${base}/attendance.csv?from=${from}&to=${to}`} download>
              {t('att.csv')}
            </a>
          </p>
        </div>
        {loading && <Loading />}
        <ErrorMessage error={error} />
        {days && (
          <>
            <PlannedChart days={days} title={t('att.plannedCaption')} />
            <p className="muted">
              <span className="swatch swatch-capacity" aria-hidden="true" /> {t('att.planned')} ·{' '}
              <span className="swatch swatch-enrolled" aria-hidden="true" /> {t('att.actual')}
            </p>
            <DataTable caption={t('att.plannedTitle')}>
              <thead>
                <tr>
                  <th scope="col">{t('att.date')}</th>
                  <th scope="col">{t('att.placed')}</th>
                  <th scope="col">{t('att.absentCol')}</th>
                  <th scope="col">{t('att.planned')}</th>
                  <th scope="col">{t('att.actual')}</th>
                  <th scope="col">{t('att.difference')}</th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.date}>
                    <th scope="row">
                      {formatDate(d.date, lang)}
                      {d.closed ? ` (${d.closed})` : ''}
                    </th>
                    <td className="num">{d.placed}</td>
                    <td className="num">{d.absent}</td>
                    <td className="num">{d.planned}</td>
                    <td className="num">{d.actual}</td>
                    <td className="num">
                      {d.difference > 0 ? '+' : ''}
                      {d.difference}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </>
        )}
      </section>
      {qs && qs.length > 0 && (
        <section className="panel" aria-labelledby={id + 'q'}>
          <h2 id={id + 'q'}>{t('att.holidayTitle')}</h2>
          {qs.map((q) => (
            <DataTable
              key={q.id}
              caption={t('att.holidayCaption', { title: q.title, deadline: formatDate(q.deadline, lang) })}
            >
              <thead>
                <tr>
                  <th scope="col">{t('att.date')}</th>
                  <th scope="col">{t('att.expected')}</th>
                  <th scope="col">{t('att.answered')}</th>
                  <th scope="col">{t('att.placed')}</th>
                </tr>
              </thead>
              <tbody>
                {q.days.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{formatDate(d.day, lang)}</th>
                    <td className="num">{d.expected}</td>
                    <td className="num">{d.answered}</td>
                    <td className="num">{d.placed}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          ))}
        </section>
      )}
    </>
  );
}

export function Terminals({ unitId }: { unitId: string }) {
  const { t } = useT();
  const id = useId();
  const base = `/api/staff/units/${encodeURIComponent(unitId)}/terminals`;
  const { data, reload } = useApi<Terminal[]>(base);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const create = async () => {
    try {
      setCreated(await api.post<{ name: string; token: string }>(base, { name }));
      setName('');
      setError(null);
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const link = created ? `${window.location.origin}/terminal#token=${created.token}` : '';
  return (
    <section className="panel" aria-labelledby={id + 'h'}>
      <h2 id={id + 'h'}>{t('att.terminals')}</h2>
      <p className="muted">{t('att.terminalsLead')}</p>
      <ul className="plain-list">
        {data?.map((x) => (
          <li key={x.id}>
            {x.name}{' '}
            {x.revokedAt ? (
              <span className="tag">{t('att.revoked')}</span>
            ) : (
              <button
                type="button"
                className="button-small button-secondary"
                onClick={() => void api.post(`${base}/${x.id}/revoke`, {}).then(reload, setError)}
              >
                {t('att.revoke')}
                <span className="visually-hidden"> {x.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        className="filter-row"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="field">
          <label htmlFor={id + 'n'}>{t('att.terminalName')}</label>
          <input id={id + 'n'} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </div>
        <p>
          <button type="submit" className="button">
            {t('att.createTerminal')}
          </button>
        </p>
      </form>
      <ErrorMessage error={error} />
      {created && (
        <div className="notice" role="status">
          <p>{t('att.terminalCreated', { name: created.name })}</p>
          <p>
            <a href={link} target="_blank" rel="noreferrer" data-testid="terminal-link">
              {t('att.openTerminal')}
            </a>
          </p>
          <p className="small">
            <code>{link}</code>
          </p>
        </div>
      )}
    </section>
  );
}
