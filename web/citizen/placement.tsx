// "Pladser og ventelister": apply, see waitlist positions and the garantidato, change or withdraw, answer offers, udmeldelse.
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { api, query } from '../shared/api.js';
import { ErrorMessage, Field, Loading, Page, Status, useApi } from '../shared/components.js';
import { ConfirmDialog, Progress, Receipt, useAction } from '../shared/guard.js';
import { useToday } from '../shared/today.js';
import { formatAge, formatDate } from '../shared/format.js';
import { useT, type Key } from '../shared/i18n.js';
import { LoginRequired } from '../shared/layout.js';
import { useSession } from '../shared/session.js';
import type {
  Applied,
  ApplicationRules,
  CitizenApplication as Application,
  OverviewChild as Child,
  Overview as OverviewData,
  Withdrawn,
} from '../../src/modules/placement/contract.js';
import type { CitizenUnits } from '../../src/modules/registry/contract.js';

const KINDS = ['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'sfo', 'fritidshjem', 'klub'] as const;
type Kind = (typeof KINDS)[number];
const TYPES_FOR: Record<Kind, string[]> = {
  dagpleje: ['dagpleje'],
  vuggestue: ['vuggestue', 'integreret', 'landsbyordning'],
  boernehave: ['boernehave', 'integreret', 'landsbyordning'],
  integreret: ['integreret'],
  sfo: ['sfo', 'landsbyordning'],
  fritidshjem: ['fritidshjem'],
  klub: ['klub'],
};

export function PlacementPage() {
  const { t } = useT();
  const { me, loading } = useSession();
  if (loading) return <Loading />;
  if (!me?.user) return <LoginRequired />;
  if (me.user.role !== 'guardian') return <Page title={t('pl.title')} lead={t('children.staffUser')} />;
  return <Overview userId={me.user.id} />;
}

function Overview({ userId }: { userId: string }) {
  const { t } = useT();
  const { data, error, loading, reload } = useApi<OverviewData>('/api/citizen/placement', userId);
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const act = async (fn: () => Promise<unknown>, done: string) => {
    setStatus(null);
    setActionError(null);
    try {
      await fn();
      setStatus(done);
      reload();
    } catch (e) {
      setActionError(e);
    }
  };
  return (
    <Page title={t('pl.title')} lead={t('pl.lead')}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      <Status text={status} />
      <ErrorMessage error={actionError} />
      {data?.children.map((c) => (
        <ChildSection key={c.id} child={c} notice={data.noticeLastDay} act={act} />
      ))}
      {data && data.children.length > 0 && <ApplyForm kids={data.children} onDone={reload} />}
    </Page>
  );
}

type Act = (fn: () => Promise<unknown>, done: string) => Promise<void>;

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
                  run: () => act(() => api.post(`/api/citizen/offers/${o.id}/accept`), t('pl.accepted')),
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
                  run: () => act(() => api.post(`/api/citizen/offers/${o.id}/decline`), t('pl.declined')),
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
          <ChangeForm app={a} act={act} />
          <WishesForm app={a} act={act} />
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
                  run: () => act(() => api.post(`/api/citizen/applications/${a.id}/withdraw`), t('pl.done')),
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
                          t('pl.withdrawn', { date: formatDate(notice, lang) }),
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

function ChangeForm({ app, act }: { app: Application; act: Act }) {
  const { t } = useT();
  const id = useId();
  const [neededFrom, setNeededFrom] = useState(app.neededFrom);
  const [hours, setHours] = useState(app.hoursPerWeek);
  return (
    <form
      className="filter-row"
      onSubmit={(e) => {
        e.preventDefault();
        void act(
          () => api.patch(`/api/citizen/applications/${app.id}`, { neededFrom, hoursPerWeek: hours }),
          t('saved'),
        );
      }}
    >
      <Field id={id + 'd'} label={t('pl.neededFrom')}>
        <input id={id + 'd'} type="date" required value={neededFrom} onChange={(e) => setNeededFrom(e.target.value)} />
      </Field>
      <Field id={id + 'h'} label={t('pl.hours')}>
        <select id={id + 'h'} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          <option value={40}>{t('pl.fullTime')}</option>
          <option value={30}>{t('pl.partTime')}</option>
        </select>
      </Field>
      <div className="field field-button">
        <button type="submit" className="button-secondary">
          {t('pl.change')}
        </button>
      </div>
    </form>
  );
}

/** Re-rank, remove or add wishes of an existing application (PATCH with the new order). */
function WishesForm({ app, act }: { app: Application; act: Act }) {
  const { t } = useT();
  const id = useId();
  const [wishes, setWishes] = useState(app.wishes.map((w) => ({ unitId: w.unitId, unitName: w.unitName })));
  const [adding, setAdding] = useState('');
  const { data: units } = useApi<CitizenUnits>('/api/citizen/units');
  const options = (units?.units ?? [])
    .filter((u) => TYPES_FOR[app.placeKind].includes(u.type) && !wishes.some((w) => w.unitId === u.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const move = (i: number, d: number) => {
    const n = [...wishes];
    [n[i], n[i + d]] = [n[i + d]!, n[i]!];
    setWishes(n);
  };
  return (
    <form
      aria-labelledby={id}
      onSubmit={(e) => {
        e.preventDefault();
        void act(
          () => api.patch(`/api/citizen/applications/${app.id}`, { wishes: wishes.map((w) => w.unitId) }),
          t('saved'),
        );
      }}
    >
      <h4 id={id}>{t('pl.wishesChange')}</h4>
      <ol>
        {wishes.map((w, i) => (
          <li key={w.unitId}>
            {w.unitName}{' '}
            <button type="button" className="button-secondary" disabled={i === 0} onClick={() => move(i, -1)}>
              {t('pl.wishUp')}
              <span className="visually-hidden">: {w.unitName}</span>
            </button>{' '}
            <button
              type="button"
              className="button-secondary"
              disabled={i === wishes.length - 1}
              onClick={() => move(i, 1)}
            >
              {t('pl.wishDown')}
              <span className="visually-hidden">: {w.unitName}</span>
            </button>{' '}
            <button
              type="button"
              className="button-secondary"
              disabled={wishes.length === 1}
              onClick={() => setWishes(wishes.filter((_, j) => j !== i))}
            >
              {t('pl.wishRemove')}
              <span className="visually-hidden">: {w.unitName}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="filter-row">
        <Field id={id + 'a'} label={t('pl.wishAdd')}>
          <select id={id + 'a'} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">{t('pl.noWish')}</option>
            {options.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <div className="field field-button">
          <button
            type="button"
            className="button-secondary"
            disabled={!adding}
            onClick={() => {
              const u = options.find((o) => o.id === adding);
              if (u) setWishes([...wishes, { unitId: u.id, unitName: u.name }]);
              setAdding('');
            }}
          >
            {t('pl.wishAddButton')}
          </button>
        </div>
      </div>
      <p>
        <button type="submit" className="button-secondary">
          {t('pl.wishesSave')}
        </button>
      </p>
    </form>
  );
}

function ApplyForm({ kids, onDone }: { kids: Child[]; onDone: () => void }) {
  const { t, lang } = useT();
  const id = useId();
  const today = useToday();
  const [form, setForm] = useState({
    childId: kids[0]!.id,
    placeKind: '' as Kind | '',
    neededFrom: '',
    hours: 40,
    wishes: [] as string[],
  });
  // The policy and the child's age decide the kinds of place, the number of wishes and the dates (server-side).
  const rules = useApi<ApplicationRules>(
    '/api/citizen/application-rules' +
      query({ childId: form.childId, neededFrom: form.neededFrom || null, placeKind: form.placeKind || null }),
  );
  const r = rules.data?.childId === form.childId ? rules.data : null;
  useEffect(() => {
    if (!r) return;
    const fits = r.kinds.some((k) => k.kind === form.placeKind && k.fits);
    if (!fits && r.suggestedKind) setForm((f) => ({ ...f, placeKind: r.suggestedKind!, wishes: [] }));
  }, [r]); // eslint-disable-line react-hooks/exhaustive-deps
  const { data: units } = useApi<CitizenUnits>('/api/citizen/units');
  const options = (units?.units ?? [])
    .filter((u) => form.placeKind && TYPES_FOR[form.placeKind].includes(u.type))
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const slots = r?.maxWishes ?? 1;
  const wishes = Array.from({ length: slots }, (_, i) => form.wishes[i] ?? '');
  const child = kids.find((k) => k.id === form.childId)!;
  const daycare = ['dagpleje', 'vuggestue', 'boernehave', 'integreret'].includes(form.placeKind);
  const ruleText = r
    ? r.earliestRule.weeks !== undefined
      ? t('pl.weeks', { n: r.earliestRule.weeks })
      : t('pl.months', { n: r.earliestRule.months ?? 0 })
    : '';
  const earliestLater = !!r && daycare && r.earliestStart > today;
  const send = useAction(async () => {
    const sent = { ...form, wishes: wishes.filter(Boolean), rules: r };
    const res = await api.post<Applied>('/api/citizen/applications', {
      childId: form.childId,
      placeKind: form.placeKind,
      neededFrom: form.neededFrom,
      hoursPerWeek: form.hours,
      wishes: sent.wishes,
    });
    setForm({ ...form, neededFrom: '', wishes: [] });
    onDone();
    return { ...sent, guaranteeDate: res.guaranteeDate };
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    void send.run();
  }
  const unitName = (uid: string) => units?.units.find((u) => u.id === uid)?.name ?? uid;
  const sent = send.result;
  const firstName = child.name.split(' ')[0] ?? child.name;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{t('pl.apply')}</h2>
      <form onSubmit={submit}>
        <Field id={id + 'c'} label={t('pl.child')}>
          <select
            id={id + 'c'}
            value={form.childId}
            onChange={(e) => setForm({ ...form, childId: e.target.value, placeKind: '', neededFrom: '', wishes: [] })}
          >
            {kids.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={id + 'd'}
          label={t('pl.neededFrom')}
          hint={
            earliestLater ? t('pl.earliestAge', { date: formatDate(r.earliestStart, lang), rule: ruleText }) : undefined
          }
        >
          <input
            id={id + 'd'}
            type="date"
            required
            min={earliestLater ? r.earliestStart : today}
            aria-describedby={earliestLater ? id + 'd-hint' : undefined}
            value={form.neededFrom}
            onChange={(e) => setForm({ ...form, neededFrom: e.target.value })}
          />
        </Field>
        <Field id={id + 'k'} label={t('pl.kind')} hint={r ? t('pl.kindSuggested', { child: firstName }) : undefined}>
          <select
            id={id + 'k'}
            value={form.placeKind}
            aria-describedby={r ? id + 'k-hint' : undefined}
            onChange={(e) => setForm({ ...form, placeKind: e.target.value as Kind, wishes: [] })}
          >
            {(r ? r.kinds.filter((k) => k.fits).map((k) => k.kind) : KINDS).map((k) => (
              <option key={k} value={k}>
                {t(`pk.${k}` as Key)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id + 'h'} label={t('pl.hours')}>
          <select
            id={id + 'h'}
            value={form.hours}
            onChange={(e) => setForm({ ...form, hours: Number(e.target.value) })}
          >
            <option value={40}>{t('pl.fullTime')}</option>
            <option value={30}>{t('pl.partTime')}</option>
          </select>
        </Field>
        {r && (
          <p className="hint" id={id + 'wh'}>
            {t('pl.maxWishes', { n: r.maxWishes, age: formatAge(Math.max(0, r.ageMonths), t) })}
          </p>
        )}
        {wishes.map((w, i) => (
          <Field key={i} id={`${id}w${i}`} label={t('pl.wishN', { n: i + 1 })}>
            <select
              id={`${id}w${i}`}
              value={w}
              required={i === 0}
              aria-describedby={r ? id + 'wh' : undefined}
              onChange={(e) => setForm({ ...form, wishes: wishes.map((x, j) => (j === i ? e.target.value : x)) })}
            >
              <option value="">{t('pl.noWish')}</option>
              {options.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
        ))}
        {r && form.neededFrom && (
          <ul className="hint">
            {r.guaranteeDate && r.guaranteeReason && r.guaranteeDate !== form.neededFrom && (
              <li>
                {t('pl.guaranteeWhy', {
                  date: formatDate(r.guaranteeDate, lang),
                  reason: t(`pl.guarantee.${r.guaranteeReason}`),
                })}
              </li>
            )}
            <li>
              {t('pl.seniorityLabel')}:{' '}
              {r.seniorityDate > today
                ? t('pl.seniorityFuture', { date: formatDate(r.seniorityDate, lang) })
                : t('pl.seniorityDone', { date: formatDate(r.seniorityDate, lang) })}
            </li>
          </ul>
        )}
        <p>
          <button type="submit" className="button" aria-disabled={send.running || undefined}>
            {t('pl.send')}
          </button>
        </p>
      </form>
      {send.running && <Progress text={t('saving')} progress={null} />}
      <ErrorMessage error={send.error} />
      {sent && (
        <Receipt
          title={t('pl.receiptTitle', { child: kids.find((k) => k.id === sent.childId)?.name ?? '' })}
          sent={[
            [t('pl.kind'), sent.placeKind ? t(`pk.${sent.placeKind}` as Key) : ''],
            [t('pl.neededFrom'), formatDate(sent.neededFrom, lang)],
            [t('pl.hours'), sent.hours === 30 ? t('pl.partTime') : t('pl.fullTime')],
            [t('pl.receiptWishes'), sent.wishes.map((w, i) => `${i + 1}. ${unitName(w)}`).join(', ')],
          ]}
          next={
            <>
              {t('pl.receiptNext', {
                child: kids.find((k) => k.id === sent.childId)?.name.split(' ')[0] ?? '',
                days: sent.rules?.offerDeadlineDays ?? 14,
              })}{' '}
              {sent.guaranteeDate && t('pl.receiptGuarantee', { date: formatDate(sent.guaranteeDate, lang) })}
            </>
          }
          follow={
            <>
              {t('pl.receiptFollow')} <Link to="/post">{t('nav.post')}</Link>.
            </>
          }
        />
      )}
    </section>
  );
}
