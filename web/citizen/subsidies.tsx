// Parents: apply for tilskud til privat pasning (child and period, the agreement, review) or, where the municipality
// offers it, til pasning af egne børn (child and period, the declarations, review), and follow the cases. The server
// checks every rule again and names it when it refuses.
// The steps' forms are in subsidies-apply-steps.tsx, the family's cases in subsidies-cases.tsx.
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../shared/api.js';
import { ErrorMessage, Loading, Page, useApi } from '../shared/components.js';
import { formatDate, formatOere, formatPeriod, kronerToOere } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useToday } from '../shared/today.js';
import { Receipt } from '../shared/guard.js';
import { StepIndicator, SummaryList, useServerFieldErrors } from '../shared/steps.js';
import { MyCases } from './subsidies-cases.js';
import { CarerStep, ChildAndPeriodStep, DeclarationsStep, type Form } from './subsidies-apply-steps.js';
import { RequirePermission } from '../shared/layout.js';
import type { MySubsidies } from '../../src/modules/subsidies/contract.js';

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
  const go = (n: number) => {
    setStep(n);
    setErr(null);
    setTimeout(() => heading.current?.focus(), 0);
  };
  // A refusal at its field, on its step: the rule's code, or the field the server's check of the body names.
  const F = {
    start: { field: id + 's', step: 1 },
    end: { field: id + 'e', step: 1 },
    name: { field: id + 'n', step: 2 },
    cvr: { field: id + 'v', step: 2 },
    street: { field: id + 'a', step: 2 },
    postalCode: { field: id + 'p', step: 2 },
    city: { field: id + 'b', step: 2 },
    expenseOere: { field: id + 'x', step: 2 },
    hoursPerWeek: { field: id + 't', step: 2 },
    childrenInCare: { field: id + 'k', step: 2 },
  };
  const BY_CODE: Record<string, keyof typeof F> = {
    'subsidies.start-in-past': 'start',
    'subsidies.too-young': 'start',
    'subsidies.too-old': 'start',
    'subsidies.end-before-start': 'end',
    'subsidies.period-too-short': 'end',
    'subsidies.period-too-long': 'end',
    'subsidies.expense-too-low': 'expenseOere',
    'subsidies.carer-limit': 'childrenInCare',
  };
  const refused = useServerFieldErrors(
    err,
    (code, field) => {
      const k = BY_CODE[code] ?? (field?.replace(/^carer\//, '') as keyof typeof F | undefined);
      return k && k in F ? F[k] : null;
    },
    setStep,
  );
  const errors = refused.errors;
  if (mine.loading && !mine.data) return <Loading />;
  if (!mine.data) return <ErrorMessage error={mine.error} onRetry={mine.reload} />;
  const children = mine.data.children;
  const child = children.find((c) => c.id === (form.childId || children[0]?.id));
  const childId = child?.id ?? '';
  const egneOffer = mine.data.egne;
  const egne = form.scheme === 'egne_boern' && !!egneOffer;

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
            <ChildAndPeriodStep
              form={form}
              setForm={setForm}
              id={id}
              errors={errors}
              go={go}
              familyChildren={children}
              childId={childId}
              child={child}
              egneOffer={egneOffer}
              egne={egne}
              today={today}
            />
          )}
          {step === 2 && egne && <DeclarationsStep form={form} setForm={setForm} go={go} />}
          {step === 2 && !egne && <CarerStep form={form} setForm={setForm} id={id} errors={errors} go={go} />}
          {step === 3 && (
            <form onSubmit={(e) => void submit(e)}>
              <h3>{t('sub.summary')}</h3>
              <SummaryList
                onEdit={(r) => go(r.step ?? 1)}
                rows={summary.map(([label, value], i) => ({ label, value, step: i < 3 ? 1 : 2 }))}
              />
              <ErrorMessage error={refused.other} />
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
