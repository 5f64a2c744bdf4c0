// Municipality settings as versioned data: each key has values with validity periods; a new value closes the open one.
import { useId, useState, type FormEvent } from 'react';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Status, useApi } from '../shared/components.js';
import { formatPeriod } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useCan } from '../shared/session.js';
import type { Setting } from '../../src/modules/settings/contract.js';

export function MunicipalSettings() {
  const { t, lang } = useT();
  const can = useCan();
  const id = useId();
  const { data, error, loading, reload } = useApi<Setting[]>('/api/staff/settings');
  const [form, setForm] = useState({ key: '', value: '', start: '' });
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaveError(null);
    setSaved(null);
    let value: unknown;
    try {
      value = JSON.parse(form.value);
    } catch {
      value = form.value;
    }
    try {
      await api.post('/api/staff/settings', { key: form.key.trim(), value, start: form.start, end: null });
      setSaved(t('saved'));
      reload();
    } catch (err) {
      setSaveError(err);
    }
  }

  return (
    <section aria-labelledby={id + 'h'} className="panel">
      <h2 id={id + 'h'}>{t('settings.heading')}</h2>
      <p>{t('settings.intro')}</p>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <DataTable caption={t('settings.caption', { n: data.length })}>
          <thead>
            <tr>
              <th scope="col">{t('settings.key')}</th>
              <th scope="col">{t('settings.value')}</th>
              <th scope="col">{t('settings.period')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <tr key={s.id}>
                <td>
                  <code>{s.key}</code>
                </td>
                <td>{JSON.stringify(s.value)}</td>
                <td>{formatPeriod(s.start, s.end, t, lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {can('settings.change') && (
        <form onSubmit={(e) => void submit(e)} className="filter-row">
          <Field id={id + 'k'} label={t('settings.key')}>
            <input
              id={id + 'k'}
              required
              pattern="[a-z][a-z0-9_.]*"
              value={form.key}
              onChange={(e) => setForm({ ...form, key: e.target.value })}
            />
          </Field>
          <Field id={id + 'v'} label={t('settings.value')}>
            <input
              id={id + 'v'}
              required
              value={form.value}
              onChange={(e) => setForm({ ...form, value: e.target.value })}
            />
          </Field>
          <Field id={id + 's'} label={t('settings.start')}>
            <input
              id={id + 's'}
              type="date"
              required
              value={form.start}
              onChange={(e) => setForm({ ...form, start: e.target.value })}
            />
          </Field>
          <div className="field field-button">
            <button type="submit" className="button">
              {t('settings.add')}
            </button>
          </div>
        </form>
      )}
      <Status text={saved} />
      <ErrorMessage error={saveError} />
    </section>
  );
}
