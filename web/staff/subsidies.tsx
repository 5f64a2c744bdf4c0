// Caseworkers: one subsidy case with its checks, the decision, a stop and the complaints (reconsidered, and
// forwarded to Ankestyrelsen with the case file). The inbox is in subsidies-inbox.tsx, the payout in
// subsidies-payout.tsx.
import { useId, useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../shared/api.js';
import { BackLink, DataTable, ErrorMessage, Facts, Loading, Page, Status, useApi } from '../shared/components.js';
import { formatDate, formatOere, formatPeriod } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useServerFieldErrors } from '../shared/steps.js';
import { useCan } from '../shared/session.js';
import { useToday } from '../shared/today.js';
import type { CaseDetail } from '../../src/modules/subsidies/contract.js';
import { ComplaintsPanel, DecisionForm, PayoutsPanel, StopPanel } from './subsidies-case-panels.js';

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
              <DecisionForm data={data} id={id} errors={errors} act={act} reason={reason} onReason={setReason} />
            )}
          </>
        )}
      </section>
      <Status text={ok} />
      <ErrorMessage error={refused.other} />
      {decide && data.status === 'approved' && (
        <StopPanel
          data={data}
          id={id}
          errors={errors}
          act={act}
          stopDay={stopDay}
          onStopDay={setStopDay}
          stopReason={stopReason}
          onStopReason={setStopReason}
        />
      )}
      {/* A complaint is about a decision: a case awaiting its decision has none to show or register. */}
      {(data.status !== 'applied' || data.complaints.length > 0) && (
        <ComplaintsPanel
          data={data}
          id={id}
          errors={errors}
          act={act}
          decide={decide}
          complaint={complaint}
          onComplaint={setComplaint}
          note={note}
          onNote={setNote}
        />
      )}
      {data.payouts.length > 0 && <PayoutsPanel data={data} id={id} />}
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
