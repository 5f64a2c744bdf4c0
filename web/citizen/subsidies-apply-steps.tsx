// The subsidy application's first two steps: the scheme, the child and the period; then for privat pasning the carer
// and the agreement, for pasning af egne børn the declarations. The page keeps the form, the summary and the sending.
import { Field } from '../shared/components.js';
import { formatDate } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { fieldAria, FormField, type FieldError } from '../shared/steps.js';
import type { MySubsidies } from '../../src/modules/subsidies/contract.js';

export interface Form {
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

/** What the steps share: the form and its setter, the page's id prefix (their fields' ids), the refused fields and
 *  `go` to another step. */
interface StepProps {
  form: Form;
  setForm: (form: Form) => void;
  id: string;
  errors: FieldError[];
  go: (step: number) => void;
}

/** A text field's change handler: the form with the field's new value. */
const setter = (form: Form, setForm: (form: Form) => void) => (k: keyof Form) => (e: { target: { value: string } }) =>
  setForm({ ...form, [k]: e.target.value });

/** Step 1: the scheme (where egne børn is offered), the child and the period. */
export function ChildAndPeriodStep({
  form,
  setForm,
  id,
  errors,
  go,
  familyChildren: children,
  childId,
  child,
  egneOffer,
  egne,
  today,
}: StepProps & {
  familyChildren: MySubsidies['children'];
  childId: string;
  child: MySubsidies['children'][number] | undefined;
  egneOffer: MySubsidies['egne'];
  egne: boolean;
  today: string;
}) {
  const { t, lang } = useT();
  const set = setter(form, setForm);
  return (
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
      <FormField id={id + 's'} label={t('sub.start')} errors={errors}>
        <input
          id={id + 's'}
          {...fieldAria(id + 's', errors)}
          type="date"
          required
          min={today}
          value={form.start}
          onChange={set('start')}
        />
      </FormField>
      {egne ? (
        <FormField id={id + 'e'} label={t('sub.egneEnd')} errors={errors}>
          <input
            id={id + 'e'}
            {...fieldAria(id + 'e', errors)}
            type="date"
            required
            min={form.start}
            value={form.end}
            onChange={set('end')}
          />
        </FormField>
      ) : (
        <FormField id={id + 'e'} label={t('sub.end')} hint={t('sub.endHint')} errors={errors}>
          <input
            id={id + 'e'}
            {...fieldAria(id + 'e', errors, true)}
            type="date"
            min={form.start}
            value={form.end}
            onChange={set('end')}
          />
        </FormField>
      )}
      <button type="submit" className="button">
        {t('sub.next')}
      </button>
    </form>
  );
}

/** Step 2 for pasning af egne børn: the declarations. */
export function DeclarationsStep({ form, setForm, go }: Omit<StepProps, 'id' | 'errors'>) {
  const { t } = useT();
  const tick = (k: 'residence' | 'language' | 'noOtherIncome') => (e: { target: { checked: boolean } }) =>
    setForm({ ...form, [k]: e.target.checked });
  return (
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
  );
}

/** Step 2 for privat pasning: the carer, the agreed expense, the hours and the children in care. */
export function CarerStep({ form, setForm, id, errors, go }: StepProps) {
  const { t } = useT();
  const set = setter(form, setForm);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        go(3);
      }}
    >
      <FormField id={id + 'n'} label={t('sub.carerName')} errors={errors}>
        <input
          id={id + 'n'}
          {...fieldAria(id + 'n', errors)}
          required
          maxLength={200}
          value={form.name}
          onChange={set('name')}
        />
      </FormField>
      <FormField id={id + 'v'} label={t('sub.cvr')} errors={errors}>
        <input
          id={id + 'v'}
          {...fieldAria(id + 'v', errors)}
          inputMode="numeric"
          pattern="[0-9]{8}"
          value={form.cvr}
          onChange={set('cvr')}
        />
      </FormField>
      <FormField id={id + 'a'} label={t('sub.street')} errors={errors}>
        <input
          id={id + 'a'}
          {...fieldAria(id + 'a', errors)}
          required
          autoComplete="off"
          maxLength={200}
          value={form.street}
          onChange={set('street')}
        />
      </FormField>
      <FormField id={id + 'p'} label={t('sub.postalCode')} errors={errors}>
        <input
          id={id + 'p'}
          {...fieldAria(id + 'p', errors)}
          required
          inputMode="numeric"
          pattern="[0-9]{4}"
          value={form.postalCode}
          onChange={set('postalCode')}
        />
      </FormField>
      <FormField id={id + 'b'} label={t('sub.city')} errors={errors}>
        <input
          id={id + 'b'}
          {...fieldAria(id + 'b', errors)}
          required
          maxLength={100}
          value={form.city}
          onChange={set('city')}
        />
      </FormField>
      <FormField id={id + 'x'} label={t('sub.expense')} hint={t('sub.expenseHint')} errors={errors}>
        <input
          id={id + 'x'}
          {...fieldAria(id + 'x', errors, true)}
          required
          inputMode="decimal"
          pattern="[0-9.]+(,[0-9]{1,2})?"
          value={form.expense}
          onChange={set('expense')}
        />
      </FormField>
      <FormField id={id + 't'} label={t('sub.hours')} errors={errors}>
        <input
          id={id + 't'}
          {...fieldAria(id + 't', errors)}
          type="number"
          required
          min={1}
          max={60}
          value={form.hours}
          onChange={set('hours')}
        />
      </FormField>
      <FormField id={id + 'k'} label={t('sub.childrenInCare')} hint={t('sub.childrenHint')} errors={errors}>
        <input
          id={id + 'k'}
          {...fieldAria(id + 'k', errors, true)}
          type="number"
          required
          min={1}
          max={20}
          value={form.childrenInCare}
          onChange={set('childrenInCare')}
        />
      </FormField>
      <button type="button" className="button-secondary" onClick={() => go(1)}>
        {t('sub.back')}
      </button>{' '}
      <button type="submit" className="button">
        {t('sub.next')}
      </button>
    </form>
  );
}
