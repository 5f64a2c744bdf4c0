// "Fravær og fremmøde": report sickness, a day off or a holiday, see registrations, answer holiday questionnaires.
import { useId, useState } from 'react';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Loading, Page, Status, useApi } from '../shared/components.js';
import { formatDate, formatTime } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { LoginRequired } from '../shared/layout.js';
import { useCan, useSession } from '../shared/session.js';
import type { CitizenChild } from '../shared/types.js';

import type { ChildAttendance, CitizenQuestionnaire as Questionnaire } from '../../src/modules/attendance/contract.js';

export function ParentAttendancePage() {
  const { t } = useT();
  const { me, loading } = useSession();
  const can = useCan();
  if (loading) return <Loading />;
  if (!me?.user) return <LoginRequired />;
  if (!can('attendance.guardian')) return <Page title={t('pa.title')} lead={t('children.staffUser')} />;
  return <Parent today={me.today} userId={me.user.id} />;
}

function Parent({ today, userId }: { today: string; userId: string }) {
  const { t } = useT();
  const { data, error, loading, reload } = useApi<CitizenChild[]>('/api/citizen/children', userId);
  const { data: qs, reload: reloadQs } = useApi<Questionnaire[]>('/api/citizen/holiday-questionnaires', userId);
  const placed = data?.filter((c) => c.placements.length > 0) ?? [];
  return (
    <Page title={t('pa.title')} lead={t('pa.lead')}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && placed.length === 0 && <p>{t('pa.none')}</p>}
      {qs?.map((q) => (
        <QuestionnaireForm key={q.id} q={q} onSaved={reloadQs} />
      ))}
      {placed.map((c) => (
        <ChildPanel key={c.id} child={c} today={today} />
      ))}
    </Page>
  );
}

function ChildPanel({ child, today }: { child: CitizenChild; today: string }) {
  const { t, lang } = useT();
  const id = useId();
  const url = `/api/citizen/attendance/children/${child.id}`;
  const { data, reload } = useApi<ChildAttendance>(url);
  const [type, setType] = useState<'sick' | 'day_off' | 'holiday'>('sick');
  const [start, setStart] = useState(today);
  const [end, setEnd] = useState(today);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const report = async () => {
    setSaved(null);
    try {
      await api.post(`${url}/absences`, { type, start, end });
      setError(null);
      setSaved(t('pa.reported', { type: t(`pa.type.${type}`), name: child.firstName }));
      reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel" aria-labelledby={id + 'h'}>
      <h2 id={id + 'h'}>
        {child.firstName} {child.lastName}
      </h2>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void report();
        }}
        aria-labelledby={id + 'f'}
      >
        <h3 id={id + 'f'} className="grid-span">
          {t('pa.report')}
        </h3>
        <fieldset className="grid-span">
          <legend>{t('pa.what')}</legend>
          {(['sick', 'day_off', 'holiday'] as const).map((k) => (
            <label key={k} className="radio">
              <input type="radio" name={id + 'type'} value={k} checked={type === k} onChange={() => setType(k)} />{' '}
              {t(`pa.type.${k}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={id + 's'}>{t('pa.start')}</label>
          <input id={id + 's'} type="date" value={start} onChange={(e) => setStart(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={id + 'e'}>{t('pa.end')}</label>
          <input id={id + 'e'} type="date" value={end} onChange={(e) => setEnd(e.target.value)} required />
        </div>
        <p className="hint grid-span">{t('pa.window', { n: data?.correctionWindowDays ?? 7 })}</p>
        <div className="form-actions grid-span">
          <button type="submit" className="button">
            {t('pa.send', { name: child.firstName })}
          </button>
        </div>
        <div className="grid-span">
          <ErrorMessage error={error} />
          <Status text={saved} />
        </div>
      </form>
      {data && (
        <>
          <h3>{t('pa.absences')}</h3>
          {data.absences.length === 0 ? (
            <p className="muted">{t('pa.noAbsences')}</p>
          ) : (
            <ul className="plain-list">
              {data.absences.map((a) => (
                <li key={a.id}>
                  {t(`pa.type.${a.type}`)}: {formatDate(a.start, lang)}
                  {a.end !== a.start ? ` – ${formatDate(a.end, lang)}` : ''}{' '}
                  {a.cancellable && (
                    <button
                      type="button"
                      className="button-small button-secondary"
                      onClick={() =>
                        void api.post(`/api/citizen/attendance/absences/${a.id}/cancel`, {}).then(reload, setError)
                      }
                    >
                      {t('pa.cancel')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <DataTable caption={t('pa.registrations', { name: child.firstName })}>
            <thead>
              <tr>
                <th scope="col">{t('att.date')}</th>
                <th scope="col">{t('att.status')}</th>
                <th scope="col">{t('att.in')}</th>
                <th scope="col">{t('att.out')}</th>
                <th scope="col">{t('att.pickup')}</th>
              </tr>
            </thead>
            <tbody>
              {data.registrations.length === 0 && (
                <tr>
                  <td colSpan={5}>{t('pa.noRegistrations')}</td>
                </tr>
              )}
              {data.registrations.map((r) => (
                <tr key={r.date}>
                  <th scope="row">{formatDate(r.date, lang)}</th>
                  <td>{t(`status.${r.status}` as 'status.0')}</td>
                  <td>{formatTime(r.checkIn, lang)}</td>
                  <td>{formatTime(r.checkOut, lang)}</td>
                  <td>{r.pickupBy ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </section>
  );
}

function QuestionnaireForm({ q, onSaved }: { q: Questionnaire; onSaved: () => void }) {
  const { t, lang } = useT();
  const id = useId();
  // Only the days the child's unit is open (the server leaves out weekends, public holidays and closing days).
  const [need, setNeed] = useState<Record<string, Record<string, boolean>>>(() =>
    Object.fromEntries(
      q.children.map((c) => [
        c.childId,
        Object.fromEntries(c.days.map((d) => [d, c.answers.find((a) => a.date === d)?.needsCare ?? false])),
      ]),
    ),
  );
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const save = async () => {
    try {
      for (const c of q.children.filter((x) => x.days.length))
        await api.put(`/api/citizen/holiday-questionnaires/${q.id}/answers`, {
          childId: c.childId,
          days: c.days.map((d) => ({ date: d, needsCare: need[c.childId]![d]! })),
        });
      setError(null);
      setSaved(t('pa.qSaved'));
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel" aria-labelledby={id + 'h'}>
      <h2 id={id + 'h'}>{q.title}</h2>
      <p>
        {q.question} {t('pa.deadline', { date: formatDate(q.deadline, lang) })}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {q.children.map((c) => (
          <fieldset key={c.childId} disabled={!q.open}>
            <legend>
              {t('pa.qChild', {
                name: c.firstName,
                unit: c.unitName,
                answered: c.answers.length ? t('pa.answered') : t('pa.notAnswered'),
              })}
            </legend>
            {c.days.map((d) => (
              <label key={d} className="checkbox">
                <input
                  type="checkbox"
                  checked={need[c.childId]![d]}
                  onChange={(e) => setNeed((n) => ({ ...n, [c.childId]: { ...n[c.childId], [d]: e.target.checked } }))}
                />{' '}
                {formatDate(d, lang)}
              </label>
            ))}
          </fieldset>
        ))}
        {q.open ? (
          <p>
            <button type="submit" className="button">
              {t('pa.qSend')}
            </button>
          </p>
        ) : (
          <p className="muted">{t('pa.qClosed')}</p>
        )}
        <ErrorMessage error={error} />
        <Status text={saved} />
      </form>
    </section>
  );
}
