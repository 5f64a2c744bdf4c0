// A unit's closing days for the coming year (its own, the municipality's and public holidays); the unit leader adds
// the unit's own (they also block booking a place from that day).
import { useId, useState } from 'react';
import { api } from '../../shared/api.js';
import { DataTable, ErrorMessage, Status, useApi } from '../../shared/components.js';
import { formatDate, plusDays } from '../../shared/format.js';
import { useT } from '../../shared/i18n.js';

import type { ClosingDay } from '../../../src/modules/attendance/contract.js';

export function ClosingDays({ unitId, today, canAdd }: { unitId: string; today: string; canAdd: boolean }) {
  const { t, lang } = useT();
  const id = useId();
  const base = `/api/staff/units/${encodeURIComponent(unitId)}/closing-days`;
  const { data, reload } = useApi<ClosingDay[]>(`${base}?from=${plusDays(today, 1)}&to=${plusDays(today, 365)}`);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const add = async () => {
    try {
      await api.post(base, { date, name });
      setStatus(t('att.closingAdded', { date: formatDate(date, lang), name }));
      setDate('');
      setName('');
      setError(null);
      reload();
    } catch (e) {
      setError(e);
      setStatus(null);
    }
  };
  return (
    <section className="panel" aria-labelledby={id + 'h'}>
      <h2 id={id + 'h'}>{t('att.closingTitle')}</h2>
      {data && (
        <DataTable caption={t('att.closingCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('att.date')}</th>
              <th scope="col">{t('att.closingName')}</th>
              <th scope="col">{t('att.closingKind')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.date + d.name}>
                <th scope="row">{formatDate(d.date, lang)}</th>
                <td>{d.name}</td>
                <td>{t(d.kind === 'listed' ? 'att.closingListed' : 'att.closingHoliday')}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {canAdd && (
        <form
          className="filter-row"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <div className="field">
            <label htmlFor={id + 'd'}>{t('att.date')}</label>
            <input id={id + 'd'} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={id + 'n'}>{t('att.closingName')}</label>
            <input id={id + 'n'} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <p>
            <button type="submit" className="button">
              {t('att.closingAdd')}
            </button>
          </p>
        </form>
      )}
      <ErrorMessage error={error} />
      <Status text={status} />
    </section>
  );
}
