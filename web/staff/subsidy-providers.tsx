// Private providers paid a grant per child (§ 19, stk. 4, § 34, § 57): the list, one provider with its approved budget,
// enrolled children and monthly statements (printable), and the rates admin of the subsidy schemes (new periods only).
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../shared/api.js';
import {
  BackLink,
  DataTable,
  ErrorMessage,
  Facts,
  Field,
  Loading,
  Page,
  Status,
  useApi,
} from '../shared/components.js';
import { formatDate, formatMonth, formatOere, formatPeriod, kronerToOere } from '../shared/format.js';
import { useT, type T } from '../shared/i18n.js';
import { useCan } from '../shared/session.js';
import type { ProviderDetail, ProviderRow, Rates, Statement } from '../../src/modules/subsidies/contract.js';

const KINDS = ['privatinstitution', 'privat_dagpleje', 'privat_fritidshjem'] as const;

/** A form that posts, reports success in a status line and shows a refusal next to it. */
function useSubmit(done: () => void) {
  const [err, setErr] = useState<unknown>(null);
  const [ok, setOk] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>, okText: string) => {
    setErr(null);
    setOk(null);
    try {
      await work();
      setOk(okText);
      done();
    } catch (x) {
      setErr(x);
    }
  };
  return { err, ok, run };
}
const oereOr = (kr: string) => {
  const v = kronerToOere(kr);
  return v === null ? NaN : v;
};

export function SubsidyProvidersPage() {
  const { t, lang } = useT();
  const can = useCan();
  const id = useId();
  const { data, error, loading, reload } = useApi<ProviderRow[]>('/api/staff/subsidies/providers');
  const [form, setForm] = useState({ kind: 'privatinstitution', name: '', cvr: '', address: '', from: '' });
  const s = useSubmit(reload);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(
      () =>
        api.post('/api/staff/subsidies/providers', {
          kind: form.kind,
          name: form.name,
          cvr: form.cvr,
          address: form.address,
          approvedFrom: form.from,
        }),
      t('prov.added'),
    );
  };
  return (
    <Page title={t('nav.subsidyProviders')} lead={t('prov.lead')}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && data.length === 0 && <p>{t('prov.none')}</p>}
      {data && data.length > 0 && (
        <DataTable
          caption={t('prov.list', { n: data.length })}
          rows={data}
          rowKey={(p) => p.id}
          initialSort={{ column: 'name', direction: 'ascending' }}
          columns={[
            {
              id: 'name',
              header: t('prov.name'),
              rowHeader: true,
              sort: (p) => p.name,
              cell: (p) => <Link to={`/staff/private-tilbud/${p.id}`}>{p.name}</Link>,
            },
            {
              id: 'kind',
              header: t('prov.kind'),
              sort: (p) => t(`prov.kind.${p.kind}`),
              cell: (p) => t(`prov.kind.${p.kind}`),
            },
            { id: 'cvr', header: 'CVR', sort: (p) => p.cvr, cell: (p) => p.cvr },
            {
              id: 'approved',
              header: t('prov.approved'),
              sort: (p) => p.approvedFrom,
              text: (p) => formatPeriod(p.approvedFrom, p.approvedTo, t, lang),
              cell: (p) => <Period start={p.approvedFrom} end={p.approvedTo} />,
            },
            {
              id: 'enrolments',
              header: t('prov.enrolments'),
              numeric: true,
              sort: (p) => p.enrolments,
              cell: (p) => p.enrolments,
            },
          ]}
        />
      )}
      {can('subsidies.providers') && (
        <section className="panel" aria-labelledby={id + 'h'}>
          <h2 id={id + 'h'}>{t('prov.add')}</h2>
          <form className="form-grid" onSubmit={submit}>
            <Field id={id + 'k'} label={t('prov.kind')}>
              <select id={id + 'k'} value={form.kind} onChange={set('kind')}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`prov.kind.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={id + 'n'} label={t('prov.name')}>
              <input id={id + 'n'} required value={form.name} onChange={set('name')} />
            </Field>
            <Field id={id + 'c'} label="CVR" hint={t('prov.cvrHint')}>
              <input
                id={id + 'c'}
                required
                pattern="[0-9]{8}"
                inputMode="numeric"
                value={form.cvr}
                onChange={set('cvr')}
              />
            </Field>
            <Field id={id + 'a'} label={t('prov.address')}>
              <input id={id + 'a'} required value={form.address} onChange={set('address')} />
            </Field>
            <Field id={id + 'f'} label={t('prov.approvedFrom')}>
              <input id={id + 'f'} type="date" required value={form.from} onChange={set('from')} />
            </Field>
            <div className="field field-button">
              <button type="submit" className="button">
                {t('prov.add')}
              </button>
            </div>
          </form>
          <Status text={s.ok} />
          <ErrorMessage error={s.err} />
        </section>
      )}
    </Page>
  );
}

function Period({ start, end }: { start: string; end: string | null }) {
  const { t, lang } = useT();
  return <>{formatPeriod(start, end, t, lang)}</>;
}
const ageGroup = (from: number, to: number, t: T) => t('prov.ageGroup', { from, to: to - 1 });

export function SubsidyProviderPage() {
  const { id: providerId } = useParams();
  const { t, lang } = useT();
  const can = useCan();
  const { data, error, loading, reload } = useApi<ProviderDetail>(`/api/staff/subsidies/providers/${providerId}`);
  const [month, setMonth] = useState<string | null>(null);
  if (!data)
    return (
      <Page title={t('nav.subsidyProviders')}>
        {loading ? <Loading /> : <ErrorMessage error={error} onRetry={reload} />}
      </Page>
    );
  const months = [...new Set(data.statements.map((s) => s.month))];
  const shown = month ?? months[0] ?? null;
  return (
    <Page title={data.name}>
      <BackLink to="/staff/private-tilbud">{t('nav.subsidyProviders')}</BackLink>
      <Facts
        items={[
          [t('prov.kind'), t(`prov.kind.${data.kind}`)],
          ['CVR', data.cvr],
          [t('prov.address'), data.address],
          [t('prov.approved'), <Period key="p" start={data.approvedFrom} end={data.approvedTo} />],
        ]}
      />
      <section className="panel" aria-labelledby="prov-budget">
        <h2 id="prov-budget">{t('prov.budget')}</h2>
        {data.budgets.length === 0 ? (
          <p>{t('prov.noBudget')}</p>
        ) : (
          <DataTable caption={t('prov.budget')}>
            <thead>
              <tr>
                <th scope="col">{t('prov.age')}</th>
                <th scope="col">{t('rates.period')}</th>
                <th scope="col" className="num">
                  {t('prov.grant')}
                </th>
                <th scope="col" className="num">
                  {t('prov.building')}
                </th>
                <th scope="col" className="num">
                  {t('prov.admin')}
                </th>
                <th scope="col" className="num">
                  {t('prov.parentPayment')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.budgets.map((b) => (
                <tr key={b.id}>
                  <td>{ageGroup(b.fromMonths, b.toMonths, t)}</td>
                  <td>
                    <Period start={b.start} end={b.end} />
                  </td>
                  <td className="num">{formatOere(b.grantOere, lang)}</td>
                  <td className="num">{formatOere(b.buildingOere, lang)}</td>
                  <td className="num">{formatOere(b.adminOere, lang)}</td>
                  <td className="num">{formatOere(b.parentPaymentOere, lang)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        {can('subsidies.rates') && <BudgetForm provider={data} done={reload} />}
      </section>
      <section className="panel" aria-labelledby="prov-children">
        <h2 id="prov-children">{t('prov.children')}</h2>
        {data.enrolmentList.length === 0 ? (
          <p>{t('prov.noChildren')}</p>
        ) : (
          <DataTable
            caption={t('prov.children')}
            rows={data.enrolmentList}
            rowKey={(e) => e.id}
            initialSort={{ column: 'child', direction: 'ascending' }}
            columns={[
              { id: 'child', header: t('sub.child'), rowHeader: true, sort: (e) => e.child, cell: (e) => e.child },
              {
                id: 'born',
                header: t('prov.born'),
                sort: (e) => e.birthDate,
                text: (e) => formatDate(e.birthDate, lang),
                cell: (e) => formatDate(e.birthDate, lang),
              },
              {
                id: 'period',
                header: t('sub.period'),
                sort: (e) => e.start,
                text: (e) => formatPeriod(e.start, e.end, t, lang),
                cell: (e) => <Period start={e.start} end={e.end} />,
              },
              ...(can('subsidies.providers')
                ? [
                    {
                      id: 'end',
                      header: t('prov.endEnrolment'),
                      cell: (e: (typeof data.enrolmentList)[number]) => (
                        <EndEnrolment id={e.id} child={e.child} done={reload} />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        {can('subsidies.providers') && <EnrolForm providerId={data.id} done={reload} />}
      </section>
      <section className="panel" aria-labelledby="prov-statements">
        <h2 id="prov-statements">{t('prov.statements')}</h2>
        {months.length === 0 ? (
          <p>{t('prov.noStatements')}</p>
        ) : (
          <>
            <div className="filter-row no-print">
              <Field id="prov-month" label={t('sub.month')}>
                <select id="prov-month" value={shown ?? ''} onChange={(e) => setMonth(e.target.value)}>
                  {months.map((m) => (
                    <option key={m} value={m}>
                      {formatMonth(m, lang)}
                    </option>
                  ))}
                </select>
              </Field>
              <div className="field field-button">
                <button type="button" className="button-secondary" onClick={() => window.print()}>
                  {t('prov.print')}
                </button>
              </div>
            </div>
            {data.statements
              .filter((s) => s.month === shown)
              .map((s) => (
                <StatementTable key={s.runId} provider={data} s={s} />
              ))}
          </>
        )}
      </section>
    </Page>
  );
}

function StatementTable({ provider, s }: { provider: ProviderDetail; s: Statement }) {
  const { t, lang } = useT();
  return (
    <DataTable
      caption={t('prov.statement', {
        name: provider.name,
        month: formatMonth(s.month, lang),
      })}
    >
      <thead>
        <tr>
          <th scope="col">{t('sub.child')}</th>
          <th scope="col">{t('sub.kind')}</th>
          <th scope="col" className="num">
            {t('prov.grantAll')}
          </th>
          <th scope="col" className="num">
            {t('prov.friplads')}
          </th>
          <th scope="col" className="num">
            {t('pay.sibling')}
          </th>
          <th scope="col" className="num">
            {t('pay.due')}
          </th>
          <th scope="col" className="num">
            {t('sub.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {s.lines.map((l) => (
          <tr key={l.enrolmentId}>
            <td>{l.child}</td>
            <td>{t(`sub.kind.${l.kind}`)}</td>
            <td className="num">{formatOere(l.grantOere, lang)}</td>
            <td className="num">{formatOere(l.fripladsOere, lang)}</td>
            <td className="num">{formatOere(l.siblingOere, lang)}</td>
            <td className="num">{formatOere(l.dueOere, lang)}</td>
            <td className="num">{formatOere(l.amountOere, lang)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={6}>
            {t('prov.total')}
          </th>
          <td className="num">{formatOere(s.totalOere, lang)}</td>
        </tr>
      </tfoot>
    </DataTable>
  );
}

function BudgetForm({ provider, done }: { provider: ProviderDetail; done: () => void }) {
  const { t } = useT();
  const id = useId();
  const s = useSubmit(done);
  const [f, setF] = useState({
    from: '',
    fromMonths: '0',
    toMonths: '36',
    grant: '',
    building: '0',
    admin: '0',
    parent: '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const supplements = provider.kind === 'privatinstitution';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(
      () =>
        api.post(`/api/staff/subsidies/providers/${provider.id}/budgets`, {
          fromMonths: Number(f.fromMonths),
          toMonths: Number(f.toMonths),
          grantOere: oereOr(f.grant),
          buildingOere: supplements ? oereOr(f.building) : 0,
          adminOere: supplements ? oereOr(f.admin) : 0,
          parentPaymentOere: oereOr(f.parent),
          from: f.from,
        }),
      t('rates.added'),
    );
  };
  return (
    <form className="form-grid" onSubmit={submit} aria-label={t('prov.addBudget')}>
      <Field id={id + 'f'} label={t('rates.from')}>
        <input id={id + 'f'} type="date" required value={f.from} onChange={set('from')} />
      </Field>
      <MonthsFields id={id} from={f.fromMonths} to={f.toMonths} set={set} />
      <KrField id={id + 'g'} label={t('prov.grant')} value={f.grant} onChange={set('grant')} />
      {supplements && (
        <KrField id={id + 'b'} label={t('prov.building')} value={f.building} onChange={set('building')} />
      )}
      {supplements && <KrField id={id + 'a'} label={t('prov.admin')} value={f.admin} onChange={set('admin')} />}
      <KrField id={id + 'p'} label={t('prov.parentPayment')} value={f.parent} onChange={set('parent')} />
      <div className="field field-button">
        <button type="submit" className="button">
          {t('prov.addBudget')}
        </button>
      </div>
      <Status text={s.ok} />
      <ErrorMessage error={s.err} />
    </form>
  );
}

function MonthsFields({
  id,
  from,
  to,
  set,
}: {
  id: string;
  from: string;
  to: string;
  set: (k: 'fromMonths' | 'toMonths') => (e: { target: { value: string } }) => void;
}) {
  const { t } = useT();
  return (
    <>
      <Field id={id + 'm1'} label={t('rates.fromMonths')}>
        <input id={id + 'm1'} type="number" min={0} max={215} required value={from} onChange={set('fromMonths')} />
      </Field>
      <Field id={id + 'm2'} label={t('rates.toMonths')} hint={t('rates.toMonthsHint')}>
        <input id={id + 'm2'} type="number" min={1} max={216} required value={to} onChange={set('toMonths')} />
      </Field>
    </>
  );
}
function KrField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
}) {
  const { t } = useT();
  return (
    <Field id={id} label={label} hint={t('rates.krHint')}>
      <input id={id} required inputMode="decimal" value={value} onChange={onChange} />
    </Field>
  );
}

function EnrolForm({ providerId, done }: { providerId: string; done: () => void }) {
  const { t } = useT();
  const id = useId();
  const s = useSubmit(done);
  const [f, setF] = useState({ cpr: '', start: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(
      () => api.post(`/api/staff/subsidies/providers/${providerId}/enrolments`, { cpr: f.cpr, start: f.start }),
      t('prov.enrolled'),
    );
  };
  return (
    <form className="form-grid" onSubmit={submit} aria-label={t('prov.enrol')}>
      <Field id={id + 'c'} label={t('prov.cpr')}>
        <input
          id={id + 'c'}
          required
          autoComplete="off"
          pattern="[0-9]{6}-?[0-9]{4}"
          value={f.cpr}
          onChange={(e) => setF({ ...f, cpr: e.target.value })}
        />
      </Field>
      <Field id={id + 's'} label={t('prov.start')}>
        <input
          id={id + 's'}
          type="date"
          required
          value={f.start}
          onChange={(e) => setF({ ...f, start: e.target.value })}
        />
      </Field>
      <div className="field field-button">
        <button type="submit" className="button">
          {t('prov.enrol')}
        </button>
      </div>
      <Status text={s.ok} />
      <ErrorMessage error={s.err} />
    </form>
  );
}

function EndEnrolment({ id, child, done }: { id: string; child: string; done: () => void }) {
  const { t } = useT();
  const fid = useId();
  const s = useSubmit(done);
  const [lastDay, setLastDay] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void s.run(() => api.post(`/api/staff/subsidies/enrolments/${id}/end`, { lastDay }), t('prov.ended'));
      }}
    >
      <label htmlFor={fid} className="visually-hidden">
        {t('prov.lastDayFor', { child })}
      </label>
      <input id={fid} type="date" required value={lastDay} onChange={(e) => setLastDay(e.target.value)} />
      <button type="submit" className="button-secondary" aria-label={t('prov.endFor', { child })}>
        {t('prov.endEnrolment')}
      </button>
      <Status text={s.ok} />
      <ErrorMessage error={s.err} />
    </form>
  );
}

export function SubsidyRatesPage() {
  const { t, lang } = useT();
  const id = useId();
  const { data, error, loading, reload } = useApi<Rates>('/api/staff/subsidies/rates');
  const s = useSubmit(reload);
  const ts = useSubmit(reload);
  const [f, setF] = useState({ scheme: 'privat_pasning', from: '', fromMonths: '0', toMonths: '36', amount: '' });
  const [tf, setTf] = useState({ scheme: 'egne_boern', from: '', share: '', cap: '' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const scheme = (x: 'privat_pasning' | 'egne_boern') => t(`sub.scheme.${x}`);
  const source = (own: boolean): ReactNode => (own ? t('rates.own') : t('rates.standard'));
  return (
    <Page title={t('nav.subsidyRates')} lead={t('rates.lead')}>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && (
        <>
          <DataTable caption={t('rates.ceilings')}>
            <thead>
              <tr>
                <th scope="col">{t('sub.schemeCol')}</th>
                <th scope="col">{t('prov.age')}</th>
                <th scope="col">{t('rates.period')}</th>
                <th scope="col" className="num">
                  {t('rates.monthly')}
                </th>
                <th scope="col">{t('rates.source')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rates.map((r) => (
                <tr key={r.id}>
                  <td>{scheme(r.scheme)}</td>
                  <td>{ageGroup(r.fromMonths, r.toMonths, t)}</td>
                  <td>
                    <Period start={r.start} end={r.end} />
                  </td>
                  <td className="num">{formatOere(r.monthlyOere, lang)}</td>
                  <td>{source(r.own)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <section className="panel" aria-labelledby={id + 'r'}>
            <h2 id={id + 'r'}>{t('rates.addRate')}</h2>
            <p>{t('rates.addRateLead')}</p>
            <form
              className="form-grid"
              onSubmit={(e) => {
                e.preventDefault();
                void s.run(
                  () =>
                    api.post('/api/staff/subsidies/rates', {
                      scheme: f.scheme,
                      fromMonths: Number(f.fromMonths),
                      toMonths: Number(f.toMonths),
                      monthlyOere: oereOr(f.amount),
                      from: f.from,
                    }),
                  t('rates.added'),
                );
              }}
            >
              <Field id={id + 's'} label={t('sub.schemeCol')}>
                <select id={id + 's'} value={f.scheme} onChange={set('scheme')}>
                  <option value="privat_pasning">{scheme('privat_pasning')}</option>
                  <option value="egne_boern">{scheme('egne_boern')}</option>
                </select>
              </Field>
              <Field id={id + 'f'} label={t('rates.from')}>
                <input id={id + 'f'} type="date" required value={f.from} onChange={set('from')} />
              </Field>
              <MonthsFields id={id} from={f.fromMonths} to={f.toMonths} set={set} />
              <KrField id={id + 'a'} label={t('rates.monthly')} value={f.amount} onChange={set('amount')} />
              <div className="field field-button">
                <button type="submit" className="button">
                  {t('rates.addRate')}
                </button>
              </div>
            </form>
            <Status text={s.ok} />
            <ErrorMessage error={s.err} />
          </section>
          <DataTable caption={t('rates.terms')}>
            <thead>
              <tr>
                <th scope="col">{t('sub.schemeCol')}</th>
                <th scope="col">{t('rates.period')}</th>
                <th scope="col" className="num">
                  {t('rates.share')}
                </th>
                <th scope="col" className="num">
                  {t('rates.cap')}
                </th>
                <th scope="col">{t('rates.source')}</th>
              </tr>
            </thead>
            <tbody>
              {data.terms.map((x) => (
                <tr key={x.id}>
                  <td>{scheme(x.scheme)}</td>
                  <td>
                    <Period start={x.start} end={x.end} />
                  </td>
                  <td className="num">{x.sharePercent.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB')} %</td>
                  <td className="num">{x.householdCapOere === null ? '—' : formatOere(x.householdCapOere, lang)}</td>
                  <td>{source(x.own)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <section className="panel" aria-labelledby={id + 't'}>
            <h2 id={id + 't'}>{t('rates.addTerms')}</h2>
            <form
              className="form-grid"
              onSubmit={(e) => {
                e.preventDefault();
                void ts.run(
                  () =>
                    api.post('/api/staff/subsidies/terms', {
                      scheme: tf.scheme,
                      sharePercent: Number(tf.share.replace(',', '.')),
                      householdCapOere: tf.cap.trim() ? oereOr(tf.cap) : null,
                      from: tf.from,
                    }),
                  t('rates.added'),
                );
              }}
            >
              <Field id={id + 'ts'} label={t('sub.schemeCol')}>
                <select id={id + 'ts'} value={tf.scheme} onChange={(e) => setTf({ ...tf, scheme: e.target.value })}>
                  <option value="privat_pasning">{scheme('privat_pasning')}</option>
                  <option value="egne_boern">{scheme('egne_boern')}</option>
                </select>
              </Field>
              <Field id={id + 'tf'} label={t('rates.from')}>
                <input
                  id={id + 'tf'}
                  type="date"
                  required
                  value={tf.from}
                  onChange={(e) => setTf({ ...tf, from: e.target.value })}
                />
              </Field>
              <Field id={id + 'tp'} label={t('rates.share')}>
                <input
                  id={id + 'tp'}
                  required
                  inputMode="decimal"
                  value={tf.share}
                  onChange={(e) => setTf({ ...tf, share: e.target.value })}
                />
              </Field>
              <Field id={id + 'tc'} label={t('rates.cap')} hint={t('rates.capHint')}>
                <input
                  id={id + 'tc'}
                  inputMode="decimal"
                  value={tf.cap}
                  onChange={(e) => setTf({ ...tf, cap: e.target.value })}
                />
              </Field>
              <div className="field field-button">
                <button type="submit" className="button">
                  {t('rates.addTerms')}
                </button>
              </div>
            </form>
            <Status text={ts.ok} />
            <ErrorMessage error={ts.err} />
          </section>
        </>
      )}
    </Page>
  );
}
