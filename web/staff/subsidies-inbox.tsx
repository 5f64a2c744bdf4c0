// Caseworkers' inbox: the subsidy cases by deadline, filtered by status, each linking to its case.
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { query } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Page, useApi } from '../shared/components.js';
import { formatDate, formatPeriod } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import type { CaseSummary } from '../../src/modules/subsidies/contract.js';

export function SubsidyInboxPage() {
  const { t, lang } = useT();
  const id = useId();
  const [status, setStatus] = useState('applied');
  const { data, error, loading, reload } = useApi<CaseSummary[]>(
    '/api/staff/subsidies/cases' + query({ status: status || null }),
  );
  return (
    <Page title={t('nav.subsidyCases')}>
      <div className="filter-row">
        <Field id={id + 's'} label={t('sub.filter')}>
          <select id={id + 's'} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('sub.all')}</option>
            {(['applied', 'approved', 'refused', 'stopped'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`sub.status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && data.length === 0 && <p>{t('sub.none')}</p>}
      {data && data.length > 0 && (
        <DataTable
          caption={t('sub.inbox', { n: data.length })}
          rows={data}
          rowKey={(c) => c.id}
          initialSort={{ column: 'deadline', direction: 'ascending' }}
          columns={[
            {
              id: 'child',
              header: t('sub.child'),
              rowHeader: true,
              sort: (c) => c.child,
              cell: (c) => (
                <Link to={`/staff/tilskud/${c.id}`} aria-label={t('sub.open', { name: c.child })}>
                  {c.child}
                </Link>
              ),
            },
            { id: 'applicant', header: t('sub.applicant'), sort: (c) => c.applicant, cell: (c) => c.applicant },
            {
              id: 'period',
              header: t('sub.period'),
              sort: (c) => c.start,
              text: (c) => formatPeriod(c.start, c.end, t, lang),
              cell: (c) => formatPeriod(c.start, c.end, t, lang),
            },
            {
              id: 'status',
              header: t('sub.status'),
              sort: (c) => t(`sub.status.${c.status}`),
              cell: (c) => t(`sub.status.${c.status}`),
            },
            {
              id: 'submitted',
              header: t('sub.submitted'),
              sort: (c) => c.submittedOn,
              text: (c) => formatDate(c.submittedOn, lang),
              cell: (c) => formatDate(c.submittedOn, lang),
            },
            {
              id: 'deadline',
              header: t('sub.deadline'),
              sort: (c) => c.deadline,
              text: (c) => formatDate(c.deadline, lang) + (c.overdue ? ` (${t('sub.overdue')})` : ''),
              cell: (c) => (
                <>
                  {formatDate(c.deadline, lang)}
                  {c.overdue && <strong> ({t('sub.overdue')})</strong>}
                </>
              ),
            },
            {
              id: 'complaints',
              header: t('sub.complaints'),
              numeric: true,
              sort: (c) => c.openComplaints,
              cell: (c) => c.openComplaints || '—',
            },
          ]}
        />
      )}
    </Page>
  );
}
