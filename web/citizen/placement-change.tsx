// Changing an application: the date needed and the hours, and the wishes (re-rank, remove, add); each ends on a receipt.
import { useId, useState } from 'react';
import { api } from '../shared/api.js';
import { Field, useApi } from '../shared/components.js';
import { formatDate } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import type { ApplicationChanged, CitizenApplication as Application } from '../../src/modules/placement/contract.js';
import type { CitizenUnits } from '../../src/modules/registry/contract.js';
import { done, TYPES_FOR, type Act } from './placement-kinds.js';

export function ChangeForm({ app, act, childName }: { app: Application; act: Act; childName: string }) {
  const { t, lang } = useT();
  const id = useId();
  const [neededFrom, setNeededFrom] = useState(app.neededFrom);
  const [hours, setHours] = useState(app.hoursPerWeek);
  return (
    <form
      className="filter-row"
      onSubmit={(e) => {
        e.preventDefault();
        void act(
          () =>
            api.patch<ApplicationChanged>(`/api/citizen/applications/${app.id}`, { neededFrom, hoursPerWeek: hours }),
          (r: ApplicationChanged) =>
            done(
              t('rc.change', { child: childName }),
              [
                [t('pl.neededFrom'), formatDate(neededFrom, lang)],
                [t('pl.hours'), hours === 30 ? t('pl.partTime') : t('pl.fullTime')],
              ],
              <>
                {t('saved')} {r.guaranteeDate && t('pl.receiptGuarantee', { date: formatDate(r.guaranteeDate, lang) })}
              </>,
            ),
        );
      }}
    >
      <Field id={id + 'd'} label={t('pl.neededFrom')}>
        <input id={id + 'd'} type="date" required value={neededFrom} onChange={(e) => setNeededFrom(e.target.value)} />
      </Field>
      <Field id={id + 'h'} label={t('pl.hours')}>
        <select id={id + 'h'} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          <option value={40}>{t('pl.fullTime')}</option>
          <option value={30}>{t('pl.partTime')}</option>
        </select>
      </Field>
      <div className="field field-button">
        <button type="submit" className="button-secondary">
          {t('pl.change')}
        </button>
      </div>
    </form>
  );
}

/** Re-rank, remove or add wishes of an existing application (PATCH with the new order). */
export function WishesForm({ app, act, childName }: { app: Application; act: Act; childName: string }) {
  const { t } = useT();
  const id = useId();
  const [wishes, setWishes] = useState(app.wishes.map((w) => ({ unitId: w.unitId, unitName: w.unitName })));
  const [adding, setAdding] = useState('');
  const { data: units } = useApi<CitizenUnits>('/api/citizen/units');
  const options = (units?.units ?? [])
    .filter((u) => TYPES_FOR[app.placeKind].includes(u.type) && !wishes.some((w) => w.unitId === u.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const move = (i: number, d: number) => {
    const n = [...wishes];
    [n[i], n[i + d]] = [n[i + d]!, n[i]!];
    setWishes(n);
  };
  return (
    <form
      aria-labelledby={id}
      onSubmit={(e) => {
        e.preventDefault();
        void act(
          () => api.patch(`/api/citizen/applications/${app.id}`, { wishes: wishes.map((w) => w.unitId) }),
          done(
            t('rc.wishes', { child: childName }),
            [[t('pl.receiptWishes'), wishes.map((w, i) => `${i + 1}. ${w.unitName}`).join(', ')]],
            t('saved'),
          ),
        );
      }}
    >
      <h4 id={id}>{t('pl.wishesChange')}</h4>
      <ol>
        {wishes.map((w, i) => (
          <li key={w.unitId}>
            {w.unitName}{' '}
            <button type="button" className="button-secondary" disabled={i === 0} onClick={() => move(i, -1)}>
              {t('pl.wishUp')}
              <span className="visually-hidden">: {w.unitName}</span>
            </button>{' '}
            <button
              type="button"
              className="button-secondary"
              disabled={i === wishes.length - 1}
              onClick={() => move(i, 1)}
            >
              {t('pl.wishDown')}
              <span className="visually-hidden">: {w.unitName}</span>
            </button>{' '}
            <button
              type="button"
              className="button-secondary"
              disabled={wishes.length === 1}
              onClick={() => setWishes(wishes.filter((_, j) => j !== i))}
            >
              {t('pl.wishRemove')}
              <span className="visually-hidden">: {w.unitName}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="filter-row">
        <Field id={id + 'a'} label={t('pl.wishAdd')}>
          <select id={id + 'a'} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">{t('pl.noWish')}</option>
            {options.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <div className="field field-button">
          <button
            type="button"
            className="button-secondary"
            disabled={!adding}
            onClick={() => {
              const u = options.find((o) => o.id === adding);
              if (u) setWishes([...wishes, { unitId: u.id, unitName: u.name }]);
              setAdding('');
            }}
          >
            {t('pl.wishAddButton')}
          </button>
        </div>
      </div>
      <p>
        <button type="submit" className="button-secondary">
          {t('pl.wishesSave')}
        </button>
      </p>
    </form>
  );
}
