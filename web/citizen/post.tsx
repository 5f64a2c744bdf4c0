// "Din post": the family's letters from the municipality; each opens as a PDF.
import { ErrorMessage, Loading, Page, useApi } from '../shared/components.js';
import { formatDate } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { LoginRequired } from '../shared/layout.js';
import { useSession } from '../shared/session.js';

import type { InboxLetter as Letter } from '../../src/platform/letters/contract.js';

export function PostPage() {
  const { t } = useT();
  const { me, loading } = useSession();
  if (loading) return <Loading />;
  if (!me?.user) return <LoginRequired />;
  if (me.user.role !== 'guardian') return <Page title={t('post.title')} lead={t('children.staffUser')} />;
  return <Inbox userId={me.user.id} />;
}

function Inbox({ userId }: { userId: string }) {
  const { t, lang } = useT();
  const { data, error, loading, reload } = useApi<Letter[]>('/api/citizen/letters', userId);
  return (
    <Page title={t('post.title')} lead={t('post.intro')}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && data.length === 0 && <p>{t('post.none')}</p>}
      {data && data.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>{t('post.caption', { n: data.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('post.date')}</th>
                <th scope="col">{t('post.subject')}</th>
                <th scope="col">{t('post.child')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('post.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((l) => (
                <tr key={l.id} className={l.read ? undefined : 'unread'}>
                  <td>{formatDate(l.date, lang)}</td>
                  <td>
                    {l.read ? (
                      l.subject
                    ) : (
                      <strong>
                        {l.subject} <span className="badge">{t('post.unread')}</span>
                      </strong>
                    )}
                  </td>
                  <td>{l.childFirstName ?? t('none')}</td>
                  <td>
                    <a
                      href={`/api/citizen/letters/${l.id}/pdf`}
                      target="_blank"
                      rel="noopener"
                      aria-label={t('post.openLabel', { subject: l.subject })}
                      onClick={() => setTimeout(reload, 800)}
                    >
                      {t('post.open')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
