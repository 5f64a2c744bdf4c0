// Parents: apply for økonomisk friplads online and follow the applications.
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, useApi } from '../shared/components.js';
import { Progress, Receipt, useAction } from '../shared/guard.js';
import { kronerToOere } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { fieldAria, FormField, useServerFieldErrors } from '../shared/steps.js';
import type { OwnApplication } from '../../src/modules/billing/contract.js';

type Application = OwnApplication;
const kr = (oere: number, lang: string) =>
  (oere / 100).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }) + ' kr.';

const monthText = (m: string, lang: string) =>
  new Date(`${m}-01T12:00:00`).toLocaleDateString(lang === 'da' ? 'da-DK' : 'en-GB', {
    month: 'long',
    year: 'numeric',
  });

/** `householdChildren`: children under 18 at the parent's address in the register (the form starts from it). */
export function FripladsApply({ month, householdChildren }: { month: string; householdChildren: number | null }) {
  const { t, lang } = useT();
  const id = useId();
  const apps = useApi<Application[]>('/api/citizen/billing/friplads');
  const [form, setForm] = useState({
    income: '',
    children: String(Math.max(1, householdChildren ?? 1)),
    single: false,
    from: month,
  });
  const send = useAction(async () => {
    const sent = { ...form };
    await api.post('/api/citizen/billing/friplads', {
      yearlyOere: kronerToOere(form.income),
      childrenUnder18: Number(form.children),
      singleProvider: form.single,
      wantedFrom: `${form.from}-01`,
    });
    apps.reload();
    return sent;
  });
  const sent = send.result;
  // A refusal at its field: the server's check of the body names the field, a past month has its code.
  const FIELDS: Record<string, string> = { yearlyOere: id + 'i', childrenUnder18: id + 'c', wantedFrom: id + 'f' };
  const refused = useServerFieldErrors(send.error, (code, field) => {
    const at = code === 'billing.friplads-past-month' ? id + 'f' : field ? FIELDS[field] : undefined;
    return at ? { field: at } : null;
  });
  const errors = refused.errors;
  function submit(e: FormEvent) {
    e.preventDefault();
    void send.run();
  }
  return (
    <section className="panel" aria-labelledby={id + 'h'}>
      <h2 id={id + 'h'}>{t('fp.heading')}</h2>
      <p>{t('fp.intro')}</p>
      <form onSubmit={submit} className="filter-row">
        <FormField id={id + 'i'} label={t('fp.income')} errors={errors}>
          <input
            id={id + 'i'}
            required
            inputMode="numeric"
            pattern="[0-9.]+(,[0-9]{1,2})?"
            value={form.income}
            {...fieldAria(id + 'i', errors)}
            onChange={(e) => setForm({ ...form, income: e.target.value })}
          />
        </FormField>
        <FormField
          id={id + 'c'}
          label={t('fp.children')}
          hint={householdChildren !== null ? t('fp.childrenHint', { n: householdChildren }) : undefined}
          errors={errors}
        >
          <input
            id={id + 'c'}
            type="number"
            min={1}
            max={30}
            required
            value={form.children}
            {...fieldAria(id + 'c', errors, householdChildren !== null)}
            onChange={(e) => setForm({ ...form, children: e.target.value })}
          />
        </FormField>
        <FormField id={id + 'f'} label={t('fp.from')} errors={errors}>
          <input
            id={id + 'f'}
            type="month"
            required
            min={month}
            value={form.from}
            {...fieldAria(id + 'f', errors)}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
          />
        </FormField>
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
          <button type="submit" className="button" aria-disabled={send.running || undefined}>
            {t('fp.apply')}
          </button>
        </div>
      </form>
      {send.running && <Progress text={t('saving')} progress={null} />}
      <ErrorMessage error={refused.other} />
      {sent && (
        <Receipt
          title={t('fp.receiptTitle')}
          sent={[
            [t('fp.income'), `${sent.income} kr.`],
            [t('fp.children'), sent.children],
            [t('fp.single'), sent.single ? t('fp.yes') : t('fp.no')],
            [t('fp.from'), monthText(sent.from, lang)],
          ]}
          next={t('fp.receiptNext', { month: monthText(sent.from, lang) })}
          follow={
            <>
              {t('fp.receiptFollow')} <Link to="/post">{t('nav.post')}</Link>.
            </>
          }
        />
      )}
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
