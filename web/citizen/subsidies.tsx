// Parents: apply for tilskud til privat pasning (child and period, the agreement, review) or, where the municipality
// offers it, til pasning af egne børn (child and period, the declarations, review), and follow the cases. The server
// checks every rule again and names it when it refuses.
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../shared/api.js';
import { ErrorMessage, Field, Loading, Page, useApi } from '../shared/components.js';
import { formatDate, formatOere, formatPeriod, kronerToOere } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useToday } from '../shared/today.js';
import { Receipt } from '../shared/guard.js';
import { StepIndicator, SummaryList } from '../shared/steps.js';
import { MyCases } from './subsidies-cases.js';
import { RequirePermission } from '../shared/layout.js';
import type { MySubsidies } from '../../src/modules/subsidies/contract.js';

interface Form {
  scheme: 'privat_pasning' | 'egne_boern';
  residence: boolean;
  language: boolean;
  noOtherIncome: boolean;
  childId: string;
  start: string;
  end: string;
  name: string;
  cvr: string;
  street: string;
  postalCode: string;
  city: string;
  expense: string;
  hours: string;
  childrenInCare: string;
}

export function SubsidiesPage() {
  const { t } = useT();
  return (
    <Page title={t('sub.title')} lead={t('sub.lead')}>
      <RequirePermission action="subsidies.own">
        <Subsidies />
      </RequirePermission>
    </Page>
  );
}

function Subsidies() {
  const { t, lang } = useT();
  const id = useId();
  const today = useToday();
  const mine = useApi<MySubsidies>('/api/citizen/subsidies');
  const [step, setStep] = useState(1);
  const [err, setErr] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<{ deadline: string; estimateOere: number } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstOfNext = (() => {
    const [y, m] = today.split('-').map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  })();
  const [form, setForm] = useState<Form>({
    scheme: 'privat_pasning',
    residence: false,
    language: false,
    noOtherIncome: false,
    childId: '',
    start: firstOfNext,
    end: '',
    name: '',
    cvr: '',
    street: '',
    postalCode: '',
    city: '',
    expense: '',
    hours: '40',
    childrenInCare: '1',
  });
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const go = (n: number) => {
    setStep(n);
    setErr(null);
    setTimeout(() => heading.current?.focus(), 0);
  };
  if (mine.loading && !mine.data) return <Loading />;
  if (!mine.data) return <ErrorMessage error={mine.error} onRetry={mine.reload} />;
  const children = mine.data.children;
  const child = children.find((c) => c.id === (form.childId || children[0]?.id));
  const childId = child?.id ?? '';
  const egneOffer = mine.data.egne;
  const egne = form.scheme === 'egne_boern' && !!egneOffer;
  const tick = (k: 'residence' | 'language' | 'noOtherIncome') => (e: { target: { checked: boolean } }) =>
    setForm({ ...form, [k]: e.target.checked });

  const summary: [string, string | undefined][] = egne
    ? [
        [t('sub.schemeCol'), t('sub.scheme.egne_boern')],
        [t('sub.child'), child?.name],
        [t('sub.period'), formatPeriod(form.start, form.end || null, t, lang)],
        ...(['residence', 'language', 'noOtherIncome'] as const).map(
          (k) => [t(`sub.decl.${k}`), t(form[k] ? 'sub.yes' : 'sub.no')] as [string, string],
        ),
      ]
    : [
        [t('sub.schemeCol'), t('sub.scheme.privat_pasning')],
        [t('sub.child'), child?.name],
        [
          t('sub.period'),
          formatPeriod(form.start, form.end || null, t, lang) + (form.end ? '' : ` (${t('sub.endHint')})`),
        ],
        [t('sub.carer'), `${form.name}${form.cvr ? ` (CVR ${form.cvr})` : ''}`],
        [t('sub.street'), `${form.street}, ${form.postalCode} ${form.city}`],
        [t('sub.expense'), formatOere(kronerToOere(form.expense) ?? 0, lang)],
        [t('sub.hours'), form.hours],
        [t('sub.childrenInCare'), form.childrenInCare],
      ];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErr(null);
    try {
      type Receipt = { id: string; deadline: string; estimateOere: number };
      const r = egne
        ? await api.post<Receipt>('/api/citizen/subsidies/egne-boern', {
            childId,
            start: form.start,
            end: form.end,
            declarations: { residence: form.residence, language: form.language, noOtherIncome: form.noOtherIncome },
          })
        : await api.post<Receipt>('/api/citizen/subsidies', {
            childId,
            start: form.start,
            end: form.end || null,
            carer: {
              name: form.name,
              cvr: form.cvr || null,
              street: form.street,
              postalCode: form.postalCode,
              city: form.city,
              carers: 1,
            },
            expenseOere: kronerToOere(form.expense),
            hoursPerWeek: Number(form.hours),
            childrenInCare: Number(form.childrenInCare),
          });
      setReceipt(r);
      go(4);
      mine.reload();
    } catch (x) {
      setErr(x);
    }
  }

  return (
    <>
      {children.length === 0 && <p>{t('sub.noChildren')}</p>}
      {children.length > 0 && step <= 3 && (
        <section className="panel" aria-labelledby={id + 'h'}>
          <h2 id={id + 'h'} ref={heading} tabIndex={-1}>
            {t(step === 1 ? 'sub.step1' : step === 2 ? (egne ? 'sub.step2egne' : 'sub.step2') : 'sub.step3')}
          </h2>
          <StepIndicator
            steps={[t('sub.step1'), t(egne ? 'sub.step2egne' : 'sub.step2'), t('sub.step3')]}
            current={step - 1}
            onStep={(i) => go(i + 1)}
          />
          {step === 1 && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                go(2);
              }}
            >
              {egneOffer && (
                <fieldset>
                  <legend>{t('sub.scheme')}</legend>
                  {(['privat_pasning', 'egne_boern'] as const).map((k) => (
                    <label key={k} className="radio">
                      <input
                        type="radio"
                        name={id + 'scheme'}
                        value={k}
                        checked={form.scheme === k}
                        onChange={() => setForm({ ...form, scheme: k })}
                      />{' '}
                      {t(`sub.scheme.${k}`)}
                    </label>
                  ))}
                </fieldset>
              )}
              {egne && egneOffer && (
                <p>
                  {t('sub.egneLead', {
                    minWeeks: egneOffer.minWeeks,
                    maxMonths: egneOffer.maxMonths,
                    maxChildren: egneOffer.maxChildren,
                    share: egneOffer.sharePercent,
                  })}
                </p>
              )}
              <Field id={id + 'c'} label={t('sub.child')}>
                <select id={id + 'c'} value={childId} onChange={set('childId')}>
                  {children.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </Field>
              {child?.eligibleFrom && (
                <p>
                  {t('sub.eligible', {
                    from: formatDate(child.eligibleFrom, lang),
                    until: formatDate(child.eligibleUntil, lang),
                  })}
                </p>
              )}
              <Field id={id + 's'} label={t('sub.start')}>
                <input id={id + 's'} type="date" required min={today} value={form.start} onChange={set('start')} />
              </Field>
              {egne ? (
                <Field id={id + 'e'} label={t('sub.egneEnd')}>
                  <input id={id + 'e'} type="date" required min={form.start} value={form.end} onChange={set('end')} />
                </Field>
              ) : (
                <Field id={id + 'e'} label={t('sub.end')} hint={t('sub.endHint')}>
                  <input
                    id={id + 'e'}
                    type="date"
                    aria-describedby={id + 'e-hint'}
                    min={form.start}
                    value={form.end}
                    onChange={set('end')}
                  />
                </Field>
              )}
              <button type="submit" className="button">
                {t('sub.next')}
              </button>
            </form>
          )}
          {step === 2 && egne && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                go(3);
              }}
            >
              <fieldset>
                <legend>{t('sub.declare')}</legend>
                {(['residence', 'language', 'noOtherIncome'] as const).map((k) => (
                  <label key={k} className="checkbox">
                    <input type="checkbox" checked={form[k]} onChange={tick(k)} /> {t(`sub.decl.${k}`)}
                  </label>
                ))}
              </fieldset>
              <button type="button" className="button-secondary" onClick={() => go(1)}>
                {t('sub.back')}
              </button>{' '}
              <button type="submit" className="button">
                {t('sub.next')}
              </button>
            </form>
          )}
          {step === 2 && !egne && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                go(3);
              }}
            >
              <Field id={id + 'n'} label={t('sub.carerName')}>
                <input id={id + 'n'} required maxLength={200} value={form.name} onChange={set('name')} />
              </Field>
              <Field id={id + 'v'} label={t('sub.cvr')}>
                <input id={id + 'v'} inputMode="numeric" pattern="[0-9]{8}" value={form.cvr} onChange={set('cvr')} />
              </Field>
              <Field id={id + 'a'} label={t('sub.street')}>
                <input
                  id={id + 'a'}
                  required
                  autoComplete="off"
                  maxLength={200}
                  value={form.street}
                  onChange={set('street')}
                />
              </Field>
              <Field id={id + 'p'} label={t('sub.postalCode')}>
                <input
                  id={id + 'p'}
                  required
                  inputMode="numeric"
                  pattern="[0-9]{4}"
                  value={form.postalCode}
                  onChange={set('postalCode')}
                />
              </Field>
              <Field id={id + 'b'} label={t('sub.city')}>
                <input id={id + 'b'} required maxLength={100} value={form.city} onChange={set('city')} />
              </Field>
              <Field id={id + 'x'} label={t('sub.expense')} hint={t('sub.expenseHint')}>
                <input
                  id={id + 'x'}
                  required
                  inputMode="decimal"
                  aria-describedby={id + 'x-hint'}
                  pattern="[0-9.]+(,[0-9]{1,2})?"
                  value={form.expense}
                  onChange={set('expense')}
                />
              </Field>
              <Field id={id + 't'} label={t('sub.hours')}>
                <input
                  id={id + 't'}
                  type="number"
                  required
                  min={1}
                  max={60}
                  value={form.hours}
                  onChange={set('hours')}
                />
              </Field>
              <Field id={id + 'k'} label={t('sub.childrenInCare')} hint={t('sub.childrenHint')}>
                <input
                  id={id + 'k'}
                  type="number"
                  required
                  min={1}
                  max={20}
                  aria-describedby={id + 'k-hint'}
                  value={form.childrenInCare}
                  onChange={set('childrenInCare')}
                />
              </Field>
              <button type="button" className="button-secondary" onClick={() => go(1)}>
                {t('sub.back')}
              </button>{' '}
              <button type="submit" className="button">
                {t('sub.next')}
              </button>
            </form>
          )}
          {step === 3 && (
            <form onSubmit={(e) => void submit(e)}>
              <h3>{t('sub.summary')}</h3>
              <SummaryList
                onEdit={(r) => go(r.step ?? 1)}
                rows={summary.map(([label, value], i) => ({ label, value, step: i < 3 ? 1 : 2 }))}
              />
              <ErrorMessage error={err} />
              <button type="button" className="button-secondary" onClick={() => go(2)}>
                {t('sub.back')}
              </button>{' '}
              <button type="submit" className="button">
                {t('sub.send')}
              </button>
            </form>
          )}
        </section>
      )}
      {step === 4 && receipt && (
        <section className="panel" aria-labelledby={id + 'r'}>
          <h2 id={id + 'r'}>{t('sub.receipt')}</h2>
          <Receipt
            title={t(egne ? 'sub.scheme.egne_boern' : 'sub.scheme.privat_pasning')}
            sent={[[t('form.sentAt'), formatDate(today, lang)], ...summary]}
            next={t('sub.receiptText', {
              deadline: formatDate(receipt.deadline, lang),
              amount: formatOere(receipt.estimateOere, lang),
            })}
            follow={
              <>
                {t('sub.receiptFollow')} <Link to="/post">{t('nav.post')}</Link>.
              </>
            }
          />
        </section>
      )}
      <MyCases cases={mine.data.cases} />
    </>
  );
}
