// Indberetning: the next deliveries to Danmarks Statistik and FLIS with their status, a readable preview of a month's
// extract (per unit, then the file itself) before anything leaves, delivery, and the delivery log.
import { useEffect, useId, useState } from 'react';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Page, Status, useApi } from '../shared/components.js';
import { useT } from '../shared/i18n.js';
import { useCan } from '../shared/session.js';
import { formatAge, formatDateTime, formatDecimal, formatMonth, formatNumber } from '../shared/format.js';
import type { Delivery, ExtractPreview, Overview, UnitFigures } from '../../src/modules/reporting/contract.js';

type Muni = { code: string; name: string };
type Kind = 'ds' | 'flis';

export function ReportingPage() {
  const { t, lang } = useT();
  const id = useId();
  const can = useCan();
  const munis = useApi<Muni[]>('/api/staff/reporting/municipalities');
  const [muni, setMuni] = useState('');
  const [sel, setSel] = useState<{ month: string; kind: Kind } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!muni && munis.data?.[0]) setMuni(munis.data[0].code);
  }, [munis.data, muni]);
  const overview = useApi<Overview>(muni ? `/api/staff/reporting/${muni}/overview` : null);
  const log = useApi<Delivery[]>(muni ? `/api/staff/reporting/${muni}/deliveries` : null);
  useEffect(() => {
    if (!sel && overview.data?.rows[0])
      setSel({ month: overview.data.rows[0].month, kind: overview.data.rows[0].kind });
  }, [overview.data, sel]);
  const preview = useApi<ExtractPreview>(
    muni && sel ? `/api/staff/reporting/${muni}/extract?month=${sel.month.slice(0, 7)}&kind=${sel.kind}` : null,
  );
  const kindName = (k: Kind) => t(k === 'ds' ? 'rep.kind.ds' : 'rep.kind.flis');
  const statusText = (r: Overview['rows'][number]) =>
    r.status === 'pending'
      ? t('rep.status.pending')
      : t(r.status === 'delivered' ? 'rep.status.delivered' : 'rep.status.changed', { v: r.latest!.version });

  type Result = { outcome: 'delivered' | 'unchanged'; delivery: Delivery };
  const resultText = (r: Result) =>
    `${kindName(r.delivery.kind)}: ` +
    (r.outcome === 'delivered'
      ? t('rep.delivered', { v: r.delivery.version, receipt: r.delivery.receipt ?? '' })
      : t('rep.unchanged', { v: r.delivery.version }));

  /** Delivers the selected month: both kinds (the main button; the figures are computed once) or only the one shown. */
  async function deliver(kinds: Kind[]) {
    if (!sel) return;
    setBusy(true);
    setErr(null);
    try {
      const r = await api.post<{ results: Result[] }>(`/api/staff/reporting/${muni}/deliveries/batch`, {
        month: sel.month.slice(0, 7),
        kinds,
      });
      setStatus(r.results.map(resultText).join(' '));
      overview.reload();
      log.reload();
      preview.reload();
    } catch (e) {
      setErr(e);
    } finally {
      setBusy(false);
    }
  }

  const p = preview.data;
  return (
    <Page title={t('rep.title')} lead={t('rep.lead')}>
      <Field id={id} label={t('rep.municipality')}>
        <select
          id={id}
          value={muni}
          onChange={(e) => {
            setMuni(e.target.value);
            setSel(null);
            setStatus(null);
          }}
        >
          {munis.data?.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name} ({m.code})
            </option>
          ))}
        </select>
      </Field>
      {!!(munis.error || overview.error) && <ErrorMessage error={munis.error ?? overview.error} />}
      {overview.loading && !overview.data && <Loading />}
      {overview.data && (
        <DataTable caption={t('rep.next')}>
          <thead>
            <tr>
              <th scope="col">{t('rep.month')}</th>
              <th scope="col">{t('rep.kind')}</th>
              <th scope="col">{t('rep.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('rep.show')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.data.rows.map((r) => (
              <tr key={r.month + r.kind}>
                <th scope="row">{formatMonth(r.month, lang)}</th>
                <td>{kindName(r.kind)}</td>
                <td>{statusText(r)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-pressed={sel?.month === r.month && sel.kind === r.kind}
                    aria-label={`${t('rep.show')}: ${formatMonth(r.month, lang)}, ${kindName(r.kind)}`}
                    onClick={() => {
                      setSel({ month: r.month, kind: r.kind });
                      setStatus(null);
                    }}
                  >
                    {t('rep.show')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {sel && (
        <section aria-labelledby={id + 'p'}>
          <h2 id={id + 'p'}>{t('rep.preview', { month: formatMonth(sel.month, lang), kind: kindName(sel.kind) })}</h2>
          {!!preview.error && <ErrorMessage error={preview.error} />}
          {preview.loading && !p && <Loading />}
          {p && (
            <>
              <p>
                {t('rep.totals', {
                  units: p.totals.units,
                  children: formatNumber(p.totals.children, lang),
                  fte: formatDecimal(p.totals.fte, lang),
                  staff: formatDecimal(p.totals.staffFte, lang),
                })}
              </p>
              {p.errors.length ? (
                <div className="error" role="alert">
                  <p>{t('rep.invalid')}</p>
                  <ul>
                    {p.errors.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p>{t('rep.valid')}</p>
              )}
              {p.latest && <p>{t(p.changedSinceDelivery ? 'rep.changed' : 'rep.same', { v: p.latest.version })}</p>}
              {can('reporting.deliver') && (
                <p className="button-row">
                  <button type="button" className="button" onClick={() => void deliver(['ds', 'flis'])} disabled={busy}>
                    {t('rep.deliverBoth', { month: formatMonth(sel.month, lang) })}
                  </button>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => void deliver([sel.kind])}
                    disabled={busy || p.errors.length > 0}
                  >
                    {t('rep.deliverOnly', { kind: kindName(sel.kind) })}
                  </button>
                </p>
              )}
              <Status text={status} />
              {err !== null && <ErrorMessage error={err} />}
              <UnitsTable units={p.units} />
              {p.units
                .filter((u) => u.children > 0 || u.staff.length > 0)
                .map((u) => (
                  <UnitDetails key={u.id} unit={u} />
                ))}
              <details>
                <summary>{t('rep.payload', { bytes: formatNumber(p.payload.length, lang) })}</summary>
                <pre className="payload" tabIndex={0}>
                  {p.payload}
                </pre>
              </details>
            </>
          )}
        </section>
      )}
      <h2>{t('rep.log')}</h2>
      {log.data && log.data.length === 0 && <p>{t('rep.noDeliveries')}</p>}
      {log.data && log.data.length > 0 && (
        <DataTable caption={t('rep.log')}>
          <thead>
            <tr>
              <th scope="col">{t('rep.month')}</th>
              <th scope="col">{t('rep.kind')}</th>
              <th scope="col">{t('rep.version')}</th>
              <th scope="col">{t('rep.at')}</th>
              <th scope="col">{t('rep.receipt')}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((d) => (
              <tr key={d.id}>
                <th scope="row">{formatMonth(d.month, lang)}</th>
                <td>{kindName(d.kind)}</td>
                <td>
                  {d.version} ({d.correction ? t('rep.correction') : t('rep.first')})
                </td>
                <td>{formatDateTime(d.createdAt, lang)}</td>
                <td>{d.receipt}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Page>
  );
}

function UnitsTable({ units }: { units: UnitFigures[] }) {
  const { t, lang } = useT();
  const num = (v: number | null) => (v === null ? t('norm.none') : formatDecimal(v, lang));
  return (
    <DataTable caption={t('rep.units', { n: units.length })}>
      <thead>
        <tr>
          <th scope="col">{t('rep.number')}</th>
          <th scope="col">{t('rep.unit')}</th>
          <th scope="col">{t('rep.type')}</th>
          <th scope="col">{t('rep.children')}</th>
          <th scope="col">{t('rep.fte')}</th>
          <th scope="col">{t('rep.staffFte')}</th>
          <th scope="col">{t('rep.ratio.young')}</th>
          <th scope="col">{t('rep.ratio.old')}</th>
        </tr>
      </thead>
      <tbody>
        {units.map((u) => (
          <tr key={u.id}>
            <td>{u.number}</td>
            <th scope="row">{u.name}</th>
            <td>{u.type}</td>
            <td>{formatNumber(u.children, lang)}</td>
            <td>{formatDecimal(u.fte, lang)}</td>
            <td>
              {formatDecimal(
                u.staff.reduce((s, x) => s + x.fte, 0),
                lang,
              )}
            </td>
            <td>{num(u.normering['0-2'].childrenPerAdult)}</td>
            <td>{num(u.normering['3-5'].childrenPerAdult)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function UnitDetails({ unit: u }: { unit: UnitFigures }) {
  const { t, lang } = useT();
  return (
    <details>
      <summary>
        {u.name} ({u.number})
      </summary>
      {u.groups.length > 0 && (
        <DataTable caption={t('rep.groups', { unit: u.name })}>
          <thead>
            <tr>
              <th scope="col">{t('rep.age')}</th>
              <th scope="col">{t('rep.placeType')}</th>
              <th scope="col">{t('rep.rateType')}</th>
              <th scope="col">{t('rep.discount')}</th>
              <th scope="col">{t('rep.children')}</th>
              <th scope="col">{t('rep.fte')}</th>
            </tr>
          </thead>
          <tbody>
            {u.groups.map((g) => (
              <tr key={`${g.placeType}${g.rateType}${g.discount}${g.ageYears}-${g.ageMonths}`}>
                <td>{formatAge(g.ageYears * 12 + g.ageMonths, t)}</td>
                <td>{g.placeType}</td>
                <td>{t(`rep.rate.${g.rateType}`)}</td>
                <td>{t(`rep.discount.${g.discount}`)}</td>
                <td>{g.children}</td>
                <td>{formatDecimal(g.fte, lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {u.dagplejere.length > 0 && (
        <DataTable caption={t('rep.dagplejere', { unit: u.name })}>
          <thead>
            <tr>
              <th scope="col">{t('rep.dagplejer')}</th>
              <th scope="col">{t('rep.children')}</th>
            </tr>
          </thead>
          <tbody>
            {u.dagplejere.map((d) => (
              <tr key={d.dagplejerId}>
                <th scope="row">{d.name}</th>
                <td>{d.children}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {u.staff.length > 0 && (
        <DataTable caption={t('rep.staff', { unit: u.name })}>
          <thead>
            <tr>
              <th scope="col">{t('rep.job')}</th>
              <th scope="col">{t('rep.persons')}</th>
              <th scope="col">{t('rep.staffFte')}</th>
            </tr>
          </thead>
          <tbody>
            {u.staff.map((s) => (
              <tr key={s.jobType}>
                <th scope="row">{t(`rep.job.${s.jobType}` as 'rep.job.leder')}</th>
                <td>{s.persons}</td>
                <td>{formatDecimal(s.fte, lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </details>
  );
}
