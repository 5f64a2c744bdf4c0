// Holiday questionnaires ("which days does your child need care?") for a closure period, asked of every family with
// a place in the municipality; the units see the answers as expected children per day.
import { useEffect, useId, useState } from 'react';
import { api } from '../../shared/api.js';
import { DataTable, ErrorMessage, Field, Status, useApi } from '../../shared/components.js';
import { formatDate } from '../../shared/format.js';
import { useT } from '../../shared/i18n.js';

import type { Questionnaire } from '../../../src/modules/attendance/contract.js';

export function HolidayQuestionnaires() {
  const { t, lang } = useT();
  const id = useId();
  const munis = useApi<{ code: string; name: string }[]>('/api/staff/billing/municipalities');
  const list = useApi<Questionnaire[]>('/api/staff/holiday-questionnaires');
  const [form, setForm] = useState({
    municipalityCode: '',
    title: '',
    question: t('att.qDefaultQuestion'),
    start: '',
    end: '',
    deadline: '',
  });
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (!form.municipalityCode && munis.data?.[0]) setForm((f) => ({ ...f, municipalityCode: munis.data![0]!.code }));
  }, [munis.data, form.municipalityCode]);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const send = async () => {
    try {
      await api.post('/api/staff/holiday-questionnaires', form);
      setStatus(t('att.qCreated', { title: form.title }));
      setError(null);
      setForm((f) => ({ ...f, title: '', start: '', end: '', deadline: '' }));
      list.reload();
    } catch (e) {
      setError(e);
      setStatus(null);
    }
  };
  return (
    <section className="panel" aria-labelledby={id + 'h'}>
      <h2 id={id + 'h'}>{t('att.qTitle')}</h2>
      <p className="muted">{t('att.qLead')}</p>
      {list.data && list.data.length > 0 && (
        <DataTable caption={t('att.qTitle')}>
          <thead>
            <tr>
              <th scope="col">{t('att.qName')}</th>
              <th scope="col">{t('att.qPeriod')}</th>
              <th scope="col">{t('att.qDeadline')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((q) => (
              <tr key={q.id}>
                <th scope="row">{q.title}</th>
                <td>
                  {formatDate(q.start, lang)} – {formatDate(q.end, lang)}
                </td>
                <td>{formatDate(q.deadline, lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <div className="filter-row">
          <Field id={id + 'm'} label={t('billing.municipality')}>
            <select id={id + 'm'} value={form.municipalityCode} onChange={set('municipalityCode')}>
              {munis.data?.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name} ({m.code})
                </option>
              ))}
            </select>
          </Field>
          <Field id={id + 't'} label={t('att.qName')}>
            <input id={id + 't'} required maxLength={200} value={form.title} onChange={set('title')} />
          </Field>
        </div>
        <Field id={id + 'q'} label={t('att.qQuestion')}>
          <input id={id + 'q'} required maxLength={500} value={form.question} onChange={set('question')} />
        </Field>
        <div className="filter-row">
          <Field id={id + 's'} label={t('att.qStart')}>
            <input id={id + 's'} type="date" required value={form.start} onChange={set('start')} />
          </Field>
          <Field id={id + 'e'} label={t('att.qEnd')}>
            <input id={id + 'e'} type="date" required value={form.end} onChange={set('end')} />
          </Field>
          <Field id={id + 'd'} label={t('att.qDeadline')}>
            <input id={id + 'd'} type="date" required value={form.deadline} onChange={set('deadline')} />
          </Field>
        </div>
        <p>
          <button type="submit" className="button">
            {t('att.qSend')}
          </button>
        </p>
      </form>
      <ErrorMessage error={error} />
      <Status text={status} />
    </section>
  );
}
