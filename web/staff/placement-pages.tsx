// Staff pages of pladsanvisning: waitlist, guarantee overview, allocation round, inbox, placement rules.
import { useId, useState, type FormEvent } from 'react';
import { api, query } from '../shared/api.js';
import { GuardedButton } from '../shared/guard.js';
import { DataTable, ErrorMessage, Field, Loading, Page, Status, useApi, type Direction } from '../shared/components.js';
import { formatDate } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useCan } from '../shared/session.js';
import type { Area, StaffUnitRow } from '../shared/types.js';
import type {
  GuaranteeRisk as RiskRow,
  InboxItem,
  OffersMade,
  OutlookMonth,
  PlacementRules,
  RoundView,
  TransfersMade,
  Waitlist,
} from '../../src/modules/placement/contract.js';

/** Wishes a page of the waitlist shows. */
const WAITLIST_PAGE = 100;

export function WaitlistPage() {
  const { t, lang } = useT();
  const id = useId();
  const [f, setF] = useState({ unitId: '', areaId: '', ageBand: '', startMonth: '', priority: '' });
  const { data: units } = useApi<StaffUnitRow[]>('/api/staff/units');
  const { data: areas } = useApi<Area[]>('/api/citizen/areas');
  const { data: policy } = useApi<PlacementRules>('/api/staff/placement-policy');
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<{ column: string; direction: Direction } | null>(null);
  const { data, error, loading, reload } = useApi<Waitlist>(
    '/api/staff/waitlist' +
      query({
        ...f,
        ...(sort ? { sort: sort.column, direction: sort.direction } : {}),
        offset: String(offset),
        limit: String(WAITLIST_PAGE),
      }),
  );
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => {
    setF({ ...f, [k]: e.target.value });
    setOffset(0);
  };
  return (
    <Page title={t('wl.title')} lead={t('wl.lead')}>
      <div className="filter-row">
        <Field id={id + 'u'} label={t('wl.unit')}>
          <select id={id + 'u'} value={f.unitId} onChange={set('unitId')}>
            <option value="">{t('wl.all')}</option>
            {units?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id + 'a'} label={t('wl.area')}>
          <select id={id + 'a'} value={f.areaId} onChange={set('areaId')}>
            <option value="">{t('wl.all')}</option>
            {areas?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id + 'b'} label={t('wl.ageBand')}>
          <select id={id + 'b'} value={f.ageBand} onChange={set('ageBand')}>
            <option value="">{t('wl.all')}</option>
            {['0-2', '3-5', '6-9', '10-13'].map((b) => (
              <option key={b} value={b}>
                {t('band', { band: b.replace('-', '–') })}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id + 'm'} label={t('wl.startMonth')}>
          <input id={id + 'm'} type="month" value={f.startMonth} onChange={set('startMonth')} />
        </Field>
        <Field id={id + 'p'} label={t('wl.priority')}>
          <select id={id + 'p'} value={f.priority} onChange={set('priority')}>
            <option value="">{t('wl.all')}</option>
            {policy &&
              Object.entries(policy.classes).map(([k, v]) => (
                <option key={k} value={k}>
                  {v[lang]}
                </option>
              ))}
          </select>
        </Field>
      </div>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <>
          <DataTable
            caption={t('wl.caption', { total: data.total })}
            rows={data.rows}
            rowKey={(r) => r.applicationId + r.unitId}
            pageSize={WAITLIST_PAGE}
            server={{
              total: data.total,
              offset: data.offset,
              sort,
              onSort: (s) => {
                setSort(s);
                setOffset(0);
              },
              onPage: setOffset,
            }}
            columns={[
              { id: 'unit', header: t('wl.unit'), sort: (r) => r.unitName, cell: (r) => r.unitName },
              { id: 'position', header: t('wl.pos'), numeric: true, sort: (r) => r.position, cell: (r) => r.position },
              {
                id: 'child',
                header: t('wl.child'),
                rowHeader: true,
                sort: (r) => r.childName,
                cell: (r) => r.childName,
              },
              { id: 'rank', header: t('wl.rank'), numeric: true, sort: (r) => r.rank, cell: (r) => r.rank },
              {
                id: 'priority',
                header: t('wl.priority'),
                sort: (r) => r.priorityText[lang],
                cell: (r) => r.priorityText[lang],
              },
              {
                id: 'neededFrom',
                header: t('pl.neededFrom'),
                sort: (r) => r.neededFrom,
                cell: (r) => formatDate(r.neededFrom, lang),
              },
              {
                id: 'guaranteeDate',
                header: t('pl.guaranteeDate'),
                sort: (r) => r.guaranteeDate,
                cell: (r) => formatDate(r.guaranteeDate, lang),
              },
              {
                id: 'km',
                header: t('wl.km'),
                numeric: true,
                sort: (r) => r.km,
                cell: (r) =>
                  r.km === null ? t('none') : `${r.km.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB')} km`,
              },
            ]}
          />
        </>
      )}
    </Page>
  );
}

export function GuaranteePage() {
  const { t, lang } = useT();
  const { data, error, loading, reload } = useApi<RiskRow[]>('/api/staff/guarantee');
  const [open, setOpen] = useState<string | null>(null);
  const canOffer = useCan()('placement.allocate');
  return (
    <Page title={t('gu.title')} lead={t('gu.lead')}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && data.length === 0 && <p>{t('gu.none')}</p>}
      {data && data.length > 0 && (
        <DataTable
          caption={t('gu.caption', { n: data.length })}
          rows={data}
          rowKey={(r) => r.applicationId}
          filter
          initialSort={{ column: 'guaranteeDate', direction: 'ascending' }}
          columns={[
            { id: 'child', header: t('wl.child'), rowHeader: true, sort: (r) => r.childName, cell: (r) => r.childName },
            {
              id: 'neededFrom',
              header: t('pl.neededFrom'),
              sort: (r) => r.neededFrom,
              text: (r) => formatDate(r.neededFrom, lang),
              cell: (r) => formatDate(r.neededFrom, lang),
            },
            {
              id: 'guaranteeDate',
              header: t('pl.guaranteeDate'),
              sort: (r) => r.guaranteeDate,
              text: (r) => formatDate(r.guaranteeDate, lang),
              cell: (r) => formatDate(r.guaranteeDate, lang),
            },
            {
              id: 'daysLeft',
              header: t('gu.daysLeft'),
              numeric: true,
              sort: (r) => (r.breached ? -1 : r.daysLeft),
              text: (r) => (r.breached ? t('gu.breached') : String(r.daysLeft)),
              cell: (r) => (r.breached ? <strong>{t('gu.breached')}</strong> : r.daysLeft),
            },
            {
              id: 'guaranteeDays',
              header: t('gu.guaranteeDays'),
              numeric: true,
              sort: (r) => r.guaranteeDaysLeft,
              cell: (r) => r.guaranteeDaysLeft,
            },
            ...(canOffer
              ? [
                  {
                    id: 'offer',
                    header: t('gu.offer'),
                    cell: (r: RiskRow) =>
                      open === r.applicationId ? (
                        <OfferForm
                          applicationId={r.applicationId}
                          start={r.guaranteeDate}
                          onDone={() => {
                            setOpen(null);
                            reload();
                          }}
                        />
                      ) : (
                        <button type="button" className="button-secondary" onClick={() => setOpen(r.applicationId)}>
                          {t('gu.offer')} – {r.childName}
                        </button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Page>
  );
}

function OfferForm({ applicationId, start, onDone }: { applicationId: string; start: string; onDone: () => void }) {
  const { t } = useT();
  const id = useId();
  const { data: units } = useApi<StaffUnitRow[]>('/api/staff/units');
  const [f, setF] = useState({ unitId: '', start, reason: '' });
  const [error, setError] = useState<unknown>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api.post('/api/staff/offers', {
        applicationId,
        unitId: f.unitId,
        start: f.start,
        reason: f.reason,
        guarantee: true,
      });
      onDone();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Field id={id + 'u'} label={t('wl.unit')}>
        <select id={id + 'u'} required value={f.unitId} onChange={(e) => setF({ ...f, unitId: e.target.value })}>
          <option value="">{t('pl.noWish')}</option>
          {units?.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id + 's'} label={t('gu.start')}>
        <input
          id={id + 's'}
          type="date"
          required
          value={f.start}
          onChange={(e) => setF({ ...f, start: e.target.value })}
        />
      </Field>
      <Field id={id + 'r'} label={t('gu.reason')}>
        <input
          id={id + 'r'}
          required
          minLength={3}
          value={f.reason}
          onChange={(e) => setF({ ...f, reason: e.target.value })}
        />
      </Field>
      <button type="submit" className="button">
        {t('gu.offer')}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}

export function RoundPage() {
  const { t, lang } = useT();
  const id = useId();
  const [f, setF] = useState({ kind: 'dagtilbud', horizon: '' });
  const [round, setRound] = useState<RoundView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function preview(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setStatus(null);
    setBusy(true);
    try {
      setRound(await api.post<RoundView>('/api/staff/rounds', f));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  async function approve() {
    if (!round) return null;
    setError(null);
    setStatus(null);
    const r = await api.post<OffersMade>(`/api/staff/rounds/${round.id}/approve`);
    setRound({ ...round, status: 'approved' });
    return t('ro.approved', { n: r.offers });
  }
  async function runNow(job: 'aarsrulning' | 'continuous') {
    setError(null);
    setStatus(null);
    setBusy(true);
    try {
      return job === 'aarsrulning'
        ? t('ro.aarsrulningDone', { n: (await api.post<TransfersMade>('/api/staff/aarsrulning')).created })
        : t('ro.continuousDone', { n: (await api.post<OffersMade>('/api/staff/continuous-allocation')).offers });
    } finally {
      setBusy(false);
    }
  }
  const perUnit = [
    ...(round?.offers ?? []).reduce(
      (m, o) => m.set(o.unitName, [...(m.get(o.unitName) ?? []), o]),
      new Map<string, unknown[]>(),
    ),
  ].sort((a, b) => a[0].localeCompare(b[0], 'da'));
  const jobButton = (job: 'aarsrulning' | 'continuous') => (
    <GuardedButton
      className="button-secondary"
      label={t(`ro.${job}`)}
      disabled={busy}
      title={t('guard.job.title', { job: t(`ro.${job}`).toLowerCase() })}
      summary={<p>{t(`guard.job.${job}`)}</p>}
      consequence={t('guard.job.consequence')}
      runningText={t('guard.job.running')}
      action={() => runNow(job)}
    />
  );
  return (
    <Page title={t('ro.title')} lead={t('ro.lead')}>
      <form className="filter-row" onSubmit={(e) => void preview(e)}>
        <Field id={id + 'k'} label={t('ro.kind')}>
          <select id={id + 'k'} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
            {(['dagtilbud', 'fritidstilbud', 'klub'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id + 'h'} label={t('ro.horizon')}>
          <input
            id={id + 'h'}
            type="date"
            required
            value={f.horizon}
            onChange={(e) => setF({ ...f, horizon: e.target.value })}
          />
        </Field>
        <div className="field field-button">
          <button type="submit" className="button" disabled={busy}>
            {t('ro.preview')}
          </button>
        </div>
      </form>
      <section aria-labelledby={id + 'run'}>
        <h2 id={id + 'run'}>{t('ro.runNow')}</h2>
        <p>{t('ro.runLead')}</p>
        <div className="button-row">
          {jobButton('aarsrulning')}
          {jobButton('continuous')}
        </div>
      </section>
      {busy && <Loading />}
      <ErrorMessage error={error} />
      <Status text={status} />
      {round && (
        <>
          <p>
            {t('ro.metrics', {
              placed: round.metrics.placed,
              n: round.metrics.applicants,
              first: Math.round(round.metrics.firstChoiceShare * 100),
            })}
          </p>
          {round.offers.length > 0 && (
            <GuardedButton
              label={t('ro.approve')}
              disabled={round.status !== 'preview'}
              title={t('guard.round.title')}
              summary={
                <>
                  <p>
                    {t('guard.round.summary', {
                      offers: round.offers.length,
                      units: perUnit.length,
                      letters: round.offers.length,
                    })}
                  </p>
                  <DataTable caption={t('guard.round.caption')}>
                    <thead>
                      <tr>
                        <th scope="col">{t('wl.unit')}</th>
                        <th scope="col" className="num">
                          {t('guard.round.count')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {perUnit.map(([unit, offers]) => (
                        <tr key={unit}>
                          <th scope="row">{unit}</th>
                          <td className="num">{offers.length}</td>
                        </tr>
                      ))}
                    </tbody>
                  </DataTable>
                  {round.unplaced.length > 0 && <p>{t('guard.round.unplaced', { n: round.unplaced.length })}</p>}
                </>
              }
              consequence={t('guard.round.consequence')}
              runningText={t('guard.round.running', { n: round.offers.length })}
              action={approve}
            />
          )}
          <DataTable
            caption={t('ro.offers', { n: round.offers.length })}
            rows={round.offers}
            rowKey={(o) => o.applicationId}
            columns={[
              {
                id: 'child',
                header: t('wl.child'),
                rowHeader: true,
                sort: (o) => o.childName,
                cell: (o) => o.childName,
              },
              { id: 'unit', header: t('wl.unit'), sort: (o) => o.unitName, cell: (o) => o.unitName },
              { id: 'rank', header: t('wl.rank'), numeric: true, sort: (o) => o.rank, cell: (o) => o.rank },
              {
                id: 'start',
                header: t('gu.start'),
                sort: (o) => o.start,
                text: (o) => formatDate(o.start, lang),
                cell: (o) => formatDate(o.start, lang),
              },
              {
                id: 'explanation',
                header: t('ro.explanation'),
                text: (o) => o.explanation[lang],
                cell: (o) => o.explanation[lang],
              },
            ]}
          />
          <DataTable
            caption={t('ro.unplaced', { n: round.unplaced.length })}
            rows={round.unplaced}
            rowKey={(o) => o.applicationId}
            columns={[
              {
                id: 'child',
                header: t('wl.child'),
                rowHeader: true,
                sort: (o) => o.childName,
                cell: (o) => o.childName,
              },
              {
                id: 'explanation',
                header: t('ro.explanation'),
                text: (o) => o.explanation[lang],
                cell: (o) => o.explanation[lang],
              },
            ]}
          />
        </>
      )}
    </Page>
  );
}

export function InboxPage() {
  const { t, lang } = useT();
  const { data, error, loading, reload } = useApi<InboxItem[]>('/api/staff/inbox');
  const [actionError, setActionError] = useState<unknown>(null);
  const canHandle = useCan()('placement.handle-inbox');
  return (
    <Page title={t('in.title')} lead={t('in.lead')}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      <ErrorMessage error={actionError} />
      {data && data.length === 0 && <p>{t('in.none')}</p>}
      {data && data.length > 0 && (
        <DataTable
          caption={t('in.caption', { n: data.length })}
          rows={data}
          rowKey={(i) => i.id}
          columns={[
            {
              id: 'date',
              header: t('in.date'),
              sort: (i) => i.createdOn,
              text: (i) => formatDate(i.createdOn, lang),
              cell: (i) => formatDate(i.createdOn, lang),
            },
            { id: 'text', header: t('in.text'), sort: (i) => i.text, cell: (i) => <span lang="da">{i.text}</span> },
            ...(canHandle
              ? [
                  {
                    id: 'handle',
                    header: t('in.handle'),
                    cell: (i: InboxItem) => (
                      <button
                        type="button"
                        className="button-secondary"
                        onClick={() => {
                          api.post(`/api/staff/inbox/${i.id}/handled`).then(reload, setActionError);
                        }}
                      >
                        {t('in.handle')}
                        <span className="visually-hidden">: {i.text}</span>
                      </button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Page>
  );
}

/** Capacity against occupancy per month for the next 12 months, as a small SVG line/bar chart with a table fallback. */
export function OutlookChart({ unitId }: { unitId: string }) {
  const { t, lang } = useT();
  const { data } = useApi<OutlookMonth[]>(`/api/staff/units/${unitId}/outlook`);
  if (!data) return null;
  const W = 600,
    H = 200,
    L = 36,
    B = 24,
    max = Math.max(1, ...data.flatMap((d) => [d.capacity, d.occupied]));
  const x = (i: number) => L + (i * (W - L - 8)) / data.length,
    bw = (W - L - 8) / data.length / 2 - 2;
  const y = (v: number) => 8 + (H - B - 8) * (1 - v / max);
  const mon = (m: string) =>
    new Date(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1).toLocaleDateString(
      lang === 'da' ? 'da-DK' : 'en-GB',
      { month: 'short' },
    );
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${t('oc.title')}: ${data.map((d) => `${mon(d.month)} ${d.occupied}/${d.capacity}`).join(', ')}`}
      >
        {data.map((d, i) => (
          <g key={d.month}>
            <rect className="bar-capacity" x={x(i)} width={bw} y={y(d.capacity)} height={y(0) - y(d.capacity)} />
            <rect
              className="bar-enrolled"
              x={x(i) + bw + 2}
              width={bw}
              y={y(d.occupied)}
              height={y(0) - y(d.occupied)}
            />
            <text className="chart-axis" x={x(i) + bw} y={H - 8} textAnchor="middle">
              {mon(d.month)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <span className="chart-caption-title">{t('oc.title')}</span> {t('oc.note')}
        <ul className="plan-legend">
          <li>
            <span className="swatch swatch-capacity" aria-hidden="true" />
            {t('oc.capacity')}
          </li>
          <li>
            <span className="swatch swatch-enrolled" aria-hidden="true" />
            {t('oc.occupied')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
