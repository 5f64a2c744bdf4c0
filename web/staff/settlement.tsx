// Finance staff: the §41 statement per counterpart municipality for a month.
import { useId } from 'react';
import { DataTable, ErrorMessage, Loading, useApi } from '../shared/components.js';
import { useT } from '../shared/i18n.js';
import type { Settlement as Statement } from '../../src/modules/billing/contract.js';

const kr = (oere: number, lang: string) =>
  (oere / 100).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }) + ' kr.';

export function SettlementStatements({ municipality, month }: { municipality: string; month: string }) {
  const { t, lang } = useT();
  const id = useId();
  const { data, error, loading, reload } = useApi<Statement>(
    `/api/staff/billing/settlement?municipality=${municipality}&month=${month}`,
  );
  return (
    <section className="panel" aria-labelledby={id + 'h'}>
      <h2 id={id + 'h'}>{t('st.heading')}</h2>
      <p>{t('st.intro')}</p>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && data.counterparts.length === 0 && <p>{t('st.none')}</p>}
      {data?.counterparts.map((c) => (
        <DataTable
          key={c.municipality}
          caption={t('st.caption', {
            name: c.name,
            code: c.municipality,
            n: c.children,
            total: kr(c.subsidyOere, lang),
          })}
        >
          <thead>
            <tr>
              <th scope="col">{t('billing.child')}</th>
              <th scope="col">{t('billing.ageBand')}</th>
              <th scope="col" className="num">
                {t('st.subsidy')}
              </th>
              <th scope="col" className="num">
                {t('st.extra')}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.lines.map((l, i) => (
              <tr key={i}>
                <td>{l.childName}</td>
                <td>{t('band', { band: l.ageBand })}</td>
                <td className="num">{l.missingCosts ? t('st.missing') : kr(l.subsidyOere, lang)}</td>
                <td className="num">{kr(l.parentExtraOere, lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ))}
    </section>
  );
}
