// Caseworkers: the inbox of subsidy cases by deadline, and one case with its checks, the decision, a stop and the
// complaints (reconsidered, and forwarded to Ankestyrelsen with the case file). Finance: the monthly payout.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, query } from '../shared/api.js';
import { GuardedButton } from '../shared/guard.js';
import {
  BackLink,
  DataTable,
  ErrorMessage,
  Facts,
  Field,
  Loading,
  Page,
  Status,
  useApi,
} from '../shared/components.js';
import { formatDate, formatDateTime, formatMonth, formatOere, formatPeriod } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { fieldAria, FormField, useServerFieldErrors } from '../shared/steps.js';
import { useCan, useSession } from '../shared/session.js';
import { useToday, plusMonths } from '../shared/today.js';
import type { CaseDetail, CaseSummary, Preview, RunOut, RunRow } from '../../src/modules/subsidies/contract.js';

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

export function SubsidyCasePage() {
  const { id: caseId } = useParams();
  const { t, lang } = useT();
  const id = useId();
  const can = useCan();
  const today = useToday();
  const { data, error, loading, reload } = useApi<CaseDetail>(`/api/staff/subsidies/cases/${caseId}`);
  const [err, setErr] = useState<unknown>(null);
  const [ok, setOk] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [stopDay, setStopDay] = useState(today);
  const [stopReason, setStopReason] = useState('');
  const [complaint, setComplaint] = useState({ text: '', receivedOn: today });
  const [note, setNote] = useState('');
  // Which form was sent last, so a refusal lands at that form's field.
  const [acting, setActing] = useState('');
  async function act(path: string, body: unknown, done: string, clear?: () => void) {
    setErr(null);
    setOk(null);
    setActing(path);
    try {
      await api.post(path, body);
      setOk(done);
      clear?.();
      reload();
    } catch (x) {
      setErr(x);
    }
  }
  const stopping = acting.endsWith('/stop');
  const reconsidering = /\/complaints\/([^/]+)\/reconsider$/.exec(acting)?.[1];
  const refused = useServerFieldErrors(err, (code, field) => {
    if (reconsidering && field === 'note') return { field: id + 'n' + reconsidering };
    const f =
      code === 'subsidies.reason-required'
        ? 'r'
        : code === 'subsidies.stop-outside-period' || field === 'lastDay'
          ? 'sd'
          : field === 'reason'
            ? stopping
              ? 'sr'
              : 'r'
            : field === 'receivedOn'
              ? 'kd'
              : field === 'text'
                ? 'kt'
                : null;
    return f ? { field: id + f } : null;
  });
  const errors = refused.errors;
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorMessage error={error} onRetry={reload} />;
  const decide = can('subsidies.decide');
  return (
    <Page title={`${t(`sub.scheme.${data.scheme}`)}: ${data.child}`}>
      <BackLink to="/staff/tilskud">{t('nav.subsidyCases')}</BackLink>
      {data.reopenedOn && data.status === 'applied' && (
        <p className="notice">{t('sub.reopened', { date: formatDate(data.reopenedOn, lang) })}</p>
      )}
      <Facts
        items={[
          [t('sub.status'), t(`sub.status.${data.status}`)],
          [t('sub.applicant'), data.applicant],
          [t('sub.period'), formatPeriod(data.start, data.end, t, lang)],
          ...(data.declarations
            ? (['residence', 'language', 'noOtherIncome'] as const).map(
                (k) => [t(`sub.decl.${k}`), t(data.declarations![k] ? 'sub.yes' : 'sub.no')] as [string, string],
              )
            : ([
                [t('sub.carer'), data.carer ? `${data.carer.name}, ${data.carer.address}` : '—'],
                [t('sub.expenseStaff'), data.expenseOere === null ? '—' : formatOere(data.expenseOere, lang)],
                [t('sub.hours'), data.hoursPerWeek],
                [t('sub.childrenInCare'), data.childrenInCare],
              ] as [string, ReactNode][])),
          [t('sub.submitted'), formatDate(data.submittedOn, lang)],
          [t('sub.deadline'), formatDate(data.deadline, lang)],
          ...(data.endReason
            ? ([[t('sub.lastDay'), `${formatDate(data.end, lang)} (${t(endKey(data.endReason))})`]] as [
                string,
                string,
              ][])
            : []),
        ]}
      />
      {data.letterId && (
        <p>
          <a href={`/api/staff/letters/${data.letterId}/pdf`}>{t('sub.letter')}</a>
        </p>
      )}
      <section className="panel" aria-labelledby={id + 'c'}>
        <h2 id={id + 'c'}>{t('sub.checks')}</h2>
        <DataTable caption={t('sub.checks')}>
          <thead>
            <tr>
              <th scope="col">{t('sub.check')}</th>
              <th scope="col">{t('sub.rule')}</th>
              <th scope="col">{t('sub.result')}</th>
            </tr>
          </thead>
          <tbody>
            {data.checks.map((c) => (
              <tr key={c.code}>
                <td>{t(`sub.check.${c.code}`)}</td>
                <td>{c.rule}</td>
                <td>{c.ok ? t('sub.ok') : <strong>{t('sub.notOk')}</strong>}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
        {data.status === 'applied' && (
          <>
            <h3>{t('sub.proposal')}</h3>
            <Facts
              items={[
                [t('sub.monthly'), data.monthlyOere === null ? '—' : formatOere(data.monthlyOere, lang)],
                [
                  t(data.scheme === 'egne_boern' ? 'sub.basis' : 'sub.ceiling'),
                  data.ceilingOere === null ? '—' : formatOere(data.ceilingOere, lang),
                ],
                [
                  t('sub.lastDay'),
                  data.proposedEnd
                    ? `${formatDate(data.proposedEnd, lang)} (${t(endKey(data.proposedEndReason ?? 'school_start'))})`
                    : '—',
                ],
              ]}
            />
            {decide && (
              <form onSubmit={(e) => e.preventDefault()}>
                <FormField id={id + 'r'} label={t('sub.reason')} errors={errors}>
                  <textarea
                    id={id + 'r'}
                    rows={3}
                    value={reason}
                    {...fieldAria(id + 'r', errors)}
                    onChange={(e) => setReason(e.target.value)}
                  />
                </FormField>
                <div className="form-actions">
                  {([true, false] as const).map((approve) => (
                    <button
                      key={String(approve)}
                      type="button"
                      className={approve ? 'button' : 'button-secondary'}
                      onClick={() =>
                        void act(
                          `/api/staff/subsidies/cases/${data.id}/decision`,
                          { approve, reason: reason || null },
                          t('sub.decided'),
                        )
                      }
                    >
                      {t(approve ? 'sub.approve' : 'sub.refuse')}
                    </button>
                  ))}
                </div>
              </form>
            )}
          </>
        )}
      </section>
      <Status text={ok} />
      <ErrorMessage error={refused.other} />
      {decide && data.status === 'approved' && (
        <section className="panel" aria-labelledby={id + 's'}>
          <h2 id={id + 's'}>{t('sub.stopHeading')}</h2>
          <form
            className="filter-row"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void act(
                `/api/staff/subsidies/cases/${data.id}/stop`,
                { lastDay: stopDay, reason: stopReason },
                t('sub.stopped'),
                () => setStopReason(''),
              );
            }}
          >
            <FormField id={id + 'sd'} label={t('sub.lastDay')} errors={errors}>
              <input
                id={id + 'sd'}
                type="date"
                required
                value={stopDay}
                {...fieldAria(id + 'sd', errors)}
                onChange={(e) => setStopDay(e.target.value)}
              />
            </FormField>
            <FormField id={id + 'sr'} label={t('sub.reason')} errors={errors}>
              <input
                id={id + 'sr'}
                required
                value={stopReason}
                {...fieldAria(id + 'sr', errors)}
                onChange={(e) => setStopReason(e.target.value)}
              />
            </FormField>
            <div className="field field-button">
              <button type="submit" className="button">
                {t('sub.stop')}
              </button>
            </div>
          </form>
        </section>
      )}
      {/* A complaint is about a decision: a case awaiting its decision has none to show or register. */}
      {(data.status !== 'applied' || data.complaints.length > 0) && (
        <section className="panel" aria-labelledby={id + 'k'}>
          <h2 id={id + 'k'}>{t('sub.complaints')}</h2>
          {data.complaints.length === 0 && <p>{t('sub.noComplaints')}</p>}
          {data.complaints.map((k) => (
            <div key={k.id} className="panel">
              <Facts
                items={[
                  [t('sub.received'), formatDate(k.receivedOn, lang)],
                  [t('sub.complaintText'), k.text],
                  [
                    t('sub.status'),
                    k.status === 'forwarded'
                      ? t('sub.k.forwarded', { date: formatDate(k.forwardedOn, lang) })
                      : t(`sub.k.${k.status}`),
                  ],
                  ...(k.reconsideredNote ? ([[t('sub.note'), k.reconsideredNote]] as [string, string][]) : []),
                ]}
              />
              {decide && k.status === 'received' && (
                <form className="form-grid" onSubmit={(e) => e.preventDefault()}>
                  <div className="grid-span">
                    <FormField id={id + 'n' + k.id} label={t('sub.note')} errors={errors}>
                      <textarea
                        id={id + 'n' + k.id}
                        rows={2}
                        value={note}
                        {...fieldAria(id + 'n' + k.id, errors)}
                        onChange={(e) => setNote(e.target.value)}
                      />
                    </FormField>
                  </div>
                  <div className="form-actions">
                    <button
                      type="button"
                      className="button"
                      onClick={() =>
                        void act(
                          `/api/staff/subsidies/complaints/${k.id}/reconsider`,
                          { outcome: 'upheld', note },
                          t('sub.k.upheld'),
                          () => setNote(''),
                        )
                      }
                    >
                      {t('sub.uphold')}
                    </button>{' '}
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() =>
                        void act(
                          `/api/staff/subsidies/complaints/${k.id}/reconsider`,
                          { outcome: 'changed', note },
                          t('sub.k.changed'),
                          () => setNote(''),
                        )
                      }
                    >
                      {t('sub.change')}
                    </button>
                  </div>
                </form>
              )}
              {decide && k.status === 'upheld' && (
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void act(
                      `/api/staff/subsidies/complaints/${k.id}/forward`,
                      {},
                      t('sub.k.forwarded', { date: formatDate(today, lang) }),
                    )
                  }
                >
                  {t('sub.forward')}
                </button>
              )}
              {k.status === 'forwarded' && (
                <p>
                  <a href={`/api/staff/subsidies/complaints/${k.id}/bundle`}>{t('sub.bundle')}</a>
                </p>
              )}
            </div>
          ))}
          {decide && data.status !== 'applied' && (
            <form
              className="form-grid"
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                void act(`/api/staff/subsidies/cases/${data.id}/complaints`, complaint, t('sub.registered'), () =>
                  setComplaint({ text: '', receivedOn: today }),
                );
              }}
            >
              <FormField id={id + 'kd'} label={t('sub.received')} errors={errors}>
                <input
                  id={id + 'kd'}
                  type="date"
                  required
                  value={complaint.receivedOn}
                  {...fieldAria(id + 'kd', errors)}
                  onChange={(e) => setComplaint({ ...complaint, receivedOn: e.target.value })}
                />
              </FormField>
              <div className="grid-span">
                <FormField id={id + 'kt'} label={t('sub.complaintText')} errors={errors}>
                  <textarea
                    id={id + 'kt'}
                    rows={3}
                    required
                    value={complaint.text}
                    {...fieldAria(id + 'kt', errors)}
                    onChange={(e) => setComplaint({ ...complaint, text: e.target.value })}
                  />
                </FormField>
              </div>
              <div className="form-actions">
                <button type="submit" className="button">
                  {t('sub.register')}
                </button>
              </div>
            </form>
          )}
        </section>
      )}
      {data.payouts.length > 0 && (
        <section className="panel" aria-labelledby={id + 'p'}>
          <h2 id={id + 'p'}>{t('sub.payouts')}</h2>
          <DataTable
            caption={t('sub.payouts')}
            rows={data.payouts.map((p, i) => ({ ...p, key: String(i) }))}
            rowKey={(p) => p.key}
            columns={[
              {
                id: 'month',
                header: t('sub.month'),
                sort: (p) => p.month,
                text: (p) => formatMonth(p.month, lang),
                cell: (p) => formatMonth(p.month, lang),
              },
              {
                id: 'kind',
                header: t('sub.kind'),
                sort: (p) => t(p.kind === 'payment' ? 'sub.kind.payment' : 'sub.kind.correction'),
                cell: (p) => t(p.kind === 'payment' ? 'sub.kind.payment' : 'sub.kind.correction'),
              },
              {
                id: 'amount',
                header: t('sub.amount'),
                numeric: true,
                sort: (p) => p.amountOere,
                text: (p) => formatOere(p.amountOere, lang),
                cell: (p) => formatOere(p.amountOere, lang),
              },
            ]}
          />
          {data.recoveries.length > 0 && (
            <p>
              {t('sub.recoveries')}:{' '}
              {data.recoveries.map((r) => `${r.months}: ${formatOere(r.amountOere, lang)}`).join(', ')}
            </p>
          )}
        </section>
      )}
    </Page>
  );
}

const endKey = (r: string) =>
  (
    {
      school_start: 'sub.endReason.school_start',
      max_age: 'sub.endReason.max_age',
      dagtilbud: 'sub.endReason.dagtilbud',
      carer_stop: 'sub.endReason.carer_stop',
      period_end: 'sub.endReason.period_end',
      stop: 'sub.endReason.stop',
    } as const
  )[r as 'stop'] ?? 'sub.endReason.stop';

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
