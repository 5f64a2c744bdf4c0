// Caseworkers and finance: open applications for økonomisk friplads, granted or rejected with a decision letter.
import { useId, useState } from 'react';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Loading, Status, useApi } from '../shared/components.js';
import { useT } from '../shared/i18n.js';
import type { Application } from '../../src/modules/billing/contract.js';

type Case = Application;
const kr = (oere: number, lang: string) =>
  (oere / 100).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }) + ' kr.';

export function FripladsCases() {
  const { t, lang } = useT();
  const id = useId();
  const { data, error, loading, reload } = useApi<Case[]>('/api/staff/billing/friplads');
  const [err, setErr] = useState<unknown>(null);
  const [ok, setOk] = useState<string | null>(null);
  async function decide(c: Case, grant: boolean) {
    setErr(null);
    setOk(null);
    try {
      await api.post(`/api/staff/billing/friplads/${c.id}/decision`, { grant });
      setOk(t('fp.decided'));
      reload();
    } catch (x) {
      setErr(x);
    }
  }
  return (
    <section className="panel" aria-labelledby={id + 'h'}>
      <h2 id={id + 'h'}>{t('fp.cases', { n: data?.length ?? 0 })}</h2>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && data.length === 0 && <p>{t('fp.none')}</p>}
      {data && data.length > 0 && (
        <DataTable caption={t('fp.cases', { n: data.length })}>
          <thead>
            <tr>
              <th scope="col">{t('fp.applicant')}</th>
              <th scope="col" className="num">
                {t('fp.income')}
              </th>
              <th scope="col">{t('fp.children')}</th>
              <th scope="col">{t('fp.from')}</th>
              <th scope="col">{t('fp.payPercent')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('billing.status')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.applicant}
                  {c.singleProvider ? ` (${t('billing.single').toLowerCase()})` : ''}
                </td>
                <td className="num">{kr(c.yearlyOere, lang)}</td>
                <td>{c.childrenUnder18}</td>
                <td>{c.wantedFrom.slice(0, 7)}</td>
                <td>{c.payPercent} %</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    aria-label={`${t('fp.grant')}: ${c.applicant}`}
                    onClick={() => void decide(c, true)}
                  >
                    {t('fp.grant')}
                  </button>{' '}
                  <button
                    type="button"
                    className="button-secondary"
                    aria-label={`${t('fp.reject')}: ${c.applicant}`}
                    onClick={() => void decide(c, false)}
                  >
                    {t('fp.reject')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Status text={ok} />
      <ErrorMessage error={err} />
    </section>
  );
}
