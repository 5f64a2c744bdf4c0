// A unit's attendance: who is here now per group and age (live over server-sent events), corrections,
// presence per hour, planned against actual, FTE, export, holiday answers, closing days and the unit's terminals.
import { useEffect, useId, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../shared/api.js';
import { BackLink, DataTable, ErrorMessage, Loading, Page, useApi } from '../../shared/components.js';
import { formatAge, formatDate, formatNumber, formatTime } from '../../shared/format.js';
import { useT } from '../../shared/i18n.js';
import { useCan, useSession } from '../../shared/session.js';
import { HourChart } from './hour-chart.js';
import { CorrectionForm } from './correction-form.js';
import { AttendanceReports, Terminals } from './reports.js';
import { ClosingDays } from './closing-days.js';
import { HolidayQuestionnaires } from './questionnaires.js';
import { applyChange, type Change, IN_CARE, type Overview, type OverviewChild } from './types.js';

export function AttendancePage() {
  const { t, lang } = useT();
  const { unitId = '' } = useParams();
  const { me } = useSession();
  const can = useCan();
  const [date, setDate] = useState('');
  const path = `/api/staff/units/${encodeURIComponent(unitId)}/attendance${date ? `?date=${date}` : ''}`;
  const { data, error, loading, reload, setData } = useApi<Overview>(path);
  const [live, setLive] = useState<{ on: boolean; last: string | null; n: number }>({ on: false, last: null, n: 0 });
  const [correcting, setCorrecting] = useState<OverviewChild | null>(null);
  const isToday = !!data && data.date === data.today;
  const hid = useId();

  useEffect(() => {
    if (!isToday) return;
    const es = new EventSource(`/api/staff/units/${encodeURIComponent(unitId)}/attendance/live`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    es.onopen = () => setLive((l) => ({ ...l, on: true }));
    es.onerror = () => setLive((l) => ({ ...l, on: false }));
    es.addEventListener('change', (ev) => {
      const c = JSON.parse((ev as MessageEvent).data) as Change;
      setData((o) => (o ? applyChange(o, c) : o));
      setLive((l) => ({
        on: true,
        last: new Date(c.at).toLocaleTimeString(lang === 'da' ? 'da-DK' : 'en-GB', {
          hour: '2-digit',
          minute: '2-digit',
          timeZone: 'Europe/Copenhagen',
        }),
        n: l.n + 1,
      }));
      clearTimeout(timer);
      timer = setTimeout(reload, 5000); // the hourly chart catches up once the rush pauses
    });
    return () => {
      clearTimeout(timer);
      es.close();
    };
  }, [unitId, isToday, setData, reload, lang]);

  // The server's policy (useCan) decides the role; unit leaders and staff act only on their own units (unitScoped).
  const ownUnit =
    !!me?.user && (!['unit_leader', 'unit_staff'].includes(me.user.role) || me.user.unitIds.includes(unitId));
  const canWrite = can('attendance.register') && ownUnit;
  const isLeader = can('attendance.manage-unit') && ownUnit;
  const tap = async (c: OverviewChild) => {
    await api.post(
      `/api/staff/units/${unitId}/attendance/${c.id}/${IN_CARE.includes(c.status) ? 'check-out' : 'check-in'}`,
      {},
    );
    if (!isToday) reload();
  };

  if (!data) {
    return (
      <>
        <BackLink to="/staff/fremmoede">{t('att.back')}</BackLink>
        <Page title={t('att.title')}>
          {loading && <Loading />}
          <ErrorMessage error={error} onRetry={reload} />
        </Page>
      </>
    );
  }
  const tt = data.totals;
  return (
    <>
      <BackLink to="/staff/fremmoede">{t('att.back')}</BackLink>
      <Page title={t('att.unitTitle', { name: data.unit.name })} lead={t('att.lead')}>
        <div className="filter-row">
          <div className="field">
            <label htmlFor={hid + 'date'}>{t('att.date')}</label>
            <input
              id={hid + 'date'}
              type="date"
              value={date || data.date}
              max={data.today}
              onChange={(e) => setDate(e.target.value)}
            />
          </div>
          <p className={live.on ? 'live live-on' : 'live'} role="status">
            {isToday
              ? live.on
                ? t('att.liveOn', { n: live.n, last: live.last ?? '—' })
                : t('att.liveOff')
              : t('att.history')}
          </p>
        </div>
        {data.closed && <p className="notice">{t('att.closed', { reason: data.closed })}</p>}
        <ul className="att-totals" aria-label={t('att.totals')}>
          <li>
            <strong data-testid="present-total">{tt.present}</strong> {t('att.presentOf', { n: tt.placed })}
          </li>
          <li>
            <strong>{tt.sick}</strong> {t('status.1')}
          </li>
          <li>
            <strong>{tt.absent}</strong> {t('status.2')}
          </li>
          <li>
            <strong>{tt.checkedOut}</strong> {t('status.8')}
          </li>
          <li>
            <strong>{tt.notArrived}</strong> {t('status.0')}
          </li>
          <li>
            <strong>{formatNumber(tt.fte.present, lang)}</strong>{' '}
            {t('att.fteOf', { n: formatNumber(tt.fte.placed, lang) })}
          </li>
        </ul>
        {correcting && (
          <CorrectionForm
            unitId={unitId}
            date={data.date}
            child={correcting}
            onDone={() => {
              setCorrecting(null);
              reload();
            }}
          />
        )}
        {data.groups.map((g) => (
          <section key={g.name} className="panel" aria-labelledby={hid + g.name}>
            <h2 id={hid + g.name}>
              {g.name}: <span data-testid={`present-${g.name}`}>{g.present}</span> {t('att.presentOf', { n: g.placed })}
            </h2>
            <p className="muted">
              {g.byAge.map((b) => t('att.byAge', { band: b.band, present: b.present, placed: b.placed })).join(' · ')}
            </p>
            <DataTable caption={t('att.groupCaption', { name: g.name })}>
              <thead>
                <tr>
                  <th scope="col">{t('att.child')}</th>
                  <th scope="col">{t('att.age')}</th>
                  <th scope="col">{t('att.status')}</th>
                  <th scope="col">{t('att.in')}</th>
                  <th scope="col">{t('att.out')}</th>
                  <th scope="col">{t('att.pickup')}</th>
                  <th scope="col">{t('att.fte')}</th>
                  {canWrite && <th scope="col">{t('att.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {g.children.map((c) => (
                  <tr key={c.id} data-child={c.id}>
                    <th scope="row">
                      <Link to={`/staff/boern/${c.id}`}>
                        {c.firstName} {c.lastName}
                      </Link>
                    </th>
                    <td>{formatAge(c.ageMonths, t)}</td>
                    <td>
                      <span className={`tag att-status-${c.status}`}>{t(`status.${c.status}` as 'status.0')}</span>
                    </td>
                    <td>{formatTime(c.checkIn, lang)}</td>
                    <td>{formatTime(c.checkOut, lang)}</td>
                    <td>{c.pickupBy ?? '—'}</td>
                    <td className="num">{formatNumber(c.fte, lang)}</td>
                    {canWrite && (
                      <td className="nowrap">
                        {isToday && (
                          <button type="button" className="button-small" onClick={() => void tap(c)}>
                            {IN_CARE.includes(c.status) ? t('att.checkOut') : t('att.checkIn')}
                            <span className="visually-hidden"> {c.firstName}</span>
                          </button>
                        )}{' '}
                        <button
                          type="button"
                          className="button-small button-secondary"
                          onClick={() => setCorrecting(c)}
                        >
                          {t('att.correct')}
                          <span className="visually-hidden"> {c.firstName}</span>
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </section>
        ))}
        <section className="panel" aria-labelledby={hid + 'hours'}>
          <h2 id={hid + 'hours'}>{t('att.perHour')}</h2>
          <HourChart hours={data.hours} title={t('att.perHourCaption', { date: formatDate(data.date, lang) })} />
        </section>
        <AttendanceReports unitId={unitId} today={data.today} />
        <ClosingDays unitId={unitId} today={data.today} canAdd={isLeader} />
        {isLeader && <Terminals unitId={unitId} />}
      </Page>
    </>
  );
}

/** The units the user may follow, linking to each unit's attendance. */
export function AttendanceUnitsPage() {
  const { t } = useT();
  const can = useCan();
  const { data, error, loading, reload } =
    useApi<{ id: string; name: string; number: string; enrolled: number }[]>('/api/staff/units');
  return (
    <Page title={t('att.title')} lead={t('att.unitsLead')}>
      {loading && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <ul className="plain-list">
          {data.map((u) => (
            <li key={u.id}>
              <Link to={`/staff/fremmoede/${u.id}`}>{u.name}</Link>{' '}
              <span className="muted">({t('att.enrolled', { n: u.enrolled })})</span>
            </li>
          ))}
        </ul>
      )}
      {can('attendance.create-questionnaire') && <HolidayQuestionnaires />}
    </Page>
  );
}
