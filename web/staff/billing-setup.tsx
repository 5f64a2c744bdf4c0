// Finance staff: lunch schemes per unit (a board may opt out), paying months per kind, a year's friplads scale
// and the §41 place costs, each as data with validity (the API refuses overlaps with a Danish message).
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Status, useApi } from '../shared/components.js';
import { formatPeriod, kronerToOere } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import type { LunchUnit, PlaceCost } from '../../src/modules/billing/contract.js';
import { useToday, yearOf } from '../shared/today.js';
import { kr } from './billing.js';

const KINDS = ['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'sfo', 'fritidshjem', 'klub'] as const;
const BANDS = ['0-2', '3-5', '6-9', '10-13', '14-17'] as const;
/** "1.234,50" kr. → øre. */
const AMOUNT = '[0-9.]+(,[0-9]{1,2})?';

/** A form that posts, then shows a status line or the API's error. */
function useSubmit(done: () => void) {
  const [err, setErr] = useState<unknown>(null);
  const [ok, setOk] = useState<string | null>(null);
  const submit = (fn: () => Promise<string>) => async (e: FormEvent) => {
    e.preventDefault();
    setErr(null);
    setOk(null);
    try {
      setOk(await fn());
      done();
    } catch (x) {
      setErr(x);
    }
  };
  return {
    submit,
    feedback: (
      <>
        <Status text={ok} />
        <ErrorMessage error={err} />
      </>
    ),
  };
}
function Panel({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
/** Inside the rates panel, next to the table it adds to. */
function Sub({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}
const Button = ({ label }: { label: string }) => (
  <div className="field field-button">
    <button type="submit" className="button">
      {label}
    </button>
  </div>
);

export function LunchSchemes({ municipality }: { municipality: string }) {
  const { t, lang } = useT();
  const id = useId();
  const units = useApi<LunchUnit[]>(`/api/staff/billing/lunch?municipality=${municipality}`);
  const [f, setF] = useState({ unitId: '', amount: '', optedOut: false, start: '', end: '' });
  const { submit, feedback } = useSubmit(units.reload);
  const unitId = f.unitId || units.data?.[0]?.id || '';
  const onSubmit = submit(async () => {
    await api.post('/api/staff/billing/lunch', {
      unitId,
      monthlyOere: f.optedOut ? 0 : kronerToOere(f.amount || '0'),
      optedOut: f.optedOut,
      start: f.start,
      end: f.end || null,
    });
    return t('billing.lunch.saved');
  });
  return (
    <Panel title={t('billing.lunch.heading')}>
      <ErrorMessage error={units.error} onRetry={units.reload} />
      {units.data && (
        <DataTable caption={t('billing.lunch.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('billing.unit')}</th>
              <th scope="col">{t('billing.lunch.price')}</th>
              <th scope="col">{t('billing.period')}</th>
            </tr>
          </thead>
          <tbody>
            {units.data.flatMap((u) =>
              (u.schemes.length ? u.schemes : [null]).map((s, i) => (
                <tr key={u.id + i}>
                  <td>{u.name}</td>
                  <td>
                    {s ? (s.optedOut ? t('billing.lunch.optedOut') : kr(s.monthlyOere, lang)) : t('billing.lunch.none')}
                  </td>
                  <td>{s ? formatPeriod(s.start, s.end, t, lang) : '—'}</td>
                </tr>
              )),
            )}
          </tbody>
        </DataTable>
      )}
      <form onSubmit={(e) => void onSubmit(e)} className="filter-row">
        <Field id={id + 'u'} label={t('billing.unit')}>
          <select id={id + 'u'} value={unitId} onChange={(e) => setF({ ...f, unitId: e.target.value })}>
            {units.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id + 'a'} label={t('billing.lunch.price')}>
          <input
            id={id + 'a'}
            inputMode="decimal"
            pattern={AMOUNT}
            required={!f.optedOut}
            disabled={f.optedOut}
            value={f.amount}
            onChange={(e) => setF({ ...f, amount: e.target.value })}
          />
        </Field>
        <div className="field">
          <label>
            <input type="checkbox" checked={f.optedOut} onChange={(e) => setF({ ...f, optedOut: e.target.checked })} />{' '}
            {t('billing.lunch.optOut')}
          </label>
        </div>
        <Field id={id + 's'} label={t('billing.validFrom')}>
          <input
            id={id + 's'}
            type="date"
            required
            value={f.start}
            onChange={(e) => setF({ ...f, start: e.target.value })}
          />
        </Field>
        <Field id={id + 'e'} label={t('billing.validTo')}>
          <input id={id + 'e'} type="date" value={f.end} onChange={(e) => setF({ ...f, end: e.target.value })} />
        </Field>
        <Button label={t('billing.lunch.add')} />
      </form>
      {feedback}
    </Panel>
  );
}

/** Paying months per kind; the table of periods is in BillingRates. */
export function PayingMonthsForm({ municipality, onSaved }: { municipality: string; onSaved: () => void }) {
  const { t } = useT();
  const id = useId();
  const [f, setF] = useState({ kind: 'vuggestue', payingMonths: '11', changeDay: '1', start: '' });
  const { submit, feedback } = useSubmit(onSaved);
  const onSubmit = submit(async () => {
    await api.post('/api/staff/billing/calendar', {
      municipality,
      kind: f.kind,
      payingMonths: Number(f.payingMonths),
      changeDay: Number(f.changeDay),
      start: f.start,
      end: null,
    });
    return t('billing.calendar.saved');
  });
  return (
    <Sub title={t('billing.calendar.heading')}>
      <form onSubmit={(e) => void onSubmit(e)} className="filter-row">
        <Field id={id + 'k'} label={t('billing.kind')}>
          <select id={id + 'k'} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`type.${k}` as 'type.sfo')}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id + 'm'} label={t('billing.payingMonths')}>
          <select id={id + 'm'} value={f.payingMonths} onChange={(e) => setF({ ...f, payingMonths: e.target.value })}>
            <option value="11">{t('billing.months11')}</option>
            <option value="12">12</option>
          </select>
        </Field>
        <Field id={id + 'd'} label={t('billing.changeDay')}>
          <select id={id + 'd'} value={f.changeDay} onChange={(e) => setF({ ...f, changeDay: e.target.value })}>
            <option value="1">1.</option>
            <option value="15">1. {t('billing.and')} 15.</option>
          </select>
        </Field>
        <Field id={id + 's'} label={t('billing.validFrom')}>
          <input
            id={id + 's'}
            type="date"
            required
            value={f.start}
            onChange={(e) => setF({ ...f, start: e.target.value })}
          />
        </Field>
        <Button label={t('billing.calendar.add')} />
      </form>
      {feedback}
    </Sub>
  );
}

export function ScaleForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useT();
  const id = useId();
  const today = useToday();
  const [f, setF] = useState({ year: String(yearOf(today) + 1), lower: '', upper: '', perChild: '', single: '' });
  const { submit, feedback } = useSubmit(onSaved);
  const onSubmit = submit(async () => {
    await api.post('/api/staff/billing/scales', {
      year: Number(f.year),
      lowerLimit: kronerToOere(f.lower),
      upperLimit: kronerToOere(f.upper),
      perExtraChild: kronerToOere(f.perChild),
      singleProviderSupplement: kronerToOere(f.single),
    });
    return t('billing.scale.saved', { year: f.year });
  });
  const money = (k: 'lower' | 'upper' | 'perChild' | 'single', label: string) => (
    <Field id={id + k} label={label}>
      <input
        id={id + k}
        inputMode="decimal"
        pattern={AMOUNT}
        required
        value={f[k]}
        onChange={(e) => setF({ ...f, [k]: e.target.value })}
      />
    </Field>
  );
  return (
    <Sub title={t('billing.scale.heading')}>
      <form onSubmit={(e) => void onSubmit(e)} className="filter-row">
        <Field id={id + 'y'} label={t('billing.year')}>
          <input
            id={id + 'y'}
            inputMode="numeric"
            pattern="[0-9]{4}"
            required
            value={f.year}
            onChange={(e) => setF({ ...f, year: e.target.value })}
          />
        </Field>
        {money('lower', t('billing.lowerKr'))}
        {money('upper', t('billing.upperKr'))}
        {money('perChild', t('billing.perChildKr'))}
        {money('single', t('billing.singleKr'))}
        <Button label={t('billing.scale.add')} />
      </form>
      {feedback}
    </Sub>
  );
}

export function PlaceCosts({ municipality }: { municipality: string }) {
  const { t, lang } = useT();
  const id = useId();
  const costs = useApi<PlaceCost[]>(`/api/staff/billing/place-costs?municipality=${municipality}`);
  const today = useToday();
  const [f, setF] = useState({ year: String(yearOf(today)), ageBand: '0-2', net: '', gross: '', subsidy: '' });
  const { submit, feedback } = useSubmit(costs.reload);
  const onSubmit = submit(async () => {
    await api.post('/api/staff/billing/place-costs', {
      municipality,
      year: Number(f.year),
      ageBand: f.ageBand,
      netOere: kronerToOere(f.net),
      grossOere: kronerToOere(f.gross),
      subsidyPercent: Number(f.subsidy),
    });
    return t('billing.cost.saved');
  });
  return (
    <Panel title={t('billing.cost.heading')}>
      <ErrorMessage error={costs.error} onRetry={costs.reload} />
      {costs.data && (
        <DataTable caption={t('billing.cost.caption', { n: costs.data.length })}>
          <thead>
            <tr>
              <th scope="col">{t('billing.year')}</th>
              <th scope="col">{t('billing.ageBand')}</th>
              <th scope="col" className="num">
                {t('billing.cost.net')}
              </th>
              <th scope="col" className="num">
                {t('billing.cost.gross')}
              </th>
              <th scope="col" className="num">
                {t('billing.cost.subsidy')}
              </th>
            </tr>
          </thead>
          <tbody>
            {costs.data.map((c) => (
              <tr key={c.year + c.ageBand}>
                <td>{c.year}</td>
                <td>{t('band', { band: c.ageBand })}</td>
                <td className="num">{kr(c.netOere, lang)}</td>
                <td className="num">{kr(c.grossOere, lang)}</td>
                <td className="num">{c.subsidyPercent} %</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <form onSubmit={(e) => void onSubmit(e)} className="filter-row">
        <Field id={id + 'y'} label={t('billing.year')}>
          <input
            id={id + 'y'}
            inputMode="numeric"
            pattern="[0-9]{4}"
            required
            value={f.year}
            onChange={(e) => setF({ ...f, year: e.target.value })}
          />
        </Field>
        <Field id={id + 'b'} label={t('billing.ageBand')}>
          <select id={id + 'b'} value={f.ageBand} onChange={(e) => setF({ ...f, ageBand: e.target.value })}>
            {BANDS.map((b) => (
              <option key={b} value={b}>
                {t('band', { band: b })}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id + 'n'} label={t('billing.cost.netKr')}>
          <input
            id={id + 'n'}
            inputMode="decimal"
            pattern={AMOUNT}
            required
            value={f.net}
            onChange={(e) => setF({ ...f, net: e.target.value })}
          />
        </Field>
        <Field id={id + 'g'} label={t('billing.cost.grossKr')}>
          <input
            id={id + 'g'}
            inputMode="decimal"
            pattern={AMOUNT}
            required
            value={f.gross}
            onChange={(e) => setF({ ...f, gross: e.target.value })}
          />
        </Field>
        <Field id={id + 'p'} label={t('billing.cost.subsidy')}>
          <input
            id={id + 'p'}
            inputMode="numeric"
            pattern="[0-9]{1,3}"
            required
            value={f.subsidy}
            onChange={(e) => setF({ ...f, subsidy: e.target.value })}
          />
        </Field>
        <Button label={t('billing.cost.add')} />
      </form>
      {feedback}
    </Panel>
  );
}
