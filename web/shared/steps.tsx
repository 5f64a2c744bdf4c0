// Citizen form patterns after Det Fælles Designsystem (DKFDS): a step indicator ("trinindikator"), an error summary
// ("fejlopsummering") that links every field error to its field, a summary before submit ("opsummering") whose rows
// each have a "Ret" link back to their step, and fields that carry aria-invalid + aria-describedby to their message.
// The receipt ("kvittering") is Receipt in guard.tsx.
import { useEffect, useId, useRef, type MouseEvent, type ReactNode } from 'react';
import { ApiError } from './api.js';
import { useErrorText } from './components.js';
import { useT } from './i18n.js';

/** One problem to fix: the text, and the id of the field (and the step it is on) it concerns, if any. */
export interface FieldError {
  text: string;
  field?: string;
  step?: number;
}

/** Focuses the element with this id once it is on the page (after a step change it appears a render later). */
export function focusField(id: string, tries = 10): void {
  const el = document.getElementById(id);
  if (el) {
    el.focus();
    el.scrollIntoView?.({ block: 'center' });
  } else if (tries > 0) requestAnimationFrame(() => focusField(id, tries - 1));
}

/** The errors of one field (for its input's aria-invalid and its message). */
export function errorsFor(errors: FieldError[], field: string): FieldError[] {
  return errors.filter((e) => e.field === field);
}

/** aria-invalid and aria-describedby (hint, then message) for an input with this id. */
export function fieldAria(id: string, errors: FieldError[], hint = false) {
  const bad = errorsFor(errors, id).length > 0;
  const by = [hint ? id + '-hint' : '', bad ? id + '-error' : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': bad || undefined, 'aria-describedby': by || undefined } as const;
}

/** A labelled field with an optional hint and its error message under the label (DKFDS "form-error"). */
export function FormField({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  errors: FieldError[];
  children: ReactNode;
}) {
  const { t } = useT();
  const mine = errorsFor(errors, id);
  return (
    <div className={mine.length ? 'field form-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      {mine.length > 0 && (
        <p className="field-error" id={id + '-error'}>
          <span className="visually-hidden">{t('form.error')}: </span>
          {mine.map((e) => e.text).join(' ')}
        </p>
      )}
      {children}
    </div>
  );
}

/** The box at the top of a form listing every error as a link to its field. It takes focus (and so is read out)
 *  each time `attempt` changes with errors present, i.e. after every failed submit. `onGo` switches to the
 *  error's step before its field is focused. */
export function ErrorSummary({
  errors,
  attempt,
  onGo,
}: {
  errors: FieldError[];
  attempt: number;
  onGo?: (e: FieldError) => void;
}) {
  const { t } = useT();
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [attempt, shown]);
  if (!shown) return null;
  const go = (e: FieldError) => (ev: MouseEvent) => {
    ev.preventDefault();
    onGo?.(e);
    if (e.field) focusField(e.field);
  };
  return (
    <div ref={ref} className="error-summary" role="alert" aria-labelledby={id} tabIndex={-1}>
      <h2 id={id} className="error-summary-heading">
        {errors.length === 1 ? t('form.errorsOne') : t('form.errors', { n: errors.length })}
      </h2>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            {e.field ? (
              <a href={'#' + e.field} onClick={go(e)}>
                {e.text}
              </a>
            ) : (
              e.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Where the citizen is in a stepped form: an ordered list with aria-current="step" ("Trin 2 af 4: Ønsker"); on a
 *  phone it folds to the line "Trin 2 af 4". Finished steps are buttons back to them. */
export function StepIndicator({
  steps,
  current,
  onStep,
}: {
  steps: string[];
  current: number;
  onStep?: (i: number) => void;
}) {
  const { t } = useT();
  const n = steps.length;
  return (
    <nav className="steps" aria-label={t('form.steps')}>
      <p className="steps-compact">
        {t('form.stepOf', { i: current + 1, n })}
        <span className="visually-hidden">: {steps[current]}</span>
      </p>
      <ol className="steps-list">
        {steps.map((s, i) => {
          const label = (
            <>
              <span className="step-number" aria-hidden="true">
                {i < current ? '✓' : i + 1}
              </span>
              <span className="visually-hidden">{t('form.stepOf', { i: i + 1, n })}: </span>
              {s}
              {i < current && <span className="visually-hidden"> ({t('form.stepDone')})</span>}
            </>
          );
          return (
            <li
              key={s}
              className={i === current ? 'step step-current' : i < current ? 'step step-done' : 'step'}
              aria-current={i === current ? 'step' : undefined}
            >
              {i < current && onStep ? (
                <button type="button" className="step-link" onClick={() => onStep(i)}>
                  {label}
                </button>
              ) : (
                <span className="step-label">{label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** One row of a summary: its label, value and (optionally) the step and field "Ret" goes back to; `note` explains
 *  the value (e.g. why the system picked a date). */
export interface SummaryRow {
  label: string;
  value: ReactNode;
  note?: ReactNode;
  step?: number;
  field?: string;
}

/** DKFDS "opsummering": what will be sent, row by row, each with "Ret" back to its step. */
export function SummaryList({ rows, onEdit }: { rows: SummaryRow[]; onEdit?: (row: SummaryRow) => void }) {
  const { t } = useT();
  return (
    <dl className="summary-list">
      {rows.map((r) => (
        <div key={r.label} className="summary-row">
          <dt>{r.label}</dt>
          <dd>
            {r.value}
            {r.note && <p className="hint">{r.note}</p>}
          </dd>
          {onEdit && r.step !== undefined && (
            <dd className="summary-edit">
              <a
                href={r.field ? '#' + r.field : '#'}
                onClick={(ev) => {
                  ev.preventDefault();
                  onEdit(r);
                  if (r.field) focusField(r.field);
                }}
              >
                {t('form.edit')}
                <span className="visually-hidden"> {r.label.toLowerCase()}</span>
              </a>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

/** A refused submission as the error summary's items: a code the form knows lands at its field (and step), any
 *  other refusal is listed without a link. */
export function useServerErrors() {
  const text = useErrorText();
  return (e: unknown, where: (code: string) => { field: string; step?: number } | null): FieldError[] => {
    if (!e) return [];
    const at = e instanceof ApiError ? where(e.code) : null;
    return [{ text: text(e), ...at }];
  };
}

/** Where a server refusal belongs: its code, or for a 400 on the request's shape the field the server names (its
 *  path in the body, e.g. "carer/cvr"), mapped to the id of an input (and its step); null: no field owns it. */
export type ServerErrorPlace = (code: string, field: string | null) => { field: string; step?: number } | null;

/** A refused submission at its field (DKFDS "form-error"): `errors` for FormField/fieldAria, the first field focused
 *  (after switching to its step with `onStep`); `other` is a refusal no field owns, for the banner (ErrorMessage). */
export function useServerFieldErrors(error: unknown, where: ServerErrorPlace, onStep?: (step: number) => void) {
  const text = useErrorText();
  const named = error instanceof ApiError && typeof error.params.field === 'string' ? error.params.field : null;
  const at = error instanceof ApiError ? where(error.code, named) : null;
  const reason = error instanceof ApiError && named ? error.params.reason : null;
  const errors: FieldError[] = at ? [{ text: typeof reason === 'string' && reason ? reason : text(error), ...at }] : [];
  const first = errors[0];
  // Once per refusal: switch to the field's step, then focus it (it appears a render later).
  useEffect(() => {
    if (!first?.field) return;
    if (first.step !== undefined) onStep?.(first.step);
    focusField(first.field);
  }, [error]); // eslint-disable-line react-hooks/exhaustive-deps
  return { errors, other: at ? null : error };
}
