// Unilogin og Aula: the municipality's roster against the last accepted delivery (counts and the persons added,
// changed and removed, paged), sending changes, a full delivery or today's komme/gå, and the log with "Send igen".
import { useId, useState } from 'react';
import { api, query } from '../shared/api.js';
import { DataTable, ErrorMessage, Loading, Page, Pager, Status, useApi } from '../shared/components.js';
import { GuardedButton } from '../shared/guard.js';
import { formatDate, formatDateTime, formatNumber } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useCan, useSession } from '../shared/session.js';
import type {
  UniloginDelivery,
  UniloginLog,
  UniloginPreview,
  UniloginResult,
} from '../../src/modules/unilogin/contract.js';

const PAGE = 50;

export function UniloginPage() {
  const { t, lang } = useT();
  const id = useId();
  const can = useCan();
  const { me } = useSession();
  const muni = me?.user?.municipality?.code ?? null;
  const [offset, setOffset] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const preview = useApi<UniloginPreview>(
    muni ? `/api/staff/unilogin/${muni}/preview${query({ page: offset / PAGE + 1, pageSize: PAGE })}` : null,
  );
  const log = useApi<UniloginLog>(muni ? `/api/staff/unilogin/${muni}/deliveries${query({ pageSize: 50 })}` : null);
  const n = (x: number) => formatNumber(x, lang);
  const p = preview.data;

  const outcomeText = (r: UniloginResult) => t(`uni.outcome.${r.outcome}`);
  function reloadAll() {
    preview.reload();
    log.reload();
  }
  async function send(kind: 'full' | 'delta' | 'presence') {
    setMessage(null);
    const r = await api.post<UniloginResult>(`/api/staff/unilogin/${muni}/deliveries`, { kind });
    reloadAll();
    return outcomeText(r);
  }
  async function retry(d: UniloginDelivery) {
    setActionError(null);
    setMessage(null);
    try {
      const r = await api.post<UniloginResult>(`/api/staff/unilogin/${muni}/deliveries/${d.id}/retry`);
      setMessage(outcomeText(r));
      reloadAll();
    } catch (e) {
      setActionError(e);
    }
  }
  const kindText = (d: UniloginDelivery) =>
    d.kind === 'presence' ? t('uni.kind.presence', { date: formatDate(d.date, lang) }) : t(`uni.kind.${d.kind}`);

  return (
    <Page title={t('uni.title')} lead={t('uni.lead')}>
      {preview.loading && !p && <Loading />}
      <ErrorMessage error={preview.error} onRetry={preview.reload} />
      {p && (
        <section aria-labelledby={id + 'p'}>
          <h2 id={id + 'p'}>{t('uni.preview')}</h2>
          <p>
            {t('uni.counts', {
              persons: n(p.counts.persons),
              institutions: n(p.counts.institutions),
              children: n(p.counts.children),
              guardians: n(p.counts.guardians),
              employees: n(p.counts.employees),
            })}
          </p>
          <p>
            <strong>
              {p.unchanged
                ? t('uni.unchanged')
                : t('uni.diff', {
                    added: n(p.counts.added),
                    changed: n(p.counts.changed),
                    removed: n(p.counts.removed),
                  })}
            </strong>
            {!p.lastAccepted && <> {t('uni.never')}</>}
          </p>
          {p.errors.length > 0 && (
            <div className="error" role="alert">
              <p>{t('uni.invalid')}</p>
              <ul>
                {p.errors.map((e, i) => (
                  <li key={i}>{e.text}</li>
                ))}
              </ul>
            </div>
          )}
          {can('unilogin.deliver') && (
            <div className="button-row">
              <GuardedButton
                label={t('uni.sendDelta')}
                disabled={p.unchanged}
                title={t('uni.confirm.delta')}
                summary={
                  <p>
                    {t('uni.diff', {
                      added: n(p.counts.added),
                      changed: n(p.counts.changed),
                      removed: n(p.counts.removed),
                    })}
                  </p>
                }
                consequence={p.counts.removed > 0 ? <p>{t('uni.consequence')}</p> : undefined}
                action={() => send('delta')}
                runningText={t('uni.sending')}
              />
              <GuardedButton
                className="button-secondary"
                label={t('uni.sendFull')}
                title={t('uni.confirm.full')}
                summary={<p>{t('uni.confirm.fullSummary', { persons: n(p.counts.persons) })}</p>}
                consequence={<p>{t('uni.consequence')}</p>}
                action={() => send('full')}
                runningText={t('uni.sending')}
              />
              <GuardedButton
                className="button-secondary"
                label={t('uni.sendPresence')}
                title={t('uni.confirm.presence')}
                summary={<p>{t('uni.confirm.presenceSummary')}</p>}
                action={() => send('presence')}
                runningText={t('uni.sending')}
              />
            </div>
          )}
          {p.total > 0 && (
            <>
              <DataTable caption={t('uni.changes', { n: n(p.total) })}>
                <thead>
                  <tr>
                    <th scope="col">{t('uni.name')}</th>
                    <th scope="col">{t('uni.role')}</th>
                    <th scope="col">{t('uni.change')}</th>
                    <th scope="col">{t('uni.institutions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.changes.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        {c.name || t('uni.unnamed')}
                        {c.protected && (
                          <>
                            {' '}
                            <span className="tag">{t('uni.protected')}</span>
                          </>
                        )}
                      </th>
                      <td>{c.role || t(`uni.type.${c.type}`)}</td>
                      <td>{t(`uni.change.${c.change}`)}</td>
                      <td>{c.institutions.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
              <Pager offset={offset} size={PAGE} total={p.total} onChange={setOffset} />
            </>
          )}
        </section>
      )}
      <section aria-labelledby={id + 'l'}>
        <h2 id={id + 'l'}>{t('uni.log')}</h2>
        <Status text={message} />
        <ErrorMessage error={actionError} />
        <ErrorMessage error={log.error} onRetry={log.reload} />
        {log.data &&
          (log.data.rows.length === 0 ? (
            <p>{t('uni.log.none')}</p>
          ) : (
            <DataTable caption={t('uni.log.caption', { n: n(log.data.total) })}>
              <thead>
                <tr>
                  <th scope="col">{t('uni.log.created')}</th>
                  <th scope="col">{t('uni.log.kind')}</th>
                  <th scope="col">{t('uni.log.status')}</th>
                  <th scope="col">{t('uni.log.counts')}</th>
                  <th scope="col">{t('uni.log.answer')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('uni.retry')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {log.data.rows.map((d) => (
                  <tr key={d.id}>
                    <td>{formatDateTime(d.createdAt, lang)}</td>
                    <td>{kindText(d)}</td>
                    <td>
                      <span className="tag">{t(`uni.status.${d.status}`)}</span>
                    </td>
                    <td>
                      {n(d.persons)} ({n(d.added)} / {n(d.changed)} / {n(d.removed)})
                    </td>
                    <td>
                      {d.receipt}
                      {d.errors.slice(0, 5).map((e, i) => (
                        <div key={i}>{e.text}</div>
                      ))}
                    </td>
                    <td>
                      {(d.status === 'refused' || d.status === 'failed') && can('unilogin.deliver') && (
                        <button
                          type="button"
                          className="button-secondary button-small"
                          aria-label={t('uni.retryLabel', {
                            what: kindText(d),
                            when: formatDateTime(d.createdAt, lang),
                          })}
                          onClick={() => void retry(d)}
                        >
                          {t('uni.retry')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          ))}
      </section>
    </Page>
  );
}
