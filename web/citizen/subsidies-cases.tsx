// The family's subsidy cases: scheme, period, carer, status and the decision deadline.
import { useId } from 'react';
import { DataTable } from '../shared/components.js';
import { formatDate, formatPeriod } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import type { MySubsidies } from '../../src/modules/subsidies/contract.js';

export function MyCases({ cases }: { cases: MySubsidies['cases'] }) {
  const { t, lang } = useT();
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{t('sub.mine')}</h2>
      {cases.length === 0 ? (
        <p>{t('sub.none')}</p>
      ) : (
        <DataTable caption={t('sub.mine')}>
          <thead>
            <tr>
              <th scope="col">{t('sub.child')}</th>
              <th scope="col">{t('sub.schemeCol')}</th>
              <th scope="col">{t('sub.period')}</th>
              <th scope="col">{t('sub.carer')}</th>
              <th scope="col">{t('sub.status')}</th>
              <th scope="col">{t('sub.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>{c.child}</td>
                <td>{t(`sub.scheme.${c.scheme}`)}</td>
                <td>{formatPeriod(c.start, c.end, t, lang)}</td>
                <td>{c.carer}</td>
                <td>{t(`sub.status.${c.status}`)}</td>
                <td>{c.status === 'applied' ? formatDate(c.deadline, lang) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
