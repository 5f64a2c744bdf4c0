// "Book en plads": free places for a child from a wished date (list + per-unit calendar), book, move and cancel.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, query } from '../shared/api.js';
import { ErrorMessage, Loading, Page, useApi } from '../shared/components.js';
import { formatDate, plusDays } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { ConfirmDialog, Progress, useAction } from '../shared/guard.js';
import { focusField, type FieldError } from '../shared/steps.js';
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
import { MyBookings } from './book-bookings.js';
import { UnitCalendar } from './book-calendar.js';
import { Alternatives, FreePlaces } from './book-results.js';
import { SearchForm, type Sort } from './book-search.js';
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
  const [sort, setSort] = useState<Sort>('distance');
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
      <MyBookings
        bookings={bookings.data}
        moving={!!moving}
        cancelling={cancelAction.running}
        onMove={(b) => {
          setMoving(b);
          setReceipt(null);
          setCancelled(null);
          setPending(null);
          setSearch(null);
          setUnit(null);
          setMessage(t('book.moving', { unit: b.unitName }));
        }}
        onCancel={setCancelling}
        onStopMoving={() => {
          setMoving(null);
          setMessage(null);
        }}
      />
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
          alternatives={alternatives && <Alternatives units={alternatives} />}
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
        <SearchForm
          familyChildren={children.data}
          childId={moving?.childId ?? childId}
          moving={!!moving}
          wished={wished}
          sort={sort}
          today={today}
          errors={searchErrors}
          attempt={searchAttempt}
          onChild={setChildId}
          onWished={setWished}
          onSort={setSort}
          onSearch={run}
        />
      )}
      {!pending && result.loading && <Loading />}
      {!pending && <ErrorMessage error={result.error} />}
      {!pending && search && result.data && !result.loading && (
        <FreePlaces availability={result.data} wished={wished} onCalendar={setUnit} />
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
