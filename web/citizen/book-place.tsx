// "Book en plads": free places for a child from a wished date (list + per-unit calendar), book, move and cancel.
import { useEffect, useState } from 'react';
import { api, ApiError, query } from '../shared/api.js';
import { ErrorMessage, Field, Loading, Page, useApi } from '../shared/components.js';
import { formatDate, formatKm, plusDays } from '../shared/format.js';
import { useT, type T } from '../shared/i18n.js';
import { ConfirmDialog, Progress, useAction } from '../shared/guard.js';
import type { Lang } from '../shared/i18n.js';
import { LoginRequired } from '../shared/layout.js';
import { useSession } from '../shared/session.js';
import type { CitizenChild } from '../shared/types.js';

import type {
  Availability,
  AvailabilityItem as Item,
  Booked,
  Booking,
  Calendar,
  CalendarDay as Day,
  Moved,
} from '../../src/modules/booking/contract.js';

export function BookPlacePage() {
  const { t } = useT();
  const { me, loading } = useSession();
  if (loading) return <Loading />;
  if (!me?.user) return <LoginRequired />;
  if (me.user.role !== 'guardian') return <Page title={t('book.title')} lead={t('children.staffUser')} />;
  return <Booker today={me.today} userId={me.user.id} />;
}

function Booker({ today, userId }: { today: string; userId: string }) {
  const { t, lang } = useT();
  const children = useApi<CitizenChild[]>('/api/citizen/children', userId);
  const [tick, setTick] = useState(0);
  const bookings = useApi<Booking[]>('/api/citizen/bookings', `${userId}-${tick}`);
  const [childId, setChildId] = useState('');
  const [wished, setWished] = useState(plusDays(today, 42));
  const [sort, setSort] = useState<'distance' | 'date'>('distance');
  const [search, setSearch] = useState<string | null>(null);
  const [unit, setUnit] = useState<Item | null>(null);
  const [moving, setMoving] = useState<Booking | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [alternatives, setAlternatives] = useState<Item[] | null>(null);
  useEffect(() => {
    if (!childId && children.data?.length) setChildId(children.data[0]!.id);
  }, [children.data, childId]);
  const result = useApi<Availability>(search, tick);

  const run = (e?: React.FormEvent) => {
    e?.preventDefault();
    setUnit(null);
    setMessage(null);
    setFailure(null);
    setAlternatives(null);
    setSearch(
      '/api/citizen/booking/availability' +
        query({ childId: moving?.childId ?? childId, wished, sort, excludeBookingId: moving?.id }),
    );
  };

  // A day chosen in the calendar (or a booking to cancel) waits for the family's confirmation.
  const [pending, setPending] = useState<{ unit: { unitId: string; name: string }; date: string } | null>(null);
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const childName = (id: string) => {
    const c = children.data?.find((x) => x.id === id);
    return c ? `${c.firstName} ${c.lastName}` : '';
  };

  const choose = async (u: { unitId: string; name: string }, date: string) => {
    setFailure(null);
    setAlternatives(null);
    setMessage(null);
    try {
      if (moving) {
        const r = await api.post<Moved>(`/api/citizen/bookings/${moving.id}/move`, { unitId: u.unitId, start: date });
        setMessage(t('book.movedOk', { unit: r.unitName, date: formatDate(r.start, lang) }));
        setMoving(null);
      } else {
        const r = await api.post<Booked>('/api/citizen/bookings', { childId, unitId: u.unitId, start: date });
        const child = children.data?.find((c) => c.id === childId);
        setMessage(
          t('book.confirmed', {
            child: child?.firstName ?? '',
            unit: r.unitName,
            date: formatDate(r.start, lang),
            deadline: formatDate(r.changeDeadline, lang),
          }),
        );
      }
      setUnit(null);
      setSearch(null);
      setTick((n) => n + 1);
    } catch (e) {
      setFailure(e);
      if (e instanceof ApiError && e.code === 'booking.no-longer-free') {
        const again = await api.get<Availability>(
          '/api/citizen/booking/availability' +
            query({
              childId: moving?.childId ?? childId,
              wished: date,
              sort: 'distance',
              excludeBookingId: moving?.id,
            }),
        );
        setAlternatives(again.items.slice(0, 5));
      }
    }
  };

  const cancel = async (b: Booking) => {
    setFailure(null);
    try {
      await api.post(`/api/citizen/bookings/${b.id}/cancel`);
      setMessage(t('book.cancelledOk'));
      setTick((n) => n + 1);
    } catch (e) {
      setFailure(e);
    }
  };

  const booking = useAction(() => (pending ? choose(pending.unit, pending.date) : Promise.resolve()));
  const cancelAction = useAction(() => (cancelling ? cancel(cancelling) : Promise.resolve()));

  if (children.loading && !children.data) return <Loading />;
  return (
    <Page title={t('book.title')} lead={t('book.lead')}>
      <p className="status" role="status">
        {message && <span className="status-ok">{message}</span>}
      </p>
      {(booking.running || cancelAction.running) && (
        <Progress text={t(booking.running ? 'guard.book.running' : 'saving')} progress={null} />
      )}
      <ErrorMessage error={failure} />
      <ConfirmDialog
        open={!!pending}
        title={t(moving ? 'guard.move.title' : 'guard.book.title')}
        consequence={t('guard.book.consequence')}
        confirmLabel={t(moving ? 'guard.move.confirm' : 'guard.book.confirm')}
        onConfirm={() => void booking.run()}
        onClose={() => setTimeout(() => setPending(null), 0)}
      >
        {pending && (
          <dl className="facts">
            <div>
              <dt>{t('guard.book.child')}</dt>
              <dd>{moving ? moving.childName : childName(childId)}</dd>
            </div>
            <div>
              <dt>{t('guard.book.unit')}</dt>
              <dd>{pending.unit.name}</dd>
            </div>
            <div>
              <dt>{t('guard.book.start')}</dt>
              <dd>{formatDate(pending.date, lang)}</dd>
            </div>
            <div>
              <dt>{t('guard.book.hours')}</dt>
              <dd>{t('guard.book.fullTime')}</dd>
            </div>
          </dl>
        )}
        {pending && pending.date !== wished && (
          <p>{t('guard.book.chosen', { date: formatDate(pending.date, lang), wished: formatDate(wished, lang) })}</p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={!!cancelling}
        title={t('guard.cancelBooking.title', { unit: cancelling?.unitName ?? '' })}
        consequence={t('guard.cancelBooking.consequence')}
        confirmLabel={t('book.cancel')}
        onConfirm={() => void cancelAction.run()}
        onClose={() => setTimeout(() => setCancelling(null), 0)}
      >
        {cancelling && (
          <p>
            {cancelling.childName} · {cancelling.unitName} · {formatDate(cancelling.start, lang)}
          </p>
        )}
      </ConfirmDialog>
      {alternatives && (
        <ul>
          {alternatives.map((a) => (
            <li key={a.unitId}>
              {a.name}: {formatDate(a.start, lang)}
              {a.distanceKm !== null ? ` · ${formatKm(a.distanceKm, lang)}` : ''}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">{t('book.mine')}</h2>
        {bookings.data && bookings.data.filter((b) => b.status === 'active').length === 0 && (
          <p className="muted">{t('book.mineNone')}</p>
        )}
        <ul className="placement-list">
          {bookings.data
            ?.filter((b) => b.status === 'active')
            .map((b) => (
              <li key={b.id}>
                <strong>{b.childName}</strong> · {b.unitName} · {formatDate(b.start, lang)}
                <span className="muted">
                  {' '}
                  ·{' '}
                  {b.changeable
                    ? t('book.changeUntil', { date: formatDate(b.changeDeadline, lang) })
                    : t('book.locked')}
                </span>
                {b.changeable && (
                  <span className="button-row">
                    {' '}
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => {
                        setMoving(b);
                        setSearch(null);
                        setUnit(null);
                        setMessage(t('book.moving', { unit: b.unitName }));
                      }}
                    >
                      {t('book.move')} <span className="visually-hidden">{b.unitName}</span>
                    </button>{' '}
                    <button
                      type="button"
                      className="button-secondary"
                      aria-disabled={cancelAction.running || undefined}
                      onClick={() => !cancelAction.running && setCancelling(b)}
                    >
                      {t('book.cancel')} <span className="visually-hidden">{b.unitName}</span>
                    </button>
                  </span>
                )}
              </li>
            ))}
        </ul>
        {moving && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setMoving(null);
              setMessage(null);
            }}
          >
            {t('book.stopMoving')}
          </button>
        )}
      </section>
      {children.data?.length === 0 ? (
        <p>{t('book.noChildren')}</p>
      ) : (
        <form className="form-grid" onSubmit={run}>
          <Field id="book-child" label={t('book.child')}>
            <select
              id="book-child"
              value={moving?.childId ?? childId}
              disabled={!!moving}
              onChange={(e) => setChildId(e.target.value)}
            >
              {children.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.firstName} {c.lastName}
                </option>
              ))}
            </select>
          </Field>
          <Field id="book-wished" label={t('book.wished')}>
            <input
              id="book-wished"
              type="date"
              value={wished}
              min={plusDays(today, 1)}
              onChange={(e) => setWished(e.target.value)}
              required
            />
          </Field>
          <Field id="book-sort" label={t('book.sort')}>
            <select id="book-sort" value={sort} onChange={(e) => setSort(e.target.value as 'distance' | 'date')}>
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
      )}
      {result.loading && <Loading />}
      <ErrorMessage error={result.error} />
      {search && result.data && !result.loading && (
        <section aria-labelledby="res-h">
          <h2 id="res-h">{t('book.results', { date: formatDate(wished, lang) })}</h2>
          {result.data.policy.modeNursery === 'hybrid' && (
            <p className="notice">{t('book.mode.hybrid', { n: result.data.policy.hybridMonths })}</p>
          )}
          {result.data.items.length === 0 ? (
            <p>{t('book.none')}</p>
          ) : (
            <div
              className="table-wrap"
              tabIndex={0}
              role="region"
              aria-label={t('book.results', { date: formatDate(wished, lang) })}
            >
              <table>
                <caption className="visually-hidden">{t('book.results', { date: formatDate(wished, lang) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('book.col.unit')}</th>
                    <th scope="col">{t('book.col.type')}</th>
                    <th scope="col">{t('book.col.distance')}</th>
                    <th scope="col">{t('book.col.start')}</th>
                    <th scope="col">{t('book.col.until')}</th>
                    <th scope="col">{t('book.col.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.data.items.slice(0, 60).map((i) => (
                    <tr key={i.unitId}>
                      <th scope="row">
                        {i.name}
                        <br />
                        <span className="muted">{i.address}</span>
                      </th>
                      <td>{t(`type.${i.type}` as any)}</td>
                      <td>{i.distanceKm === null ? t('none') : formatKm(i.distanceKm, lang)}</td>
                      <td>
                        {formatDate(i.start, lang)}
                        {i.onWished ? (
                          <>
                            <br />
                            <span className="status-ok">{t('book.onWished')}</span>
                          </>
                        ) : (
                          <>
                            <br />
                            <span className="hint">{laterBecause(i, result.data!, wished, t, lang)}</span>
                          </>
                        )}
                      </td>
                      <td>{formatDate(i.end, lang)}</td>
                      <td>
                        <button
                          type="button"
                          className="button-secondary"
                          onClick={() => setUnit(i)}
                          aria-label={`${t('book.calendar')}: ${i.name}`}
                        >
                          {t('book.calendar')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      {unit && (
        <UnitCalendar
          key={unit.unitId}
          unit={unit}
          childId={moving?.childId ?? childId}
          excludeBookingId={moving?.id}
          moving={!!moving}
          onChoose={(d) => {
            if (!booking.running) setPending({ unit, date: d });
          }}
        />
      )}
    </Page>
  );
}

/** Why a unit's first free day is later than the wished one: the child's age, or the unit is full until then. */
function laterBecause(i: Item, a: Availability, wished: string, t: T, lang: Lang): string {
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

function UnitCalendar({
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
