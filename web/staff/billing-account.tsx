// Finance staff: one payer's account: registered household incomes and every invoice with its lines.
import { useParams } from 'react-router-dom';
import { BackLink, DataTable, ErrorMessage, Loading, Page, useApi } from '../shared/components.js';
import { formatPeriod } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { kr } from './billing.js';
import { InvoiceTable } from '../citizen/payment.js';
import type { Account } from '../../src/modules/billing/contract.js';
import { IncomeActions } from './income-actions.js';

export function BillingAccountPage() {
  const { t, lang } = useT();
  const { id } = useParams();
  const { data, error, loading, reload } = useApi<Account>(`/api/staff/billing/payers/${id}/account`);
  return (
    <Page title={data ? `${t('billing.account.title')}: ${data.payer.name}` : t('billing.account.title')}>
      <BackLink to="/staff/opkraevning">{t('billing.title')}</BackLink>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <>
          <p>{t('billing.balance', { total: kr(data.balanceOere, lang) })}</p>
          <DataTable caption={t('billing.incomes')}>
            <thead>
              <tr>
                <th scope="col">{t('billing.income')}</th>
                <th scope="col">{t('billing.single')}</th>
                <th scope="col">{t('billing.source')}</th>
                <th scope="col">{t('billing.period')}</th>
              </tr>
            </thead>
            <tbody>
              {data.incomes.map((i) => (
                <tr key={i.id}>
                  <td className="num">{kr(i.yearlyOere, lang)}</td>
                  <td>{i.singleProvider ? '✓' : '—'}</td>
                  <td>{i.source}</td>
                  <td>{formatPeriod(i.start, i.end, t, lang)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          {data.households.map((h) => (
            <IncomeActions key={h} householdId={h} onDone={reload} />
          ))}
          {data.invoices.map((inv) => (
            <InvoiceTable key={inv.id} invoice={inv} />
          ))}
        </>
      )}
    </Page>
  );
}
