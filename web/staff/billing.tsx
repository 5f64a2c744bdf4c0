// Finance staff: the monthly billing run (preview → run with progress → send → export → close) and the rates.
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Page, Status, useApi } from '../shared/components.js';
import { useT } from '../shared/i18n.js';
import type {
  Invoice,
  MonthSummary,
  MonthWarnings,
  Municipality,
  Preview,
  Run,
  RunWarning,
  UnbilledChild,
} from '../../src/modules/billing/contract.js';
import { plusMonths, useToday } from '../shared/today.js';
import { GuardedButton } from '../shared/guard.js';
import { formatDateTime } from '../shared/format.js';
import { BillingRates } from './billing-rates.js';
import { FripladsCases } from './friplads-cases.js';
import { SettlementStatements } from './settlement.js';
import { LunchSchemes, PlaceCosts } from './billing-setup.js';

export const kr = (oere: number, lang: string) =>
  (oere / 100).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }) + ' kr.';
const monthLabel = (m: string, lang: string) =>
  new Date(`${m}-01T12:00:00`).toLocaleDateString(lang === 'da' ? 'da-DK' : 'en-GB', {
    month: 'long',
    year: 'numeric',
  });

const ROW = { display: 'flex', gap: '0.5rem', flexWrap: 'wrap', margin: '0.75rem 0' } as const;

type Unbilled = UnbilledChild;
type Summary = MonthSummary;

export function BillingPage() {
  const { t, lang } = useT();
  const id = useId();
  const munis = useApi<Municipality[]>('/api/staff/billing/municipalities');
  const [muni, setMuni] = useState('');
  const today = useToday();
  const [month, setMonth] = useState(() => plusMonths(today, 1));
  useEffect(() => {
    if (!muni && munis.data?.[0]) setMuni(munis.data[0].code);
  }, [munis.data, muni]);
  const q = muni ? `municipality=${muni}&month=${month}` : null;
  const summary = useApi<Summary>(q && `/api/staff/billing/months?${q}`);
  const invoices = useApi<Invoice[]>(q && `/api/staff/billing/invoices?${q}`);
  const warnings = useApi<MonthWarnings>(q && `/api/staff/billing/months/warnings?${q}`);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Children a run cannot bill: from the preview, or from a refused run or sending (409 with the complete list).
  const [unbilled, setUnbilled] = useState<Unbilled[] | null>(null);

  useEffect(() => {
    setPreview(null);
    setRun(null);
    setStatus(null);
    setErr(null);
    setUnbilled(null);
  }, [muni, month]);
  useEffect(() => {
    if (!run || run.status !== 'running') return;
    const timer = setTimeout(() => {
      api.get<Run>(`/api/staff/billing/runs/${run.id}`).then(setRun, setErr);
    }, 400);
    return () => clearTimeout(timer);
  }, [run]);
  useEffect(() => {
    if (run && run.status !== 'running') {
      summary.reload();
      invoices.reload();
      warnings.reload();
    }
  }, [run?.status]); // eslint-disable-line react-hooks/exhaustive-deps

  const failed = (e: unknown) => {
    setErr(e);
    if (e instanceof ApiError && e.code === 'billing.unbilled-children')
      setUnbilled((e.details as { children: Unbilled[] }).children);
  };
  async function act(fn: () => Promise<void>) {
    setErr(null);
    setStatus(null);
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }
  const doPreview = () =>
    act(async () => {
      const p = await api.get<Preview>(`/api/staff/billing/preview?${q}`);
      setPreview(p);
      setUnbilled(p.unbilled);
    });
  const doRun = async () => {
    setErr(null);
    setStatus(null);
    const { runId } = await api.post<{ runId: string }>('/api/staff/billing/runs', { municipality: muni, month });
    setPreview(null);
    setRun(await api.get<Run>(`/api/staff/billing/runs/${runId}`));
  };
  const doSend = async () => {
    setErr(null);
    setStatus(null);
    const r = await api.post<{ sent: number }>('/api/staff/billing/months/send', { municipality: muni, month });
    summary.reload();
    invoices.reload();
    return t('billing.sent', { n: r.sent });
  };
  const doClose = async () => {
    setErr(null);
    setStatus(null);
    await api.post('/api/staff/billing/months/close', { municipality: muni, month });
    summary.reload();
    setStatus(t('billing.closedOk')); // the page's status: the button gives way to the reopen form
    return null;
  };

  const pct =
    run?.progress && run.progress.total
      ? Math.round((100 * run.progress.done) / run.progress.total)
      : run?.status === 'running'
        ? 0
        : 100;
  const s = summary.data;
  return (
    <Page title={t('billing.title')} lead={t('billing.lead')}>
      <ErrorMessage error={munis.error} />
      <div className="filter-row">
        <Field id={id + 'm'} label={t('billing.municipality')}>
          <select id={id + 'm'} value={muni} onChange={(e) => setMuni(e.target.value)}>
            {munis.data?.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name} ({m.code})
              </option>
            ))}
          </select>
        </Field>
        <Field id={id + 'mo'} label={t('billing.month')}>
          <input
            id={id + 'mo'}
            type="month"
            value={month}
            required
            onChange={(e) => e.target.value && setMonth(e.target.value)}
          />
        </Field>
      </div>

      <section className="panel" aria-labelledby={id + 'rh'}>
        <h2 id={id + 'rh'}>
          {t('billing.run.heading')} – {monthLabel(month, lang)}
        </h2>
        {s && (
          <p>
            {t('billing.summary', {
              draft: s.draft.count,
              draftTotal: kr(s.draft.totalOere, lang),
              sent: s.sent.count,
              sentTotal: kr(s.sent.totalOere, lang),
            })}
            {s.closed ? ' ' + t('billing.closed') : ''}
          </p>
        )}
        <div style={ROW}>
          <button
            type="button"
            className="button-secondary"
            disabled={!q || busy || s?.closed}
            onClick={() => void doPreview()}
          >
            {t('billing.preview')}
          </button>
          <GuardedButton
            label={t('billing.start')}
            disabled={!q || busy || !s || s.closed || run?.status === 'running'}
            title={t('guard.run.title', { month: monthLabel(month, lang) })}
            summary={
              <>
                <p>{t('guard.run.summary', { month: monthLabel(month, lang) })}</p>
                {preview && preview.lines > 0 && (
                  <p>
                    {t('guard.run.summaryPreview', {
                      payers: preview.payers,
                      lines: preview.lines,
                      corrections: preview.corrections,
                      total: kr(preview.totalOere, lang),
                    })}
                  </p>
                )}
              </>
            }
            consequence={t('guard.run.consequence')}
            runningText={t('guard.run.running')}
            action={doRun}
            onError={failed}
          />
          {s && (
            <GuardedButton
              className="button-secondary"
              label={t('billing.send')}
              disabled={!s.draft.count || busy || run?.status === 'running'}
              title={t('guard.send.title', { month: monthLabel(month, lang) })}
              summary={
                <p>
                  {t('guard.send.summary', {
                    n: s.draft.count,
                    payers: s.draft.payers,
                    total: kr(s.draft.totalOere, lang),
                  })}
                </p>
              }
              consequence={t('guard.send.consequence')}
              runningText={t('guard.send.running', { n: s.draft.count })}
              action={doSend}
              onError={failed}
            />
          )}
          {s && !s.closed && (
            <GuardedButton
              className="button-secondary"
              label={t('billing.close')}
              disabled={!s.billed || !!s.draft.count || busy || run?.status === 'running'}
              disabledReason={!s.billed ? t('guard.close.neverBilled') : s.draft.count ? t('guard.close.drafts') : null}
              title={t('guard.close.title', { month: monthLabel(month, lang) })}
              summary={
                <p>
                  {t('guard.close.summary', {
                    n: s.sent.count,
                    payers: s.sent.payers,
                    total: kr(s.sent.totalOere, lang),
                  })}
                </p>
              }
              consequence={t('guard.close.consequence')}
              runningText={t('guard.close.running')}
              action={doClose}
              onError={failed}
            />
          )}
        </div>
        {s?.closed && (
          <ReopenMonth
            municipality={muni}
            month={month}
            label={monthLabel(month, lang)}
            summary={s}
            onDone={(text) => {
              summary.reload();
              setStatus(text);
            }}
          />
        )}
        {preview && (
          <div>
            <p>
              {preview.lines
                ? t('billing.previewResult', {
                    payers: preview.payers,
                    lines: preview.lines,
                    corrections: preview.corrections,
                    total: kr(preview.totalOere, lang),
                  })
                : t('billing.nothingToDo')}
            </p>
            {preview.sample.length > 0 && (
              <DataTable caption={t('billing.sample')}>
                <thead>
                  <tr>
                    <th scope="col">{t('billing.payer')}</th>
                    <th scope="col" className="num">
                      {t('billing.total')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.map((x) => (
                    <tr key={x.payerName + x.totalOere}>
                      <td>{x.payerName}</td>
                      <td className="num">{kr(x.totalOere, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            )}
            {preview.warnings.length > 0 && (
              <WarningsTable
                caption={t('billing.warnings.previewCaption', { n: preview.warnings.length })}
                list={preview.warnings}
              />
            )}
          </div>
        )}
        {unbilled && unbilled.length > 0 && <UnbilledChildren list={unbilled} />}
        {run && (
          <div>
            <label htmlFor={id + 'p'}>
              {t('billing.progress')}:{' '}
              {t(
                `billing.phase.${run.status === 'running' ? (run.progress?.phase ?? 'load') : run.status}` as 'billing.phase.load',
              )}
            </label>
            <progress
              id={id + 'p'}
              max={100}
              value={pct}
              style={{ display: 'block', width: '100%', maxWidth: '30rem', height: '1rem' }}
            >
              {pct} %
            </progress>
            {run.status === 'done' && (
              <p role="status">{t('billing.runDone', { invoices: run.invoicesWritten, lines: run.linesWritten })}</p>
            )}
            {run.status === 'failed' && (
              <p role="alert" className="error">
                {t('billing.runFailed', { error: run.error ?? '' })}
              </p>
            )}
          </div>
        )}
        {s && s.sent.count > 0 && (
          <p style={ROW}>
            <a className="button-secondary" href={`/api/staff/billing/export?${q}&format=csv`}>
              {t('billing.exportCsv')}
            </a>
            <a className="button-secondary" href={`/api/staff/billing/export?${q}&format=json`}>
              {t('billing.exportJson')}
            </a>
          </p>
        )}
        <Status text={status} />
        <ErrorMessage error={err} />
      </section>

      {warnings.data?.runId && (
        <section className="panel" id="advarsler" aria-labelledby={id + 'wh'}>
          <h2 id={id + 'wh'}>{t('billing.warnings.heading')}</h2>
          {warnings.data.total === 0 ? (
            <p>{t('billing.warnings.none', { month: monthLabel(month, lang) })}</p>
          ) : (
            <>
              <p>{t('billing.warnings.lead')}</p>
              <WarningsTable
                caption={t('billing.warnings.caption', { month: monthLabel(month, lang), n: warnings.data.total })}
                list={warnings.data.warnings}
              />
            </>
          )}
        </section>
      )}
      <ErrorMessage error={warnings.error} onRetry={warnings.reload} />

      <section className="panel" aria-labelledby={id + 'ih'}>
        <h2 id={id + 'ih'}>{t('billing.invoices', { month: monthLabel(month, lang) })}</h2>
        {invoices.loading && !invoices.data && <Loading />}
        <ErrorMessage error={invoices.error} onRetry={invoices.reload} />
        {invoices.data &&
          (invoices.data.length === 0 ? (
            <p>{t('billing.noInvoices')}</p>
          ) : (
            <DataTable
              caption={t('billing.invoices', { month: monthLabel(month, lang) })}
              rows={invoices.data}
              rowKey={(i) => i.id}
              columns={[
                {
                  id: 'number',
                  header: t('billing.invoiceNo'),
                  sort: (i) => i.number,
                  cell: (i) => `${i.number}${i.seq > 1 ? ` (${i.seq})` : ''}`,
                },
                {
                  id: 'payer',
                  header: t('billing.payer'),
                  sort: (i) => i.payerName,
                  cell: (i) => (
                    <Link to={`/staff/opkraevning/betaler/${i.payerId}?municipality=${muni}`}>{i.payerName}</Link>
                  ),
                },
                {
                  id: 'status',
                  header: t('billing.status'),
                  sort: (i) => t(`billing.status.${i.status}`),
                  cell: (i) => t(`billing.status.${i.status}`),
                },
                {
                  id: 'total',
                  header: t('billing.total'),
                  numeric: true,
                  sort: (i) => i.totalOere,
                  text: (i) => kr(i.totalOere, lang),
                  cell: (i) => kr(i.totalOere, lang),
                },
              ]}
            />
          ))}
      </section>

      {muni && <SettlementStatements municipality={muni} month={month} />}
      <FripladsCases />
      {muni && <BillingRates municipality={muni} />}
      {muni && <LunchSchemes municipality={muni} />}
      {muni && <PlaceCosts municipality={muni} />}
    </Page>
  );
}

/** A closed month reopens with a reason (audited) until its invoices have been exported to the debtor system. */
function ReopenMonth({
  municipality,
  month,
  label,
  summary,
  onDone,
}: {
  municipality: string;
  month: string;
  label: string;
  summary: Summary;
  onDone: (receipt: string) => void;
}) {
  const { t, lang } = useT();
  const id = useId();
  const [reason, setReason] = useState('');
  if (summary.exportedAt)
    return <p className="notice">{t('billing.exported', { date: formatDateTime(summary.exportedAt, lang) })}</p>;
  return (
    <div className="filter-row">
      <Field id={id} label={t('billing.reopen.reason')} hint={t('billing.reopen.hint')}>
        <input
          id={id}
          value={reason}
          minLength={3}
          maxLength={500}
          aria-describedby={id + '-hint'}
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
      <div className="field field-button">
        <GuardedButton
          className="button-secondary"
          label={t('billing.reopen')}
          disabled={reason.trim().length < 3}
          title={t('billing.reopen.title', { month: label })}
          summary={<p>{t('billing.reopen.summary', { n: summary.sent.count })}</p>}
          consequence={t('billing.reopen.consequence', { reason: reason.trim() })}
          runningText={t('billing.reopen.running')}
          action={async () => {
            await api.post(`/api/staff/billing/months/${month}/reopen`, { municipality, reason: reason.trim() });
            setReason('');
            onDone(t('billing.reopened', { month: label }));
            return null;
          }}
        />
      </div>
    </div>
  );
}

/** Children billed, though not as they should be: by name with a link, what is wrong; sorted, filtered and paged. */
function WarningsTable({ caption, list }: { caption: string; list: readonly RunWarning[] }) {
  const { t } = useT();
  return (
    <DataTable
      caption={caption}
      rows={list.map((w, i) => ({ ...w, key: `${i}` }))}
      rowKey={(w) => w.key}
      filter={list.length > 10}
      columns={[
        {
          id: 'child',
          header: t('billing.child'),
          rowHeader: true,
          sort: (w) => w.childName,
          cell: (w) => <Link to={w.link}>{w.childName}</Link>,
        },
        {
          id: 'text',
          header: t('billing.warnings.text'),
          sort: (w) => w.text,
          cell: (w) => <span lang="da">{w.text}</span>,
        },
      ]}
    />
  );
}

/** Every placed child the run cannot bill, by name with a link to the child, and why: the complete list. */
function UnbilledChildren({ list }: { list: Unbilled[] }) {
  const { t } = useT();
  const id = useId();
  return (
    <div className="notice notice-error" role="region" aria-labelledby={id}>
      <h3 id={id}>{t('billing.unbilled.heading', { n: list.length })}</h3>
      <p>{t('billing.unbilled.lead')}</p>
      <DataTable caption={t('billing.unbilled.caption', { n: list.length })}>
        <thead>
          <tr>
            <th scope="col">{t('billing.child')}</th>
            <th scope="col">{t('billing.unbilled.reason')}</th>
            <th scope="col">{t('billing.unbilled.months')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.childId}>
              <td>
                <Link to={c.link}>{c.name || c.childId}</Link>
              </td>
              <td lang="da">{c.reasons.join(' ')}</td>
              <td>{c.months.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
