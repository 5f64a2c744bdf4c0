// "Book en plads": free places for a child from a wished date (list + per-unit calendar), book, move and cancel.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, query } from '../shared/api.js';
import { ErrorMessage, Field, Loading, Page, useApi } from '../shared/components.js';
import { formatDate, formatKm, plusDays } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { ConfirmDialog, Progress, useAction } from '../shared/guard.js';
import { ErrorSummary, fieldAria, focusField, FormField, type FieldError } from '../shared/steps.js';
import { LoginRequired } from '../shared/layout.js';
import { useSession } from '../shared/session.js';
import type { CitizenChild } from '../shared/types.js';

import type {
  Availability,
  AvailabilityItem as Item,
  Booked,
  Booking,
  Cancelled,
  Moved,
} from '../../src/modules/booking/contract.js';
import type { Overview as PlacementOverview } from '../../src/modules/placement/contract.js';
import { laterBecause, UnitCalendar } from './book-calendar.js';
import {
  BookingReceipt,
  BookingSummary,
  CancelReceipt,
  type BookedReceipt,
  type CancelledReceipt,
  type Pending,
} from './book-summary.js';

/** Units listed at a time: the search sends only these (the nearest, or the earliest). */
const SHOWN = 60;

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

  const [searchErrors, setSearchErrors] = useState<FieldError[]>([]);
  const [searchAttempt, setSearchAttempt] = useState(0);
  const run = (e?: FormEvent) => {
    e?.preventDefault();
    const problems: FieldError[] =
      !wished || wished <= today
        ? [{ field: 'book-wished', text: t('bk.err.wished', { date: formatDate(plusDays(today, 1), lang) }) }]
        : [];
    setSearchErrors(problems);
    setSearchAttempt((n) => n + 1);
    if (problems.length) {
      setSearch(null);
      return;
    }
    setUnit(null);
    setMessage(null);
    setFailure(null);
    setAlternatives(null);
    setSearch(
      '/api/citizen/booking/availability' +
        query({ childId: moving?.childId ?? childId, wished, sort, limit: SHOWN, excludeBookingId: moving?.id }),
    );
  };

  // A day chosen in the calendar goes to the summary; a booking to cancel waits for the family's confirmation.
  const [pending, setPending] = useState<Pending | null>(null);
  const [receipt, setReceipt] = useState<BookedReceipt | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const [cancelled, setCancelled] = useState<CancelledReceipt | null>(null);
  const childName = (id: string) => {
    const c = children.data?.find((x) => x.id === id);
    return c ? `${c.firstName} ${c.lastName}` : '';
  };

  const choose = async (u: { unitId: string; name: string }, date: string) => {
    setFailure(null);
    setAlternatives(null);
    setMessage(null);
    try {
      const r = moving
        ? await api.post<Moved>(`/api/citizen/bookings/${moving.id}/move`, { unitId: u.unitId, start: date })
        : await api.post<Booked>('/api/citizen/bookings', { childId, unitId: u.unitId, start: date });
      setReceipt({
        moved: !!moving,
        child: childName(moving?.childId ?? childId) || (moving?.childName ?? ''),
        unit: r.unitName,
        start: r.start,
        end: r.end,
        changeDeadline: r.changeDeadline,
        at: today,
      });
      setMoving(null);
      setPending(null);
      setUnit(null);
      setSearch(null);
      setCancelled(null);
      setTick((n) => n + 1);
    } catch (e) {
      setFailure(e);
      setAttempt((n) => n + 1);
      // "No longer free" comes with the nearest units that have room.
      if (e instanceof ApiError && e.code === 'booking.no-longer-free')
        setAlternatives((e.body as { alternatives?: Item[] } | undefined)?.alternatives ?? []);
    }
  };

  const cancel = async (b: Booking) => {
    setFailure(null);
    try {
      const r = await api.post<Cancelled>(`/api/citizen/bookings/${b.id}/cancel`);
      // The waitlist after the cancellation (it does not change it); unknown if it cannot be read.
      const waitlist = await api.get<PlacementOverview>('/api/citizen/placement').then(
        (o) =>
          o.children
            .find((c) => c.id === b.childId)
            ?.applications.flatMap((a) => a.wishes.map((w) => ({ unit: w.unitName, position: w.position }))) ?? [],
        () => null,
      );
      setReceipt(null);
      setPending(null);
      setMoving(null);
      setUnit(null);
      setSearch(null);
      setMessage(null);
      setCancelled({
        child: childName(b.childId) || b.childName,
        unit: b.unitName,
        start: b.start,
        at: today,
        previousPlace: r.previousPlace,
        waitlist,
      });
      setTick((n) => n + 1);
    } catch (e) {
      setFailure(e);
    }
  };

  const booking = useAction(() => (pending ? choose(pending.unit, pending.date) : Promise.resolve()));
  const cancelAction = useAction(() => (cancelling ? cancel(cancelling) : Promise.resolve()));

  const alternativesList =
    alternatives &&
    (alternatives.length === 0 ? (
      <p>{t('book.none')}</p>
    ) : (
      <>
        <p>{t('book.gone')}</p>
        <ul aria-label={t('book.gone')}>
          {alternatives.map((a) => (
            <li key={a.unitId}>
              {a.name}: {formatDate(a.start, lang)}
              {a.distanceKm !== null ? ` · ${formatKm(a.distanceKm, lang)}` : ''}
            </li>
          ))}
        </ul>
      </>
    ));
  if (children.loading && !children.data) return <Loading />;
  return (
    <Page title={t('book.title')} lead={t('book.lead')}>
      <p className="status" role="status">
        {message && <span className="status-ok">{message}</span>}
      </p>
      {(booking.running || cancelAction.running) && (
        <Progress text={t(booking.running ? 'guard.book.running' : 'saving')} progress={null} />
      )}
      {!pending && <ErrorMessage error={failure} />}
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
                        setReceipt(null);
                        setCancelled(null);
                        setPending(null);
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
      {cancelled && (
        <CancelReceipt
          r={cancelled}
          onAgain={() => {
            setCancelled(null);
            focusField('book-wished');
          }}
        />
      )}
      {receipt && (
        <BookingReceipt
          r={receipt}
          onAgain={() => {
            setReceipt(null);
            focusField('book-wished');
          }}
        />
      )}
      {pending && (
        <BookingSummary
          pending={pending}
          child={childName(moving?.childId ?? childId) || (moving?.childName ?? '')}
          wished={wished}
          availability={result.data}
          moving={!!moving}
          running={booking.running}
          error={failure}
          attempt={attempt}
          alternatives={alternativesList}
          onBook={() => void booking.run()}
          onEditChild={() => {
            setPending(null);
            setUnit(null);
            setFailure(null);
            focusField('book-child');
          }}
          onEditDate={() => {
            setPending(null);
            setFailure(null);
            focusField('cal-h');
          }}
        />
      )}
      {pending || receipt || cancelled ? null : children.data?.length === 0 ? (
        <p>{t('book.noChildren')}</p>
      ) : (
        <form className="form-grid" onSubmit={run} noValidate>
          <div className="grid-span">
            <ErrorSummary errors={searchErrors} attempt={searchAttempt} />
          </div>
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
          <FormField id="book-wished" label={t('book.wished')} errors={searchErrors}>
            <input
              id="book-wished"
              type="date"
              value={wished}
              min={plusDays(today, 1)}
              {...fieldAria('book-wished', searchErrors)}
              onChange={(e) => setWished(e.target.value)}
              required
            />
          </FormField>
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
      {!pending && result.loading && <Loading />}
      {!pending && <ErrorMessage error={result.error} />}
      {!pending && search && result.data && !result.loading && (
        <section aria-labelledby="res-h">
          <h2 id="res-h">{t('book.results', { date: formatDate(wished, lang) })}</h2>
          {result.data.policy.modeNursery === 'hybrid' && (
            <p className="notice">{t('book.mode.hybrid', { n: result.data.policy.hybridMonths })}</p>
          )}
          {result.data.total > result.data.items.length && (
            <p className="muted">{t('book.shown', { n: result.data.items.length, total: result.data.total })}</p>
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
                  {result.data.items.map((i) => (
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
      {unit && !pending && (
        <UnitCalendar
          key={unit.unitId}
          unit={unit}
          childId={moving?.childId ?? childId}
          excludeBookingId={moving?.id}
          moving={!!moving}
          onChoose={(d) => {
            if (!booking.running) {
              setFailure(null);
              setAlternatives(null);
              setPending({ unit, date: d });
            }
          }}
        />
      )}
    </Page>
  );
}
