// Finance: the monthly subsidy payout of the user's municipality, previewed line by line and approved, and the
// runs made so far with their exports.
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, query } from '../shared/api.js';
import { GuardedButton } from '../shared/guard.js';
import { DataTable, ErrorMessage, Facts, Field, Page, Status, useApi } from '../shared/components.js';
import { formatDateTime, formatMonth, formatOere } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useSession } from '../shared/session.js';
import { useToday, plusMonths } from '../shared/today.js';
import type { Preview, RunOut, RunRow } from '../../src/modules/subsidies/contract.js';

export function SubsidyPayoutPage() {
  const { t, lang } = useT();
  const id = useId();
  const today = useToday();
  // The user's own municipality: the only one whose payouts the server lets them see and run.
  const [municipality, setMunicipality] = useState(useSession().me?.user?.municipality?.code ?? '');
  const [month, setMonth] = useState(plusMonths(today, 1));
  const [preview, setPreview] = useState<Preview | null>(null);
  const [filter, setFilter] = useState<'all' | 'changes'>('all');
  const [ok, setOk] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const runs = useApi<RunRow[]>('/api/staff/subsidies/payouts' + query({ municipality }));
  /** The month's summary and one page of its lines; paging and the filter keep the month that was previewed. */
  async function doPreview(at: { municipality: string; month: string; page: number; filter: 'all' | 'changes' }) {
    setErr(null);
    setOk(null);
    try {
      setPreview(await api.get<Preview>('/api/staff/subsidies/payouts/preview' + query(at)));
    } catch (x) {
      setErr(x);
    }
  }
  const again = (p: Preview, change: { page?: number; filter?: 'all' | 'changes' }) =>
    void doPreview({ municipality: p.municipality, month: p.month.slice(0, 7), page: 1, filter: p.filter, ...change });
  async function approve() {
    setErr(null);
    const r = await api.post<RunOut>('/api/staff/subsidies/payouts', { municipality, month });
    setOk(r.runId ? t('pay.done', { lines: r.lines, total: formatOere(r.totalOere, lang) }) : t('pay.nothing'));
    setPreview(null);
    runs.reload();
    return null;
  }
  const sum = preview?.summary;
  return (
    <Page title={t('subpay.title')} lead={t('subpay.lead')}>
      <form
        className="filter-row"
        onSubmit={(e) => {
          e.preventDefault();
          void doPreview({ municipality, month, page: 1, filter });
        }}
      >
        <Field id={id + 'm'} label={t('pay.municipality')}>
          <input
            id={id + 'm'}
            required
            pattern="[0-9]{4}"
            inputMode="numeric"
            value={municipality}
            onChange={(e) => setMunicipality(e.target.value)}
          />
        </Field>
        <Field id={id + 'n'} label={t('sub.month')}>
          <input id={id + 'n'} type="month" required value={month} onChange={(e) => setMonth(e.target.value)} />
        </Field>
        <div className="field field-button">
          <button type="submit" className="button-secondary">
            {t('pay.preview')}
          </button>
        </div>
      </form>
      <Status text={ok} />
      <ErrorMessage error={err} />
      {preview && sum && (
        <section className="panel" aria-labelledby={id + 'p'}>
          <h2 id={id + 'p'}>{t('pay.previewOf', { month: formatMonth(preview.month, lang) })}</h2>
          <p>{t('pay.previewText', { changes: sum.changes, total: formatOere(sum.totalOere, lang) })}</p>
          <Facts
            items={[
              [t('pay.cases'), sum.cases],
              [t('pay.new'), sum.new],
              [t('pay.changed'), sum.changed],
              [t('pay.unchanged'), sum.unchanged],
              [t('pay.dueTotal'), formatOere(sum.dueOere, lang)],
              [t('pay.paidTotal'), formatOere(sum.paidOere, lang)],
              [t('pay.toPay'), formatOere(sum.totalOere, lang)],
            ]}
          />
          {preview.skipped.length > 0 && <p className="hint">{t('pay.skipped', { n: preview.skipped.length })}</p>}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={filter === 'changes'}
              onChange={(e) => {
                const next = e.target.checked ? 'changes' : 'all';
                setFilter(next);
                again(preview, { filter: next });
              }}
            />
            {t('pay.onlyChanges')}
          </label>
          <DataTable
            caption={t(preview.filter === 'changes' ? 'pay.linesChanges' : 'pay.linesAll', { n: preview.total })}
            rows={preview.lines}
            rowKey={(l) => l.caseId}
            pageSize={preview.size}
            server={{
              total: preview.total,
              offset: (preview.page - 1) * preview.size,
              sort: null,
              onSort: () => {},
              onPage: (offset) => again(preview, { page: Math.floor(offset / preview.size) + 1 }),
            }}
            columns={[
              { id: 'payee', header: t('pay.payee'), cell: (l) => l.payee },
              {
                id: 'child',
                header: t('sub.child'),
                cell: (l) => <Link to={`/staff/tilskud/${l.caseId}`}>{l.child}</Link>,
              },
              { id: 'due', header: t('pay.due'), numeric: true, cell: (l) => formatOere(l.dueOere, lang) },
              { id: 'sibling', header: t('pay.sibling'), numeric: true, cell: (l) => formatOere(l.siblingOere, lang) },
              { id: 'paid', header: t('pay.paid'), numeric: true, cell: (l) => formatOere(l.paidOere, lang) },
              { id: 'amount', header: t('sub.amount'), numeric: true, cell: (l) => formatOere(l.amountOere, lang) },
              { id: 'kind', header: t('sub.kind'), cell: (l) => t(`sub.kind.${l.kind}`) },
            ]}
          />
          <GuardedButton
            label={t('pay.approve')}
            title={t('pay.confirm.title', { month: formatMonth(month, lang) })}
            summary={
              <p>{t('pay.confirm.summary', { changes: sum.changes, total: formatOere(sum.totalOere, lang) })}</p>
            }
            consequence={t('pay.confirm.consequence')}
            runningText={t('pay.confirm.running')}
            action={approve}
            onError={setErr}
          />
        </section>
      )}
      {runs.data && runs.data.length > 0 && (
        <section className="panel" aria-labelledby={id + 'r'}>
          <h2 id={id + 'r'}>{t('pay.runs')}</h2>
          <DataTable
            caption={t('pay.runs')}
            rows={runs.data}
            rowKey={(r) => r.id}
            columns={[
              {
                id: 'month',
                header: t('sub.month'),
                sort: (r) => r.month,
                text: (r) => formatMonth(r.month, lang),
                cell: (r) => formatMonth(r.month, lang),
              },
              {
                id: 'created',
                header: t('pay.created'),
                sort: (r) => r.createdAt,
                text: (r) => formatDateTime(r.createdAt, lang),
                cell: (r) => formatDateTime(r.createdAt, lang),
              },
              { id: 'lines', header: t('pay.lineCount'), numeric: true, sort: (r) => r.lines, cell: (r) => r.lines },
              {
                id: 'amount',
                header: t('sub.amount'),
                numeric: true,
                sort: (r) => r.totalOere,
                text: (r) => formatOere(r.totalOere, lang),
                cell: (r) => formatOere(r.totalOere, lang),
              },
              {
                id: 'export',
                header: t('pay.export'),
                cell: (r) => (
                  <a
                    href={`/api/staff/subsidies/payouts/${r.id}/export`}
                    aria-label={t('pay.exportFor', { month: formatMonth(r.month, lang) })}
                  >
                    CSV
                  </a>
                ),
              },
            ]}
          />
        </section>
      )}
    </Page>
  );
}
