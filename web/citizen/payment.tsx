// Parents: what the places cost this month and why (line by line), and the invoices sent to them.
import { DataTable, ErrorMessage, Loading, Page, useApi } from '../shared/components.js';
import { useT } from '../shared/i18n.js';
import { LoginRequired } from '../shared/layout.js';
import { useSession } from '../shared/session.js';
import { FripladsApply } from './friplads-apply.js';
import type { Invoice as InvoiceView, MyPayment as Payment } from '../../src/modules/billing/contract.js';

const kr = (oere: number, lang: string) =>
  (oere / 100).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }) + ' kr.';
const monthLabel = (m: string, lang: string) =>
  new Date(`${m.slice(0, 7)}-01T12:00:00`).toLocaleDateString(lang === 'da' ? 'da-DK' : 'en-GB', {
    month: 'long',
    year: 'numeric',
  });

export function InvoiceTable({ invoice }: { invoice: InvoiceView }) {
  const { t, lang } = useT();
  return (
    <DataTable
      caption={t('pay.invoice', {
        no: invoice.number,
        month: monthLabel(invoice.month, lang),
        total: kr(invoice.totalOere, lang),
      })}
    >
      <thead>
        <tr>
          <th scope="col">{t('billing.child')}</th>
          <th scope="col">{t('billing.serviceMonth')}</th>
          <th scope="col">{t('billing.text')}</th>
          <th scope="col" className="num">
            {t('billing.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {invoice.lines.map((l, i) => (
          <tr key={i}>
            <td>{l.childName}</td>
            <td>{monthLabel(l.serviceMonth, lang)}</td>
            <td>{l.text}</td>
            <td className="num">{kr(l.amountOere, lang)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row" colSpan={3}>
            {t('billing.total')}
          </th>
          <td className="num">
            <strong>{kr(invoice.totalOere, lang)}</strong>
          </td>
        </tr>
      </tbody>
    </DataTable>
  );
}

export function PaymentPage() {
  const { me, loading: sessionLoading } = useSession();
  if (sessionLoading && !me) return <Loading />;
  if (me?.user?.role !== 'guardian') return <LoginRequired />;
  return <PaymentView />;
}

function PaymentView() {
  const { t, lang } = useT();
  const { data, error, loading, reload } = useApi<Payment>('/api/citizen/billing');
  const month = data ? monthLabel(data.month, lang) : '';
  return (
    <Page title={t('pay.title')} lead={data ? t('pay.lead', { month }) : undefined}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <>
          <section className="panel" aria-labelledby="pay-now">
            <h2 id="pay-now">{t('pay.thisMonth', { month })}</h2>
            <p>
              {data.friplads
                ? t('pay.friplads', { income: kr(data.friplads.incomeOere, lang), percent: data.friplads.payPercent })
                : t('pay.noIncome')}
            </p>
            {data.children.length === 0 && <p>{t('pay.none')}</p>}
            {data.children.map((c) =>
              c.paidByOther ? (
                <p key={c.childId}>{t('pay.otherPayer', { name: c.name })}</p>
              ) : (
                <DataTable key={c.childId} caption={`${c.name}: ${kr(c.totalOere, lang)}`}>
                  <thead>
                    <tr>
                      <th scope="col">{t('billing.text')}</th>
                      <th scope="col" className="num">
                        {t('billing.amount')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.lines.map((l, i) => (
                      <tr key={i}>
                        <td>{l.text}</td>
                        <td className="num">{kr(l.amountOere, lang)}</td>
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">{t('billing.total')}</th>
                      <td className="num">
                        <strong>{kr(c.totalOere, lang)}</strong>
                      </td>
                    </tr>
                  </tbody>
                </DataTable>
              ),
            )}
          </section>
          <section className="panel" aria-labelledby="pay-inv">
            <h2 id="pay-inv">{t('pay.invoices')}</h2>
            {data.invoices.length === 0 ? (
              <p>{t('billing.noInvoices')}</p>
            ) : (
              data.invoices.map((inv) => <InvoiceTable key={inv.id} invoice={inv} />)
            )}
          </section>
          <FripladsApply month={data.month} householdChildren={data.household?.childrenUnder18 ?? null} />
        </>
      )}
    </Page>
  );
}
