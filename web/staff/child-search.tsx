// Find a child or guardian by name or CPR number. The query goes in a POST body, never in the URL.
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Page } from '../shared/components.js';
import { formatDate } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useSession } from '../shared/session.js';
import type { PersonHit } from '../../src/modules/people/contract.js';

// Kept in memory (never stored) so "back to the search" shows the last results, for the same user only.
let lastSearch: { userId: string; query: string; hits: PersonHit[] } | null = null;

export function ChildSearchPage() {
  const { t, lang } = useT();
  const id = useId();
  const userId = useSession().me?.user?.id ?? '';
  const remembered = lastSearch?.userId === userId ? lastSearch : null;
  const [q, setQ] = useState(remembered?.query ?? '');
  const [hits, setHits] = useState<PersonHit[] | null>(remembered?.hits ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const query = q.trim();
    if (!query) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<PersonHit[]>('/api/staff/people/search', { query });
      lastSearch = { userId, query, hits: result };
      setHits(result);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('search.title')}>
      <form className="filter-row" role="search" aria-label={t('search.title')} onSubmit={(e) => void submit(e)}>
        <Field id={id + 'q'} label={t('search.field')} hint={t('search.hint')}>
          <input
            id={id + 'q'}
            type="search"
            required
            autoComplete="off"
            spellCheck={false}
            aria-describedby={id + 'q-hint'}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className="input-wide"
          />
        </Field>
        <div className="field field-button">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('searching') : t('search')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      <div role="status">{hits && hits.length === 0 && <p>{t('search.none')}</p>}</div>
      {hits && hits.length > 0 && (
        <DataTable
          caption={t('search.caption', { n: hits.length })}
          rows={hits}
          rowKey={(p) => p.id}
          columns={[
            {
              id: 'name',
              header: t('col.name'),
              rowHeader: true,
              sort: (p) => `${p.firstName} ${p.lastName}`,
              cell: (p) =>
                p.isChild ? (
                  <Link to={`/staff/boern/${encodeURIComponent(p.id)}`}>
                    {p.firstName} {p.lastName}
                  </Link>
                ) : (
                  `${p.firstName} ${p.lastName}`
                ),
            },
            {
              id: 'birth',
              header: t('col.birthDate'),
              sort: (p) => p.birthDate,
              text: (p) => formatDate(p.birthDate, lang),
              cell: (p) => formatDate(p.birthDate, lang),
            },
            { id: 'cpr', header: t('col.cpr'), cell: (p) => <span className="mono">{p.cprMasked ?? '—'}</span> },
            {
              id: 'kind',
              header: t('col.personKind'),
              sort: (p) => (p.isChild ? t('search.child') : t('search.adult')),
              cell: (p) => (p.isChild ? t('search.child') : t('search.adult')),
            },
            { id: 'unit', header: t('col.unit'), sort: (p) => p.unitName, cell: (p) => p.unitName ?? '—' },
          ]}
        />
      )}
    </Page>
  );
}
