// The calendar of one unit's free days for a child, and why a unit's first free day is later than the wished one.
import { useState } from 'react';
import { query } from '../shared/api.js';
import { ErrorMessage, Loading, useApi } from '../shared/components.js';
import { formatDate } from '../shared/format.js';
import { useT, type Lang, type T } from '../shared/i18n.js';
import type {
  Availability,
  AvailabilityItem as Item,
  Calendar,
  CalendarDay as Day,
} from '../../src/modules/booking/contract.js';

/** Why a unit's first free day is later than the wished one: the child's age, or the unit is full until then. */
export function laterBecause(i: Item, a: Availability, wished: string, t: T, lang: Lang): string {
  if (i.start <= wished) return '';
  if (a.child.earliestStart > wished && i.start === a.child.earliestStart)
    return t('guard.book.laterAge', {
      date: formatDate(i.start, lang),
      child: a.child.name.split(' ')[0] ?? '',
      earliest: formatDate(a.child.earliestStart, lang),
    });
  return t('guard.book.laterFull', {
    date: formatDate(i.start, lang),
    unit: i.name,
    wished: formatDate(wished, lang),
  });
}

const WEEKDAYS = ['day.mon', 'day.tue', 'day.wed', 'day.thu', 'day.fri'] as const;

export function UnitCalendar({
  unit,
  childId,
  excludeBookingId,
  moving,
  onChoose,
}: {
  unit: Item;
  childId: string;
  excludeBookingId?: string;
  moving: boolean;
  onChoose: (d: string) => void;
}) {
  const { t, lang } = useT();
  const [from, setFrom] = useState(unit.start.slice(0, 8) + '01');
  const path =
    '/api/citizen/booking/calendar' + query({ childId, unitId: unit.unitId, from, days: 62, excludeBookingId });
  const { data, error, loading } = useApi<Calendar>(path);
  const months = new Map<string, Day[]>();
  for (const d of data?.days ?? []) {
    const k = d.date.slice(0, 7);
    months.set(k, [...(months.get(k) ?? []), d]);
  }
  const shiftMonths = (n: number) => {
    const [y, m] = from.split('-').map(Number);
    const x = new Date(Date.UTC(y!, m! - 1 + n, 1));
    setFrom(x.toISOString().slice(0, 10));
  };
  return (
    <section aria-labelledby="cal-h" className="card booking-calendar">
      <h2 id="cal-h">{t('book.calendarFor', { unit: unit.name })}</h2>
      <p className="hint">{t('book.calendarHint')}</p>
      <p>
        <button type="button" className="button-secondary" onClick={() => shiftMonths(-2)}>
          {t('book.earlier')}
        </button>{' '}
        <button type="button" className="button-secondary" onClick={() => shiftMonths(2)}>
          {t('book.later')}
        </button>
      </p>
      {loading && <Loading />}
      <ErrorMessage error={error} />
      {[...months.entries()].map(([month, days]) => {
        const weekdays = days.filter((d) => {
          const w = new Date(d.date + 'T12:00:00Z').getUTCDay();
          return w >= 1 && w <= 5;
        });
        const rows: (Day | null)[][] = [];
        let row: (Day | null)[] = [];
        for (const d of weekdays) {
          const w = new Date(d.date + 'T12:00:00Z').getUTCDay() - 1;
          if (row.length === 0) row = Array(w).fill(null);
          row.push(d);
          if (w === 4) {
            rows.push(row);
            row = [];
          }
        }
        if (row.length) rows.push([...row, ...Array(5 - row.length).fill(null)]);
        const title = new Date(month + '-01T12:00:00Z').toLocaleDateString(lang === 'da' ? 'da-DK' : 'en-GB', {
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        });
        return (
          <div key={month} className="table-wrap">
            <table className="compact">
              <caption>{title}</caption>
              <thead>
                <tr>
                  {WEEKDAYS.map((w) => (
                    <th key={w} scope="col">
                      {t(w)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, k) => (
                  <tr key={k}>
                    {r.map((d, j) => (
                      <td key={j} style={d?.status === 'free' ? { background: 'var(--ok-bg)' } : undefined}>
                        {d &&
                          (d.status === 'free' ? (
                            <button
                              type="button"
                              className="button"
                              onClick={() => onChoose(d.date)}
                              aria-label={t(moving ? 'book.moveTo' : 'book.bookFrom', {
                                date: formatDate(d.date, lang),
                              })}
                            >
                              {Number(d.date.slice(8))}
                            </button>
                          ) : (
                            <span>
                              {Number(d.date.slice(8))} <span className="muted">{t(`book.${d.status}`)}</span>
                            </span>
                          ))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
