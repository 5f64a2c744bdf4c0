// Sletning (GDPR): the retention rules in force, the latest dry run with its counts and the people it concerns (by
// name, no CPR), "Kør nu" after a dry run behind a confirmation in counts, and the log of runs.
import { useState } from 'react';
import { api, query } from '../shared/api.js';
import { DataTable, ErrorMessage, Loading, Page, Pager, Status, useApi } from '../shared/components.js';
import { formatDate, formatDateTime, formatNumber } from '../shared/format.js';
import { GuardedButton, useAction } from '../shared/guard.js';
import { useT } from '../shared/i18n.js';
import { useCan } from '../shared/session.js';
import type {
  RetentionCounts,
  RetentionOverview,
  RetentionPersons,
  RetentionRun,
} from '../../src/modules/retention/contract.js';

const COUNT_ROWS = ['persons', 'childCase', 'applications', 'attendance', 'invoices', 'auditLog', 'held'] as const;
const PAGE = 50;

export function RetentionPage() {
  const { t, lang } = useT();
  const can = useCan();
  const { data, error, loading, reload } = useApi<RetentionOverview>('/api/staff/retention');
  const n = (x: number) => formatNumber(x, lang);
  const dry = useAction(
    () => api.post<RetentionRun>('/api/staff/retention/dry-run'),
    () => t('retention.dryRun.done'),
  );
  const latest = data?.latestDryRun ?? null;
  const summary = (c: RetentionCounts) => ({
    persons: n(c.persons),
    applications: n(c.applications),
    attendance: n(c.attendance),
    invoices: n(c.invoices),
    audit: n(c.auditLog),
  });

  return (
    <Page title={t('retention.title')} lead={t('retention.intro')}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <>
          <h2>{t('retention.rules')}</h2>
          <DataTable caption={t('retention.rules.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('retention.category')}</th>
                <th scope="col">{t('retention.years')}</th>
                <th scope="col">{t('retention.source')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rules.map((r) => (
                <tr key={r.category}>
                  <td>{t(`retention.cat.${r.category}` as 'retention.cat.childCase')}</td>
                  <td>{t('retention.yearsValue', { n: n(r.years) })}</td>
                  <td>{t(r.isDefault ? 'retention.default' : 'retention.municipal')}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <p className="hint">{t('retention.changeRules')}</p>
          <p>{t(data.eraseNightly ? 'retention.nightly.erase' : 'retention.nightly.dry')}</p>

          <h2>{t('retention.latest')}</h2>
          {latest ? (
            <>
              <p>{t('retention.latest.when', { date: formatDateTime(latest.createdAt, lang) })}</p>
              <DataTable caption={t('retention.counts.caption')}>
                <thead>
                  <tr>
                    <th scope="col">{t('retention.category')}</th>
                    <th scope="col">{t('retention.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {COUNT_ROWS.map((k) => (
                    <tr key={k}>
                      <td>{t(`retention.cat.${k}`)}</td>
                      <td>{n(latest.counts[k])}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            </>
          ) : (
            <p>{t('retention.latest.none')}</p>
          )}
          {can('retention.run') && (
            <div className="button-row">
              <button
                type="button"
                className="button-secondary"
                aria-disabled={dry.running || undefined}
                onClick={() => void dry.run().then((r) => r && reload())}
              >
                {t('retention.dryRun')}
              </button>
              <GuardedButton
                label={t('retention.erase')}
                disabled={!latest}
                disabledReason={latest ? null : t('retention.erase.needsDryRun')}
                title={t('retention.erase.title')}
                summary={latest && <p>{t('retention.erase.summary', summary(latest.counts))}</p>}
                consequence={t('retention.erase.consequence')}
                runningText={t('retention.erase.running')}
                action={async () => {
                  const r = await api.post<RetentionRun>('/api/staff/retention/erase', { dryRunId: latest!.id });
                  reload();
                  return t('retention.erase.done', { persons: n(r.counts.persons) });
                }}
              />
            </div>
          )}
          <Status text={dry.receipt} />
          <ErrorMessage error={dry.error} />
          {latest && <RunPersons runId={latest.id} />}

          <h2>{t('retention.log')}</h2>
          {data.runs.length === 0 ? (
            <p>{t('retention.log.none')}</p>
          ) : (
            <DataTable caption={t('retention.log.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('retention.when')}</th>
                  <th scope="col">{t('retention.mode')}</th>
                  <th scope="col">{t('retention.trigger')}</th>
                  <th scope="col">{t('retention.summary')}</th>
                </tr>
              </thead>
              <tbody>
                {data.runs.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.createdAt, lang)}</td>
                    <td>{t(`retention.mode.${r.mode}`)}</td>
                    <td>{t(`retention.trigger.${r.trigger}`)}</td>
                    <td>{t('retention.summaryValue', summary(r.counts))}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </>
      )}
    </Page>
  );
}

function RunPersons({ runId }: { runId: string }) {
  const { t, lang } = useT();
  const [offset, setOffset] = useState(0);
  const { data, error, reload } = useApi<RetentionPersons>(
    `/api/staff/retention/runs/${runId}/persons${query({ page: offset / PAGE + 1, pageSize: PAGE })}`,
  );
  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return null;
  return (
    <>
      <h3>{t('retention.persons')}</h3>
      {data.total === 0 ? (
        <p>{t('retention.persons.none')}</p>
      ) : (
        <>
          <DataTable caption={t('retention.persons.caption', { n: formatNumber(data.total, lang) })}>
            <thead>
              <tr>
                <th scope="col">{t('retention.name')}</th>
                <th scope="col">{t('retention.birthDate')}</th>
                <th scope="col">{t('retention.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((p) => (
                <tr key={p.personId}>
                  <td>{p.name}</td>
                  <td>{formatDate(p.birthDate, lang)}</td>
                  <td>{t(`retention.reason.${p.category}`)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <Pager offset={offset} size={PAGE} total={data.total} onChange={setOffset} />
        </>
      )}
    </>
  );
}
