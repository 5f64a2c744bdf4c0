// A child's page: facts, guardians, siblings, places, a name edit form and the history.
import { useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../shared/api.js';
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
import { formatAge, formatDate } from '../shared/format.js';
import { HistoryList } from '../shared/history.js';
import { useT } from '../shared/i18n.js';
import type { ChildDetail, ImportResult } from '../../src/modules/people/contract.js';
import { useCan } from '../shared/session.js';
import { PlacementTable } from './placement-table.js';
import { ChildLetters } from './child-letters.js';
import { ChildCasework } from './child-casework.js';

export function ChildPage() {
  const { t, lang } = useT();
  const can = useCan();
  const { id = '' } = useParams();
  const hid = useId();
  // Bumped after a casework action: the letters it sent are shown at once.
  const [sent, setSent] = useState(0);
  const {
    data: c,
    error,
    loading,
    reload,
    setData,
  } = useApi<ChildDetail>(`/api/staff/children/${encodeURIComponent(id)}`);
  const back = <BackLink to="/staff/boern">{t('child.back')}</BackLink>;
  if (!c || c.id !== id) {
    return (
      <>
        {back}
        <Page title={t('search.child')}>
          {loading && <Loading />}
          <ErrorMessage error={error} onRetry={reload} />
        </Page>
      </>
    );
  }
  const h2 = (key: string, title: string) => <h2 id={hid + key}>{title}</h2>;
  return (
    <>
      {back}
      <Page title={`${c.firstName} ${c.lastName}`} lead={formatAge(c.ageMonths, t)}>
        <div className="two-col">
          <section aria-labelledby={hid + 'facts'} className="panel">
            {h2('facts', t('child.facts'))}
            <Facts
              items={[
                [t('col.birthDate'), formatDate(c.birthDate, lang)],
                [t('child.age'), formatAge(c.ageMonths, t)],
                [t('child.sex'), t(`sex.${c.sex}`)],
                [t('col.cpr'), c.cprMasked ? <span className="mono">{c.cprMasked}</span> : null],
                [
                  t('child.address'),
                  c.address
                    ? `${c.address.street}, ${c.address.postalCode} ${c.address.city}`
                    : c.addressProtected
                      ? t('child.protected')
                      : t('child.noAddress'),
                ],
                ...(c.diedOn
                  ? [[t('cpr.status'), t('child.died', { date: formatDate(c.diedOn, lang) })] as [string, string]]
                  : []),
                ...(c.emigratedOn
                  ? [
                      [t('cpr.status'), t('child.emigrated', { date: formatDate(c.emigratedOn, lang) })] as [
                        string,
                        string,
                      ],
                    ]
                  : []),
              ]}
            />
            {can('people.cpr-import') && <CprRefresh childId={c.id} onDone={reload} />}
          </section>
          <section aria-labelledby={hid + 'edit'} className="panel">
            {h2('edit', t('child.edit'))}
            <ChildNameForm key={c.id} child={c} onSaved={(u) => (u && u.id ? setData(u) : reload())} />
          </section>
        </div>
        <section aria-labelledby={hid + 'guard'} className="panel">
          {h2('guard', t('child.guardians'))}
          {c.guardians.length === 0 ? (
            <p className="muted">{t('child.noGuardians')}</p>
          ) : (
            <DataTable caption={t('child.guardiansCaption')}>
              <thead>
                <tr>
                  <th scope="col">{t('col.name')}</th>
                  <th scope="col">{t('col.phone')}</th>
                  <th scope="col">{t('col.email')}</th>
                </tr>
              </thead>
              <tbody>
                {c.guardians.map((g) => (
                  <tr key={g.id}>
                    <th scope="row">
                      {g.firstName} {g.lastName}
                    </th>
                    <td>{g.phone ?? '—'}</td>
                    <td>{g.email ? <a href={`mailto:${g.email}`}>{g.email}</a> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
          <h3>{t('child.siblings')}</h3>
          {c.siblings.length === 0 ? (
            <p className="muted">{t('child.noSiblings')}</p>
          ) : (
            <ul className="plain-list">
              {c.siblings.map((s) => (
                <li key={s.id}>
                  <Link to={`/staff/boern/${encodeURIComponent(s.id)}`}>
                    {s.firstName} {s.lastName}
                  </Link>{' '}
                  <span className="muted">({formatDate(s.birthDate, lang)})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby={hid + 'pl'} className="panel">
          {h2('pl', t('child.placements'))}
          <PlacementTable items={c.placements} />
        </section>
        {can('placement.casework') && (
          <ChildCasework
            key={c.id}
            childId={c.id}
            headingId={hid + 'cw'}
            onChanged={() => {
              reload();
              setSent((n) => n + 1);
            }}
          />
        )}
        <ChildLetters key={sent} childId={c.id} headingId={hid + 'post'} />
        <section aria-labelledby={hid + 'hist'} className="panel">
          {h2('hist', t('history.title'))}
          <HistoryList items={c.history} />
        </section>
      </Page>
    </>
  );
}

function ChildNameForm({ child, onSaved }: { child: ChildDetail; onSaved: (c: ChildDetail | undefined) => void }) {
  const { t } = useT();
  const id = useId();
  const [firstName, setFirstName] = useState(child.firstName);
  const [lastName, setLastName] = useState(child.lastName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const updated = await api.patch<ChildDetail | undefined>(`/api/staff/children/${encodeURIComponent(child.id)}`, {
        firstName: firstName.trim(),
        lastName: lastName.trim(),
      });
      onSaved(updated);
      setSaved(t('saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)}>
      <Field id={id + 'fn'} label={t('child.firstName')}>
        <input
          id={id + 'fn'}
          required
          autoComplete="off"
          value={firstName}
          onChange={(e) => setFirstName(e.target.value)}
        />
      </Field>
      <Field id={id + 'ln'} label={t('child.lastName')}>
        <input
          id={id + 'ln'}
          required
          autoComplete="off"
          value={lastName}
          onChange={(e) => setLastName(e.target.value)}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <Status text={saved} />
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}

/** "Hent fra CPR": the child and the family fetched from the register again (the number stays on the server). */
function CprRefresh({ childId, onDone }: { childId: string; onDone: () => void }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  async function refresh() {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await api.post<ImportResult>(`/api/staff/children/${encodeURIComponent(childId)}/cpr-refresh`);
      setDone(t('child.cprRefreshed', { changes: r.changes }));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="form-actions">
      <button type="button" className="button secondary" disabled={busy} onClick={() => void refresh()}>
        {t('child.cprRefresh')}
      </button>
      <Status text={done} />
      <ErrorMessage error={error} />
    </div>
  );
}
