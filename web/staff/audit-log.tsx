// The audit log (admin): who read or changed whose data, searched by names, action and dates, 50 rows a page.
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { query } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Page, useApi } from '../shared/components.js';
import { formatDateTime } from '../shared/format.js';
import { useT, type Lang } from '../shared/i18n.js';
import { auditActionTexts } from '../shared/texts/audit.js';
import type { z } from 'zod';
import type { auditContract, AuditEntry } from '../../src/platform/audit/contract.js';

type Result = z.infer<typeof auditContract.search.response>;
type Filters = { person: string; user: string; action: string; from: string; to: string };
const EMPTY: Filters = { person: '', user: '', action: '', from: '', to: '' };
type Action = keyof typeof auditActionTexts;

export const actionLabel = (code: string, lang: Lang) =>
  code in auditActionTexts ? auditActionTexts[code as Action][lang === 'da' ? 0 : 1] : code;

export function AuditLogPage() {
  const { t, lang } = useT();
  const id = useId();
  const [form, setForm] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi<Result>(
    '/api/staff/audit' + query({ ...applied, page: String(page) }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()])) as Filters;
    setPage(1);
    if (JSON.stringify(trimmed) === JSON.stringify(applied)) reload();
    else setApplied(trimmed);
  }
  const text = (key: keyof Filters, label: Parameters<typeof t>[0], type = 'text') => (
    <Field id={id + key} label={t(label)}>
      <input
        id={id + key}
        type={type}
        autoComplete="off"
        spellCheck={false}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </Field>
  );
  const actions = (Object.keys(auditActionTexts) as Action[])
    .map((code) => ({ code, label: actionLabel(code, lang) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));

  return (
    <Page title={t('audit.title')} lead={t('audit.lead')}>
      <section aria-labelledby={id + 'f'} className="filters">
        <h2 id={id + 'f'} className="h-small">
          {t('audit.filters')}
        </h2>
        <form className="filter-row" onSubmit={submit}>
          {text('person', 'audit.person')}
          {text('user', 'audit.user')}
          <Field id={id + 'action'} label={t('audit.action')}>
            <select
              id={id + 'action'}
              value={form.action}
              onChange={(e) => setForm({ ...form, action: e.target.value })}
            >
              <option value="">{t('audit.anyAction')}</option>
              {actions.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.label}
                </option>
              ))}
            </select>
          </Field>
          {text('from', 'audit.from', 'date')}
          {text('to', 'audit.to', 'date')}
          <div className="field field-button">
            <button type="submit" className="button">
              {t('search')}
            </button>
          </div>
        </form>
      </section>
      <ErrorMessage error={error} onRetry={reload} />
      {loading && <Loading />}
      {data && applied.person && (
        <p className="muted">
          {data.people.length
            ? t('audit.matched', { names: data.people.map((p) => p.name).join(', ') })
            : t('audit.noPerson')}
        </p>
      )}
      {data && data.rows.length === 0 && <p>{t('audit.none')}</p>}
      {data && data.rows.length > 0 && <AuditTable data={data} onPage={setPage} />}
    </Page>
  );
}

function AuditTable({ data, onPage }: { data: Result; onPage: (p: number) => void }) {
  const { t, lang } = useT();
  const capped = data.total > 10_000;
  const total = capped ? t('audit.more', { n: '10.000' }) : String(data.total);
  const first = (data.page - 1) * data.pageSize + 1;
  const pages = capped ? null : Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <>
      <DataTable
        caption={t('audit.caption', { from: first, to: first + data.rows.length - 1, total })}
        className="audit-table"
        rows={data.rows}
        rowKey={(a) => a.id}
        pageSize={0}
        filter={false}
        columns={[
          {
            id: 'at',
            header: t('col.at'),
            sort: (a) => a.at,
            cell: (a) => (
              <time className="nowrap" dateTime={a.at}>
                {formatDateTime(a.at, lang)}
              </time>
            ),
          },
          {
            id: 'user',
            header: t('col.user'),
            sort: (a) => a.user?.name ?? t('audit.system'),
            cell: (a) => (
              <>
                {a.user?.name ?? t('audit.system')}
                {a.user?.role && (
                  <>
                    <br />
                    <span className="muted">{t(`role.${a.user.role}` as Parameters<typeof t>[0])}</span>
                  </>
                )}
              </>
            ),
          },
          {
            id: 'action',
            header: t('col.action'),
            sort: (a) => actionLabel(a.action, lang),
            cell: (a) => actionLabel(a.action, lang),
          },
          { id: 'subject', header: t('col.subject'), cell: (a) => <Subjects entry={a} /> },
          { id: 'details', header: t('audit.details'), cell: (a) => <Details entry={a} /> },
        ]}
      />
      <nav className="pager" aria-label={t('audit.title')}>
        <button
          type="button"
          className="button secondary"
          disabled={data.page <= 1}
          onClick={() => onPage(data.page - 1)}
        >
          {t('audit.prev')}
        </button>
        {pages && <span>{t('audit.page', { page: data.page, pages })}</span>}
        <button
          type="button"
          className="button secondary"
          disabled={pages !== null ? data.page >= pages : data.rows.length < data.pageSize}
          onClick={() => onPage(data.page + 1)}
        >
          {t('audit.next')}
        </button>
      </nav>
    </>
  );
}

function Subjects({ entry }: { entry: AuditEntry }) {
  const { t } = useT();
  if (entry.subjects.length === 0) return <>—</>;
  const shown = entry.subjects.slice(0, 5);
  return (
    <>
      {shown.map((s, i) => (
        <span key={s.id}>
          {i > 0 && ', '}
          {s.name ? (
            entry.subjectType === 'child' ? (
              <Link to={`/staff/boern/${s.id}`}>{s.name}</Link>
            ) : (
              s.name
            )
          ) : (
            <span className="muted">{t('audit.unknownSubject', { type: entry.subjectType })}</span>
          )}
        </span>
      ))}
      {entry.subjects.length > shown.length && <span className="muted"> +{entry.subjects.length - shown.length}</span>}
    </>
  );
}

function Details({ entry }: { entry: AuditEntry }) {
  const { t } = useT();
  const d = entry.details;
  const empty = d === null || (typeof d === 'object' && Object.keys(d).length === 0);
  if (empty && !entry.ip) return <>—</>;
  return (
    <details>
      <summary>{t('audit.details')}</summary>
      {entry.ip && <p className="mono small">IP {entry.ip}</p>}
      {!empty && <pre className="details small">{JSON.stringify(d, null, 1)}</pre>}
    </details>
  );
}
