// The Dagtilbudsregister import of the user's own municipality: see the preview (counts, errors, rows page by page),
// then import with a confirmation that repeats the counts. (All municipalities at once: `spire register import`.)
import { useId, useState } from 'react';
import { api, query } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Page, Status, useApi } from '../shared/components.js';
import { formatNumber } from '../shared/format.js';
import { useT, type Key } from '../shared/i18n.js';
import { useSession } from '../shared/session.js';
import type { ImportPreview } from '../../src/modules/registry/contract.js';

const PAGE = 50;
const ACTIONS = ['create', 'update', 'close', 'unchanged'] as const;
type Action = (typeof ACTIONS)[number];

export function RegisterImportPage() {
  const { t, lang } = useT();
  const id = useId();
  const own = useSession().me?.user?.municipality ?? null;
  const [scope, setScope] = useState<string | null>(null);
  const [action, setAction] = useState<Action | ''>('');
  const [page, setPage] = useState(1);
  const [confirming, setConfirming] = useState(false);
  const [applyError, setApplyError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const path = scope
    ? `/api/staff/register/import${query({ municipality: scope, action: action || null, page, pageSize: PAGE })}`
    : null;
  const { data, error, loading, reload } = useApi<ImportPreview>(path);
  const n = (x: number) => formatNumber(x, lang);
  const changes = data ? data.counts.create + data.counts.update + data.counts.close : 0;

  async function apply() {
    if (!data || !scope) return;
    setApplyError(null);
    try {
      const r = await api.post<{ counts: ImportPreview['counts'] }>('/api/staff/register/import', {
        municipality: scope,
        expected: data.counts,
      });
      setDone(
        t('register.applied', { create: n(r.counts.create), update: n(r.counts.update), close: n(r.counts.close) }),
      );
      setConfirming(false);
      setPage(1);
      reload();
    } catch (e) {
      setApplyError(e);
      setConfirming(false);
    }
  }

  return (
    <Page title={t('register.title')} lead={t('register.intro')}>
      <form
        className="filter-row"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          setPage(1);
          if (!own) return;
          if (scope === own.code) reload();
          setScope(own.code);
        }}
      >
        <p className="unit-meta">{own && t('register.municipality', { name: own.name, code: own.code })}</p>
        <div className="field field-button">
          <button type="submit" className="button">
            {t('register.show')}
          </button>
        </div>
      </form>
      <Status text={done} />
      <ErrorMessage error={applyError} />
      {loading && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <>
          <p className="unit-meta">{t('register.source', { source: t(`register.source.${data.source}` as Key) })}</p>
          <section aria-labelledby={id + 'c'}>
            <h2 id={id + 'c'}>{t('register.counts')}</h2>
            <ul className="card-grid">
              {ACTIONS.map((a) => (
                <li key={a} className="card">
                  <strong>{n(data.counts[a])}</strong> {t(`register.action.${a}`)}
                </li>
              ))}
            </ul>
          </section>
          {data.errors.length > 0 ? (
            <section aria-labelledby={id + 'e'} className="notice notice-error">
              <div>
                <h2 id={id + 'e'}>{t('register.errors', { n: n(data.errors.length) })}</h2>
                <p>{t('register.errorsIntro')}</p>
                <DataTable caption={t('register.errors', { n: n(data.errors.length) })}>
                  <thead>
                    <tr>
                      <th scope="col">{t('register.level')}</th>
                      <th scope="col">{t('register.row')}</th>
                      <th scope="col">{t('register.number')}</th>
                      <th scope="col">{t('register.field')}</th>
                      <th scope="col">{t('register.error')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.errors.map((e, i) => (
                      <tr key={i}>
                        <td>{t(`register.level.${e.level}`)}</td>
                        <td>{e.row ?? ''}</td>
                        <td>{e.number ?? ''}</td>
                        <td>{e.field ?? ''}</td>
                        <td>
                          {t(`register.code.${e.code}`)}
                          {e.value !== null && e.code !== 'duplicate-number' ? `: ${e.value}` : ''}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              </div>
            </section>
          ) : changes === 0 ? (
            <p className="notice">{t('register.nothing')}</p>
          ) : confirming ? (
            <div className="notice" role="alertdialog" aria-labelledby={id + 'q'}>
              <p id={id + 'q'}>
                {t('register.confirm', {
                  create: n(data.counts.create),
                  update: n(data.counts.update),
                  close: n(data.counts.close),
                  unchanged: n(data.counts.unchanged),
                })}
              </p>
              <button type="button" className="button" onClick={() => void apply()}>
                {t('register.confirmYes')}
              </button>{' '}
              <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
                {t('register.cancel')}
              </button>
            </div>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              {t('register.apply')}
            </button>
          )}
          <div className="filter-row">
            <Field id={id + 'a'} label={t('register.filter')}>
              <select
                id={id + 'a'}
                value={action}
                onChange={(e) => {
                  setAction(e.target.value as Action | '');
                  setPage(1);
                }}
              >
                <option value="">{t('register.filter.all')}</option>
                {ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {t(`register.action.${a}`)} ({n(data.counts[a])})
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <DataTable
            caption={t('register.caption', {
              from: n(data.total ? (page - 1) * PAGE + 1 : 0),
              to: n(Math.min(page * PAGE, data.total)),
              n: n(data.total),
            })}
          >
            <thead>
              <tr>
                <th scope="col">{t('register.action')}</th>
                <th scope="col">{t('register.level')}</th>
                <th scope="col">{t('register.number')}</th>
                <th scope="col">{t('register.name')}</th>
                <th scope="col">{t('register.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={`${r.level}:${r.number}:${r.name}`}>
                  <td>
                    <span className="tag">{t(`register.action.${r.action}`)}</span>
                  </td>
                  <td>{t(`register.level.${r.level}`)}</td>
                  <td>{r.number}</td>
                  <td>{r.name}</td>
                  <td>
                    {r.changes.map((c) => (
                      <div key={c.field}>
                        {c.field}: {c.from ?? '–'} → {c.to ?? '–'}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <nav aria-label={t('register.paging')} className="filter-row">
            <button type="button" className="button-secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('register.prev')}
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={page * PAGE >= data.total}
              onClick={() => setPage(page + 1)}
            >
              {t('register.next')}
            </button>
          </nav>
        </>
      )}
    </Page>
  );
}
