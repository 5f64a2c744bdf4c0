// Parents: apply for økonomisk friplads online and follow the applications.
import { useId, useState, type FormEvent } from 'react';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Status, useApi } from '../shared/components.js';
import { kronerToOere } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import type { OwnApplication } from '../../src/modules/billing/contract.js';

type Application = OwnApplication;
const kr = (oere: number, lang: string) =>
  (oere / 100).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }) + ' kr.';

export function FripladsApply({ month }: { month: string }) {
  const { t, lang } = useT();
  const id = useId();
  const apps = useApi<Application[]>('/api/citizen/billing/friplads');
  const [form, setForm] = useState({ income: '', children: '1', single: false, from: month });
  const [err, setErr] = useState<unknown>(null);
  const [ok, setOk] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErr(null);
    setOk(null);
    try {
      await api.post('/api/citizen/billing/friplads', {
        yearlyOere: kronerToOere(form.income),
        childrenUnder18: Number(form.children),
        singleProvider: form.single,
        wantedFrom: `${form.from}-01`,
      });
      setOk(t('fp.sent'));
      apps.reload();
    } catch (x) {
      setErr(x);
    }
  }
  return (
    <section className="panel" aria-labelledby={id + 'h'}>
      <h2 id={id + 'h'}>{t('fp.heading')}</h2>
      <p>{t('fp.intro')}</p>
      <form onSubmit={(e) => void submit(e)} className="filter-row">
        <Field id={id + 'i'} label={t('fp.income')}>
          <input
            id={id + 'i'}
            required
            inputMode="numeric"
            pattern="[0-9.]+(,[0-9]{1,2})?"
            value={form.income}
            onChange={(e) => setForm({ ...form, income: e.target.value })}
          />
        </Field>
        <Field id={id + 'c'} label={t('fp.children')}>
          <input
            id={id + 'c'}
            type="number"
            min={1}
            max={30}
            required
            value={form.children}
            onChange={(e) => setForm({ ...form, children: e.target.value })}
          />
        </Field>
        <Field id={id + 'f'} label={t('fp.from')}>
          <input
            id={id + 'f'}
            type="month"
            required
            min={month}
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
          />
        </Field>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={form.single}
              onChange={(e) => setForm({ ...form, single: e.target.checked })}
            />{' '}
            {t('fp.single')}
          </label>
        </div>
        <div className="field field-button">
          <button type="submit" className="button">
            {t('fp.apply')}
          </button>
        </div>
      </form>
      <Status text={ok} />
      <ErrorMessage error={err} />
      {apps.data && apps.data.length > 0 && (
        <DataTable caption={t('fp.mine')}>
          <thead>
            <tr>
              <th scope="col">{t('fp.from')}</th>
              <th scope="col" className="num">
                {t('fp.income')}
              </th>
              <th scope="col">{t('billing.status')}</th>
            </tr>
          </thead>
          <tbody>
            {apps.data.map((a) => (
              <tr key={a.id}>
                <td>{a.wantedFrom.slice(0, 7)}</td>
                <td className="num">{kr(a.yearlyOere, lang)}</td>
                <td>{t(`fp.status.${a.status}`, { p: a.payPercent ?? 0 })}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
