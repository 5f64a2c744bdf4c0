// The letters sent to a child's family (municipal staff only; the server checks the same).
import { DataTable, ErrorMessage, useApi } from '../shared/components.js';
import { formatDate } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useCan } from '../shared/session.js';
import type { LetterSummary as Letter } from '../../src/platform/letters/contract.js';

export function ChildLetters({ childId, headingId }: { childId: string; headingId: string }) {
  const { t, lang } = useT();
  const allowed = useCan()('letters.read');
  const { data, error, reload } = useApi<Letter[]>(
    allowed ? `/api/staff/children/${encodeURIComponent(childId)}/letters` : null,
  );
  if (!allowed) return null;
  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{t('post.sent')}</h2>
      <ErrorMessage error={error} onRetry={reload} />
      {data && data.length === 0 && <p className="muted">{t('post.none')}</p>}
      {data && data.length > 0 && (
        <DataTable caption={t('post.caption', { n: data.length })}>
          <thead>
            <tr>
              <th scope="col">{t('post.date')}</th>
              <th scope="col">{t('post.subject')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('post.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((l) => (
              <tr key={l.id}>
                <td>{formatDate(l.date, lang)}</td>
                <td>{l.subject}</td>
                <td>
                  <a
                    href={`/api/staff/letters/${l.id}/pdf`}
                    target="_blank"
                    rel="noopener"
                    aria-label={t('post.openLabel', { subject: l.subject })}
                  >
                    {t('post.open')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
