// The search for free places: which child, from which wished date, the nearest or the earliest first.
import type { FormEvent } from 'react';
import { Field } from '../shared/components.js';
import { plusDays } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { ErrorSummary, fieldAria, FormField, type FieldError } from '../shared/steps.js';
import type { CitizenChild } from '../shared/types.js';

/** The order of the free places: the nearest or the earliest first. */
export type Sort = 'distance' | 'date';

export function SearchForm({
  familyChildren,
  childId,
  moving,
  wished,
  sort,
  today,
  errors,
  attempt,
  onChild,
  onWished,
  onSort,
  onSearch,
}: {
  familyChildren: CitizenChild[] | null;
  childId: string;
  /** A booking being moved keeps its child. */
  moving: boolean;
  wished: string;
  sort: Sort;
  today: string;
  errors: FieldError[];
  attempt: number;
  onChild: (id: string) => void;
  onWished: (date: string) => void;
  onSort: (sort: Sort) => void;
  onSearch: (e: FormEvent) => void;
}) {
  const { t } = useT();
  return (
    <form className="form-grid" onSubmit={onSearch} noValidate>
      <div className="grid-span">
        <ErrorSummary errors={errors} attempt={attempt} />
      </div>
      <Field id="book-child" label={t('book.child')}>
        <select id="book-child" value={childId} disabled={moving} onChange={(e) => onChild(e.target.value)}>
          {familyChildren?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.firstName} {c.lastName}
            </option>
          ))}
        </select>
      </Field>
      <FormField id="book-wished" label={t('book.wished')} errors={errors}>
        <input
          id="book-wished"
          type="date"
          value={wished}
          min={plusDays(today, 1)}
          {...fieldAria('book-wished', errors)}
          onChange={(e) => onWished(e.target.value)}
          required
        />
      </FormField>
      <Field id="book-sort" label={t('book.sort')}>
        <select id="book-sort" value={sort} onChange={(e) => onSort(e.target.value as Sort)}>
          <option value="distance">{t('book.sort.distance')}</option>
          <option value="date">{t('book.sort.date')}</option>
        </select>
      </Field>
      <div>
        <button type="submit" className="button">
          {t('book.search')}
        </button>
      </div>
    </form>
  );
}
