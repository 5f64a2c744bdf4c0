// The audit log (admin): filter on user, subject, action and dates.
import { useId, useState, type FormEvent } from 'react';
import { query } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Page, useApi } from '../shared/components.js';
import { formatDateTime } from '../shared/format.js';
import { useT, type Key } from '../shared/i18n.js';
import type { AuditEntry } from '../shared/types.js';

type Filters = { userId: string; subjectId: string; action: string; from: string; to: string };
const EMPTY: Filters = { userId: '', subjectId: '', action: '', from: '', to: '' };
const FIELDS: { key: keyof Filters; label: Key; type: string }[] = [
  { key: 'userId', label: 'audit.userId', type: 'text' },
  { key: 'subjectId', label: 'audit.subjectId', type: 'text' },
  { key: 'action', label: 'audit.action', type: 'text' },
  { key: 'from', label: 'audit.from', type: 'date' },
  { key: 'to', label: 'audit.to', type: 'date' },
];

export function AuditLogPage() {
  const { t, lang } = useT();
  const id = useId();
  const [form, setForm] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const { data, error, loading, reload } = useApi<AuditEntry[]>('/api/staff/audit' + query(applied));

  function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()])) as Filters;
    if (JSON.stringify(trimmed) === JSON.stringify(applied)) reload();
    else setApplied(trimmed);
  }

  return (
    <Page title={t('audit.title')}>
      <section aria-labelledby={id + 'f'} className="filters">
        <h2 id={id + 'f'} className="h-small">
          {t('audit.filters')}
        </h2>
        <form className="filter-row" onSubmit={submit}>
          {FIELDS.map((f) => (
            <Field key={f.key} id={id + f.key} label={t(f.label)}>
              <input
                id={id + f.key}
                type={f.type}
                autoComplete="off"
                spellCheck={false}
                value={form[f.key]}
                onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
              />
            </Field>
          ))}
          <div className="field field-button">
            <button type="submit" className="button">
              {t('search')}
            </button>
          </div>
        </form>
      </section>
      <ErrorMessage error={error} onRetry={reload} />
      {loading && <Loading />}
      {data && data.length === 0 && <p>{t('audit.none')}</p>}
      {data && data.length > 0 && (
        <DataTable caption={t('audit.caption', { n: data.length })} className="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('col.at')}</th>
              <th scope="col">{t('col.user')}</th>
              <th scope="col">{t('col.action')}</th>
              <th scope="col">{t('col.subject')}</th>
              <th scope="col">{t('col.ip')}</th>
              <th scope="col">{t('col.details')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((a) => (
              <tr key={a.id}>
                <td className="nowrap">
                  <time dateTime={a.at}>{formatDateTime(a.at, lang)}</time>
                </td>
                <td>
                  {a.userName ?? '—'}
                  {a.role && (
                    <>
                      <br />
                      <span className="muted">{t(`role.${a.role}`)}</span>
                    </>
                  )}
                </td>
                <td>
                  <code>{a.action}</code>
                </td>
                <td>
                  {a.subjectType}
                  {a.subjectIds.length > 0 && (
                    <>
                      <br />
                      <span className="mono small">{a.subjectIds.join(', ')}</span>
                    </>
                  )}
                </td>
                <td className="mono small">{a.ip ?? '—'}</td>
                <td>
                  <Details value={a.details} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Page>
  );
}

function Details({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <>—</>;
  if (typeof value === 'object' && Object.keys(value).length === 0) return <>—</>;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return <code className="details">{text}</code>;
}
