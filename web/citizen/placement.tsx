// "Pladser og ventelister": apply, see waitlist positions and the garantidato, change or withdraw, answer offers, udmeldelse.
import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../shared/api.js';
import { ErrorMessage, Loading, Page, useApi } from '../shared/components.js';
import { ConfirmDialog, Progress, Receipt, useAction } from '../shared/guard.js';
import { useToday } from '../shared/today.js';
import { formatDate } from '../shared/format.js';
import { useT, type Key } from '../shared/i18n.js';
import { LoginRequired } from '../shared/layout.js';
import { useSession } from '../shared/session.js';
import type {
  OverviewChild as Child,
  Overview as OverviewData,
  Withdrawn,
} from '../../src/modules/placement/contract.js';
import { ApplyForm } from './placement-apply.js';
import { ChangeForm, WishesForm } from './placement-change.js';
import { done, type Act, type Done } from './placement-kinds.js';

export function PlacementPage() {
  const { t } = useT();
  const { me, loading } = useSession();
  if (loading) return <Loading />;
  if (!me?.user) return <LoginRequired />;
  if (me.user.role !== 'guardian') return <Page title={t('pl.title')} lead={t('children.staffUser')} />;
  return <Overview userId={me.user.id} />;
}

function Overview({ userId }: { userId: string }) {
  const { t, lang } = useT();
  const today = useToday();
  const { data, error, loading, reload } = useApi<OverviewData>('/api/citizen/placement', userId);
  const [done, setDone] = useState<Done | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const act: Act = async (fn, receipt) => {
    setDone(null);
    setActionError(null);
    try {
      const r = await fn();
      setDone(typeof receipt === 'function' ? receipt(r) : receipt);
      reload();
    } catch (e) {
      setActionError(e);
    }
  };
  return (
    <Page title={t('pl.title')} lead={t('pl.lead')}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      <ErrorMessage error={actionError} />
      {done && (
        <Receipt
          key={done.key}
          title={done.title}
          sent={[[t('form.sentAt'), formatDate(today, lang)], ...done.sent]}
          next={done.next}
          follow={
            <>
              {t('pl.receiptFollow')} <Link to="/post">{t('nav.post')}</Link>.
            </>
          }
        />
      )}
      {data?.children.map((c) => (
        <ChildSection key={c.id} child={c} notice={data.noticeLastDay} act={act} />
      ))}
      {data && data.children.length > 0 && <ApplyForm kids={data.children} onDone={reload} />}
    </Page>
  );
}

interface Ask {
  title: string;
  summary: ReactNode;
  consequence?: string;
  confirmLabel: string;
  run: () => Promise<void>;
}

function ChildSection({ child, notice, act }: { child: Child; notice: string | null; act: Act }) {
  const { t, lang } = useT();
  const id = useId();
  const today = useToday();
  const [ask, setAsk] = useState<Ask | null>(null);
  const running = useAction(() => (ask ? ask.run() : Promise.resolve()));
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{child.name}</h2>
      <ConfirmDialog
        open={!!ask}
        title={ask?.title ?? ''}
        consequence={ask?.consequence}
        confirmLabel={ask?.confirmLabel ?? ''}
        onConfirm={() => void running.run()}
        onClose={() => setTimeout(() => setAsk(null), 0)}
      >
        {ask?.summary}
      </ConfirmDialog>
      {running.running && <Progress text={t('saving')} progress={null} />}
      {child.offers.length > 0 && <h3>{t('pl.offers')}</h3>}
      {child.offers.map((o) => (
        <div key={o.id} className="notice">
          <p>
            <strong>{t('pl.offer', { unit: o.unitName, start: formatDate(o.start, lang) })}</strong>
          </p>
          <p lang="da">{o.explanation}</p>
          <p>{t('pl.deadline', { date: formatDate(o.deadline, lang) })}</p>
          <p className="button-row">
            <button
              type="button"
              className="button"
              aria-disabled={running.running || undefined}
              onClick={() =>
                !running.running &&
                setAsk({
                  title: t('guard.offer.accept.title', { unit: o.unitName }),
                  summary: <p>{t('guard.offer.accept.summary', { date: formatDate(o.start, lang) })}</p>,
                  confirmLabel: `${t('pl.accept')} – ${o.unitName}`,
                  run: () =>
                    act(
                      () => api.post(`/api/citizen/offers/${o.id}/accept`),
                      done(
                        t('rc.accept', { unit: o.unitName }),
                        [
                          [t('pl.child'), child.name],
                          [t('guard.book.unit'), o.unitName],
                          [t('guard.book.start'), formatDate(o.start, lang)],
                        ],
                        t('pl.accepted'),
                      ),
                    ),
                })
              }
            >
              {t('pl.accept')} – {o.unitName}
            </button>{' '}
            <button
              type="button"
              className="button-secondary"
              aria-disabled={running.running || undefined}
              onClick={() =>
                !running.running &&
                setAsk({
                  title: t('guard.offer.decline.title', { unit: o.unitName }),
                  summary: <p>{t('guard.offer.decline.summary', { unit: o.unitName })}</p>,
                  consequence: t('guard.irreversible'),
                  confirmLabel: `${t('pl.decline')} – ${o.unitName}`,
                  run: () =>
                    act(
                      () => api.post(`/api/citizen/offers/${o.id}/decline`),
                      done(
                        t('rc.decline', { unit: o.unitName }),
                        [
                          [t('pl.child'), child.name],
                          [t('guard.book.unit'), o.unitName],
                        ],
                        t('rc.declineNext'),
                      ),
                    ),
                })
              }
            >
              {t('pl.decline')} – {o.unitName}
            </button>
          </p>
        </div>
      ))}
      <h3>{t('pl.applications')}</h3>
      {child.applications.length === 0 && <p>{t('pl.noApplications')}</p>}
      {child.applications.map((a) => (
        <div key={a.id}>
          <dl className="facts">
            <div>
              <dt>{t('pl.kind')}</dt>
              <dd>{t(`pk.${a.placeKind}` as Key)}</dd>
            </div>
            <div>
              <dt>{t('pl.neededFrom')}</dt>
              <dd>{formatDate(a.neededFrom, lang)}</dd>
            </div>
            <div>
              <dt>{t('pl.guaranteeDate')}</dt>
              <dd>{a.guaranteeDate ? formatDate(a.guaranteeDate, lang) : t('none')}</dd>
            </div>
            <div>
              <dt>{t('pl.hours')}</dt>
              <dd>{a.hoursPerWeek === 30 ? t('pl.partTime') : t('pl.fullTime')}</dd>
            </div>
            <div>
              <dt>{t('pl.seniorityLabel')}</dt>
              <dd>
                {a.seniorityDate > today
                  ? t('pl.seniorityFuture', { date: formatDate(a.seniorityDate, lang) })
                  : t('pl.seniorityDone', { date: formatDate(a.seniorityDate, lang) })}
              </dd>
            </div>
          </dl>
          <ol>
            {a.wishes.map((w) => (
              <li key={w.unitId}>
                <strong>{w.unitName}</strong>: {t('pl.position', { pos: w.position, n: w.waiting })} ·{' '}
                {w.priorityText[lang]}
                {w.siblings.length > 0 && <> · {t('pl.sibling', { names: w.siblings.join(', ') })}</>}
              </li>
            ))}
          </ol>
          <ChangeForm app={a} act={act} childName={child.name} />
          <WishesForm app={a} act={act} childName={child.name} />
          <p>
            <button
              type="button"
              className="button-secondary"
              onClick={() =>
                setAsk({
                  title: t('guard.withdraw.title'),
                  summary: (
                    <p>
                      {t('guard.withdraw.summary', {
                        kind: t(`pk.${a.placeKind}` as Key),
                        date: formatDate(a.neededFrom, lang),
                        n: a.wishes.length,
                      })}
                    </p>
                  ),
                  consequence: t('guard.irreversible'),
                  confirmLabel: t('pl.withdrawApp'),
                  run: () =>
                    act(
                      () => api.post(`/api/citizen/applications/${a.id}/withdraw`),
                      done(
                        t('rc.withdrawApp', { child: child.name }),
                        [
                          [t('pl.kind'), t(`pk.${a.placeKind}` as Key)],
                          [t('pl.neededFrom'), formatDate(a.neededFrom, lang)],
                        ],
                        t('rc.withdrawAppNext'),
                      ),
                    ),
                })
              }
            >
              {t('pl.withdrawApp')}
            </button>
          </p>
        </div>
      ))}
      {child.placements.length > 0 && <h3>{t('pl.places')}</h3>}
      <ul>
        {child.placements.map((p) => (
          <li key={p.id}>
            {t('pl.placeAt', { unit: p.unitName, start: formatDate(p.start, lang) })}
            {p.end && <> {t('pl.until', { end: formatDate(p.end, lang) })}</>}
            {!p.end && notice && (
              <>
                {' '}
                <button
                  type="button"
                  className="button-secondary"
                  aria-describedby={`${id}-${p.id}`}
                  onClick={() =>
                    setAsk({
                      title: t('guard.udmeld.title', { unit: p.unitName }),
                      summary: <p>{t('guard.udmeld.summary', { date: formatDate(notice, lang) })}</p>,
                      consequence: t('guard.irreversible'),
                      confirmLabel: `${t('pl.withdraw')} – ${p.unitName}`,
                      run: () =>
                        act(
                          () => api.post<Withdrawn>(`/api/citizen/placements/${p.id}/withdraw`),
                          (w: Withdrawn) =>
                            done(
                              t('rc.udmeld', { child: child.name, unit: p.unitName }),
                              [
                                [t('pl.child'), child.name],
                                [t('guard.book.unit'), p.unitName],
                                [t('rc.lastDay'), formatDate(w.lastDay, lang)],
                              ],
                              t('pl.withdrawn', { date: formatDate(w.lastDay, lang) }),
                            ),
                        ),
                    })
                  }
                >
                  {t('pl.withdraw')} – {p.unitName}
                </button>
                <span className="hint" id={`${id}-${p.id}`}>
                  {' '}
                  {t('pl.withdrawHint', { date: formatDate(notice, lang) })}
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
