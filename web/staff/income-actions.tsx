// Finance/caseworker on a family's account: regulate the household income during the year (applied only at ≥ 5 steps)
// and the yearly true-up against the final income (the next run corrects the year's months).
import { useId, useState } from 'react';
import { api } from '../shared/api.js';
import { ErrorMessage, Field, Status } from '../shared/components.js';
import { useT } from '../shared/i18n.js';
import { kronerToOere } from '../shared/format.js';
import { useToday, yearOf } from '../shared/today.js';

export function IncomeActions({ householdId, onDone }: { householdId: string; onDone: () => void }) {
  const { t } = useT();
  const id = useId();
  const [reg, setReg] = useState({ amount: '', month: '' });
  const today = useToday();
  const [up, setUp] = useState({ amount: '', year: String(yearOf(today) - 1) });
  const [ok, setOk] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  async function act(fn: () => Promise<string>) {
    setOk(null);
    setErr(null);
    try {
      setOk(await fn());
      onDone();
    } catch (x) {
      setErr(x);
    }
  }
  const regulate = () =>
    act(async () => {
      const r = await api.post<{ applied: boolean; stepsMoved: number; payPercent: number }>(
        '/api/staff/billing/incomes/regulate',
        { householdId, yearlyOere: kronerToOere(reg.amount), start: `${reg.month}-01` },
      );
      return r.applied
        ? t('billing.regulate.applied', { steps: r.stepsMoved, pct: r.payPercent })
        : t('billing.regulate.notApplied', { steps: r.stepsMoved, pct: r.payPercent });
    });
  const trueUp = () =>
    act(async () => {
      const r = await api.post<{ payPercent: number }>('/api/staff/billing/incomes/true-up', {
        householdId,
        year: Number(up.year),
        finalYearlyOere: kronerToOere(up.amount),
      });
      return t('billing.trueUp.done', { year: up.year, pct: r.payPercent });
    });
  return (
    <section className="panel" aria-labelledby={id + 'h'}>
      <h2 id={id + 'h'}>{t('billing.incomeCase.heading')}</h2>
      <form
        className="filter-row"
        onSubmit={(e) => {
          e.preventDefault();
          void regulate();
        }}
      >
        <Field id={id + 'ra'} label={t('billing.regulate.income')}>
          <input
            id={id + 'ra'}
            inputMode="decimal"
            pattern="[0-9.]+(,[0-9]{1,2})?"
            required
            value={reg.amount}
            onChange={(e) => setReg({ ...reg, amount: e.target.value })}
          />
        </Field>
        <Field id={id + 'rm'} label={t('billing.regulate.from')}>
          <input
            id={id + 'rm'}
            type="month"
            required
            value={reg.month}
            onChange={(e) => setReg({ ...reg, month: e.target.value })}
          />
        </Field>
        <div className="field field-button">
          <button type="submit" className="button">
            {t('billing.regulate.button')}
          </button>
        </div>
      </form>
      <form
        className="filter-row"
        onSubmit={(e) => {
          e.preventDefault();
          void trueUp();
        }}
      >
        <Field id={id + 'uy'} label={t('billing.year')}>
          <input
            id={id + 'uy'}
            inputMode="numeric"
            pattern="[0-9]{4}"
            required
            value={up.year}
            onChange={(e) => setUp({ ...up, year: e.target.value })}
          />
        </Field>
        <Field id={id + 'ua'} label={t('billing.trueUp.income')}>
          <input
            id={id + 'ua'}
            inputMode="decimal"
            pattern="[0-9.]+(,[0-9]{1,2})?"
            required
            value={up.amount}
            onChange={(e) => setUp({ ...up, amount: e.target.value })}
          />
        </Field>
        <div className="field field-button">
          <button type="submit" className="button">
            {t('billing.trueUp.button')}
          </button>
        </div>
      </form>
      <Status text={ok} />
      <ErrorMessage error={err} />
    </section>
  );
}
