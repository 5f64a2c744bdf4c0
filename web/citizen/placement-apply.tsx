// "Søg plads" as a stepped form after DKFDS: child and date needed → wishes → hours → summary → receipt. The policy
// and the child's age decide the kinds of place, the number of wishes and the dates (server-side rules); every date
// the system picks is explained on the step and in the summary.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, query } from '../shared/api.js';
import { useApi } from '../shared/components.js';
import { Progress, Receipt, useAction } from '../shared/guard.js';
import { useToday } from '../shared/today.js';
import { formatAge, formatDate } from '../shared/format.js';
import { useT, type Key } from '../shared/i18n.js';
import {
  ErrorSummary,
  fieldAria,
  FormField,
  StepIndicator,
  SummaryList,
  useServerErrors,
  type FieldError,
} from '../shared/steps.js';
import type { Applied, ApplicationRules, OverviewChild as Child } from '../../src/modules/placement/contract.js';
import type { CitizenUnits } from '../../src/modules/registry/contract.js';
import { KINDS, TYPES_FOR, type Kind } from './placement-kinds.js';

const F = { child: 'apply-child', date: 'apply-date', kind: 'apply-kind', hours: 'apply-hours' } as const;
const wishField = (i: number) => `apply-wish-${i + 1}`;

/** Where a refusal of the application belongs: its field and step. */
function fieldOf(code: string): { field: string; step: number } | null {
  const c = code.replace(/^placement\./, '');
  if (['needed-before-birth', 'needed-in-past', 'too-early', 'needed-after-school'].includes(c))
    return { field: F.date, step: 0 };
  if (['already-waiting', 'not-your-child', 'child-not-found'].includes(c)) return { field: F.child, step: 0 };
  if (c === 'kind-not-for-age') return { field: F.kind, step: 1 };
  if (c.includes('wish')) return { field: wishField(0), step: 1 };
  return null;
}

export function ApplyForm({ kids, onDone }: { kids: Child[]; onDone: () => void }) {
  const { t, lang } = useT();
  const id = useId();
  const today = useToday();
  const [step, setStep] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [form, setForm] = useState({
    childId: kids[0]!.id,
    placeKind: '' as Kind | '',
    neededFrom: '',
    hours: 40,
    wishes: [] as string[],
  });
  const rules = useApi<ApplicationRules>(
    '/api/citizen/application-rules' +
      query({ childId: form.childId, neededFrom: form.neededFrom || null, placeKind: form.placeKind || null }),
  );
  const r = rules.data?.childId === form.childId ? rules.data : null;
  useEffect(() => {
    if (!r) return;
    const fits = r.kinds.some((k) => k.kind === form.placeKind && k.fits);
    if (!fits && r.suggestedKind) setForm((f) => ({ ...f, placeKind: r.suggestedKind!, wishes: [] }));
  }, [r]); // eslint-disable-line react-hooks/exhaustive-deps
  const { data: units } = useApi<CitizenUnits>('/api/citizen/units');
  const options = (units?.units ?? [])
    .filter((u) => form.placeKind && TYPES_FOR[form.placeKind].includes(u.type))
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const slots = r?.maxWishes ?? 1;
  const wishes = Array.from({ length: slots }, (_, i) => form.wishes[i] ?? '');
  const chosen = wishes.filter(Boolean);
  const child = kids.find((k) => k.id === form.childId)!;
  const firstName = child.name.split(' ')[0] ?? child.name;
  const daycare = ['dagpleje', 'vuggestue', 'boernehave', 'integreret'].includes(form.placeKind);
  const ruleText = r
    ? r.earliestRule.weeks !== undefined
      ? t('pl.weeks', { n: r.earliestRule.weeks })
      : t('pl.months', { n: r.earliestRule.months ?? 0 })
    : '';
  const earliestLater = !!r && r.earliestStart > today && (daycare || !form.placeKind);
  const minDate = earliestLater ? r.earliestStart : today;
  const earliestText = earliestLater
    ? t('pl.earliestAge', { date: formatDate(r.earliestStart, lang), rule: ruleText })
    : '';
  const unitName = (uid: string) => units?.units.find((u) => u.id === uid)?.name ?? uid;
  const kindText = form.placeKind ? t(`pk.${form.placeKind}` as Key) : '';
  const hoursText = form.hours === 30 ? t('pl.partTime') : t('pl.fullTime');
  const guaranteeNote =
    r?.guaranteeDate && r.guaranteeReason
      ? t('pl.guaranteeWhy', {
          date: formatDate(r.guaranteeDate, lang),
          reason: t(`pl.guarantee.${r.guaranteeReason}`),
        })
      : null;
  const seniorityNote = r
    ? r.seniorityDate > today
      ? t('pl.seniorityFuture', { date: formatDate(r.seniorityDate, lang) })
      : t('pl.seniorityDone', { date: formatDate(r.seniorityDate, lang) })
    : null;
  const serverErrors = useServerErrors();

  const send = useAction(async () => {
    const sent = { ...form, wishes: chosen, rules: r, at: today };
    const res = await api.post<Applied>('/api/citizen/applications', {
      childId: form.childId,
      placeKind: form.placeKind,
      neededFrom: form.neededFrom,
      hoursPerWeek: form.hours,
      wishes: chosen,
    });
    onDone();
    return { ...sent, guaranteeDate: res.guaranteeDate };
  });

  /** What is wrong on a step, checked before going on (the server checks everything again). */
  function problems(s: number): FieldError[] {
    const out: FieldError[] = [];
    if (s === 0) {
      if (!form.neededFrom) out.push({ field: F.date, step: 0, text: t('apply.err.date') });
      else if (form.neededFrom < minDate)
        out.push({
          field: F.date,
          step: 0,
          text: earliestLater ? earliestText : t('err.placement.needed-in-past'),
        });
    }
    if (s === 1) {
      if (!form.placeKind) out.push({ field: F.kind, step: 1, text: t('apply.err.kind') });
      if (chosen.length === 0) out.push({ field: wishField(0), step: 1, text: t('err.placement.no-wishes') });
      const dup = wishes.findIndex((w, i) => w && wishes.indexOf(w) !== i);
      if (dup >= 0) out.push({ field: wishField(dup), step: 1, text: t('err.placement.duplicate-wish') });
    }
    return out;
  }

  async function next(e: FormEvent) {
    e.preventDefault();
    if (step < 3) {
      const p = problems(step);
      setErrors(p);
      setAttempt((n) => n + 1);
      if (p.length === 0) setStep(step + 1);
      return;
    }
    const all = [...problems(0), ...problems(1)];
    if (all.length > 0) {
      setErrors(all);
      setAttempt((n) => n + 1);
      return;
    }
    if (await send.run()) {
      setErrors([]);
      setStep(4);
    }
  }
  // A refusal from the server lands in the summary at its field.
  useEffect(() => {
    if (send.error) {
      setErrors(serverErrors(send.error, fieldOf));
      setAttempt((n) => n + 1);
    }
  }, [send.error]); // eslint-disable-line react-hooks/exhaustive-deps

  const go = (s: number) => {
    setErrors([]);
    setStep(s);
  };
  const steps = [t('apply.step.child'), t('apply.step.wishes'), t('apply.step.hours'), t('form.summary')];
  const sent = send.result;

  if (step === 4 && sent)
    return (
      <section className="panel" aria-labelledby={id}>
        <h2 id={id}>{t('pl.apply')}</h2>
        <Receipt
          title={t('pl.receiptTitle', { child: kids.find((k) => k.id === sent.childId)?.name ?? '' })}
          sent={[
            [t('form.sentAt'), formatDate(sent.at, lang)],
            [t('pl.kind'), sent.placeKind ? t(`pk.${sent.placeKind}` as Key) : ''],
            [t('pl.neededFrom'), formatDate(sent.neededFrom, lang)],
            [t('pl.hours'), sent.hours === 30 ? t('pl.partTime') : t('pl.fullTime')],
            [t('pl.receiptWishes'), sent.wishes.map((w, i) => `${i + 1}. ${unitName(w)}`).join(', ')],
          ]}
          next={
            <>
              {t('pl.receiptNext', {
                child: kids.find((k) => k.id === sent.childId)?.name.split(' ')[0] ?? '',
                days: sent.rules?.offerDeadlineDays ?? 14,
              })}{' '}
              {sent.guaranteeDate && t('pl.receiptGuarantee', { date: formatDate(sent.guaranteeDate, lang) })}
            </>
          }
          follow={
            <>
              {t('pl.receiptFollow')} <Link to="/post">{t('nav.post')}</Link>.
            </>
          }
        />
        <p>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              send.reset();
              setForm({ ...form, neededFrom: '', wishes: [] });
              go(0);
            }}
          >
            {t('apply.again')}
          </button>
        </p>
      </section>
    );

  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{t('pl.apply')}</h2>
      <StepIndicator steps={steps} current={step} onStep={go} />
      <ErrorSummary errors={errors} attempt={attempt} onGo={(e) => e.step !== undefined && setStep(e.step)} />
      <form onSubmit={(e) => void next(e)} noValidate>
        <h3>{steps[step]}</h3>
        {step === 0 && (
          <>
            <FormField id={F.child} label={t('pl.child')} errors={errors}>
              <select
                id={F.child}
                value={form.childId}
                {...fieldAria(F.child, errors)}
                onChange={(e) =>
                  setForm({ ...form, childId: e.target.value, placeKind: '', neededFrom: '', wishes: [] })
                }
              >
                {kids.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id={F.date} label={t('pl.neededFrom')} hint={earliestText || undefined} errors={errors}>
              <input
                id={F.date}
                type="date"
                required
                min={minDate}
                {...fieldAria(F.date, errors, !!earliestText)}
                value={form.neededFrom}
                onChange={(e) => setForm({ ...form, neededFrom: e.target.value })}
              />
            </FormField>
          </>
        )}
        {step === 1 && (
          <>
            <FormField
              id={F.kind}
              label={t('pl.kind')}
              hint={r ? t('pl.kindSuggested', { child: firstName }) : undefined}
              errors={errors}
            >
              <select
                id={F.kind}
                value={form.placeKind}
                {...fieldAria(F.kind, errors, !!r)}
                onChange={(e) => setForm({ ...form, placeKind: e.target.value as Kind, wishes: [] })}
              >
                {(r ? r.kinds.filter((k) => k.fits).map((k) => k.kind) : KINDS).map((k) => (
                  <option key={k} value={k}>
                    {t(`pk.${k}` as Key)}
                  </option>
                ))}
              </select>
            </FormField>
            {r && (
              <p className="hint" id={id + 'wh'}>
                {t('pl.maxWishes', { n: r.maxWishes, age: formatAge(Math.max(0, r.ageMonths), t) })}
              </p>
            )}
            {wishes.map((w, i) => {
              const aria = fieldAria(wishField(i), errors);
              return (
                <FormField key={i} id={wishField(i)} label={t('pl.wishN', { n: i + 1 })} errors={errors}>
                  <select
                    id={wishField(i)}
                    value={w}
                    required={i === 0}
                    aria-invalid={aria['aria-invalid']}
                    aria-describedby={
                      [r ? id + 'wh' : '', aria['aria-describedby'] ?? ''].join(' ').trim() || undefined
                    }
                    onChange={(e) => setForm({ ...form, wishes: wishes.map((x, j) => (j === i ? e.target.value : x)) })}
                  >
                    <option value="">{t('pl.noWish')}</option>
                    {options.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                </FormField>
              );
            })}
          </>
        )}
        {step === 2 && (
          <>
            <FormField id={F.hours} label={t('pl.hours')} hint={t('apply.hoursHint')} errors={errors}>
              <select
                id={F.hours}
                value={form.hours}
                {...fieldAria(F.hours, errors, true)}
                onChange={(e) => setForm({ ...form, hours: Number(e.target.value) })}
              >
                <option value={40}>{t('pl.fullTime')}</option>
                <option value={30}>{t('pl.partTime')}</option>
              </select>
            </FormField>
            <h4>{t('apply.dates')}</h4>
            <ul className="hint">
              {guaranteeNote && <li>{guaranteeNote}</li>}
              {seniorityNote && (
                <li>
                  {t('pl.seniorityLabel')}: {seniorityNote}
                </li>
              )}
            </ul>
          </>
        )}
        {step === 3 && (
          <>
            <p>{t('form.summaryLead')}</p>
            <SummaryList
              onEdit={(row) => go(row.step ?? 0)}
              rows={[
                { label: t('pl.child'), value: child.name, step: 0, field: F.child },
                {
                  label: t('pl.neededFrom'),
                  value: formatDate(form.neededFrom, lang),
                  note: earliestText || undefined,
                  step: 0,
                  field: F.date,
                },
                {
                  label: t('pl.kind'),
                  value: kindText,
                  note: t('pl.kindSuggested', { child: firstName }),
                  step: 1,
                  field: F.kind,
                },
                {
                  label: t('pl.receiptWishes'),
                  value: (
                    <ol className="summary-wishes">
                      {chosen.map((w) => (
                        <li key={w}>{unitName(w)}</li>
                      ))}
                    </ol>
                  ),
                  step: 1,
                  field: wishField(0),
                },
                { label: t('pl.hours'), value: hoursText, step: 2, field: F.hours },
                {
                  label: t('pl.guaranteeDate'),
                  value: r?.guaranteeDate ? formatDate(r.guaranteeDate, lang) : t('none'),
                  note: guaranteeNote,
                },
                { label: t('pl.seniorityLabel'), value: seniorityNote },
              ]}
            />
          </>
        )}
        <div className="form-steps-buttons">
          <button type="submit" className="button" aria-disabled={send.running || undefined}>
            {step === 3 ? t('pl.send') : t('form.next')}
          </button>
          {step > 0 && (
            <button type="button" className="button-secondary" onClick={() => go(step - 1)}>
              {t('form.back')}
            </button>
          )}
        </div>
      </form>
      {send.running && <Progress text={t('saving')} progress={null} />}
    </section>
  );
}
