// A unit's capacity: chart, table of periods and a form to add a period.
import { useId, useState, type FormEvent } from 'react';
import { api } from '../shared/api.js';
import { DataTable, ErrorMessage, Field, Status } from '../shared/components.js';
import { formatDate, isCurrent } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useCan, useSession } from '../shared/session.js';
import { AGE_BANDS, type AgeBand } from '../shared/types.js';
import type { UnitDetail } from '../../src/modules/registry/contract.js';
import { CapacityChart } from './capacity-chart.js';

export function UnitCapacity({ unit, onChanged }: { unit: UnitDetail; onChanged: () => void }) {
  const { t, lang } = useT();
  const { me } = useSession();
  const can = useCan();
  const today = me?.today ?? '';
  const current: Partial<Record<AgeBand, number>> = {};
  for (const c of unit.capacity) if (isCurrent(c, today)) current[c.ageBand] = (current[c.ageBand] ?? 0) + c.places;
  const periods = [...unit.capacity].sort(
    (a, b) => AGE_BANDS.indexOf(a.ageBand) - AGE_BANDS.indexOf(b.ageBand) || a.start.localeCompare(b.start),
  );

  return (
    <>
      <CapacityChart capacity={current} enrolled={unit.enrolled} />
      {periods.length === 0 ? (
        <p className="muted">{t('cap.none')}</p>
      ) : (
        <DataTable caption={t('cap.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('col.ageBand')}</th>
              <th scope="col" className="num">
                {t('col.places')}
              </th>
              <th scope="col">{t('col.start')}</th>
              <th scope="col">{t('col.end')}</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((c) => (
              <tr key={c.id} className={isCurrent(c, today) ? 'is-current' : undefined}>
                <th scope="row">{t('band', { band: c.ageBand.replace('-', '–') })}</th>
                <td className="num">{c.places}</td>
                <td>{formatDate(c.start, lang)}</td>
                <td>{c.end ? formatDate(c.end, lang) : t('cap.open')}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {can('registry.change-capacity') && <AddCapacityForm unitId={unit.id} onAdded={onChanged} />}
    </>
  );
}

function AddCapacityForm({ unitId, onAdded }: { unitId: string; onAdded: () => void }) {
  const { t } = useT();
  const id = useId();
  const [ageBand, setAgeBand] = useState<AgeBand>('0-2');
  const [places, setPlaces] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api.post(`/api/staff/units/${encodeURIComponent(unitId)}/capacity`, {
        ageBand,
        places: Number(places),
        start,
        end: end || null,
      });
      setPlaces('');
      setStart('');
      setEnd('');
      setDone(t('cap.added'));
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="subform" aria-labelledby={id + 'h'} onSubmit={(e) => void submit(e)}>
      <h3 id={id + 'h'}>{t('cap.add')}</h3>
      <div className="filter-row">
        <Field id={id + 'band'} label={t('col.ageBand')}>
          <select id={id + 'band'} value={ageBand} onChange={(e) => setAgeBand(e.target.value as AgeBand)}>
            {AGE_BANDS.map((b) => (
              <option key={b} value={b}>
                {t('band', { band: b.replace('-', '–') })}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id + 'places'} label={t('col.places')}>
          <input
            id={id + 'places'}
            type="number"
            min={0}
            step={1}
            required
            inputMode="numeric"
            value={places}
            onChange={(e) => setPlaces(e.target.value)}
          />
        </Field>
        <Field id={id + 'start'} label={t('col.start')}>
          <input id={id + 'start'} type="date" required value={start} onChange={(e) => setStart(e.target.value)} />
        </Field>
        <Field id={id + 'end'} label={`${t('col.end')} (${t('optional')})`}>
          <input
            id={id + 'end'}
            type="date"
            min={start || undefined}
            aria-describedby={id + 'endhint'}
            value={end}
            onChange={(e) => setEnd(e.target.value)}
          />
        </Field>
        <div className="field field-button">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('saving') : t('cap.submit')}
          </button>
        </div>
      </div>
      <p className="hint" id={id + 'endhint'}>
        {t('cap.endHint')}
      </p>
      <Status text={done} />
      <ErrorMessage error={error} />
    </form>
  );
}
