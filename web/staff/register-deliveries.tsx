// Indberetninger: the log of register changes sent to STIL, with the register's errors and "Send igen".
import { useId, useState } from 'react';
import { api, query } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Page, Status, useApi } from '../shared/components.js';
import { formatDateTime, formatNumber } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import type { Delivery, DeliveryLog } from '../../src/modules/registry/contract.js';

const STATUSES = ['queued', 'sent', 'accepted', 'refused'] as const;

export function RegisterDeliveriesPage() {
  const { t, lang } = useT();
  const id = useId();
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('');
  const { data, error, loading, reload } = useApi<DeliveryLog>(
    `/api/staff/register/deliveries${query({ status: status || null, pageSize: 100 })}`,
  );
  const [actionError, setActionError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const n = (x: number) => formatNumber(x, lang);

  async function retry(d: Delivery) {
    setActionError(null);
    setMessage(null);
    try {
      const r = await api.post<Delivery>(`/api/staff/register/deliveries/${d.id}/retry`);
      setMessage(
        t(
          r.status === 'accepted'
            ? 'deliveries.retried.accepted'
            : r.status === 'refused'
              ? 'deliveries.retried.refused'
              : 'deliveries.retried.queued',
        ),
      );
      reload();
    } catch (e) {
      setActionError(e);
    }
  }
  async function sendNow() {
    setActionError(null);
    setMessage(null);
    try {
      const r = await api.post<{ accepted: number; refused: number }>('/api/staff/register/deliveries/send');
      setMessage(t('deliveries.sent', { accepted: n(r.accepted), refused: n(r.refused) }));
      reload();
    } catch (e) {
      setActionError(e);
    }
  }

  return (
    <Page title={t('deliveries.title')} lead={t('deliveries.intro')}>
      {data && (
        <ul className="card-grid">
          {STATUSES.map((s) => (
            <li key={s} className="card">
              <strong>{n(data.counts[s] ?? 0)}</strong> {t(`deliveries.status.${s}`)}
            </li>
          ))}
        </ul>
      )}
      <div className="filter-row">
        <Field id={id + 's'} label={t('deliveries.status')}>
          <select id={id + 's'} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">{t('deliveries.status.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`deliveries.status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="field field-button">
          <button type="button" className="button-secondary" onClick={() => void sendNow()}>
            {t('deliveries.sendNow')}
          </button>
        </div>
      </div>
      <Status text={message} />
      <ErrorMessage error={actionError} />
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data &&
        (data.rows.length === 0 ? (
          <p>{t('deliveries.none')}</p>
        ) : (
          <DataTable caption={t('deliveries.caption', { n: n(data.total) })}>
            <thead>
              <tr>
                <th scope="col">{t('deliveries.created')}</th>
                <th scope="col">{t('deliveries.what')}</th>
                <th scope="col">{t('register.number')}</th>
                <th scope="col">{t('deliveries.status')}</th>
                <th scope="col">{t('deliveries.answer')}</th>
                <th scope="col">{t('deliveries.attempts')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('deliveries.retry')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((d) => {
                const what = `${t(`deliveries.op.${d.operation}`)}: ${t(`register.level.${d.level}`)}`;
                return (
                  <tr key={d.id}>
                    <td>{formatDateTime(d.createdAt, lang)}</td>
                    <td>{what}</td>
                    <td>{d.number}</td>
                    <td>
                      <span className="tag">{t(`deliveries.status.${d.status}`)}</span>
                    </td>
                    <td>
                      {d.errors.map((e, i) => (
                        <div key={i}>
                          {e.text}
                          {e.field ? ` (${e.field})` : ''}
                        </div>
                      ))}
                    </td>
                    <td>{n(d.attempts)}</td>
                    <td>
                      {d.status === 'refused' && (
                        <button
                          type="button"
                          className="button-secondary button-small"
                          aria-label={t('deliveries.retryLabel', { what, number: d.number })}
                          onClick={() => void retry(d)}
                        >
                          {t('deliveries.retry')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        ))}
    </Page>
  );
}
