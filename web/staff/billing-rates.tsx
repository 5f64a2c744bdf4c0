// Finance staff: rates (takster) per kind, age band and hours with validity periods, paying months and friplads scales.
import { useId, useState, type FormEvent } from 'react';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Loading, Status, useApi } from '../shared/components.js';
import { formatPeriod, kronerToOere } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { PayingMonthsForm, ScaleForm } from './billing-setup.js';
import type { Rates } from '../../src/modules/billing/contract.js';

const kr = (oere: number, lang: string) =>
  (oere / 100).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }) + ' kr.';
const KINDS = ['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'sfo', 'fritidshjem', 'klub'] as const;
const BANDS = ['0-2', '3-5', '6-9', '10-13', '14-17'] as const;
const HOURS = ['full', 'part', 'leave30'] as const;

export function BillingRates({ municipality }: { municipality: string }) {
  const { t, lang } = useT();
  const id = useId();
  const { data, error, loading, reload } = useApi<Rates>(`/api/staff/billing/rates?municipality=${municipality}`);
  const [form, setForm] = useState({ kind: 'vuggestue', ageBand: '0-2', hours: 'full', amount: '', start: '' });
  const [err, setErr] = useState<unknown>(null);
  const [ok, setOk] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErr(null);
    setOk(null);
    try {
      const monthlyOere = kronerToOere(form.amount);
      await api.post('/api/staff/billing/rates', {
        municipality,
        kind: form.kind,
        ageBand: form.ageBand,
        hours: form.hours,
        monthlyOere,
        start: form.start,
        end: null,
      });
      setOk(t('billing.rateSaved'));
      reload();
    } catch (x) {
      setErr(x);
    }
  }
  const typeLabel = (k: string) => t(`type.${k}` as 'type.sfo');
  return (
    <section className="panel" aria-labelledby={id + 'h'}>
      <h2 id={id + 'h'}>{t('billing.rates.heading')}</h2>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <>
          <DataTable caption={t('billing.rates.caption', { n: data.rates.length })}>
            <thead>
              <tr>
                <th scope="col">{t('billing.kind')}</th>
                <th scope="col">{t('billing.ageBand')}</th>
                <th scope="col">{t('billing.hours')}</th>
                <th scope="col" className="num">
                  {t('billing.monthly')}
                </th>
                <th scope="col">{t('billing.period')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rates.map((r) => (
                <tr key={r.id}>
                  <td>{typeLabel(r.kind)}</td>
                  <td>{t('band', { band: r.ageBand })}</td>
                  <td>{t(`billing.hours.${r.hours}`)}</td>
                  <td className="num">{kr(r.monthlyOere, lang)}</td>
                  <td>{formatPeriod(r.start, r.end, t, lang)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <form onSubmit={(e) => void submit(e)} className="filter-row">
            <Field id={id + 'k'} label={t('billing.kind')}>
              <select id={id + 'k'} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {typeLabel(k)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={id + 'b'} label={t('billing.ageBand')}>
              <select
                id={id + 'b'}
                value={form.ageBand}
                onChange={(e) => setForm({ ...form, ageBand: e.target.value })}
              >
                {BANDS.map((b) => (
                  <option key={b} value={b}>
                    {t('band', { band: b })}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={id + 'hr'} label={t('billing.hours')}>
              <select id={id + 'hr'} value={form.hours} onChange={(e) => setForm({ ...form, hours: e.target.value })}>
                {HOURS.map((h) => (
                  <option key={h} value={h}>
                    {t(`billing.hours.${h}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={id + 'a'} label={t('billing.monthly')}>
              <input
                id={id + 'a'}
                required
                inputMode="decimal"
                pattern="[0-9.]+(,[0-9]{1,2})?"
                value={form.amount}
                onChange={(e) => setForm({ ...form, amount: e.target.value })}
              />
            </Field>
            <Field id={id + 's'} label={t('billing.validFrom')}>
              <input
                id={id + 's'}
                type="date"
                required
                value={form.start}
                onChange={(e) => setForm({ ...form, start: e.target.value })}
              />
            </Field>
            <div className="field field-button">
              <button type="submit" className="button">
                {t('billing.addRate')}
              </button>
            </div>
          </form>
          <Status text={ok} />
          <ErrorMessage error={err} />
          <DataTable caption={t('billing.calendar.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('billing.kind')}</th>
                <th scope="col">{t('billing.payingMonths')}</th>
                <th scope="col">{t('billing.changeDay')}</th>
                <th scope="col">{t('billing.period')}</th>
              </tr>
            </thead>
            <tbody>
              {data.calendar.map((c) => (
                <tr key={c.id}>
                  <td>{typeLabel(c.kind)}</td>
                  <td>{c.payingMonths}</td>
                  <td>{c.changeDay}.</td>
                  <td>{formatPeriod(c.start, c.end, t, lang)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <PayingMonthsForm municipality={municipality} onSaved={reload} />
          <DataTable caption={t('billing.scales.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('billing.year')}</th>
                <th scope="col" className="num">
                  {t('billing.lower')}
                </th>
                <th scope="col" className="num">
                  {t('billing.upper')}
                </th>
                <th scope="col" className="num">
                  {t('billing.perChild')}
                </th>
                <th scope="col" className="num">
                  {t('billing.single')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.scales.map((s) => (
                <tr key={s.year}>
                  <td>{s.year}</td>
                  <td className="num">{kr(s.lowerLimit, lang)}</td>
                  <td className="num">{kr(s.upperLimit, lang)}</td>
                  <td className="num">{kr(s.perExtraChild, lang)}</td>
                  <td className="num">{kr(s.singleProviderSupplement, lang)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <ScaleForm onSaved={reload} />
        </>
      )}
    </section>
  );
}
