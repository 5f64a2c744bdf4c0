// The CPR page: look a person up in the register (the number only in a POST body), bring the family into Spire, and
// apply change files with a report per record.
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Facts, Field, Page, Status, useApi } from '../shared/components.js';
import { formatDate } from '../shared/format.js';
import { isKey, useT, type Key } from '../shared/i18n.js';
import { useCan, useSession } from '../shared/session.js';
import { GuardedButton } from '../shared/guard.js';
import type { ChangeFileReport, CprPersonView, ImportResult } from '../../src/modules/people/contract.js';

export function CprPage() {
  const { t } = useT();
  const can = useCan();
  return (
    <Page title={t('cpr.title')} lead={t('cpr.lead')}>
      <InitialLoad />
      <CprLookup />
      {can('people.cpr-changes') && <ChangeFiles />}
    </Page>
  );
}

type InitialLoadStep = { total: number; done: number; next: number | null; created: number; changes: number };

/** A new installation's first load of the municipality's families from CPR, a batch per call with a progress bar. */
function InitialLoad() {
  const { t } = useT();
  const { me } = useSession();
  const id = useId();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const municipality = me?.user?.municipality;
  async function load() {
    let offset: number | null = 0,
      created = 0,
      changes = 0,
      total = 0;
    setProgress(null);
    while (offset !== null) {
      const r: InitialLoadStep = await api.post<InitialLoadStep>('/api/staff/cpr/initial-load', { offset });
      created += r.created;
      changes += r.changes;
      total = r.total;
      setProgress({ done: r.done, total: r.total });
      offset = r.next;
    }
    return t('cpr.initialDone', { families: total, created, changes });
  }
  return (
    <section aria-labelledby={id + 'h'} className="panel">
      <h2 id={id + 'h'}>{t('cpr.initialTitle')}</h2>
      <p>{t('cpr.initialLead', { municipality: municipality ? `${municipality.name} (${municipality.code})` : '' })}</p>
      <GuardedButton
        label={t('cpr.initialButton')}
        title={t('cpr.initialConfirmTitle')}
        summary={t('cpr.initialSummary', { municipality: municipality?.name ?? '' })}
        consequence={t('cpr.initialConsequence')}
        confirmLabel={t('cpr.initialConfirm')}
        runningText={t('cpr.initialRunning')}
        progress={progress}
        action={load}
      />
    </section>
  );
}

function CprLookup() {
  const { t, lang } = useT();
  const id = useId();
  const [cpr, setCpr] = useState('');
  const [person, setPerson] = useState<CprPersonView | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run(what: 'lookup' | 'import', e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (what === 'lookup') {
        setImported(null);
        setPerson(await api.post<CprPersonView>('/api/staff/cpr/lookup', { cpr: cpr.trim() }));
      } else {
        const r = await api.post<ImportResult>('/api/staff/cpr/import', { cpr: cpr.trim() });
        setImported(r);
        setPerson((p) => p && { ...p, personId: r.personId });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const statusKey = person ? `cpr.status.${person.status}` : '';
  return (
    <section aria-labelledby={id + 'h'} className="panel">
      <h2 id={id + 'h'}>{t('cpr.lookup')}</h2>
      <form className="form-grid" onSubmit={(e) => void run('lookup', e)}>
        <Field id={id + 'cpr'} label={t('cpr.number')} hint={t('cpr.numberHint')}>
          <input
            id={id + 'cpr'}
            required
            inputMode="numeric"
            autoComplete="off"
            aria-describedby={id + 'cpr-hint'}
            pattern="\d{6}-?\d{4}"
            value={cpr}
            onChange={(e) => setCpr(e.target.value)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {t('cpr.lookup')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {person && (
        <>
          <h3>{t('cpr.found')}</h3>
          <Facts
            items={[
              [t('col.name'), `${person.firstName} ${person.lastName}`],
              [
                t('col.cpr'),
                <span key="cpr" className="mono">
                  {person.cprMasked}
                </span>,
              ],
              [t('col.birthDate'), formatDate(person.birthDate, lang)],
              [t('cpr.status'), isKey(statusKey) ? t(statusKey) : person.status],
              [
                t('cpr.address'),
                person.address
                  ? `${person.address.street}, ${person.address.postalCode} ${person.address.city}`
                  : person.addressProtected
                    ? t('cpr.protected')
                    : '—',
              ],
              [t('cpr.municipality'), person.municipalityCode ?? '—'],
              [t('cpr.children'), person.children.map((c) => c.cprMasked).join(', ') || '—'],
              [
                t('cpr.holders'),
                person.custodyHolders.map((h) => `${h.cprMasked} (${formatDate(h.since, lang)})`).join(', ') || '—',
              ],
              [
                t('cpr.known'),
                person.personId ? (
                  <Link key="known" to={`/staff/boern/${encodeURIComponent(person.personId)}`}>
                    {person.firstName} {person.lastName}
                  </Link>
                ) : (
                  t('cpr.notKnown')
                ),
              ],
            ]}
          />
          <div className="form-actions">
            <button type="button" className="button" disabled={busy} onClick={() => void run('import')}>
              {t('cpr.import')}
            </button>
          </div>
        </>
      )}
      <Status text={imported ? t('cpr.imported', { n: imported.people.length, changes: imported.changes }) : null} />
      {imported && (
        <ul className="plain-list">
          {imported.people.map((p) => (
            <li key={p.id}>
              {p.isChild ? (
                <Link to={`/staff/boern/${encodeURIComponent(p.id)}`}>
                  {p.firstName} {p.lastName}
                </Link>
              ) : (
                `${p.firstName} ${p.lastName}`
              )}
              {p.created && <span className="muted"> ({t('cpr.new')})</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ChangeFiles() {
  const { t, lang } = useT();
  const id = useId();
  const [text, setText] = useState('');
  const [reports, setReports] = useState<ChangeFileReport[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const history =
    useApi<{ fileId: string; sequence: number; appliedOn: string; report: ChangeFileReport }[]>(
      '/api/staff/cpr/change-files',
    );

  async function apply(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setNote(null);
    let file: unknown;
    try {
      file = JSON.parse(text);
    } catch {
      setNote(t('cpr.badJson'));
      return;
    }
    await submit(() => api.post<ChangeFileReport>('/api/staff/cpr/change-files', { file }).then((r) => [r]));
  }
  async function submit(call: () => Promise<ChangeFileReport[]>) {
    setBusy(true);
    try {
      const r = await call();
      setReports(r);
      if (!r.length) setNote(t('cpr.fetchedNone'));
      history.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={id + 'h'} className="panel">
      <h2 id={id + 'h'}>{t('cpr.files')}</h2>
      <p className="muted">{t('cpr.filesLead')}</p>
      <form className="form-grid" onSubmit={(e) => void apply(e)}>
        <Field id={id + 'file'} label={t('cpr.file')}>
          <textarea
            id={id + 'file'}
            rows={6}
            required
            spellCheck={false}
            className="mono"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {t('cpr.apply')}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void submit(() => api.post<ChangeFileReport[]>('/api/staff/cpr/change-files/fetch'))}
          >
            {t('cpr.fetch')}
          </button>
        </div>
      </form>
      <Status text={note} />
      <ErrorMessage error={error} />
      {reports?.map((r) => (
        <Report key={`${r.fileId}-${r.status}`} report={r} />
      ))}
      <h3>{t('cpr.history')}</h3>
      <ErrorMessage error={history.error} onRetry={history.reload} />
      {history.data && history.data.length === 0 && <p className="muted">{t('cpr.none')}</p>}
      {history.data && history.data.length > 0 && (
        <DataTable caption={t('cpr.history')}>
          <thead>
            <tr>
              <th scope="col">{t('cpr.file')}</th>
              <th scope="col">{t('cpr.appliedOn')}</th>
              <th scope="col">{t('cpr.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((f) => (
              <tr key={f.fileId}>
                <th scope="row" className="mono">
                  {f.fileId} ({f.sequence})
                </th>
                <td>{formatDate(f.appliedOn, lang)}</td>
                <td>{counts(t, f.report)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}

const counts = (t: ReturnType<typeof useT>['t'], r: ChangeFileReport) =>
  t('cpr.counts', { ...r.counts, tasks: r.inboxTasks });

function Report({ report }: { report: ChangeFileReport }) {
  const { t } = useT();
  const k = (key: string): string => (isKey(key) ? t(key as Key) : key);
  const reason = (r: string | null) => {
    if (!r) return '';
    if (r.startsWith('invalid:')) return t('cpr.reason.invalid', { field: r.slice('invalid:'.length) });
    return k(`cpr.reason.${r}`);
  };
  return (
    <div className={report.status === 'rejected' ? 'notice error' : 'notice'}>
      <h3>{t('cpr.report', { file: report.fileId, seq: report.sequence })}</h3>
      <p>
        <strong>{k(`cpr.fileStatus.${report.status}`)}</strong> {counts(t, report)}
      </p>
      <DataTable caption={t('cpr.report', { file: report.fileId, seq: report.sequence })}>
        <thead>
          <tr>
            <th scope="col">{t('cpr.record')}</th>
            <th scope="col">{t('cpr.event')}</th>
            <th scope="col">{t('cpr.outcome')}</th>
            <th scope="col">{t('cpr.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {report.records.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.recordNo ?? '—'}</th>
              <td>{r.event ? k(`cpr.event.${r.event}`) : '—'}</td>
              <td>{k(`cpr.outcome.${r.outcome}`)}</td>
              <td>
                {r.personId && r.event ? (
                  <Link to={`/staff/boern/${encodeURIComponent(r.personId)}`}>
                    {reason(r.reason) || t('cpr.openPerson')}
                  </Link>
                ) : (
                  reason(r.reason)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
