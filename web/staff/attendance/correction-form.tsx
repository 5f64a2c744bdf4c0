// Correcting a child's registration: status, times and a reason, kept in the registration's trail.
import { useId, useState } from 'react';
import { api } from '../../shared/api.js';
import { ErrorMessage, useApi } from '../../shared/components.js';
import { formatDate, formatDateTime, formatTime } from '../../shared/format.js';
import { useT } from '../../shared/i18n.js';
import type { OverviewChild } from './types.js';

import type { AttendanceEvent as Event } from '../../../src/modules/attendance/contract.js';

export function CorrectionForm({
  unitId,
  date,
  child,
  onDone,
}: {
  unitId: string;
  date: string;
  child: OverviewChild;
  onDone: () => void;
}) {
  const { t, lang } = useT();
  const id = useId();
  const [status, setStatus] = useState(child.status);
  const [checkIn, setCheckIn] = useState(child.checkIn ?? '');
  const [checkOut, setCheckOut] = useState(child.checkOut ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const url = `/api/staff/units/${unitId}/attendance/${child.id}/${date}`;
  const { data: events } = useApi<Event[]>(`${url}/events`);
  const save = async () => {
    try {
      await api.put(url, {
        status,
        checkIn: checkIn || null,
        checkOut: checkOut || null,
        pickupBy: child.pickupBy,
        reason,
      });
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel" aria-labelledby={id + 'h'}>
      <h2 id={id + 'h'}>
        {t('att.correctTitle', { name: `${child.firstName} ${child.lastName}`, date: formatDate(date, lang) })}
      </h2>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor={id + 's'}>{t('att.status')}</label>
          <select id={id + 's'} value={status} onChange={(e) => setStatus(Number(e.target.value))}>
            {[0, 1, 2, 3, 4, 5, 6, 7, 8].map((s) => (
              <option key={s} value={s}>
                {s} · {t(`status.${s}` as 'status.0')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id + 'i'}>{t('att.in')}</label>
          <input id={id + 'i'} type="time" value={checkIn} onChange={(e) => setCheckIn(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id + 'o'}>{t('att.out')}</label>
          <input id={id + 'o'} type="time" value={checkOut} onChange={(e) => setCheckOut(e.target.value)} />
        </div>
        <div className="field grid-span">
          <label htmlFor={id + 'r'}>{t('att.reason')}</label>
          <input
            id={id + 'r'}
            className="input-wide"
            value={reason}
            maxLength={500}
            required
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <ErrorMessage error={error} />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('att.saveCorrection')}
          </button>
          <button type="button" className="button-secondary" onClick={onDone}>
            {t('term.cancel')}
          </button>
        </div>
      </form>
      <h3>{t('att.trail')}</h3>
      {events && events.length === 0 && <p className="muted">{t('att.noTrail')}</p>}
      <ul className="plain-list">
        {events?.map((e) => (
          <li key={e.id}>
            {formatDateTime(e.at, lang)} · {t(`status.${e.status}` as 'status.0')}{' '}
            {e.checkIn ? formatTime(e.checkIn, lang) : ''}
            {e.checkOut ? `–${formatTime(e.checkOut, lang)}` : ''} · {e.by ?? t('att.parent')}
            {e.reason ? ` · ${e.reason}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
