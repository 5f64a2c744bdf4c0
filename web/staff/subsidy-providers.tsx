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
import {
  errorsFor,
  fieldAria,
  FormField,
  useServerFieldErrors,
  type FieldError,
  type ServerErrorPlace,
} from '../shared/steps.js';
import type { ProviderDetail, ProviderRow, Rates, Statement } from '../../src/modules/subsidies/contract.js';

const KINDS = ['privatinstitution', 'privat_dagpleje', 'privat_fritidshjem'] as const;

/** A form that posts, reports success in a status line and shows a refusal at its field (`errors`, for FormField and
 *  fieldAria) or, when no field owns it, next to the form (`err`). */
function useSubmit(done: () => void, where: ServerErrorPlace = () => null) {
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
  const refused = useServerFieldErrors(err, where);
  return { err: refused.other, errors: refused.errors, ok, run };
}
/** Where a refusal belongs: the body's field (a 400 names it) or the refusal's code, each to an input's id. */
const at =
  (fields: Record<string, string>, codes: Record<string, string> = {}): ServerErrorPlace =>
  (code, field) => {
    const f = codes[code] ?? (field ? fields[field] : undefined);
    return f ? { field: f } : null;
  };
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
  const s = useSubmit(
    reload,
    at(
      { kind: id + 'k', name: id + 'n', cvr: id + 'c', address: id + 'a', approvedFrom: id + 'f' },
      { 'subsidies.provider-exists': id + 'c', 'subsidies.end-before-start': id + 'f' },
    ),
  );
  const errors = s.errors;
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
            <FormField id={id + 'k'} label={t('prov.kind')} errors={errors}>
              <select id={id + 'k'} value={form.kind} {...fieldAria(id + 'k', errors)} onChange={set('kind')}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`prov.kind.${k}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id={id + 'n'} label={t('prov.name')} errors={errors}>
              <input id={id + 'n'} required value={form.name} {...fieldAria(id + 'n', errors)} onChange={set('name')} />
            </FormField>
            <FormField id={id + 'c'} label="CVR" hint={t('prov.cvrHint')} errors={errors}>
              <input
                id={id + 'c'}
                required
                pattern="[0-9]{8}"
                inputMode="numeric"
                value={form.cvr}
                {...fieldAria(id + 'c', errors, true)}
                onChange={set('cvr')}
              />
            </FormField>
            <FormField id={id + 'a'} label={t('prov.address')} errors={errors}>
              <input
                id={id + 'a'}
                required
                value={form.address}
                {...fieldAria(id + 'a', errors)}
                onChange={set('address')}
              />
            </FormField>
            <FormField id={id + 'f'} label={t('prov.approvedFrom')} errors={errors}>
              <input
                id={id + 'f'}
                type="date"
                required
                value={form.from}
                {...fieldAria(id + 'f', errors)}
                onChange={set('from')}
              />
            </FormField>
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
  const supplements = provider.kind === 'privatinstitution';
  const s = useSubmit(
    done,
    at(
      {
        from: id + 'f',
        fromMonths: id + 'm1',
        toMonths: id + 'm2',
        grantOere: id + 'g',
        buildingOere: id + 'b',
        adminOere: id + 'a',
        parentPaymentOere: id + 'p',
      },
      {
        'subsidies.end-before-start': id + 'm2',
        'subsidies.period-overlap': id + 'f',
        ...(supplements && { 'subsidies.supplement-not-allowed': id + 'b' }),
      },
    ),
  );
  const errors = s.errors;
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
      <DateField id={id + 'f'} label={t('rates.from')} value={f.from} onChange={set('from')} errors={errors} />
      <MonthsFields id={id} from={f.fromMonths} to={f.toMonths} set={set} errors={errors} />
      <KrField id={id + 'g'} label={t('prov.grant')} value={f.grant} onChange={set('grant')} errors={errors} />
      {supplements && (
        <KrField
          id={id + 'b'}
          label={t('prov.building')}
          value={f.building}
          onChange={set('building')}
          errors={errors}
        />
      )}
      {supplements && (
        <KrField id={id + 'a'} label={t('prov.admin')} value={f.admin} onChange={set('admin')} errors={errors} />
      )}
      <KrField
        id={id + 'p'}
        label={t('prov.parentPayment')}
        value={f.parent}
        onChange={set('parent')}
        errors={errors}
      />
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
  errors,
}: {
  id: string;
  from: string;
  to: string;
  set: (k: 'fromMonths' | 'toMonths') => (e: { target: { value: string } }) => void;
  errors: FieldError[];
}) {
  const { t } = useT();
  return (
    <>
      <FormField id={id + 'm1'} label={t('rates.fromMonths')} errors={errors}>
        <input
          id={id + 'm1'}
          type="number"
          min={0}
          max={215}
          required
          value={from}
          {...fieldAria(id + 'm1', errors)}
          onChange={set('fromMonths')}
        />
      </FormField>
      <FormField id={id + 'm2'} label={t('rates.toMonths')} hint={t('rates.toMonthsHint')} errors={errors}>
        <input
          id={id + 'm2'}
          type="number"
          min={1}
          max={216}
          required
          value={to}
          {...fieldAria(id + 'm2', errors, true)}
          onChange={set('toMonths')}
        />
      </FormField>
    </>
  );
}
type FieldProps = {
  id: string;
  label: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  errors: FieldError[];
};
function KrField({ id, label, value, onChange, errors }: FieldProps) {
  const { t } = useT();
  return (
    <FormField id={id} label={label} hint={t('rates.krHint')} errors={errors}>
      <input id={id} required inputMode="decimal" value={value} {...fieldAria(id, errors, true)} onChange={onChange} />
    </FormField>
  );
}
function DateField({ id, label, value, onChange, errors }: FieldProps) {
  return (
    <FormField id={id} label={label} errors={errors}>
      <input id={id} type="date" required value={value} {...fieldAria(id, errors)} onChange={onChange} />
    </FormField>
  );
}

function EnrolForm({ providerId, done }: { providerId: string; done: () => void }) {
  const { t } = useT();
  const id = useId();
  const child = id + 's';
  const s = useSubmit(
    done,
    at(
      { cpr: id + 'c', start: child },
      {
        'subsidies.no-child': id + 'c',
        'subsidies.end-before-start': child,
        'subsidies.outside-approval': child,
        'subsidies.not-child-of-household': child,
        'subsidies.dagtilbud-overlap': child,
        'subsidies.case-overlap': child,
        'subsidies.overlap': child,
      },
    ),
  );
  const errors = s.errors;
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
      <FormField id={id + 'c'} label={t('prov.cpr')} errors={errors}>
        <input
          id={id + 'c'}
          required
          autoComplete="off"
          pattern="[0-9]{6}-?[0-9]{4}"
          value={f.cpr}
          {...fieldAria(id + 'c', errors)}
          onChange={(e) => setF({ ...f, cpr: e.target.value })}
        />
      </FormField>
      <DateField
        id={child}
        label={t('prov.start')}
        value={f.start}
        onChange={(e) => setF({ ...f, start: e.target.value })}
        errors={errors}
      />
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
  const s = useSubmit(done, at({ lastDay: fid }, { 'subsidies.stop-outside-period': fid }));
  const mine = errorsFor(s.errors, fid);
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
      <input
        id={fid}
        type="date"
        required
        value={lastDay}
        {...fieldAria(fid, s.errors)}
        onChange={(e) => setLastDay(e.target.value)}
      />
      <button type="submit" className="button-secondary" aria-label={t('prov.endFor', { child })}>
        {t('prov.endEnrolment')}
      </button>
      {mine.length > 0 && (
        <p className="field-error" id={fid + '-error'}>
          <span className="visually-hidden">{t('form.error')}: </span>
          {mine.map((e) => e.text).join(' ')}
        </p>
      )}
      <Status text={s.ok} />
      <ErrorMessage error={s.err} />
    </form>
  );
}

export function SubsidyRatesPage() {
  const { t, lang } = useT();
  const id = useId();
  const { data, error, loading, reload } = useApi<Rates>('/api/staff/subsidies/rates');
  const s = useSubmit(
    reload,
    at(
      { scheme: id + 's', from: id + 'f', fromMonths: id + 'm1', toMonths: id + 'm2', monthlyOere: id + 'a' },
      {
        'subsidies.end-before-start': id + 'm2',
        'subsidies.period-overlap': id + 'f',
        'subsidies.start-in-past': id + 'f',
      },
    ),
  );
  const ts = useSubmit(
    reload,
    at(
      { scheme: id + 'ts', from: id + 'tf', sharePercent: id + 'tp', householdCapOere: id + 'tc' },
      { 'subsidies.period-overlap': id + 'tf', 'subsidies.start-in-past': id + 'tf', 'subsidies.no-terms': id + 'tf' },
    ),
  );
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
              <FormField id={id + 's'} label={t('sub.schemeCol')} errors={s.errors}>
                <select id={id + 's'} value={f.scheme} {...fieldAria(id + 's', s.errors)} onChange={set('scheme')}>
                  <option value="privat_pasning">{scheme('privat_pasning')}</option>
                  <option value="egne_boern">{scheme('egne_boern')}</option>
                </select>
              </FormField>
              <DateField
                id={id + 'f'}
                label={t('rates.from')}
                value={f.from}
                onChange={set('from')}
                errors={s.errors}
              />
              <MonthsFields id={id} from={f.fromMonths} to={f.toMonths} set={set} errors={s.errors} />
              <KrField
                id={id + 'a'}
                label={t('rates.monthly')}
                value={f.amount}
                onChange={set('amount')}
                errors={s.errors}
              />
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
              <FormField id={id + 'ts'} label={t('sub.schemeCol')} errors={ts.errors}>
                <select
                  id={id + 'ts'}
                  value={tf.scheme}
                  {...fieldAria(id + 'ts', ts.errors)}
                  onChange={(e) => setTf({ ...tf, scheme: e.target.value })}
                >
                  <option value="privat_pasning">{scheme('privat_pasning')}</option>
                  <option value="egne_boern">{scheme('egne_boern')}</option>
                </select>
              </FormField>
              <DateField
                id={id + 'tf'}
                label={t('rates.from')}
                value={tf.from}
                onChange={(e) => setTf({ ...tf, from: e.target.value })}
                errors={ts.errors}
              />
              <FormField id={id + 'tp'} label={t('rates.share')} errors={ts.errors}>
                <input
                  id={id + 'tp'}
                  required
                  inputMode="decimal"
                  value={tf.share}
                  {...fieldAria(id + 'tp', ts.errors)}
                  onChange={(e) => setTf({ ...tf, share: e.target.value })}
                />
              </FormField>
              <FormField id={id + 'tc'} label={t('rates.cap')} hint={t('rates.capHint')} errors={ts.errors}>
                <input
                  id={id + 'tc'}
                  inputMode="decimal"
                  value={tf.cap}
                  {...fieldAria(id + 'tc', ts.errors, true)}
                  onChange={(e) => setTf({ ...tf, cap: e.target.value })}
                />
              </FormField>
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
